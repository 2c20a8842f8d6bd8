#!/bin/sh
# Fetches what the test guest boots: Debian's kernel (vmlinuz and the e1000 NIC driver, which has
# no module dependencies) and busybox-static, into DIR (default build/libvirt-e2e/guest).
# The packages are only downloaded and unpacked, never installed: busybox-static conflicts with the
# busybox that udhcpc needs. Idempotent; several suites may run it at once.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$top/build/libvirt-e2e/guest}
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
[ -s "$dir/vmlinuz" ] && [ -s "$dir/e1000.ko" ] && [ -x "$dir/busybox" ] && exit 0

cd "$dir"
# The kernel the metapackage points at in apt's lists (linux-image-6.1.0-NN-amd64 on Debian 12).
kernel=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
[ -n "$kernel" ] || { echo "fetch-guest: no linux-image-amd64 in apt's lists (apt-get update?)" >&2; exit 1; }
download() { apt-get download "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$@"; }; }
ls "$kernel"_*.deb >/dev/null 2>&1 || download "$kernel"
ls busybox-static_*.deb >/dev/null 2>&1 || download busybox-static

rm -rf unpacked && mkdir unpacked
dpkg-deb --fsys-tarfile "$kernel"_*.deb | tar -x -C unpacked --wildcards './boot/vmlinuz-*' '*/e1000/e1000.ko'
dpkg-deb --fsys-tarfile busybox-static_*.deb | tar -x -C unpacked ./bin/busybox
install -m 0644 unpacked/boot/vmlinuz-* vmlinuz
install -m 0644 "$(find unpacked -name e1000.ko)" e1000.ko
install -m 0755 unpacked/bin/busybox busybox
rm -rf unpacked "$kernel"_*.deb
echo "fetch-guest: $kernel and $(basename busybox-static_*.deb) in $dir"
