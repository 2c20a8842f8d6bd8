#!/usr/bin/env bash
# check-build-without-test-tools: `make` (the module, the command, the packages) from a fresh
# export of the tree (scripts/export-source-tree.sh), on this machine with the test tools made
# absent: qemu, libvirt (virsh, the daemons, /usr/lib/libvirt), valgrind, the JDK, iptables,
# dnsmasq and udhcpc. In bwrap: / read-only, each such program masked by a file nobody may run
# (a symlink's target masked, so its links dangle), their folders empty, a private /tmp holding
# the tree at /tmp/libvirt-nss (no git repository above it: the build sees a source tarball)
# and a private HOME (the NuGet packages are read from the machine's cache, read-only).
# Inside, strace records every exec, stat or access of a path where a test tool was: a build
# that runs one, or looks one up on PATH, fails the suite even if it shrugged the failure off.
# The sysroot `make` links against (SYSROOT) is the caller's, read-only: the export does not fetch
# it again. Writes RESULTS/build-without-test-tools.counts.
#   SUITE=build-without-test-tools RESULTS=DIR SYSROOT=DIR run.sh WORK
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(realpath -m "${1:?usage: run.sh WORK}")
: "${SUITE:=build-without-test-tools}" "${RESULTS:=$top/build/test-results}"
. "$top/scripts/tap-checks.sh"

# The test tools: programs by name pattern (in every folder of PATH), and their folders.
TOOLS='qemu-* virsh virt-* virt*d libvirtd valgrind* vgdb java javac jshell iptables* ip6tables* dnsmasq dhcp_* udhcpc'
TOOL_DIRS='/usr/lib/libvirt /usr/lib/x86_64-linux-gnu/libvirt /usr/libexec/libvirt /usr/share/qemu
           /usr/lib/x86_64-linux-gnu/qemu /usr/libexec/valgrind /usr/lib/x86_64-linux-gnu/valgrind /usr/lib/jvm'
# The same names as a regex over a program's base name (the PATH check).
TOOL_RE='^(qemu-.*|virsh|virt-.*|virt.*d|libvirtd|valgrind.*|vgdb|java|javac|jshell|ip6?tables.*|dnsmasq|dhcp_.*|udhcpc)$'

rm -rf "$work" && mkdir -p "$work/record"
tree=$work/tree
nuget=${NUGET_PACKAGES:-$HOME/.nuget/packages}

# The sandbox's arguments: the folders emptied, then every program found masked (a symlink's
# target, unless it lies in an emptied folder: the link then dangles). watched: every path where
# a tool was (the programs, their links' targets, the folders), for strace's -P.
: > "$work/absent" && chmod 0000 "$work/absent"
sandbox=(--ro-bind / / --dev-bind /dev /dev --proc /proc --unshare-pid --die-with-parent
         --tmpfs /tmp --tmpfs /var/tmp)
