#!/bin/sh
# make deb: the Debian source package and the binary packages libvirt-nss and libvirt-nss-publisher
# (architecture all: the publisher's unit; the command it runs is libvirt-nss's), in build/packages/.
# The source package, 3.0 (quilt), is the two tarballs of `make dist` (the tree as
# libvirt-nss_<version>.orig.tar.gz, the NuGet packages as the component
# libvirt-nss_<version>.orig-nuget.tar.gz, unpacked as nuget/) and a debian.tar.xz whose
# debian/changelog is written here from the version Nerdbank.GitVersioning computes; it builds
# with no network (debian/rules). The binary package is built with `dpkg-buildpackage -us -uc -b`
# in that tree, with the module and command `make module cli` already built copied in, so that
# debian/rules' `make module cli` does not compile them again. -d: the .NET SDK named in
# Build-Depends is not a Debian package here. Both are reproducible: SOURCE_DATE_EPOCH is the
# changelog's date, the commit's time.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
# BUILD: the build directory of the architecture packaged (make passes build/arm64 for
# `make ARCH=arm64`); DEB_ARCH: that architecture in Debian's name. Another architecture than the
# build machine's is a cross build (dpkg-buildpackage -a). DIST: make dist's tarballs, the same
# for every architecture.
build=${BUILD:-$root/build}
dist=${DIST:-$root/build/dist}
deb_arch=${DEB_ARCH:-$(dpkg --print-architecture)}
out=$build/packages
work=$build/deb
for f in "$build"/lib/libnss_libvirt.so.2 "$build"/bin/libvirt-nss "$build"/restore.stamp "$build"/commit.stamp "$dist"/version.env; do
    [ -f "$f" ] || { echo "build-deb: $f missing: run 'make module cli dist' first" >&2; exit 1; }
done

eval "$(cat "$dist/version.env")"
# Upstream version: x.y.z, or x.y.z~tag for a prerelease (sorts before x.y.z); Debian revision 1.
upstream=$VERSION${PRERELEASE:+~$PRERELEASE}
deb_version=$upstream-1

rm -rf "$work"
mkdir -p "$work" "$out"
cp "$dist/version.env" "$work/version.env"
cp "$dist/libvirt-nss-$upstream.tar.gz" "$work/libvirt-nss_$upstream.orig.tar.gz"
cp "$dist/libvirt-nss-$upstream-nuget.tar.gz" "$work/libvirt-nss_$upstream.orig-nuget.tar.gz"
src=$work/libvirt-nss-$upstream
tar -xzf "$work/libvirt-nss_$upstream.orig.tar.gz" -C "$work"
mkdir "$src/nuget"
tar -xzf "$work/libvirt-nss_$upstream.orig-nuget.tar.gz" -C "$src/nuget" --strip-components=1

maintainer=$(sed -n 's/^Maintainer: //p' debian/control)
cat > "$src/debian/changelog" <<CHANGELOG
libvirt-nss ($deb_version) unstable; urgency=medium

  * Built from git commit $COMMIT; version from version.json
    (Nerdbank.GitVersioning).

 -- $maintainer  $(LC_ALL=C date -u -R -d "@$COMMIT_TIME")
CHANGELOG
# debian.tar.xz records its files' modes (dpkg-source clamps their times): the same whatever the
# umask. The rest of debian/ comes from the tarball, whose modes make-dist.sh normalised.
chmod 0644 "$src/debian/changelog"

# The source package: .dsc and debian.tar.xz beside the two tarballs.
(cd "$work" && SOURCE_DATE_EPOCH=$COMMIT_TIME dpkg-source -b "libvirt-nss-$upstream" \
    >"$work/dpkg-source.log" 2>&1) || { tail -40 "$work/dpkg-source.log" >&2; exit 1; }

mkdir -p "$src/build"
# With the restore's stamp, copied first: `make module cli` then finds the module and the command
# newer than all they are built from (the tarball's files carry the commit's time).
cp "$build/restore.stamp" "$build/commit.stamp" "$src/build/"
cp -R "$build/lib" "$build/bin" "$src/build/"
(cd "$src" && SOURCE_DATE_EPOCH=$COMMIT_TIME \
    dpkg-buildpackage -us -uc -b -d --no-sign -a"$deb_arch" >"$work/dpkg-buildpackage.log" 2>&1) || {
    tail -40 "$work/dpkg-buildpackage.log" >&2; exit 1; }

rm -f "$out"/libvirt-nss_* "$out"/libvirt-nss-publisher_*
cp "$work"/libvirt-nss_*_"$deb_arch".deb "$work"/libvirt-nss-publisher_*_all.deb "$work"/libvirt-nss_*.dsc "$work"/libvirt-nss_*.debian.tar.xz \
   "$work"/libvirt-nss_*.orig.tar.gz "$work"/libvirt-nss_*.orig-nuget.tar.gz "$out/"
ls -1 "$out"/libvirt-nss_* "$out"/libvirt-nss-publisher_*
