#!/bin/sh
# The arm64 Debian 12 root the arm64 suite runs in: mmdebstrap --arch=arm64 (variant apt: apt
# installs the package under test; mount for the probe's private mounts), its maintainer scripts
# run by qemu-user through foreign-exec.sh's private binfmt_misc. Cached as a tar file; made once.
#   make-root.sh CACHE.tar
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=$1
[ -s "$cache" ] && exit 0
mkdir -p "$(dirname "$cache")"
echo "# making $cache with mmdebstrap --arch=arm64 under qemu-user (once; several minutes)"
# check/qemu wants arch-test, which would look at the machine's registrations: the private
# one is there (foreign-exec.sh).
if "$here/foreign-exec.sh" mmdebstrap --quiet --mode=root --arch=arm64 --variant=apt \
        --include=mount --skip=check/qemu --format=tar bookworm "$cache.tmp"; then
    mv "$cache.tmp" "$cache"
else
    rm -f "$cache.tmp"; echo "make-root: mmdebstrap --arch=arm64 bookworm failed" >&2; exit 1
fi
