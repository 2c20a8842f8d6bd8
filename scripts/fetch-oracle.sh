#!/bin/sh
# Fetches the differential oracles of the tests and baselines of `make bench`, Debian's C modules
# (package libnss-libvirt), only unpacked, never installed:
#   build/oracle/lib          Debian 12's (the release of this machine's Debian archive)
#   build/oracle-newest/lib   the newest the Debian archive serves, in any suite, chosen by
#                             apt's own version comparison
# each with VERSION (the package's version). The machine's apt configuration and state are not
# touched: a private sources list (the machine's Debian archive, its keyring, the suites below),
# preferences that give the backports the priority of the releases (so the candidate is the
# highest version), and a state directory under build/apt-private. A .deb already fetched is
# reused (offline after the first run); when the archive cannot be asked, the versions pinned in
# integration/oracle-versions are fetched, so that `make check` stays reproducible. Idempotent
# and safe to run from several suites at once.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
mkdir -p "$build"
exec 9>"$build/.oracle.lock"
flock 9
if [ -e "$build/oracle/lib/libnss_libvirt.so.2" ] && [ -e "$build/oracle-newest/lib/libnss_libvirt.so.2" ]; then
  exit 0
fi

suites="bookworm bookworm-backports trixie trixie-backports sid"
release=bookworm   # Debian 12: the first oracle (the modules' baseline release)
apt_dir=$build/apt-private

# The machine's Debian archive and its keyring, from its sources.
# shellcheck source=debian-archive.sh
. "$top/scripts/debian-archive.sh"
archive() { debian_archive "$release"; }

private_apt() { # COMMAND ARGS...: apt-get or apt-cache with the private configuration
  command=$1; shift
  "$command" -o Dir::State="$apt_dir/state" -o Dir::State::status="$apt_dir/state/status" \
    -o Dir::Cache="$apt_dir/cache" -o Dir::Etc::SourceList="$apt_dir/sources.list" \
    -o Dir::Etc::SourceParts="$apt_dir/sources.list.d" -o Dir::Etc::Preferences="$apt_dir/preferences" \
    -o Dir::Etc::PreferencesParts="$apt_dir/preferences.d" -o Acquire::Languages=none \
    -o APT::Architectures=amd64 "$@"
}

private_update() {
  read -r uri key <<EOF
$(archive | head -1)
EOF
  [ -n "${uri:-}" ] || { echo "oracle: no Debian archive for $release in /etc/apt's sources" >&2; return 1; }
  mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d" "$apt_dir/preferences.d"
  : > "$apt_dir/state/status"
  : > "$apt_dir/sources.list"
  for suite in $suites; do
    echo "deb${key:+ [signed-by=$key]} $uri $suite main" >> "$apt_dir/sources.list"
  done
  : > "$apt_dir/preferences"
  for suite in $suites; do
    case $suite in *-backports) printf 'Package: *\nPin: release n=%s\nPin-Priority: 500\n\n' "$suite" >> "$apt_dir/preferences" ;; esac
  done
  private_apt apt-get update -qq >/dev/null 2>&1
}

# unpack DIR: the modules of DIR's one .deb into DIR/lib, its version into DIR/VERSION.
unpack() {
  cd "$1"
  rm -rf root lib && dpkg-deb -x libnss-libvirt_*.deb root
  mkdir -p lib
  # /lib before the /usr merge (Debian 12), /usr/lib after (Debian 13).
  for libdir in root/lib/x86_64-linux-gnu root/usr/lib/x86_64-linux-gnu; do
    [ -e "$libdir/libnss_libvirt.so.2" ] && cp -a "$libdir/libnss_libvirt.so.2" "$libdir/libnss_libvirt_guest.so.2" lib/
  done
  [ -e lib/libnss_libvirt.so.2 ] || { echo "oracle: no libnss_libvirt.so.2 in $(ls libnss-libvirt_*.deb)" >&2; return 1; }
  dpkg-deb -f libnss-libvirt_*.deb Version > VERSION
  echo "oracle: $(ls libnss-libvirt_*.deb)"
}

# fetch DIR SPEC PINNED: the .deb of SPEC (apt's package[/release] form) into DIR, unless one is there.
fetch() {
  dir=$1 spec=$2 pinned=$3
  mkdir -p "$dir"
  if ! ls "$dir"/libnss-libvirt_*.deb >/dev/null 2>&1; then
    if [ "$updated" = no ]; then
      updated=failed
      if private_update; then updated=yes; else echo "oracle: the Debian archive cannot be asked: fetching the pinned versions" >&2; fi
    fi
    (cd "$dir" && { private_apt apt-get download -qq "$spec" 2>/dev/null \
      || private_apt apt-get download -qq "libnss-libvirt=$pinned" 2>/dev/null \
      || apt-get download -qq "libnss-libvirt=$pinned"; })
  fi
  unpack "$dir"
}

updated=no
pinned() { sed -n "s/^$1 //p" "$top/integration/oracle-versions"; }
fetch "$build/oracle" "libnss-libvirt/$release" "$(pinned debian12)"
fetch "$build/oracle-newest" libnss-libvirt "$(pinned newest)"
