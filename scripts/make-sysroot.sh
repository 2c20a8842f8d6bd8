#!/bin/bash
# Makes the sysroot `make` links the command against: Debian 11's (bullseye) glibc 2.31 and
# GCC 10's start files and libgcc, only unpacked (mmdebstrap --variant=extract: no package is
# configured, nothing runs). A NativeAOT program links the glibc it is linked against into its
# symbol versions; linked against Debian 12's, the command would need glibc 2.34 and not start on
# Debian 11 or Ubuntu 20.04. The distributions' own builds of the source packages link against
# their own glibc and need no sysroot (debian/rules and the spec pass SYSROOT=).
#   make-sysroot.sh RID DIR       RID linux-x64 or linux-arm64; DIR e.g. build/sysroot/bullseye-amd64
# DIR/root is the sysroot, DIR/stamp the hash of this script it was made by. It is made again
# only when it is missing or this script changed; one being made goes to DIR/root.new first, so
# an interrupted run leaves no half sysroot behind. Only the machine's Debian archive is asked (its
# URI and keyring from the machine's apt sources, scripts/debian-archive.sh), through mmdebstrap's
# own apt configuration: the machine's apt configuration and state are not touched.
set -eu
here=$(dirname "$(realpath "$0")")
rid=${1:?RID}
dir=${2:?DIR}
case $rid in
  linux-x64) arch=amd64 triple=x86_64-linux-gnu ;;
  linux-arm64) arch=arm64 triple=aarch64-linux-gnu ;;
  *) echo "make-sysroot: no sysroot for $rid" >&2; exit 2 ;;
esac
release=bullseye
# shellcheck source=debian-archive.sh
. "$here/debian-archive.sh"
root_cache "$dir"

stamp=$(sha256sum < "$0" | cut -d' ' -f1)
if root_cached "$stamp" "usr/lib/$triple/libc.so"; then
  exit 0
fi

fail() { echo "make-sysroot: $1" >&2; exit 1; }
bookworm_archive "the $release sysroot"

trap 'rm -rf "$dir/root.new"' EXIT
rm -rf "$dir/root.new"
echo "make-sysroot: $release ($arch) glibc and libgcc from $uri into $dir/root" >&2
# libc6-dev: the C library's link-time files (libc.so, libm.so, libdl.so, librt.so, start files);
# libgcc-10-dev: crtbegin/crtend and libgcc, which clang takes from the sysroot's GCC.
# DEBIAN/symbols: the symbols files of the packages extracted (libc6's among them), for
# dpkg-shlibdeps -S to compute the dependencies of what is linked here from this glibc's (see
# debian/rules), not from the build machine's.
mmdebstrap --quiet --mode=root --format=directory --variant=extract --architectures="$arch" \
    --include=libc6-dev,libgcc-10-dev --aptopt='Acquire::Languages "none"' \
    --extract-hook='mkdir -p "$1/DEBIAN" && for deb in "$1"/var/cache/apt/archives/*.deb; do
        dpkg-deb --ctrl-tarfile "$deb" | tar -xO --wildcards "./symbols" 2>/dev/null; done > "$1/DEBIAN/symbols"' \
    "$release" "$dir/root.new" "deb$signed $uri $release main" >&2 ||
  fail "mmdebstrap could not make the $release sysroot from $uri (is the Debian archive reachable?)"

# The development symlinks point to absolute paths (libm.so.6 -> /lib/...): those would name the
# build machine's libraries, not the sysroot's. Make each relative to where it lies in the sysroot.
find "$dir/root.new" -type l -lname '/*' | while read -r link; do
  target=$(readlink "$link")
  ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$dir/root.new$target")" "$link"
done
[ -e "$dir/root.new/usr/lib/$triple/libc.so" ] || fail "the $release sysroot has no libc.so"
grep -q '^libc\.so\.6 ' "$dir/root.new/DEBIAN/symbols" || fail "the $release sysroot has no symbols file for libc.so.6"
rm -rf "$dir/root"
mv "$dir/root.new" "$dir/root"
echo "$stamp" > "$dir/stamp"
echo "make-sysroot: $dir/root" >&2
