#!/bin/sh
# Runs a command in a private mount namespace where glibc finds the NSS modules of LIBDIR in its
# library directory, /etc/nsswitch.conf reads "hosts: files libvirt libvirt_guest" and libvirt's
# lease directory is DATADIR. Nothing outside the namespace changes (tmpfs and overlay only).
# Usage: in-namespace.sh LIBDIR DATADIR COMMAND...
set -eu
libdir=$1 data=$2
shift 2
exec unshare -m --propagation private sh -c '
  set -e
  libdir=$1 data=$2; shift 2
  lib=/usr/lib/x86_64-linux-gnu
  mount -t overlay overlay -o "lowerdir=$libdir:$lib" "$lib"
  mount -t tmpfs -o mode=0755 tmpfs /var/lib
  mkdir -p /var/lib/libvirt/dnsmasq
  mount --bind "$data" /var/lib/libvirt/dnsmasq
  conf=$(mktemp -d)
  mount -t tmpfs tmpfs "$conf"
  printf "hosts: files libvirt libvirt_guest\n" > "$conf/nsswitch.conf"
  mount --bind "$conf/nsswitch.conf" /etc/nsswitch.conf
  exec "$@"' sh "$libdir" "$data" "$@"
