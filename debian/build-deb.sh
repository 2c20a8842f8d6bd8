#!/bin/sh
# make deb: the Debian package libvirt-nss, in build/packages/, built with
# `dpkg-buildpackage -us -uc -b` in a copy of the source tree (build/deb/) whose
# debian/changelog is written here from the version Nerdbank.GitVersioning computes.
# The copy carries the module and command `make module cli` already built, so debian/rules'
# `make module cli` does not compile them again. -d: the .NET SDK named in Build-Depends is not a Debian package here.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
# BUILD: the build directory of the architecture packaged (make passes build/arm64 for
# `make ARCH=arm64`); DEB_ARCH: that architecture in Debian's name. Another architecture than the
# build machine's is a cross build (dpkg-buildpackage -a).
build=${BUILD:-$root/build}
deb_arch=${DEB_ARCH:-$(dpkg --print-architecture)}
out=$build/packages
work=$build/deb
for f in lib/libnss_libvirt.so.2 bin/libvirt-nss restore.stamp; do
    [ -f "$build/$f" ] || { echo "build-deb: $build/$f missing: run 'make module cli' first" >&2; exit 1; }
done

eval "$(scripts/package-version.sh)"
# Native package: x.y.z, or x.y.z~tag for a prerelease (sorts before x.y.z).
deb_version=$VERSION${PRERELEASE:+~$PRERELEASE}
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)

rm -rf "$work"
mkdir -p "$work" "$out"
printf 'VERSION=%s\nPRERELEASE=%s\nCOMMIT=%s\n' "$VERSION" "$PRERELEASE" "$COMMIT" > "$work/version.env"
src=$work/libvirt-nss-$deb_version
export VERSION PRERELEASE COMMIT
scripts/export-source-tree.sh "$src"
mkdir -p "$src/build"
# With the restore's stamp: `make module` then finds the module newer than all it is built from.
cp -a "$build/lib" "$build/bin" "$build/restore.stamp" "$src/build/"

maintainer=$(sed -n 's/^Maintainer: //p' debian/control)
cat > "$src/debian/changelog" <<CHANGELOG
libvirt-nss ($deb_version) unstable; urgency=medium

  * Built from git commit $COMMIT; version from version.json
    (Nerdbank.GitVersioning).

 -- $maintainer  $(LC_ALL=C date -u -R -d "@$epoch")
CHANGELOG

(cd "$src" && SOURCE_DATE_EPOCH=$epoch PublicRelease=true \
    dpkg-buildpackage -us -uc -b -d --no-sign -a"$deb_arch" >"$work/dpkg-buildpackage.log" 2>&1) || {
    tail -40 "$work/dpkg-buildpackage.log" >&2; exit 1; }

rm -f "$out"/libvirt-nss_*_"$deb_arch".deb
cp "$work"/libvirt-nss_*_"$deb_arch".deb "$out/"
ls -1 "$out"/libvirt-nss_*_"$deb_arch".deb
