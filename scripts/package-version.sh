#!/bin/sh
# Prints the package version that Nerdbank.GitVersioning computes from version.json and the git
# history, as shell assignments for the RPM and Debian builds (never edited by hand):
#   VERSION=x.y.z        major.minor from version.json, patch = git height
#   PRERELEASE=tag       version.json's prerelease tag without the dash (empty on a public release)
#   COMMIT=0123456789    short commit id
# Outside a git checkout (an unpacked source tarball) the values come from build-version.env,
# which the tarball carries.
set -eu
cd "$(dirname "$0")/.."
if [ ! -e .git ] && [ -r build-version.env ]; then
  cat build-version.env
  exit 0
fi
mkdir -p build
json=$(flock build/.dotnet.lock "${DOTNET:-dotnet}" msbuild src/LibvirtNss.Core -nologo \
  -t:GetBuildVersion -getProperty:BuildVersion3Components -getProperty:PrereleaseVersion \
  -getProperty:GitCommitIdShort)
printf '%s' "$json" | /usr/bin/env python3 -c '
import json, re, sys
p = json.load(sys.stdin)["Properties"]
version = p["BuildVersion3Components"]
prerelease = p["PrereleaseVersion"].lstrip("-")
commit = p["GitCommitIdShort"]
for name, value in (("version", version), ("prerelease", prerelease), ("commit", commit)):
    if not re.fullmatch(r"[0-9A-Za-z.]*", value):
        sys.exit("package-version: unexpected %s %r" % (name, value))
if not re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+", version):
    sys.exit("package-version: unexpected version %r" % version)
print("VERSION=" + version)
print("PRERELEASE=" + prerelease)
print("COMMIT=" + commit)
'
