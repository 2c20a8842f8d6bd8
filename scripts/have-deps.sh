#!/bin/sh
# Exits 0 when every tool a part of the project uses is present, else names the first missing one:
#   have-deps.sh build   what `make` uses (else `make` runs `make deps`)
#   have-deps.sh test    what the suites of `make check` add (else `make check` runs `make test-deps`)
# The lists match scripts/install-deps.sh's.
missing() { echo "missing: $1"; exit 1; }
case ${1:-build} in
  build)
    for tool in clang ld.lld llvm-objcopy llvm-strip nm strip git make python3 flock rpmbuild \
                dpkg-buildpackage dh dh_installnss fakeroot mmdebstrap; do
      command -v "$tool" >/dev/null 2>&1 || missing "$tool"
    done
    [ -e /usr/include/zlib.h ] || missing zlib1g-dev
    [ -e /usr/aarch64-linux-gnu/lib/libc.so ] || missing libc6-dev-arm64-cross   # make ARCH=arm64
    [ -d /usr/lib/gcc-cross/aarch64-linux-gnu ] || missing libgcc-12-dev-arm64-cross
    command -v aarch64-linux-gnu-strip >/dev/null || missing binutils-aarch64-linux-gnu  # dh_strip, cross
    ;;
  test)
    for tool in cc bwrap unshare setpriv strace dnf createrepo_c rpmlint lintian cpio \
                valgrind hyperfine gnuplot gdb javac java ip dnsmasq dhcp_release udhcpc virsh \
                qemu-system-x86_64 iptables qemu-aarch64-static; do
      command -v "$tool" >/dev/null 2>&1 || missing "$tool"
    done
    /usr/bin/python3 -c 'import pytest' 2>/dev/null || missing python3-pytest
    [ -e /usr/lib/x86_64-linux-gnu/libyajl.so.2 ] || missing libyajl2            # Debian 12's module
    [ -e /usr/lib/x86_64-linux-gnu/libjson-c.so.5 ] || missing libjson-c5        # the newest module
    [ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ] ||
      missing libvirt-daemon-driver-qemu
    [ -x /usr/lib/libvirt/libvirt_leaseshelper ] || missing libvirt-daemon
    ;;
  *) echo "usage: have-deps.sh [build|test]" >&2; exit 2 ;;
esac
exit 0
