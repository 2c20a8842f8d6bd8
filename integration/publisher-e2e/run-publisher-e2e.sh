#!/bin/bash
# The address publisher end to end: the machine's libvirtd, guests under TCG on a plain
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
# shellcheck source=../../scripts/tap-checks.sh
. "$top/scripts/tap-checks.sh"
# shellcheck source=../../scripts/libvirtd-namespace.sh
. "$top/scripts/libvirtd-namespace.sh"

for tool in libvirtd virsh qemu-system-x86_64 dnsmasq cpio getent unshare ip ldd python3; do
  command -v "$tool" >/dev/null || give_up "missing $tool (make test-deps)"
done
[ -e /usr/lib/x86_64-linux-gnu/libvirt.so.0 ] || give_up "missing libvirt.so.0, which the publisher loads (make test-deps)"
echo "# $SUITE: $(libvirtd --version)"
unshare --net --mount --pid --fork true 2>/dev/null || give_up "cannot make network, mount and PID namespaces here"
guest=$top/build/publisher-e2e/guest
"$top/scripts/fetch-guest.sh" --agent "$guest" || give_up "could not fetch the guests' kernel, modules, busybox and qemu-ga"

# What the test would change on the machine if it leaked out of its namespaces: libvirt's, and
# the publisher's directory.
machine_state() { libvirt_machine_state /run/libvirt-nss; }
machine_before=$(machine_state)

work=$(mktemp -d /tmp/libvirt-nss-publisher-e2e.XXXXXX)
# What timeout does at the limit: SIGKILL to unshare (its child), which takes the namespace along.
kill_unshare() { pkill -KILL -f "^unshare .*publisher-e2e/in-namespaces.sh .*$work" 2>/dev/null; }
trap 'kill_unshare; rm -rf "$work"' EXIT
trap kill_unshare INT TERM HUP

started=$SECONDS
# stderr to a file (printed when a check fails): timeout re-raises unshare's SIGKILL, and bash
# reports the killed command there.
(SUITE=$SUITE RESULTS=$RESULTS timeout -s KILL "$PUBLISHER_E2E_LIMIT" \
  unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private \
  bash "$here/in-namespaces.sh" "$candidate" "$cli" "$guest" "$work") 2>> "$work/stderr" > "$work/out" &
runner=$!
rm -f "$RESULTS/$SUITE.counts"
namespace_result "$work/out" "$PUBLISHER_E2E_LIMIT"
namespace_left_nothing "libvirtd, dnsmasq, qemu, the publisher" \
  "cgroups, network links, libvirt's directories, /run/libvirt-nss, /etc/passwd, /etc/group, nsswitch.conf"
echo "$pass $fail" > "$RESULTS/$SUITE.counts"
echo "$SUITE: $pass passed, $fail failed in $((SECONDS - started)) s"
[ "$fail" -eq 0 ]
