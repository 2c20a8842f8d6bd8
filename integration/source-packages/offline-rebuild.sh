#!/usr/bin/env bash
# check-offline-rebuild: both source packages `make` left in build/packages/ rebuild with no
# network and empty caches, as Koji, mock or a Debian buildd would, and compile the module and the
# command `make` built, byte for byte.
#   SRPM: rpmbuild --rebuild, in a private network namespace (unshare -n: loopback only), with a
#         fresh HOME, DOTNET_CLI_HOME, NUGET_PACKAGES and %_topdir under WORK/rpm;
#   .dsc: dpkg-source -x, then dpkg-buildpackage -b -us -uc in the same conditions (WORK/deb).
# Then the module and the command each built (before the packagers strip them) and the binary
# packages are compared with make's. A control restore with an empty feed must fail offline: the
# vendored feed is what the builds restore from. WORK/*/tree-bin keeps each rebuild's module and
# command (check-reproducible takes them as its second build's).
# Writes RESULTS/offline-rebuild.counts.
#   SUITE=offline-rebuild RESULTS=DIR offline-rebuild.sh WORK
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(realpath -m "${1:?usage: offline-rebuild.sh WORK}")
: "${SUITE:=offline-rebuild}" "${RESULTS:=$top/build/test-results}"
. "$top/scripts/tap-checks.sh"
cd "$top"

