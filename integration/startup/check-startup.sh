#!/usr/bin/env bash
# The module's start-up shortcuts give the runtime glibc's answers (docs/performance.md):
# startup-check.c, linked with src/LibvirtNss.Module/native/startup_*.c and the module's --wrap
# options, compares each shortcut with the glibc function it stands for, in several conditions.
# Writes "<passed> <failed>" to RESULTS/startup.counts.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
results=${1:-$top/build/test-results}
SUITE=startup RESULTS=$results
. "$top/scripts/tap-checks.sh"

bin=$top/build/startup-check
mkdir -p "$top/build"
cc -O2 -Wall -Wextra -Werror -pthread -o "$bin" "$top/integration/startup/startup-check.c" \
  "$top"/src/LibvirtNss.Module/native/startup_*.c \
  -Wl,--wrap=pthread_getattr_np -Wl,--wrap=fopen64 -ldl || { nok "startup-check builds"; finish; }

quiet() { local out; out=$("$@" 2>&1) || { echo "$out" | sed 's/^/# /'; return 1; }; }

check "initial thread: the shortcut answers, the same stack as glibc's pthread_getattr_np" quiet "$bin" stack-initial
check "initial thread, ulimit -s unlimited: same stack" quiet sh -c 'ulimit -s unlimited && exec "$0" stack-initial' "$bin"
check "initial thread, ulimit -s 1024: same stack" quiet sh -c 'ulimit -s 1024 && exec "$0" stack-initial' "$bin"
check "initial thread, 100 KB of environment above the stack: same stack" \
  quiet env BIG="$(head -c 100000 /dev/zero | tr '\0' x)" "$bin" stack-initial
check "another thread: glibc answers" quiet "$bin" stack-thread
check "a child forked from another thread: glibc answers" quiet "$bin" stack-forked-from-thread
check "/proc/self/mountinfo: the shortcut answers exactly the cgroup lines, in order" quiet "$bin" mountinfo
check "/proc/self/mountinfo with 40 more mounts and a cgroup2 mount: exactly the cgroup lines" \
  quiet unshare -m --propagation private sh -c '
    d=$(mktemp -d) && mount -t tmpfs tmpfs "$d" &&
    for i in $(seq 40); do mkdir "$d/m$i" && mount -t tmpfs tmpfs "$d/m$i"; done &&
    mkdir "$d/cg" && mount -t cgroup2 none "$d/cg" && exec "$0" mountinfo' "$bin"
check "other files (/proc/self/cgroup) pass through unchanged" quiet "$bin" other-files
check "log: the module's own gives libm's answers (within 2 ulps; NaN, infinities, zeros alike)" "$bin" log

# Embedded runtime settings: the feature switches the compiler applied are left out (the runtime
# scans every embedded setting for each of its ~75 look-ups). None of their names is in the
# library, as UTF-8 or UTF-16, so no code in it can read them at run time.
module=$top/build/lib/libnss_libvirt.so.2
# The runtime's log binds inside the library, so glibc does not load libm.so.6 with it.
same "the module does not need libm.so.6" "" "$(readelf -d "$module" | grep -F 'libm.so')"
same "the module takes no log from another library" "" "$(nm -D --undefined-only "$module" | grep -w 'log')"
rsp=$(ls "$top"/build/artifacts/obj/LibvirtNss.Module/release_*/native/libnss_libvirt.ilc.rsp 2>/dev/null | head -1)
features=$(sed -n 's/^--feature:\([^=]*\)=.*/\1/p' "${rsp:-/dev/null}" | sort -u)
check "the compiler applied feature switches (in $(basename "${rsp:-none}"))" test -n "$features"
found=$(for f in $features; do
          { grep -c -a -F "$f" "$module"; strings -el "$module" | grep -c -F "$f"; } | grep -qv '^0$' && echo "$f"
        done)
same "no applied feature switch is embedded or named anywhere in the module" "" "$found"
# Lease files are opened with open(2) (LeaseFileOpen.cs), never through FileStream or
# File.OpenHandle, so no file-locking setting is read and none is embedded.
check "the GC settings read at run time are embedded (System.GC.HeapHardLimit)" \
  grep -q -a -F System.GC.HeapHardLimit "$module"
same "no file-locking setting is embedded (files are opened with open(2), never locked)" "" \
  "$(strings -el "$module" | grep -F System.IO.DisableFileLocking)"

finish
