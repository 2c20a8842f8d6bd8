#!/bin/sh
# Installs the Debian 12 packages a part of the project needs (run as root, or through sudo):
#   install-deps.sh build   what `make` needs: the module, the command and the packages (`make deps`)
#   install-deps.sh test    what the suites of `make check` add (`make test-deps`)
# `make` and `make check` call it when scripts/have-deps.sh reports a tool missing. The .NET SDK
# is not a Debian package: it is installed apart.
set -eu
BUILD_PACKAGES="
  clang lld llvm binutils zlib1g-dev
  libc6-dev-arm64-cross libgcc-12-dev-arm64-cross binutils-aarch64-linux-gnu
  git make python3 util-linux
  rpm
  debhelper dh-nss dpkg-dev fakeroot
  mmdebstrap
"
TEST_PACKAGES="
  gcc bubblewrap strace
  python3-pytest
  dnf createrepo-c rpmlint
  lintian cpio systemd
  qemu-user-static
  valgrind hyperfine gnuplot-nox gdb
  libyajl2 libjson-c5
  openjdk-17-jdk-headless
  iproute2 dnsmasq-base dnsmasq-utils libvirt-daemon udhcpc
  libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 iptables
"
case ${1:-build} in
  build) packages=$BUILD_PACKAGES ;;
  test)  packages=$TEST_PACKAGES ;;
  *) echo "usage: install-deps.sh [build|test]" >&2; exit 2 ;;
esac
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
echo "deps: ${1:-build} packages installed"
