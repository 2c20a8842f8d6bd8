#!/bin/sh
# Copies the source tree as the packages see it to DEST: the files of the work tree that git
# tracks or would track (not ignored), or all of an exported tree's but build/, as they are,
# modification times kept (the tree `make` builds), with the computed version pinned, since a
# copy has no git history to compute it from: build-version.env (read by
# scripts/package-version.sh) and a version.json whose version is the full x.y.z[-tag]
# (Nerdbank.GitVersioning then gives the same version without git when PublicRelease=true is
# set, as the package builds do).
# Usage: export-source-tree.sh DEST   (DEST must not exist; VERSION, PRERELEASE, COMMIT in env)
set -eu
cd "$(dirname "$0")/.."
dest=${1:?destination}
: "${VERSION:?}" "${PRERELEASE?}" "${COMMIT:?}"
[ ! -e "$dest" ] || { echo "export-source-tree: $dest exists" >&2; exit 1; }
mkdir -p "$dest"
# In a git checkout: what git tracks or would track. In an exported tree (an unpacked source
# tarball, which has no .git): every file but build/, where the builds write.
if [ -e .git ]; then
  git ls-files -z --cached --others --exclude-standard
else
  find . -path ./build -prune -o \( -type f -o -type l \) -print0 | sed -z 's|^\./||'
fi | xargs -0 sh -c 'for f; do [ -e "$f" ] && [ "$f" != version.json ] && printf "%s\n" "$f"; done; exit 0' sh \
  | tar -cf - --no-recursion -T - | tar -xpf - -C "$dest"
printf 'VERSION=%s\nPRERELEASE=%s\nCOMMIT=%s\n' "$VERSION" "$PRERELEASE" "$COMMIT" > "$dest/build-version.env"
/usr/bin/python3 - "$VERSION${PRERELEASE:+-$PRERELEASE}" > "$dest/version.json" <<'PY'
import json, sys
config = json.load(open("version.json"))
config["version"] = sys.argv[1]
print(json.dumps(config, indent=2))
PY
touch -r version.json "$dest/version.json"
