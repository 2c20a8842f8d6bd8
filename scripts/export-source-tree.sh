#!/bin/sh
# Copies the source tree as the packages see it to DEST: the files of the work tree that git
# tracks or would track (not ignored), or all of an exported tree's but build/, as they are,
# modification times kept (the tree `make` builds), with the computed version pinned, since a
# copy has no git history to compute it from: build-version.env (read by
# scripts/package-version.sh), a version.json whose version is the full x.y.z[-tag]
# (Nerdbank.GitVersioning then gives the same version without git when PublicRelease=true is
# set, as the package builds do) and build-version.props (the rest of what it gives the
# assemblies in the checkout: commit id and dates; Directory.Build.props applies it, so that the
# command compiled from the copy is the checkout's byte for byte).
# Usage: export-source-tree.sh DEST   (DEST must not exist; VERSION, PRERELEASE, COMMIT in env,
#        COMMIT_TIME too or taken from git)
#        export-source-tree.sh --files   (the names of the files it copies, one a line, and
#        version.json's, whose copy it rewrites: what scripts/make-dist.sh --key hashes)
set -eu
cd "$(dirname "$0")/.."

# files [SKIP]: the tree's files, one a line, but SKIP.
# In a git checkout: what git tracks or would track. In an exported tree (an unpacked source
# tarball, which has no .git): every file but build/, where the builds write, and the vendored
# NuGet feed and its nuget.config, which a source package brings beside the tree (nuget/).
files() {
  if [ -e .git ]; then
    git ls-files -z --cached --others --exclude-standard
  else
    find . \( -path ./build -o -path ./nuget -o -path ./nuget.config \) -prune -o \( -type f -o -type l \) -print0 |
      sed -z 's|^\./||'
  fi | xargs -0 sh -c 'skip=$1; shift; for f; do [ -e "$f" ] && [ "$f" != "$skip" ] && printf "%s\n" "$f"; done; exit 0' sh "${1:-}"
}
[ "${1:-}" != --files ] || { files; exit 0; }

dest=${1:?destination}
: "${VERSION:?}" "${PRERELEASE?}" "${COMMIT:?}"
: "${COMMIT_TIME:=$(git log -1 --format=%ct 2>/dev/null || sed -n 's/^COMMIT_TIME=//p' build-version.env)}"
[ ! -e "$dest" ] || { echo "export-source-tree: $dest exists" >&2; exit 1; }
mkdir -p "$dest"
files version.json | tar -cf - --no-recursion -T - | tar -xpf - -C "$dest"
printf 'VERSION=%s\nPRERELEASE=%s\nCOMMIT=%s\nCOMMIT_TIME=%s\n' "$VERSION" "$PRERELEASE" "$COMMIT" "$COMMIT_TIME" \
  > "$dest/build-version.env"
scripts/package-version.sh --props > "$dest/build-version.props"
/usr/bin/python3 - "$VERSION${PRERELEASE:+-$PRERELEASE}" > "$dest/version.json" <<'PY'
import json, sys
config = json.load(open("version.json"))
config["version"] = sys.argv[1]
print(json.dumps(config, indent=2))
PY
touch -r version.json "$dest/version.json"
