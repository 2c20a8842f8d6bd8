#!/bin/bash
# Real libvirt end to end: libvirtd, a libvirt network and a guest booted under TCG, resolved by
# real getent through the candidate module and through upstream's, compared with virsh.
#   SUITE=libvirt-e2e RESULTS=DIR [LIBVIRT_E2E_TRIXIE=DIR] run-libvirt-e2e.sh CANDIDATE_LIBDIR CLI ORACLE_LIBDIR...
# The machine's libvirt (Debian 12's), or with LIBVIRT_E2E_TRIXIE the newest libvirt the Debian
# archive serves, in the trixie root make-trixie-root.sh makes (or finds cached) in that directory.
# in-namespaces.sh runs as the first process of new PID, network and mount namespaces: nothing on
# the machine changes (its network, cgroups, /run, /var, /etc), and whatever libvirt started
# (libvirtd, dnsmasq, qemu) dies with that process. unshare ignores SIGTERM and SIGINT, so an
# interruption or the time limit reaches the namespace as timeout's SIGKILL to unshare, which
# --kill-child passes on to the namespace's first process. This script checks afterwards that no
# process of the namespace survives: once after an interruption in the middle, once at the end.
set -u
candidate=$(realpath "$1") cli=$(realpath "$2")
oracles=()
for oracle in "${@:3}"; do oracles+=("$(realpath "$oracle")"); done
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
: "${SUITE:=libvirt-e2e}" "${RESULTS:=build/test-results}" "${LIBVIRT_E2E_LIMIT:=300}" "${LIBVIRT_E2E_TRIXIE:=}"
mkdir -p "$RESULTS"
RESULTS=$(realpath "$RESULTS")
# shellcheck source=../../scripts/tap-checks.sh
. "$top/scripts/tap-checks.sh"
# shellcheck source=../../scripts/libvirtd-namespace.sh
. "$top/scripts/libvirtd-namespace.sh"

# in_system COMMAND...: runs COMMAND in the system whose libvirt is tested (commands that write
# nothing: the root stays as it was made).
root=""
if [ -n "$LIBVIRT_E2E_TRIXIE" ]; then
  "$here/make-trixie-root.sh" "$LIBVIRT_E2E_TRIXIE" ||
    give_up "no trixie root in $LIBVIRT_E2E_TRIXIE and it could not be made (make-trixie-root.sh, above): the newest libvirt is not tested"
  root=$(realpath "$LIBVIRT_E2E_TRIXIE/root")
  in_system() { chroot "$root" "$@"; }
  system="the trixie root $root" remedy="make-trixie-root.sh"
  tools="libvirtd virsh qemu-system-x86_64 dnsmasq dhcp_release iptables cpio getent unshare mount ip pgrep python3"
else
  in_system() { "$@"; }
  system="the machine" remedy="make deps"
  tools="libvirtd virsh qemu-system-x86_64 dnsmasq dhcp_release iptables cpio getent unshare"
fi
for tool in $tools; do
  in_system sh -c 'command -v "$0"' "$tool" >/dev/null ||
    give_up "missing $tool in $system ($remedy)"
done
libvirt_version=$(in_system libvirtd --version)
echo "# $SUITE: $libvirt_version, in $system"
unshare --net --mount --pid --fork true 2>/dev/null || give_up "cannot make network, mount and PID namespaces here"
guest=$top/build/libvirt-e2e/guest
"$top/scripts/fetch-guest.sh" "$guest" || give_up "could not fetch the guest's kernel and busybox"

# What the test would change on the machine if it leaked out of its namespaces.
machine_state() {
  libvirt_machine_state
  # The cached root is never written to either (what the test writes there lands on a tmpfs).
  [ -z "$root" ] || find "$root" -newer "$LIBVIRT_E2E_TRIXIE/stamp"
}
machine_before=$(machine_state)

work=$(mktemp -d /tmp/libvirt-nss-libvirt-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT

# in_namespaces MODE: starts in-namespaces.sh under the time limit, in the background ($runner);
# it writes the name of its PID namespace to $work/pidns.
in_namespaces() {
  rm -f "$work/pidns" "$work/ready"
  # stderr to a file (printed when a check fails): timeout re-raises unshare's SIGKILL, and bash
  # reports the killed command there.
  (SUITE=$SUITE RESULTS=$RESULTS LIBVIRT_E2E_ROOT=$root timeout -s KILL "$LIBVIRT_E2E_LIMIT" \
    unshare --net --mount --pid --fork --kill-child --mount-proc --propagation private \
    bash "$here/in-namespaces.sh" "$1" "$candidate" "$cli" "$guest" "$work" "${oracles[@]}") 2>> "$work/stderr" > "$work/$1.out" &
  runner=$!
}
# What timeout does at the limit: SIGKILL to unshare (its child), which takes the namespace along.
kill_unshare() { pkill -KILL -f "^unshare .*in-namespaces.sh .*$work" 2>/dev/null; }
# (disowned first: bash would report the killed job on stderr)
kill_runner() { disown "$runner" 2>/dev/null; kill_unshare; while kill -0 "$runner" 2>/dev/null; do sleep 0.1; done; }

# 1. Interrupted in the middle (libvirtd and its dnsmasq running), as by ^C or the time limit.
#    Its own checks are not counted: the full run repeats them.
in_namespaces interrupt
trap 'kill_runner; rm -rf "$work"' EXIT
if wait_until 600 test -e "$work/ready"; then
  kill_runner
  if wait_until 50 no_survivors; then
    ok "interrupted with libvirtd and dnsmasq running: no process of the namespace survives"
  else
    nok "interrupted: processes of the namespace survive:$(survivors)"
  fi
else
  kill_runner
  nok "interrupted run: libvirtd and the network did not come up"; sed 's/^/#   /' "$work/interrupt.out"
fi
rm -f "$RESULTS/$SUITE.counts"
read -r pass_before fail_before <<< "$pass $fail"

# 2. The whole test (its output shown as it comes). ^C here stops it the same way.
in_namespaces full
trap kill_unshare INT TERM HUP
namespace_result "$work/full.out" "$LIBVIRT_E2E_LIMIT"
pass=$((pass + pass_before)) fail=$((fail + fail_before))
namespace_left_nothing "libvirtd, dnsmasq, qemu" \
  "cgroups, network links, libvirt's directories, /etc/passwd, /etc/group, nsswitch.conf${root:+, the root}"
echo "$pass $fail" > "$RESULTS/$SUITE.counts"
echo "# $SUITE: $libvirt_version"
echo "$SUITE: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