declare -A masked=() watched=()
for d in $TOOL_DIRS; do [ -d "$d" ] && { sandbox+=(--tmpfs "$d"); watched[$d]=1; }; done
IFS=: read -r -a path_dirs <<< "$PATH"
for dir in "${path_dirs[@]}"; do
  for pattern in $TOOLS; do
    for f in "$dir"/$pattern; do
      [ -e "$f" ] || continue
      target=$(realpath "$f")
      watched[$f]=1 watched[$target]=1
      for d in $TOOL_DIRS; do case $target in "$d"/*) continue 2 ;; esac; done
      [ -n "${masked[$target]:-}" ] || { masked[$target]=1; sandbox+=(--ro-bind "$work/absent" "$target"); }
    done
  done
done
echo "# masked: ${#masked[@]} programs, $(wc -w <<< "$TOOL_DIRS") folders emptied; ${#watched[@]} paths watched"
sandbox+=(--bind "$tree" /tmp/libvirt-nss --bind "$work/record" /tmp/record --chdir /tmp/libvirt-nss
          --setenv HOME /tmp/home --setenv DOTNET_CLI_HOME /tmp/home --setenv NUGET_PACKAGES "$nuget"
          --setenv MSBUILDDISABLENODEREUSE 1 --setenv DOTNET_CLI_USE_MSBUILD_SERVER 0
          --setenv UseSharedCompilation false --setenv PublicRelease true)
watch=()
for p in "${!watched[@]}"; do watch+=(-P "$p"); done

# traced NAME COMMAND...: COMMAND in the sandbox, under strace; RECORD/NAME lists each exec, stat
# or access of a watched path. touched NAME: the base names of the paths so touched.
traced() {
  local name=$1; shift
  bwrap "${sandbox[@]}" strace -f --seccomp-bpf -qq -e signal=none \
    -e trace=execve,execveat,stat,lstat,newfstatat,statx,access,faccessat,faccessat2 "${watch[@]}" -o "/tmp/record/$name" "$@"
}
touched() {
  [ -f "$work/record/$1" ] || { echo "(no record)"; return; }
  grep -oE '"/[^"]*"' "$work/record/$1" | tr -d '"' | while read -r p; do basename "$p"; done |
    sort -u | tr '\n' ' ' | sed 's/ $//'
}

# A fresh export: what git tracks or would track, the version pinned as in the packages' tarball.
if ! version=$(cd "$top" && scripts/package-version.sh) || ! (eval "$version" && export VERSION PRERELEASE COMMIT &&
     "$top/scripts/export-source-tree.sh" "$tree"); then
  nok "the tree is exported"; finish
fi
ok "the tree is exported ($(find "$tree" -type f | wc -l) files, version $(sed -n 's/^VERSION=//p' <<< "$version"))"

# Inside, the tools are gone: no program of theirs on PATH (as the shell's command -v and bash's
# completion find programs: a masked file cannot be run), their folders empty. Outside, the same
# listing finds them (the control).
listed() {
  "$@" bash -c 'compgen -c; for t; do sh -c "command -v $t"; done' _ \
    qemu-system-x86_64 qemu-img virsh libvirtd virtqemud valgrind java javac iptables ip6tables \
    dnsmasq dhcp_release udhcpc |
    while read -r p; do basename "$p"; done | sort -u | grep -E "$TOOL_RE" | tr '\n' ' ' | sed 's/ $//'
}
outside=$(listed env)
check "outside, the listing finds the test tools ($(wc -w <<< "$outside") programs)" test -n "$outside"
same "inside, no test tool is on PATH (qemu, virsh, libvirtd, valgrind, java, javac, iptables, dnsmasq, udhcpc)" \
  "" "$(listed bwrap "${sandbox[@]}")"
same "inside, their folders are empty" "" \
  "$(bwrap "${sandbox[@]}" bash -c 'for d; do [ -d "$d" ] && [ -n "$(ls -A "$d")" ] && echo "$d"; done; :' _ $TOOL_DIRS | tr '\n' ' ')"
check "inside, scripts/have-deps.sh test reports a test tool missing" \
  bash -c '! bwrap "$@" ./scripts/have-deps.sh test >/dev/null' _ "${sandbox[@]}"
check "inside, scripts/have-deps.sh build finds every build dependency" \
  bwrap "${sandbox[@]}" ./scripts/have-deps.sh build

# The record can fail: a command that looks for valgrind and java (and shrugs off their absence)
# is caught; one that does not is not.
traced probe sh -c 'valgrind --version; java -version; true' >/dev/null 2>&1
same "the record catches a command looking for masked tools, even when it ignores their absence" \
  "java valgrind" "$(touched probe)"
traced control sh -c 'ls --version; true' >/dev/null 2>&1
same "... and records nothing of a command that does not" "" "$(touched control)"

# make, recorded.
start=$(date +%s)
traced make make SYSROOT="${SYSROOT:-}" > "$work/make.log" 2>&1
status=$? seconds=$(( $(date +%s) - start ))
[ "$status" -eq 0 ] || tail -30 "$work/make.log" | sed 's/^/#   /'
check "make ends well (module, command, packages; ${seconds} s; log: $work/make.log)" [ "$status" -eq 0 ]
built=$(cd "$tree/build" 2>/dev/null && ls lib/libnss_libvirt.so.2 lib/libnss_libvirt_guest.so.2 bin/libvirt-nss \
          packages/libvirt-nss_*.deb packages/libvirt-nss-*.src.rpm packages/libvirt-nss-*.x86_64.rpm 2>/dev/null | wc -l)
same "it built the module (both names), the command, the .deb, the source RPM and the RPM" 6 "$built"
same "make neither ran nor looked for a test tool" "" "$(touched make)"
finish
