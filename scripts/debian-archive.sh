# Sourced (POSIX sh): the machine's Debian archive and its keyring, read from its apt sources, for
# the scripts that fetch from that archive with a private configuration and never touch the
# machine's (fetch-oracle.sh, make-sysroot.sh, the roots of libvirt-e2e and check-authselect).
#   debian_archive RELEASE   prints "URI KEYRING" of the first source serving RELEASE (deb822 or
#                            one-line; KEYRING empty when the one-line entry names none)
#   bookworm_archive WHAT    sets uri and signed (" [signed-by=KEYRING]", or empty) from the
#                            machine's bookworm source: the machine runs Debian 12, whose
#                            debian-archive-keyring holds bullseye's, trixie's and sid's keys too;
#                            without one, says WHAT cannot be made and exits
# And for the scripts that keep a root made from it under a directory of their own:
#   root_cache DIR           makes DIR, sets dir to its real path and holds DIR/.lock until the
#                            script exits (descriptor 9): one maker at a time
#   root_cached STAMP FILE   true when dir/stamp holds STAMP (what the root was made by) and the
#                            root has FILE
debian_archive() {
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    awk -v want="$1" '
      /^[ \t]*$/ { if (uri && suite && key) { print uri, key; exit } uri = ""; suite = ""; key = ""; next }
      /^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) uri = $i }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) suite = 1 }
      /^Signed-By:/ { key = $2 }
      END { if (uri && suite && key) print uri, key }' "$f"
  done | head -1
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -e "$f" ] || continue
    sed -n "s|^deb \(\[[^]]*signed-by=\([^] ]*\)[^]]*\] \)\{0,1\}\([^ ]*/debian/\{0,1\}\) $1 .*|\3 \2|p" "$f"
  done | head -1
}

bookworm_archive() {
  set -- "$1" "$(debian_archive bookworm)"
  uri=${2%% *}
  key=${2#"$uri"}; key=${key# }
  if [ -z "$uri" ]; then
    echo "$(basename "$0" .sh): no Debian archive for bookworm in /etc/apt's sources: cannot make $1" >&2
    exit 1
  fi
  signed=${key:+ [signed-by=$key]}
}

root_cache() {
  mkdir -p "$1"
  dir=$(realpath "$1")
  exec 9>"$dir/.lock"
  flock 9
}

root_cached() {
  [ -e "$dir/root/$2" ] && [ "$(cat "$dir/stamp" 2>/dev/null)" = "$1" ]
}
