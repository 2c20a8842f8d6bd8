#!/bin/sh
# Installs what `make` and `make check` need on Debian 12 (run as root, or through sudo).
# Called by `make deps`; `make check` calls it when a tool is missing.
set -eu
PACKAGES="
  clang lld zlib1g-dev
  bubblewrap util-linux strace
  python3 python3-pytest
  rpm dnf createrepo-c rpmlint
  debhelper dh-nss dpkg-dev fakeroot lintian mmdebstrap cpio
  valgrind hyperfine gnuplot-nox
  libyajl2
  gcc openjdk-17-jdk-headless
  iproute2 dnsmasq-base dnsmasq-utils libvirt-daemon udhcpc
  libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 iptables
"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
echo "deps: installed"
