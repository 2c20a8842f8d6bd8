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

finish
