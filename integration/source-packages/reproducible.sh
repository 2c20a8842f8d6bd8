#!/usr/bin/env bash
# check-reproducible: the same commit built twice gives the same bytes. The first build is
# `make`'s (build/); the second is a clone of the commit in WORK/tree, another directory, made
# now (later: every file has another time) under umask 002 (group-writable files), whose
# `make packages` writes its own build/. Its module and command are the ones check-offline-rebuild
# compiled from the SRPM of the same commit in REBUILD (else they are compiled here); the source
# tarballs, the source packages and the binary packages are made again. Every artefact's sha256
# is printed side by side; a difference is shown with diffoscope where it is installed, else
# with the files that differ inside.
# Writes RESULTS/reproducible.counts.
#   SUITE=reproducible RESULTS=DIR SYSROOT=DIR reproducible.sh WORK [REBUILD]
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(realpath -m "${1:?usage: reproducible.sh WORK [REBUILD]}")
rebuild=${2:-}
SYSROOT=${SYSROOT:-}
: "${SUITE:=reproducible}" "${RESULTS:=$top/build/test-results}"
. "$top/scripts/tap-checks.sh"
cd "$top"

[ -f build/dist/version.env ] || { nok "make left build/dist/version.env (make dist)"; finish; }
eval "$(cat build/dist/version.env)"
pkgver=$VERSION${PRERELEASE:+~$PRERELEASE}
commit=$(git rev-parse HEAD)
# The first build is of the work tree: it is the commit's only when nothing differs from it.
dirty=$(git status --porcelain --untracked-files=normal | head -5)
same "the work tree is the commit (nothing modified or untracked: the clone builds the commit)" "" "$dirty"
[ -z "$dirty" ] || finish
same "make's build is of that commit (build/dist/version.env)" "$COMMIT" "$(git rev-parse --short=${#COMMIT} HEAD)"
[ "$COMMIT" = "$(git rev-parse --short=${#COMMIT} HEAD)" ] || finish

rm -rf "$work" && mkdir -p "$work"
tree=$work/tree
# The clone is on the same branch as the work tree (Nerdbank.GitVersioning's public release
# depends on it), at the same commit.
branch=$(git symbolic-ref -q --short HEAD || true)
(umask 002 && git clone -q --no-checkout "$top" "$tree" &&
  if [ -n "$branch" ]; then git -C "$tree" checkout -q -B "$branch" "$commit"; else git -C "$tree" checkout -q --detach "$commit"; fi)
check "a clone of commit $COMMIT in $tree" [ "$(git -C "$tree" rev-parse HEAD 2>/dev/null)" = "$commit" ]
check "its files are another build's: other times than the work tree's, group-writable (umask 002)" \
  bash -c "[ \"\$(stat -c %Y '$tree/Makefile')\" != \"\$(stat -c %Y Makefile)\" ] && [ \"\$(stat -c %a '$tree/Makefile')\" = 664 ]"

start=$(date +%s)
(
  # SYSROOT: make's glibc to link against, an input of the build like the SDK (else the clone makes
  # its own from the Debian archive).
  if [ -n "$SYSROOT" ]; then export SYSROOT; else unset SYSROOT; fi
  cd "$tree" && umask 002 && make --no-print-directory restore && {
    # The module and the command check-offline-rebuild compiled from this commit's SRPM, copied
    # after the restore's stamp: `make` finds them up to date.
    if [ -n "$rebuild" ] && [ "$(cat "$rebuild/commit" 2>/dev/null)" = "$COMMIT" ] &&
       [ -f "$rebuild/rpm/tree-bin/bin/libvirt-nss" ] && [ -f "$rebuild/rpm/tree-bin/lib/libnss_libvirt.so.2" ]; then
      echo "# module and command: check-offline-rebuild's, from the SRPM"
      cp -R "$rebuild/rpm/tree-bin/lib" "$rebuild/rpm/tree-bin/bin" build/
    fi
    make --no-print-directory packages
  }
) > "$work/make.log" 2>&1
status=$?
[ $status -eq 0 ] || tail -25 "$work/make.log" | sed 's/^/#   /'
grep '^# module and command' "$work/make.log"
check "make packages in the clone ($(( $(date +%s) - start )) s; log: $work/make.log)" [ $status -eq 0 ]

# Every artefact: the module, the command, the two source tarballs, the Debian source package
# (.dsc, .orig.tar.gz, .orig-nuget.tar.gz, .debian.tar.xz), the .deb, the SRPM and the RPM.
artefacts=(lib/libnss_libvirt.so.2 bin/libvirt-nss
           "dist/libvirt-nss-$pkgver.tar.gz" "dist/libvirt-nss-$pkgver-nuget.tar.gz")
for f in build/packages/libvirt-nss[_-]*; do artefacts+=("${f#build/}"); done
sha() { sha256sum "$1" 2>/dev/null | cut -c1-64; }
# explain A B: where two files differ.
explain() {
  if command -v diffoscope >/dev/null; then
    diffoscope --text - --max-report-size 200000 "$1" "$2" 2>&1 | head -60
  else
    case $1 in
      *.tar.gz|*.tar.xz) diff <(tar -tvf "$1" | sort -k6) <(tar -tvf "$2" | sort -k6) | head -20 ;;
      *.deb) diff <(dpkg-deb -c "$1") <(dpkg-deb -c "$2") | head -20 ;;
      *.rpm) diff <(rpm -qp --dump "$1") <(rpm -qp --dump "$2") | head -20
             diff <(rpm -qpi "$1") <(rpm -qpi "$2") | head -10 ;;
      *) cmp -l "$1" "$2" | head -5 ;;
    esac
  fi | sed 's/^/#     /'
}
printf '# %-44s %-64s %s\n' artefact "sha256 (make, $top)" "sha256 (clone, $tree)"
for a in "${artefacts[@]}"; do
  one=$(sha "build/$a") two=$(sha "$tree/build/$a")
  printf '# %-44s %-64s %s\n' "$a" "${one:-(missing)}" "${two:-(missing)}"
  if [ -n "$one" ] && [ "$one" = "$two" ]; then ok "$a: identical"
  else nok "$a: identical"; [ -n "$one" ] && [ -n "$two" ] && explain "build/$a" "$tree/build/$a"; fi
done
same "the clone made the same artefacts (names)" \
  "$(cd build && ls -1 packages/libvirt-nss[_-]*)" "$(cd "$tree/build" && ls -1 packages/libvirt-nss[_-]* 2>/dev/null)"
finish
