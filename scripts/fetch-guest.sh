#!/bin/sh
# Fetches what the libvirt suites' guests boot into DIR: Debian's kernel (vmlinuz) with, from the
# same package, the e1000 NIC driver (no module dependencies), and busybox-static. With --agent
# (publisher-e2e), also the six virtio modules the guest agent's channel needs (virtio_console and
# what it and virtio_pci depend on: virtio, virtio_ring, virtio_pci, virtio_pci_modern_dev,
# virtio_pci_legacy_dev) and Debian's qemu-ga (package qemu-guest-agent), whose shared libraries
# are the machine's (ldd), copied into the initramfs by the test.
#   fetch-guest.sh [--agent] DIR
# The packages are only downloaded and unpacked, never installed: busybox-static conflicts with
# the busybox that udhcpc needs. Idempotent; several suites may run it at once.
set -eu
agent=0
[ "${1:-}" != --agent ] || { agent=1; shift; }
dir=${1:?usage: fetch-guest.sh [--agent] DIR}
modules=e1000 packages=busybox-static
if [ "$agent" = 1 ]; then
  modules="$modules virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_console"
  packages="$packages qemu-guest-agent"
fi
mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
complete() {
  [ -s "$dir/vmlinuz" ] && [ -x "$dir/busybox" ] || return 1
  [ "$agent" = 0 ] || [ -x "$dir/qemu-ga" ] || return 1
  for m in $modules; do [ -s "$dir/$m.ko" ] || return 1; done
}
complete && exit 0

cd "$dir"
# The kernel the metapackage points at in apt's lists (linux-image-6.1.0-NN-amd64 on Debian 12).
kernel=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
[ -n "$kernel" ] || { echo "fetch-guest: no linux-image-amd64 in apt's lists (apt-get update?)" >&2; exit 1; }
download() { apt-get download "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$@"; }; }
for package in "$kernel" $packages; do
  ls "$package"_*.deb >/dev/null 2>&1 || download "$package"
done

rm -rf unpacked && mkdir unpacked
patterns="./boot/vmlinuz-*"
for m in $modules; do patterns="$patterns */$m.ko"; done
# shellcheck disable=SC2086 # the patterns are words
dpkg-deb --fsys-tarfile "$kernel"_*.deb | tar -x -C unpacked --wildcards $patterns
dpkg-deb --fsys-tarfile busybox-static_*.deb | tar -x -C unpacked ./bin/busybox
[ "$agent" = 0 ] || dpkg-deb --fsys-tarfile qemu-guest-agent_*.deb | tar -x -C unpacked ./usr/sbin/qemu-ga
install -m 0644 unpacked/boot/vmlinuz-* vmlinuz
for m in $modules; do
  install -m 0644 "$(find unpacked -name "$m.ko" | head -1)" "$m.ko"
done
install -m 0755 unpacked/bin/busybox busybox
[ "$agent" = 0 ] || install -m 0755 unpacked/usr/sbin/qemu-ga qemu-ga
rm -rf unpacked ./*.deb
complete
echo "fetch-guest: $kernel ($modules), $packages in $dir"
