#!/usr/bin/env bash
# Runs one host RUNS times (inside the test namespace), each run under a timeout and with the
# lookup observer preloaded (with its probe thread, unless HOST_SAFETY_PROBE=0 is set), and
# prints one summary line:
#   runs=N ok=N hangs=N crashes=N failed=N sigs=LIST transient=LIST probes=N mask_changed=N threads=N rss_kb=N vm_kb=N fds=N
# (sigs, transient: union over the runs; probes: the fewest of any run; the other figures: the
# largest of any run).
# A hang is a run the timeout ended (its threads' stacks in WORKDIR/hang.N); a crash, a run a
# signal ended; failed, a run that exited non-zero (a lookup did not answer) or wrote no report.
# Usage: repeat.sh RUNS TIMEOUT OBSERVER WORKDIR COMMAND...
set -u
runs=$1 limit=$2 observer=$3 dir=$4
shift 4
rm -rf "$dir" && mkdir -p "$dir"
ok=0 hangs=0 crashes=0 failed=0
# stacks PID: where each thread of a hung host waits (the kernel's wait channel and system call,
# and gdb's backtraces where gdb is installed), so that a hang says where it hung.
stacks() {
  local pid=$1 task
  echo "# $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
  for task in /proc/"$pid"/task/*; do
    echo "thread ${task##*/} $(cat "$task/comm" 2>/dev/null): wchan $(cat "$task/wchan" 2>/dev/null), syscall $(cut -d' ' -f1 "$task/syscall" 2>/dev/null)"
  done
  command -v gdb >/dev/null && timeout 30 gdb -p "$pid" -batch -nx -ex 'thread apply all bt' 2>&1 | grep -v '^\[New LWP'
}
# A builtin wait of a tenth of a second: read with a timeout on a pipe nobody writes to.
exec {never}<> <(:)
for ((i = 1; i <= runs; i++)); do
  env LD_PRELOAD="$observer" HOST_SAFETY_PROBE="${HOST_SAFETY_PROBE:-1}" \
    HOST_SAFETY_REPORT="$dir/report.$i" "$@" \
    >/dev/null 2>"$dir/stderr.$i" &
  host=$!
  for ((tenths = 0; tenths < limit * 10; tenths++)); do
    kill -0 "$host" 2>/dev/null || break
    read -r -t 0.1 -u "$never"
  done
  if kill -0 "$host" 2>/dev/null; then
    stacks "$host" > "$dir/hang.$i" 2>&1
    kill -KILL "$host"
  fi
  wait "$host"
  rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then hangs=$((hangs + 1))
  elif [ "$rc" -gt 128 ]; then crashes=$((crashes + 1))
  elif [ "$rc" -ne 0 ] || [ ! -s "$dir/report.$i" ]; then failed=$((failed + 1))
  else ok=$((ok + 1))
  fi
done
cat "$dir"/report.* 2>/dev/null | awk -v runs="$runs" -v ok="$ok" -v hangs="$hangs" -v crashes="$crashes" -v failed="$failed" '
  function merge(list, into,   n, parts, k) { if (list == "-") return; n = split(list, parts, ","); for (k = 1; k <= n; k++) into[parts[k] + 0] = 1 }
  function show(set,   s, out) { out = ""; for (s = 1; s <= 64; s++) if (s in set) out = out (out == "" ? "" : ",") s; return out == "" ? "-" : out }
  { for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
    merge(v["sigs"], sigs); merge(v["transient"], transient)
    if (NR == 1 || v["probes"] + 0 < probes) probes = v["probes"] + 0
    if (v["mask_changed"] > mask) mask = v["mask_changed"]
    if (v["threads"] > threads) threads = v["threads"]
    if (v["rss_kb"] > rss) rss = v["rss_kb"]
    if (v["vm_kb"] > vm) vm = v["vm_kb"]
    if (v["fds"] > fds) fds = v["fds"] }
  END { printf "runs=%d ok=%d hangs=%d crashes=%d failed=%d sigs=%s transient=%s probes=%d mask_changed=%d threads=%d rss_kb=%d vm_kb=%d fds=%d\n",
          runs, ok, hangs, crashes, failed, show(sigs), show(transient), probes, mask, threads, rss, vm, fds }'
