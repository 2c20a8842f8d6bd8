#!/bin/sh
# make rpm: the source tarball, the SRPM and the binary RPM of libvirt-nss, in build/packages/.
# The binary RPM takes the module `make module` built (rpmbuild --with prebuilt); the SRPM
# compiles it from source when rebuilt. rpmbuild runs with --nodeps: this Debian machine's
# rpm database knows none of the Fedora BuildRequires.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
libdir=$root/build/lib
out=$root/build/packages
top=$root/build/rpm
[ -f "$libdir/libnss_libvirt.so.2" ] || { echo "build-rpm: run 'make module' first" >&2; exit 1; }

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

# Source tarball: the tracked files as they are in the work tree, with the computed version
# pinned, since a tarball has no git history to compute it from: build-version.env (read by
# scripts/package-version.sh) and a version.json whose version is the full x.y.z[-tag]
# (Nerdbank.GitVersioning then gives the same version without git; the spec's %build sets
# PublicRelease=true so that no -g<commit> suffix is added).
git ls-files -z | xargs -0 sh -c 'for f; do [ -e "$f" ] && [ "$f" != version.json ] && printf "%s\n" "$f"; done; exit 0' sh > "$top/stage/files"
cp "$top/version.env" "$top/stage/build-version.env"
/usr/bin/python3 - "$VERSION${PRERELEASE:+-$PRERELEASE}" > "$top/stage/version.json" <<'PY'
import json, sys
config = json.load(open("version.json"))
config["version"] = sys.argv[1]
print(json.dumps(config, indent=2))
PY
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
    --transform "s,^,$name/," -cf "$top/SOURCES/$name.tar" -T "$top/stage/files" \
    -C "$top/stage" build-version.env version.json
gzip -n -9 -f "$top/SOURCES/$name.tar"

sed -e "s/@VERSION@/$rpm_version/g" -e "s/@RELEASE@/$release/g" \
    -e "s/@COMMIT@/$COMMIT/g" -e "s/@CHANGELOG_DATE@/$changelog_date/g" \
    rpm/libvirt-nss.spec > "$top/SPECS/libvirt-nss.spec"

rpmbuild --quiet --define "_topdir $top" --nodeps -bs "$top/SPECS/libvirt-nss.spec"
rpmbuild --quiet --define "_topdir $top" --nodeps --with prebuilt \
    --define "prebuilt_libdir $libdir" -bb "$top/SPECS/libvirt-nss.spec"

rm -f "$out"/libvirt-nss-*.rpm
cp "$top"/SRPMS/*.src.rpm "$top"/RPMS/*/*.rpm "$out/"
ls -1 "$out"/libvirt-nss-*.rpm
