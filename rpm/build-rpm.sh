#!/bin/sh
# make rpm: the source tarball, the SRPM and the binary RPM of libvirt-nss, in build/packages/.
# The binary RPM takes the module and command `make module cli` built (rpmbuild --with prebuilt); the SRPM
# compiles it from source when rebuilt. rpmbuild runs with --nodeps: this Debian machine's
# rpm database knows none of the Fedora BuildRequires.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
# BUILD: the build directory of the architecture packaged (make passes build/arm64 for
# `make ARCH=arm64`); RPM_ARCH: that architecture in RPM's name (rpmbuild --target).
prebuilt=${BUILD:-$root/build}
rpm_arch=${RPM_ARCH:-$(uname -m)}
out=$prebuilt/packages
top=$prebuilt/rpm
for f in lib/libnss_libvirt.so.2 bin/libvirt-nss; do
    [ -f "$prebuilt/$f" ] || { echo "build-rpm: $prebuilt/$f missing: run 'make module cli' first" >&2; exit 1; }
done

eval "$(scripts/package-version.sh)"
# RPM: x.y.z, or x.y.z~tag for a prerelease (sorts before x.y.z).
rpm_version=$VERSION${PRERELEASE:+~$PRERELEASE}
release=1
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
changelog_date=$(LC_ALL=C date -u -d "@$epoch" '+%a %b %d %Y')

rm -rf "$top"
mkdir -p "$top/SOURCES" "$top/SPECS" "$top/stage" "$out"
printf 'VERSION=%s\nPRERELEASE=%s\nCOMMIT=%s\n' "$VERSION" "$PRERELEASE" "$COMMIT" > "$top/version.env"
name=libvirt-nss-$rpm_version

# Source tarball: the tracked files of the work tree, with the computed version pinned
# (scripts/export-source-tree.sh; the spec's %build sets PublicRelease=true for NBGV).
export VERSION PRERELEASE COMMIT
scripts/export-source-tree.sh "$top/stage/$name"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    -C "$top/stage" -cf "$top/SOURCES/$name.tar" "$name"
gzip -n -9 -f "$top/SOURCES/$name.tar"

sed -e "s/@VERSION@/$rpm_version/g" -e "s/@RELEASE@/$release/g" \
    -e "s/@COMMIT@/$COMMIT/g" -e "s/@CHANGELOG_DATE@/$changelog_date/g" \
    rpm/libvirt-nss.spec > "$top/SPECS/libvirt-nss.spec"

rpmbuild --quiet --define "_topdir $top" --nodeps -bs "$top/SPECS/libvirt-nss.spec"
# rpm's brp-compress is a bash script run as `sh` (bash on Fedora; dash here, where it stops at
# `read -d` and leaves the man page uncompressed): run it with bash on this machine.
# Another architecture's binaries: rpm's own strip pass runs llvm-strip, which reads them (both
# come stripped already).
cross=
[ "$rpm_arch" = "$(uname -m)" ] || cross=llvm-strip
rpmbuild --quiet --define "_topdir $top" --nodeps --with prebuilt --target "$rpm_arch" \
    ${cross:+--define "__strip $cross"} \
    --define "__brp_compress bash %{_rpmconfigdir}/brp-compress %{?_prefix}" \
    --define "prebuilt_dir $prebuilt" -bb "$top/SPECS/libvirt-nss.spec"

rm -f "$out"/libvirt-nss-*.rpm
cp "$top"/SRPMS/*.src.rpm "$top"/RPMS/*/*.rpm "$out/"
ls -1 "$out"/libvirt-nss-*.rpm
