#!/bin/sh
# make dist: the two source tarballs both source packages are made of, in build/dist/:
#   libvirt-nss-<version>.tar.gz        the tree (scripts/export-source-tree.sh: what git tracks
#                                       or would track, the version pinned)
#   libvirt-nss-<version>-nuget.tar.gz  nuget/: the NuGet packages the module and the command
#                                       restore for x86-64 and aarch64, an offline feed for their
#                                       build on either, natively or across
# The SRPM carries them as Source0 and Source1, the Debian source package as its .orig.tar.gz
# and .orig-nuget.tar.gz. Both are reproducible: names sorted, every time the commit's,
# owner root, gzip without a name or time. build/dist/version.env: the version they carry.
# With --key: prints what the tarballs are made of, for `make dist` to remake them only when it
# changes (Makefile, DIST_KEY).
set -eu
cd "$(dirname "$0")/.."
dist=build/dist

# tar options that make an archive of the tree a function of its names, modes and contents:
# names sorted, root's numeric owner, modes without the umask's group write bit.
tar_normalised='--sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mode=u+rw,go=rX'

if [ "${1:-}" = --key ]; then
  # The key: the commit and the branch, of which (with version.json) Nerdbank.GitVersioning
  # computes the version, commit and time (a tree without git: build-version.env, which pins
  # them); the SDK, whose runtime packs and ILCompiler the restore resolves; and the tree as the
  # tarball holds it, uncommitted changes included, hashed as a tar without times. The project
  # files and Directory.Build.props the restore reads are part of the tree.
  if [ -e .git ]; then git rev-parse HEAD; git symbolic-ref -q HEAD || echo detached; else cat build-version.env; fi
  ${DOTNET:-dotnet} --version
  # shellcheck disable=SC2086
  scripts/export-source-tree.sh --files | LC_ALL=C sort | tar $tar_normalised --mtime=@0 --no-recursion -T - -cf - | sha256sum
  exit 0
fi
# Every architecture the packages build for (the spec's ExclusiveArch, debian/control's
# Architecture): one restore of the command for all of them, into a folder of its own, names
# what a build on any of them restores: the target's runtime packs and ILCompiler package, and
# the build machine's ILCompiler package (ilc), the x86-64 one across, the aarch64 one natively.
rids='linux-x64;linux-arm64'
restored=build/dist-restore

version_env=$(scripts/package-version.sh)
eval "$version_env"
# Package version: x.y.z, or x.y.z~tag for a prerelease (sorts before x.y.z), RPM and Debian alike.
pkgver=$VERSION${PRERELEASE:+~$PRERELEASE}
name=libvirt-nss-$pkgver

rm -rf "$dist"
mkdir -p "$dist/stage"
export VERSION PRERELEASE COMMIT COMMIT_TIME
scripts/export-source-tree.sh "$dist/stage/$name"

# The vendored feed: each package that restore of the command (and so of Core) resolved or
# downloaded (runtime packs, ILCompiler and its runtime packs, which also compile the module), as
# the .nupkg NuGet keeps in its packages folder. A flat folder of .nupkg files is a NuGet source.
rm -rf "$restored" && mkdir -p "$restored"
flock build/.dotnet.lock ${DOTNET:-dotnet} restore src/LibvirtNss.Cli -p:RuntimeIdentifiers="\"$rids\"" \
    -p:ArtifactsPath="$PWD/$restored" > "$restored/restore.log" 2>&1 ||
    { cat "$restored/restore.log" >&2; exit 1; }
mkdir -p "$dist/stage/nuget"
/usr/bin/python3 - "$dist/stage/nuget" "$restored/obj/LibvirtNss.Cli/project.assets.json" \
    "$restored/obj/LibvirtNss.Core/project.assets.json" <<'PY'
import json, os, shutil, sys
feed, assets_files = sys.argv[1], sys.argv[2:]
packages = set()
for path in assets_files:
    assets = json.load(open(path))
    folders = list(assets["packageFolders"])
    for key, library in assets["libraries"].items():
        if library["type"] == "package":
            name, version = key.split("/")
            packages.add((name, version, tuple(folders)))
    for framework in assets["project"]["frameworks"].values():
        for download in framework.get("downloadDependencies", []):
            version = download["version"].strip("[]").split(",")[0].strip()
            packages.add((download["name"], version, tuple(folders)))
for name, version, folders in sorted(packages):
    nupkg = "%s.%s.nupkg" % (name.lower(), version.lower())
    for folder in folders:
        source = os.path.join(folder, name.lower(), version.lower(), nupkg)
        if os.path.isfile(source):
            shutil.copyfile(source, os.path.join(feed, nupkg))
            break
    else:
        sys.exit("make-dist: %s %s is in no packages folder (%s)" % (name, version, ", ".join(folders)))
PY

# tar: normalised (above), the commit's time on every entry; gzip -n: no name or time in the
# header. The feed's .nupkg files are zip archives already: xz would take minutes to save 3 %.
reproducible_tar() {  # reproducible_tar OUT.tar.gz DIR
    # shellcheck disable=SC2086
    tar $tar_normalised --mtime="@$COMMIT_TIME" -C "$dist/stage" -cf - "$2" | gzip -n -9 > "$1"
}
reproducible_tar "$dist/$name.tar.gz" "$name"
reproducible_tar "$dist/$name-nuget.tar.gz" nuget
printf '%s\n' "$version_env" > "$dist/version.env"
rm -rf "$dist/stage"
ls -1 "$dist"/*.tar.gz
