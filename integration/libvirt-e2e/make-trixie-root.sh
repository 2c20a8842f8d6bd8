#!/bin/bash
# Makes the Debian 13 (trixie) root in which run-libvirt-e2e.sh runs the same test with the newest
# libvirt the Debian archive serves (trixie-backports: 12.9 when written), so that the network
# driver and the lease helper users run now write the files the modules read.
#   make-trixie-root.sh [DIR]      (default build/libvirt-e2e/trixie)
# DIR/root is the root (mmdebstrap, only unpacked and configured: no service starts in it, and the
# test never writes to it: in-namespaces.sh lays a tmpfs over it), DIR/VERSION the version of its
# libvirt-daemon, DIR/stamp the hash of this script the root was made by. The root is made again
# only when it is missing or this script changed; a root being made goes to DIR/root.new first, so
# an interrupted run leaves no half root behind. Only the machine's Debian archive is asked (its
# URI and keyring from the machine's apt sources, as scripts/fetch-oracle.sh does), through
# mmdebstrap's own apt configuration: the machine's apt configuration and state are not touched.
set -eu
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
# shellcheck source=../../scripts/debian-archive.sh
. "$top/scripts/debian-archive.sh"
root_cache "${1:-$top/build/libvirt-e2e/trixie}"

stamp=$(sha256sum < "$0" | cut -d' ' -f1)
if root_cached "$stamp" usr/sbin/libvirtd; then
  echo "trixie root: $dir/root (libvirt-daemon $(cat "$dir/VERSION"), cached)"
  exit 0
fi

fail() { echo "make-trixie-root: $1" >&2; exit 1; }
bookworm_archive "the trixie root"

# libvirt (every binary package of its source) from trixie-backports, the rest from trixie.
prefs=$(mktemp -d)
trap 'rm -rf "$prefs" "$dir/root.new"' EXIT
printf 'Package: src:libvirt\nPin: release n=trixie-backports\nPin-Priority: 500\n' > "$prefs/libvirt-backports"

# What in-namespaces.sh runs in the root: the monolithic libvirtd with the qemu and network
# drivers, virsh, qemu, libvirt's dnsmasq (and dhcp_release), iptables for the network driver's
# firewall (in-namespaces.sh says why not nftables), the tools of the test (ip, pgrep, mount,
# cpio, python3 for the CLI's JSON) and the libraries of Debian's two C modules (libyajl2 for
# 9.0, libjson-c5 for the newest). The guest brings its own busybox.
packages=libvirt-daemon,libvirt-daemon-driver-qemu,libvirt-daemon-driver-network,libvirt-clients
packages+=,qemu-system-x86,dnsmasq-base,dnsmasq-utils,iptables,iproute2,procps,mount,mawk,cpio
packages+=,python3,libyajl2,libjson-c5

rm -rf "$dir/root.new"
echo "make-trixie-root: mmdebstrap trixie (libvirt from trixie-backports) from $uri into $dir/root"
# Documentation, manuals and translations are left out: nothing in the test reads them.
if ! mmdebstrap --quiet --mode=root --format=directory --variant=apt --include="$packages" \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --setup-hook="copy-in $prefs/libvirt-backports /etc/apt/preferences.d" \
    trixie "$dir/root.new" \
    "deb$signed $uri trixie main" "deb$signed $uri trixie-backports main" >&2; then
  fail "mmdebstrap could not make the trixie root from $uri (is the Debian archive reachable?)"
fi

version=$(dpkg-query --admindir="$dir/root.new/var/lib/dpkg" -W -f '${Version}' libvirt-daemon)
[ -x "$dir/root.new/usr/sbin/libvirtd" ] || fail "libvirt-daemon $version ships no /usr/sbin/libvirtd"
rm -rf "$dir/root"
mv "$dir/root.new" "$dir/root"
echo "$version" > "$dir/VERSION"
echo "$stamp" > "$dir/stamp"
echo "trixie root: $dir/root (libvirt-daemon $version; $(chroot "$dir/root" libvirtd --version))"
