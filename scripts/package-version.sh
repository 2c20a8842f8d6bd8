#!/bin/sh
# Prints the package version that Nerdbank.GitVersioning computes from version.json and the git
# history, as shell assignments for the RPM and Debian builds (never edited by hand):
#   VERSION=x.y.z        major.minor from version.json, patch = git height
#   PRERELEASE=tag       version.json's prerelease tag without the dash (empty on a public release)
#   COMMIT=0123456789    short commit id
#   COMMIT_TIME=1700000000  the commit's time (SOURCE_DATE_EPOCH of every package and tarball)
# With --props: what Nerdbank.GitVersioning gives the assemblies beyond the version (file and
# informational version, commit id and dates, public release), as MSBuild properties
# (build-version.props, read by Directory.Build.props), so that a build without git compiles
# the same assemblies as the checkout.
# Outside a git checkout (an unpacked source tarball) the values come from build-version.env
# and build-version.props, which the tarball carries.
set -eu
cd "$(dirname "$0")/.."
mode=env
[ "${1:-}" = --props ] && mode=props
if [ ! -e .git ]; then
  if [ "$mode" = env ] && [ -r build-version.env ]; then cat build-version.env; exit 0; fi
  if [ "$mode" = props ] && [ -r build-version.props ]; then cat build-version.props; exit 0; fi
fi
mkdir -p build
json=$(flock build/.dotnet.lock "${DOTNET:-dotnet}" msbuild src/LibvirtNss.Core -nologo \
  -t:GetBuildVersion -getProperty:BuildVersion3Components -getProperty:PrereleaseVersion \
  -getProperty:GitCommitIdShort -getProperty:AssemblyFileVersion \
  -getProperty:AssemblyInformationalVersion -getProperty:GitCommitId \
  -getProperty:GitCommitDateTicks -getProperty:GitCommitAuthorDateTicks -getProperty:PublicRelease)
commit_time=$(git log -1 --format=%ct 2>/dev/null || sed -n 's/^COMMIT_TIME=//p' build-version.env)
printf '%s' "$json" | MODE=$mode COMMIT_TIME=$commit_time /usr/bin/env python3 -c '
import json, os, re, sys
p = json.load(sys.stdin)["Properties"]
version = p["BuildVersion3Components"]
prerelease = p["PrereleaseVersion"].lstrip("-")
commit = p["GitCommitIdShort"]
commit_time = os.environ["COMMIT_TIME"]
for name, value in (("version", version), ("prerelease", prerelease), ("commit", commit)):
    if not re.fullmatch(r"[0-9A-Za-z.]*", value):
        sys.exit("package-version: unexpected %s %r" % (name, value))
if not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version):
    sys.exit("package-version: unexpected version %r" % version)
if not re.fullmatch(r"[0-9]+", commit_time):
    sys.exit("package-version: unexpected commit time %r" % commit_time)
if os.environ["MODE"] == "env":
    print("VERSION=" + version)
    print("PRERELEASE=" + prerelease)
    print("COMMIT=" + commit)
    print("COMMIT_TIME=" + commit_time)
    sys.exit(0)
pinned = ("AssemblyFileVersion", "AssemblyInformationalVersion", "GitCommitId",
          "GitCommitDateTicks", "GitCommitAuthorDateTicks", "PublicRelease")
for name in pinned:
    if not re.fullmatch(r"[0-9A-Za-z.+-]*", p[name]):
        sys.exit("package-version: unexpected %s %r" % (name, p[name]))
print("<Project>")
print("  <!-- Written by scripts/export-source-tree.sh: what Nerdbank.GitVersioning computed in the")
print("       git checkout this tree was exported from (see Directory.Build.props). -->")
print("  <PropertyGroup>")
for name in pinned:
    print("    <Pinned%s>%s</Pinned%s>" % (name, p[name], name))
print("  </PropertyGroup>")
print("</Project>")
'
