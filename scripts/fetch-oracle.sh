#!/bin/sh
# Fetches Debian's C module (package libnss-libvirt) into build/oracle/lib: the differential
# oracle of the tests and the baseline of `make bench`. Never installed on the host: the .deb is
# only unpacked. Idempotent and safe to run from several suites at once.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$top/build/oracle
mkdir -p "$dir"
exec 9>"$top/build/.oracle.lock"
flock 9
if [ -e "$dir/lib/libnss_libvirt.so.2" ]; then
  exit 0
fi
cd "$dir"
ls libnss-libvirt_*.deb >/dev/null 2>&1 || apt-get download libnss-libvirt >/dev/null 2>&1 \
  || { apt-get update -qq && apt-get download libnss-libvirt; }
rm -rf root && dpkg-deb -x libnss-libvirt_*.deb root
mkdir -p lib
cp -a root/lib/x86_64-linux-gnu/libnss_libvirt.so.2 root/lib/x86_64-linux-gnu/libnss_libvirt_guest.so.2 lib/
echo "oracle: $(ls libnss-libvirt_*.deb)"
