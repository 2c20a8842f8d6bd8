#!/bin/sh
# Exits 0 when every tool `make check` uses is present (else `make check` runs `make deps`).
for tool in clang ld.lld bwrap unshare strace rpmbuild dnf createrepo_c rpmlint dpkg-buildpackage \
            dh_installnss lintian mmdebstrap cpio valgrind hyperfine gnuplot cc javac java setpriv \
            ip dnsmasq dhcp_release udhcpc virsh qemu-system-x86_64 iptables; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool"; exit 1; }
done
/usr/bin/python3 -c 'import pytest' 2>/dev/null || { echo "missing: python3-pytest"; exit 1; }
[ -e /usr/lib/x86_64-linux-gnu/libyajl.so.2 ] || { echo "missing: libyajl2"; exit 1; }
[ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ] || { echo "missing: libvirt-daemon-driver-qemu"; exit 1; }
[ -x /usr/lib/libvirt/libvirt_leaseshelper ] || { echo "missing: libvirt-daemon"; exit 1; }
exit 0
