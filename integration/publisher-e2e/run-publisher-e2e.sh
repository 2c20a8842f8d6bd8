#!/bin/bash
# The address publisher end to end (issue 23): the machine's libvirtd, guests under TCG on a plain
# bridge with a standalone dnsmasq, with a static address, on macvtap, and a hostile one;
# `libvirt-nss publish` and real getent through the candidate module, compared with virsh.
#   SUITE=publisher-e2e RESULTS=DIR run-publisher-e2e.sh CANDIDATE_LIBDIR CLI
# in-namespaces.sh runs as the first process of new PID, network and mount namespaces: nothing on
# the machine changes (its network, cgroups, /run, /var, /etc), and whatever the test started
# (libvirtd, dnsmasq, qemu, the publisher) dies with that process. unshare ignores SIGTERM and
# SIGINT, so an interruption or the time limit reaches the namespace as timeout's SIGKILL to
# unshare, which --kill-child passes on to the namespace's first process. This script checks
# afterwards that no process of the namespace survives and that the machine is as it was.
set -u
candidate=$(realpath "$1") cli=$(realpath "$2")
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
: "${SUITE:=publisher-e2e}" "${RESULTS:=build/test-results}" "${PUBLISHER_E2E_LIMIT:=400}"
mkdir -p "$RESULTS"
RESULTS=$(realpath "$RESULTS")
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1"; }
give_up() { echo "not ok - $1"; echo "$pass $((fail + 1))" > "$RESULTS/$SUITE.counts"; echo "$SUITE: $pass passed, $((fail + 1)) failed"; exit 1; }

for tool in libvirtd virsh qemu-system-x86_64 dnsmasq cpio getent unshare ip ldd python3; do
  command -v "$tool" >/dev/null || give_up "missing $tool (make test-deps)"
done
[ -e /usr/lib/x86_64-linux-gnu/libvirt.so.0 ] || give_up "missing libvirt.so.0, which the publisher loads (make test-deps)"
echo "# $SUITE: $(libvirtd --version)"
unshare --net --mount --pid --fork true 2>/dev/null || give_up "cannot make network, mount and PID namespaces here"
guest=$top/build/publisher-e2e/guest
"$here/fetch-agent-guest.sh" "$guest" || give_up "could not fetch the guests' kernel, modules, busybox and qemu-ga"

# What the test would change on the machine if it leaked out of its namespaces.
machine_state() {
  find /sys/fs/cgroup -maxdepth 3 -name 'machine*' 2>/dev/null | sort
  ip -o link show | awk '{print $2}'
  ls -d /var/lib/libvirt /run/libvirt /run/libvirt-nss /var/log/libvirt /var/cache/libvirt /etc/libvirt/* 2>/dev/null
  md5sum /etc/passwd /etc/group /etc/nsswitch.conf
}
machine_before=$(machine_state)

work=$(mktemp -d /tmp/libvirt-nss-publisher-e2e.XXXXXX)
# What timeout does at the limit: SIGKILL to unshare (its child), which takes the namespace along.
kill_unshare() { pkill -KILL -f "^unshare .*publisher-e2e/in-namespaces.sh .*$work" 2>/dev/null; }
trap 'kill_unshare; rm -rf "$work"' EXIT
trap kill_unshare INT TERM HUP

# The processes (other than zombies already reaped) left in the PID namespace named in $work/pidns.
survivors() {
  local ns proc left=""
  ns=$(cat "$work/pidns" 2>/dev/null) || { echo "?"; return; }
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/ns/pid" 2>/dev/null)" = "$ns" ] && left+=" ${proc#/proc/}($(cat "$proc/comm" 2>/dev/null))"
  done
  echo "$left"
}
no_survivors() { [ -z "$(survivors)" ]; }
wait_until() { for _ in $(seq "$1"); do "${@:2}" && return 0; sleep 0.1; done; return 1; }

started=$SECONDS
# stderr to a file (printed when a check fails): timeout re-raises unshare's SIGKILL, and bash
# reports the killed command there.
(SUITE=$SUITE RESULTS=$RESULTS timeout -s KILL "$PUBLISHER_E2E_LIMIT" \
  unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private \
  bash "$here/in-namespaces.sh" "$candidate" "$cli" "$guest" "$work") 2>> "$work/stderr" > "$work/out" &
runner=$!
rm -f "$RESULTS/$SUITE.counts"
tail -f --pid="$runner" "$work/out" &
wait "$runner"; status=$?
while kill -0 "$runner" 2>/dev/null; do wait "$runner"; status=$?; done
wait   # for tail's last lines
if [ -s "$RESULTS/$SUITE.counts" ]; then
  read -r pass fail < "$RESULTS/$SUITE.counts"
else
  pass=0 fail=0
  nok "the namespace script ended abnormally (status $status; interrupted, or over the limit of ${PUBLISHER_E2E_LIMIT} s)"
fi
if wait_until 50 no_survivors; then
  ok "no process of the namespace (libvirtd, dnsmasq, qemu, the publisher) survives the test"
else
  nok "processes of the namespace survive the test:$(survivors)"
fi
same_state=$(diff <(echo "$machine_before") <(machine_state))
if [ -z "$same_state" ]; then
  ok "the machine is unchanged: cgroups, network links, libvirt's directories, /run/libvirt-nss, /etc/passwd, /etc/group, nsswitch.conf"
else
  nok "the machine changed:"; echo "$same_state" | sed 's/^/#   /'
fi
if [ "$fail" -gt 0 ] && [ -s "$work/stderr" ]; then
  echo "# stderr of the namespace:"; grep -v ' Killed ' "$work/stderr" | tail -20 | sed 's/^/#   /'
fi
echo "$pass $fail" > "$RESULTS/$SUITE.counts"
echo "$SUITE: $pass passed, $fail failed in $((SECONDS - started)) s"
[ "$fail" -eq 0 ]