shopt -s nullglob
srpms=(build/packages/libvirt-nss-[0-9]*.src.rpm) rpms=(build/packages/libvirt-nss-[0-9]*.x86_64.rpm)
dscs=(build/packages/libvirt-nss_*.dsc) debs=(build/packages/libvirt-nss_*.deb)
if [ ${#srpms[@]} -ne 1 ] || [ ${#dscs[@]} -ne 1 ] || [ ${#rpms[@]} -ne 1 ] || [ ${#debs[@]} -ne 1 ]; then
  nok "make left one SRPM, one RPM, one .dsc and one .deb in build/packages"; finish
fi
srpm=$top/${srpms[0]} rpm=$top/${rpms[0]} dsc=$top/${dscs[0]} deb=$top/${debs[0]}
eval "$(cat build/dist/version.env)"
pkgver=$VERSION${PRERELEASE:+~$PRERELEASE}
rm -rf "$work" && mkdir -p "$work/rpm" "$work/deb" "$work/control"
echo "$COMMIT" > "$work/commit"

# offline DIR COMMAND...: COMMAND with no network (a new network namespace: loopback only), a
# clean environment and fresh HOME, DOTNET_CLI_HOME and NUGET_PACKAGES under DIR.
offline() {
  local dir=$1; shift
  mkdir -p "$dir/home" "$dir/nuget-packages"
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME="$dir/home" DOTNET_CLI_HOME="$dir/home" \
    NUGET_PACKAGES="$dir/nuget-packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    unshare -n "$@"
}
sha() { sha256sum "$1" 2>/dev/null | cut -c1-64; }
# compare NAME MAKE_FILE REBUILT_FILE: the two sha256 side by side, one check.
compare() {
  local a b
  a=$(sha "$2") b=$(sha "$3")
  printf '# %-28s make %s\n# %-28s here %s\n' "$1" "${a:-(missing)}" "" "${b:-(missing)}"
  if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "$1: byte-identical to make's"; else nok "$1: byte-identical to make's"; fi
}
# members PACKAGE: the files a binary package holds, with their sha256 (where they differ).
rpm_members() { rpm -qp --qf '[%{FILEDIGESTS} %{FILENAMES}\n]' "$1" 2>/dev/null; }
deb_members() { local d; d=$(mktemp -d); dpkg-deb -x "$1" "$d" && (cd "$d" && find . -type f -exec sha256sum {} + | sort -k2); rm -rf "$d"; }

check "the rebuilds' namespace has no network: loopback is its only interface" \
  bash -c '[ "$(unshare -n ip -o link show | awk -F": " "{print \$2}")" = lo ]'

# --- the SRPM ------------------------------------------------------------------------------
start=$(date +%s)
# With make rpm's settings (rpm/build-rpm.sh): SOURCE_DATE_EPOCH the commit's time, the build host
# a fixed name, the brp-compress of this Debian machine run by bash; and with the glibc make linked
# against (SYSROOT, Debian 11's): a distribution's build links against its own, whose symbol
# versions differ, so the bytes are compared against the same one.
offline "$work/rpm" env SOURCE_DATE_EPOCH="$COMMIT_TIME" \
  rpmbuild --rebuild --nodeps --noclean --define "_topdir $work/rpm/top" \
  --define "_buildhost reproducible" --define "use_source_date_epoch_as_buildtime 1" \
  --define "clamp_mtime_to_source_date_epoch 1" \
  --define "__brp_compress bash %{_rpmconfigdir}/brp-compress %{?_prefix}" \
  ${SYSROOT:+--define "libvirt_nss_sysroot $SYSROOT"} \
  "$srpm" > "$work/rpm/rpmbuild.log" 2>&1
status=$?
[ $status -eq 0 ] || tail -25 "$work/rpm/rpmbuild.log" | sed 's/^/#   /'
check "rpmbuild --rebuild of the SRPM, offline, empty caches ($(( $(date +%s) - start )) s; log: $work/rpm/rpmbuild.log)" \
  [ $status -eq 0 ]
tree=$work/rpm/top/BUILD/libvirt-nss-$pkgver
mkdir -p "$work/rpm/tree-bin"
cp -a "$tree/build/lib" "$tree/build/bin" "$work/rpm/tree-bin/" 2>/dev/null
compare "SRPM rebuild: module" build/lib/libnss_libvirt.so.2 "$tree/build/lib/libnss_libvirt.so.2"
compare "SRPM rebuild: command" build/bin/libvirt-nss "$tree/build/bin/libvirt-nss"
feed=$(tar -tzf "build/dist/libvirt-nss-$pkgver-nuget.tar.gz" | sed -n 's|^nuget/\(.*\)\.nupkg$|\1|p' | sort)
echo "# the vendored feed: $(echo $feed)"
# restored DIR: the packages a restore unpacked into the packages folder DIR, as feed names.
restored() { (cd "$1" 2>/dev/null && for d in */*/; do d=${d%/}; echo "${d%%/*}.${d#*/}"; done | sort); }
restored_host=$(restored "$tree/build/nuget-packages")
check "SRPM rebuild: every package it restored ($(wc -w <<< "$restored_host")) is one of the vendored feed's ($(wc -w <<< "$feed"))" \
  bash -c '[ -n "$1" ] && [ -z "$(comm -13 <(echo "$2") <(echo "$1"))" ]' _ "$restored_host" "$feed"
same "SRPM rebuild: nothing came from the caller's NuGet folder (still empty)" "" "$(ls -A "$work/rpm/nuget-packages" 2>&1)"
rebuilt=("$work"/rpm/top/RPMS/*/libvirt-nss-[0-9]*.rpm)
compare "SRPM rebuild: the binary RPM" "$rpm" "${rebuilt[0]:-}"
rebuilt_publisher=("$work"/rpm/top/RPMS/noarch/libvirt-nss-publisher-*.rpm)
made=(build/packages/libvirt-nss-publisher-*.noarch.rpm)
compare "SRPM rebuild: the publisher's RPM" "${made[0]:-}" "${rebuilt_publisher[0]:-}"
[ "$(sha "$rpm")" = "$(sha "${rebuilt[0]:-}")" ] ||
  { diff <(rpm -qpi "$rpm") <(rpm -qpi "${rebuilt[0]:-}"); diff <(rpm_members "$rpm") <(rpm_members "${rebuilt[0]:-}"); } |
    head -20 | sed 's/^/#   /'

# --- the Debian source package -------------------------------------------------------------
start=$(date +%s)
if dpkg-source -x "$dsc" "$work/deb/libvirt-nss-$pkgver" > "$work/deb/dpkg-source.log" 2>&1; then
  ok "dpkg-source -x of the .dsc (orig, orig-nuget component, debian.tar.xz)"
else
  nok "dpkg-source -x of the .dsc"; sed 's/^/#   /' "$work/deb/dpkg-source.log"
fi
tree=$work/deb/libvirt-nss-$pkgver
check "the unpacked source package holds the feed as nuget/ and no build output" \
  bash -c "[ -n \"\$(ls '$tree/nuget/'*.nupkg 2>/dev/null)\" ] && [ ! -e '$tree/build' ]"
# -d: the .NET SDK named in Build-Depends is not a Debian package on this machine.
(cd "$tree" && offline "$work/deb" env SOURCE_DATE_EPOCH="$COMMIT_TIME" LIBVIRT_NSS_SYSROOT="${SYSROOT:-}" \
  dpkg-buildpackage -b -us -uc -d) > "$work/deb/dpkg-buildpackage.log" 2>&1
status=$?
[ $status -eq 0 ] || tail -25 "$work/deb/dpkg-buildpackage.log" | sed 's/^/#   /'
check "dpkg-buildpackage -b of the unpacked .dsc, offline, empty caches ($(( $(date +%s) - start )) s; log: $work/deb/dpkg-buildpackage.log)" \
  [ $status -eq 0 ]
mkdir -p "$work/deb/tree-bin"
cp -a "$tree/build/lib" "$tree/build/bin" "$work/deb/tree-bin/" 2>/dev/null
compare ".dsc rebuild: module" build/lib/libnss_libvirt.so.2 "$tree/build/lib/libnss_libvirt.so.2"
compare ".dsc rebuild: command" build/bin/libvirt-nss "$tree/build/bin/libvirt-nss"
same ".dsc rebuild: nothing came from the caller's NuGet folder (still empty)" "" "$(ls -A "$work/deb/nuget-packages" 2>&1)"
rebuilt=("$work"/deb/libvirt-nss_*.deb)
compare ".dsc rebuild: the .deb" "$deb" "${rebuilt[0]:-}"
[ "$(sha "$deb")" = "$(sha "${rebuilt[0]:-}")" ] || diff <(deb_members "$deb") <(deb_members "${rebuilt[0]:-}") | head -20 | sed 's/^/#   /'
rebuilt=("$work"/deb/libvirt-nss-publisher_*.deb)
made=(build/packages/libvirt-nss-publisher_*.deb)
compare ".dsc rebuild: the publisher's .deb" "${made[0]:-}" "${rebuilt[0]:-}"

# --- the other architecture ------------------------------------------------------------------
# The feed serves an aarch64 build too: the restore for linux-arm64 (the target's packs and, on
# this x86-64 machine, the x86-64 ilc that cross-compiles; on an aarch64 builder the aarch64 ilc,
# which the feed also holds) succeeds offline from it alone; with this machine's build, it
# restores every package the feed holds, no more.
other=$([ "$(uname -m)" = aarch64 ] && echo linux-x64 || echo linux-arm64)
mkdir -p "$work/other"
(cd "$tree" && rm -rf build/artifacts && offline "$work/other" env NuGetAudit=false \
  dotnet restore src/LibvirtNss.Cli -r "$other") > "$work/other/restore.log" 2>&1
status=$?
[ $status -eq 0 ] || tail -15 "$work/other/restore.log" | sed 's/^/#   /'
check "the .dsc's tree restores for $other offline from the vendored feed alone" [ $status -eq 0 ]
restored_other=$(restored "$work/other/nuget-packages")
same "the feed holds what the restores for $(uname -m) and $other need, no more" "$feed" \
  "$(sort -u <(echo "$restored_host") <(echo "$restored_other"))"
for ilc in runtime.linux-x64.microsoft.dotnet.ilcompiler runtime.linux-arm64.microsoft.dotnet.ilcompiler; do
  check "the feed holds $ilc (the ilc of a build on its architecture)" grep -q "^$ilc\." <<< "$feed"
done

# --- control: without the feed, the restore fails offline -------------------------------------
# The unpacked .dsc's tree with a nuget.config whose only source is an empty folder: the restore
# has nowhere else to go (NU1101), so the rebuilds above took their packages from the feed.
mkdir -p "$work/control/empty-feed" "$work/control/home"
(cd "$tree" && scripts/vendored-nuget-config.sh "$work/control/empty-feed" > nuget.config &&
  rm -rf build/artifacts && offline "$work/control" env NuGetAudit=false \
  dotnet restore src/LibvirtNss.Cli -r "linux-$([ "$(uname -m)" = aarch64 ] && echo arm64 || echo x64)") \
  > "$work/control/restore.log" 2>&1
status=$?
check "control: the same restore with an empty feed fails offline (NU1101)" \
  bash -c "[ $status -ne 0 ] && grep -q NU1101 '$work/control/restore.log'"
finish
