# Sourced (POSIX sh): the machine's Debian archive and its keyring, read from its apt sources, for
# the scripts that fetch from that archive with a private configuration and never touch the
# machine's (fetch-oracle.sh, integration/libvirt-e2e/make-trixie-root.sh).
#   debian_archive RELEASE   prints "URI KEYRING" of the first source serving RELEASE (deb822 or
#                            one-line; KEYRING empty when the one-line entry names none)
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
