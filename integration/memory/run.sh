#!/bin/bash
# Memory: mixed lookups through the built module under valgrind's memcheck (memory-host.c says
# what the lookups and the rewrites between them are). Checks: every answer right, 0 bytes
# definitely and indirectly lost, no invalid read or write, no other memcheck error, and what
# stays allocated at exit is the cache's own (the published snapshot and the slots). Before it,
# the same mix runs natively with LIBVIRT_NSS_DEBUG to show that it builds snapshots and answers
# from published ones. Writes "<passed> <failed>" to RESULTS/memory.counts.
#
#   run.sh HOST MODULE RESULTS [LOOKUPS]
#
# Everything runs in a private mount namespace: a tmpfs over /var/lib and a directory of the
# build bound at /var/lib/libvirt/dnsmasq. Nothing outside the namespace changes.
set -u
if [ "${1:-}" != --inner ]; then
  host=$(realpath "$1") module=$(realpath "$2") results=$(realpath -m "$3")
  exec unshare -m --propagation private "$0" --inner "$host" "$module" "$results" "${4:-100000}"
fi
host=$2 module=$3 RESULTS=$4 lookups=$5 SUITE=memory
here=$(dirname "$(realpath "$0")")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"

dnsmasq=/var/lib/libvirt/dnsmasq
work=$(dirname "$host")/run
child=""
cleanup() { [ -n "$child" ] && kill -KILL "$child" 2>/dev/null; }
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM

rm -rf "$work" && mkdir -p "$work/leases" "$work/lib" || { nok "work directory"; finish; }
# A copy: a rebuild of the module meanwhile does not change what is measured.
cp "$module" "$work/lib/libnss_libvirt.so.2" || { nok "copy of the module"; finish; }
mount -t tmpfs -o mode=0755 tmpfs /var/lib && mkdir -p "$dnsmasq" && mount --bind "$work/leases" "$dnsmasq" ||
  { nok "namespace set up"; finish; }
mix=(--rewrite-every 100 --settle-every 5 --seed 7)

# run_host LOG COMMAND...: runs it in the background (so that a trap can end it), waits, returns its status.
run_host() {
  local log=$1; shift
  "$@" > "$log" 2> "$log.err" &
  child=$!
  wait "$child"
  local status=$?
  child=""
  return $status
}

# host_counts LOG: adds the host's own checks (its last line is "<passed> <failed>").
host_counts() {
  grep -E '^(ok|not ok) - |^#' "$1"
  last=$(tail -n1 "$1")
  if [[ $last =~ ^([0-9]+)\ ([0-9]+)$ ]]; then
    pass=$((pass + BASH_REMATCH[1])) fail=$((fail + BASH_REMATCH[2]))
  else
    nok "$2: the host ended without its counts (crashed?)"
    sed 's/^/#  /' "$1.err" | tail -20
  fi
}

echo "# 1. the mix natively, with LIBVIRT_NSS_DEBUG (20,000 lookups)"
rm -rf "${work:?}/leases"/*
LIBVIRT_NSS_DEBUG=1 run_host "$work/native.log" "$host" "$work/lib/libnss_libvirt.so.2" "$dnsmasq" 20000 "${mix[@]}"
status=$?
host_counts "$work/native.log" "native run"
same "the native run exits 0" 0 "$status"
built=$(grep -c ': snapshot of [0-9]* files' "$work/native.log.err")
reused=$(grep -c 'files unchanged, answering from the snapshot' "$work/native.log.err")
first=$(grep -c 'first lookup of its kind' "$work/native.log.err")
echo "#  debug lines: $built snapshots built (and published), $reused lookups answered from a published snapshot, $first first lookups without one"
check "the mix builds snapshots (each publication frees the one before)" [ "$built" -ge 100 ]
check "the mix answers from published snapshots" [ "$reused" -ge 100 ]

echo "# 2. the mix under valgrind --tool=memcheck ($lookups lookups)"
rm -rf "${work:?}/leases"/*
vlog=$work/memcheck.log
start=$SECONDS
run_host "$work/memcheck.out" timeout --kill-after=10 900 \
  valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    --log-file="$vlog" "$host" "$work/lib/libnss_libvirt.so.2" "$dnsmasq" "$lookups" "${mix[@]}"
status=$?
echo "#  memcheck run: $((SECONDS - start)) s, exit status $status"
host_counts "$work/memcheck.out" "memcheck run"
same "valgrind exits 0 (99: memcheck found errors or definite/indirect leaks; 124: timeout)" 0 "$status"

# "definitely lost: 1,234 bytes in 5 blocks"; no LEAK SUMMARY when every block was freed.
lost() {
  local line
  line=$(grep -E "==[0-9]+== +$1 lost:" "$vlog" | tail -n1)
  if [ -n "$line" ]; then sed -E 's/.*lost: ([0-9,]+) bytes.*/\1/; s/,//g' <<<"$line"
  elif grep -q "All heap blocks were freed" "$vlog"; then echo 0
  else echo missing; fi
}
definite=$(lost definitely) indirect=$(lost indirectly) possible=$(lost possibly)
reads=$(grep -c 'Invalid read of size' "$vlog") writes=$(grep -c 'Invalid write of size' "$vlog")
errors=$(sed -nE 's/.*ERROR SUMMARY: ([0-9,]+) errors.*/\1/p' "$vlog" | tail -n1 | tr -d ,)
at_exit=$(sed -nE 's/.*in use at exit: ([0-9,]+) bytes in ([0-9,]+) blocks.*/\1 \2/p' "$vlog" | tail -n1 | tr -d ,)
usage=$(sed -nE 's/.*total heap usage: (.*)/\1/p' "$vlog" | tail -n1)
echo "#  definitely lost: $definite bytes; indirectly lost: $indirect bytes; possibly lost: $possible bytes"
echo "#  invalid reads: $reads; invalid writes: $writes; memcheck errors in all: ${errors:-missing}"
echo "#  heap: ${usage:-missing}; in use at exit: ${at_exit% *} bytes in ${at_exit#* } blocks"
same "0 bytes definitely lost" 0 "$definite"
same "0 bytes indirectly lost" 0 "$indirect"
same "no invalid read" 0 "$reads"
same "no invalid write" 0 "$writes"
same "no memcheck error at all (uninitialised values, bad frees, overlaps)" 0 "${errors:-missing}"
# Left at exit: the cache (never freed: glibc keeps modules loaded) with the snapshot it publishes
# and each thread's recovery point; snapshots built and replaced meanwhile must all be freed.
small_at_exit() { [ -n "$at_exit" ] && [ "${at_exit% *}" -lt 1048576 ]; }
check "in use at exit: under 1 MiB (no snapshot left behind besides the published one)" small_at_exit
if [ "$fail" -ne 0 ]; then
  echo "#  memcheck's report:"; grep -E '==[0-9]+== ' "$vlog" | head -60 | sed 's/^/#  /'
fi
finish
