#!/usr/bin/env bash
# make bench: this module beside two upstream C modules, measured in the same run (bench.py says
# what): Debian 12's (build/oracle), which the targets are set against, and the newest the Debian
# archive serves (build/oracle-newest), beside it for information; each named by its VERSION file.
#   1. Core's readers alone (the subset's and the oracle's): BenchmarkDotNet, short job (BENCH_CORE=0 skips it; a failed
#      build of it is reported, not fatal);
#   2. warm lookups in one C host, from 1 and 2 threads, a million mixed lookups (RSS),
#      whole-process getent (callgrind, hyperfine), host footprint: bench.py, inside a private
#      mount namespace (tmpfs lease directory, overlay module dir); with it, each module's cold own
#      cost: its instructions above a do-nothing module with the same exports.
# BENCH_ONLY=own-cost runs the cold own cost alone, of the three modules (no BenchmarkDotNet, no other section).
# BENCH_BEFORE=REV also measures this module as REV built it (git archive of REV, its `make module`,
# against the same sysroot) in every section, and adds a table of ours against it: what a change
# costs, measured in one run (the C modules' ratios alone would carry two runs' noise).
# Writes build/bench/results.md and build/bench/lookup-us.png, prints the targets and the tables.
# Nothing is asserted: a target not met is printed as NOT MET.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
out=$build/bench
mkdir -p "$out"
cc -O2 -Wall -Wextra -Werror -pthread -o "$out/lookup-bench" "$top/integration/bench/lookup-bench.c" -ldl
cc -O2 -Wall -Wextra -Werror -o "$out/footprint" "$top/integration/bench/footprint.c" -ldl
cc -O2 -Wall -Wextra -Werror -o "$out/memory-host" "$top/integration/memory/memory-host.c" -ldl

if [ -n "${BENCH_BEFORE:-}" ]; then
  commit=$(git -C "$top" rev-parse --verify "$BENCH_BEFORE^{commit}")
  before=$out/before-$(git -C "$top" rev-parse --short "$commit")
  if [ ! -e "$before/build/lib/libnss_libvirt.so.2" ]; then
    echo "bench: building the module of $BENCH_BEFORE ($commit)..." >&2
    rm -rf "$before" && mkdir -p "$before"
    git -C "$top" archive "$commit" | tar -x -C "$before"
    # This tree's sysroot, if it has one: the same glibc links both builds (and none is fetched).
    sysroot=$build/sysroot/bullseye-amd64/root
    [ -d "$sysroot" ] || sysroot=
    make -C "$before" --no-print-directory module DOTNET="${DOTNET:-dotnet}" SYSROOT="$sysroot" \
      > "$before/build.log" 2>&1 ||
      { tail -30 "$before/build.log" >&2; echo "bench: the module of $BENCH_BEFORE did not build" >&2; exit 1; }
  fi
  export BENCH_BEFORE_LIB=$before/build/lib BENCH_BEFORE_NAME=$(git -C "$top" rev-parse --short "$commit")
fi

rm -rf "$out/bdn"
if [ "${BENCH_CORE:-1}" != 0 ] && [ -z "${BENCH_ONLY:-}" ]; then
  echo "bench: Core's readers (BenchmarkDotNet)..." >&2
  flock "$build/.dotnet.lock" ${DOTNET:-dotnet} run -c Release \
    --project "$top/integration/bench/LibvirtNss.Core.Benchmarks" -- \
    --artifacts "$out/bdn" > "$out/bdn.log" 2>&1 ||
    { tail -30 "$out/bdn.log" >&2; echo "bench: BenchmarkDotNet failed (build/bench/bdn.log); its section is left out" >&2; }
fi

exec unshare -m --propagation private /usr/bin/python3 "$top/integration/bench/bench.py" \
  "$out/lookup-bench" "$out/footprint" "$out/memory-host"
