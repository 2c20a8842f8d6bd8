#!/bin/bash
# Runs in-namespaces.sh in new network, mount and PID namespaces: the machine's network, /run,
# /var/lib and /etc stay untouched, and when the script ends every process it started (dnsmasq,
# libvirt_leaseshelper, udhcpc) dies with the namespace's first process.
#   SUITE=e2e RESULTS=DIR run-e2e.sh LIBDIR
set -u
libdir=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
: "${SUITE:=e2e}" "${RESULTS:=build/test-results}"
mkdir -p "$RESULTS"

if ! unshare --net --mount --pid --fork true 2>/dev/null; then
  echo "$SUITE: SKIP: network namespaces are unavailable here (unshare --net failed); nothing was tested"
  echo "0 0" > "$RESULTS/$SUITE.counts"
  exit 0
fi
for tool in dnsmasq udhcpc dhcp_release ip getent /usr/lib/libvirt/libvirt_leaseshelper; do
  command -v "$tool" >/dev/null || { echo "$SUITE: missing $tool (make deps)"; echo "0 1" > "$RESULTS/$SUITE.counts"; exit 1; }
done

work=$(mktemp -d /tmp/libvirt-nss-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
SUITE=$SUITE RESULTS=$(realpath "$RESULTS") timeout 300 \
  unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private \
  bash "$here/in-namespaces.sh" "$libdir" "$work"
status=$?
if [ ! -s "$RESULTS/$SUITE.counts" ] || [ "$status" -gt 1 ]; then
  echo "$SUITE: the namespace script ended abnormally (status $status)"
  echo "0 1" > "$RESULTS/$SUITE.counts"
  exit 1
fi
# Every process the test started named $work on its command line (dnsmasq's pid file, udhcpc's script).
survivors=""
for proc in /proc/[0-9]*; do
  [[ "$(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null)" == *"$work"* ]] && survivors+=" ${proc#/proc/}"
done
read -r passed failed < "$RESULTS/$SUITE.counts"
if [ -z "$survivors" ]; then
  echo "ok - no process of the test survives it"; passed=$((passed + 1))
else
  echo "not ok - processes of the test survive it: $survivors"; failed=$((failed + 1)); status=1
fi
echo "$passed $failed" > "$RESULTS/$SUITE.counts"
echo "$SUITE: $passed passed, $failed failed"
exit "$status"
