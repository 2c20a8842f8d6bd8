#!/bin/sh
# make rpm: the SRPM and the binary RPM of libvirt-nss, in build/packages/.
# The SRPM carries the two tarballs of `make dist` (the tree, and the NuGet packages as an offline
# feed) and compiles the module and the command from them when rebuilt, with no network. The
# binary RPM takes the module and command `make module cli` built (rpmbuild --with prebuilt).
# rpmbuild runs with --nodeps: this Debian machine's rpm database knows none of the Fedora
# BuildRequires. Both are reproducible: SOURCE_DATE_EPOCH is the commit's time, which rpm uses as
# the build time and as the newest file time, and the build host is a fixed name.
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
# DIST: make dist's tarballs, the same for every architecture.
dist=${DIST:-$root/build/dist}
[ -f "$dist/version.env" ] || { echo "build-rpm: $dist missing: run 'make dist' first" >&2; exit 1; }

eval "$(cat "$dist/version.env")"
# RPM: x.y.z, or x.y.z~tag for a prerelease (sorts before x.y.z).
rpm_version=$VERSION${PRERELEASE:+~$PRERELEASE}
release=1
changelog_date=$(LC_ALL=C date -u -d "@$COMMIT_TIME" '+%a %b %d %Y')

rm -rf "$top"
mkdir -p "$top/SOURCES" "$top/SPECS" "$out"
cp "$dist/version.env" "$top/version.env"
name=libvirt-nss-$rpm_version
cp "$dist/$name.tar.gz" "$dist/$name-nuget.tar.gz" "$top/SOURCES/"

sed -e "s/@VERSION@/$rpm_version/g" -e "s/@RELEASE@/$release/g" \
    -e "s/@COMMIT@/$COMMIT/g" -e "s/@CHANGELOG_DATE@/$changelog_date/g" \
    rpm/libvirt-nss.spec > "$top/SPECS/libvirt-nss.spec"
# The SRPM records each file's mode and time: the same whatever the umask and the hour.
chmod 0644 "$top/SPECS/libvirt-nss.spec" "$top/SOURCES/"*
touch -d "@$COMMIT_TIME" "$top/SPECS/libvirt-nss.spec"

export SOURCE_DATE_EPOCH=$COMMIT_TIME
reproducible() {
    rpmbuild --quiet --nodeps --define "_buildhost reproducible" \
        --define "use_source_date_epoch_as_buildtime 1" --define "clamp_mtime_to_source_date_epoch 1" "$@"
}
# The SRPM keeps the spec with its macros expanded, paths included: the sources are named
# relative to SOURCES/, and the build directories (which -bs does not use) are Fedora mock's.
(cd "$top/SOURCES" && reproducible --define "_topdir $top" --define "_sourcedir ." \
    --define "_builddir /builddir/build/BUILD" --define "_buildrootdir /builddir/build/BUILDROOT" \
    -bs "$top/SPECS/libvirt-nss.spec")
# The binary RPM is the SRPM rebuilt (so its header names the SRPM, as a rebuild elsewhere does),
# with the prebuilt module and command, in a _topdir of its own (a rebuild removes the spec and
# sources it unpacked; check-rpm reads SOURCES and SPECS). rpm's brp-compress is a bash script
# run as `sh` (bash on Fedora; dash here, where it stops at `read -d` and leaves the man page
# uncompressed): run it with bash. Another architecture's binaries: rpm's own strip pass runs
# llvm-strip, which reads them (both come stripped already).
cross=
[ "$rpm_arch" = "$(uname -m)" ] || cross=llvm-strip
reproducible --define "_topdir $top/rebuild" --with prebuilt --target "$rpm_arch" \
    ${cross:+--define "__strip $cross"} \
    --define "__brp_compress bash %{_rpmconfigdir}/brp-compress %{?_prefix}" \
    --define "prebuilt_dir $prebuilt" --rebuild "$top"/SRPMS/*.src.rpm

rm -f "$out"/libvirt-nss-*.rpm
cp "$top"/SRPMS/*.src.rpm "$top"/rebuild/RPMS/*/*.rpm "$out/"
ls -1 "$out"/libvirt-nss-*.rpm
