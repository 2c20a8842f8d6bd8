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
# shellcheck source=../../scripts/namespace-suite.sh
. "$here/../../scripts/namespace-suite.sh"
RESULTS=$(realpath "$RESULTS") run_namespace_suite "$work" --net --mount --pid -- "$here/in-namespaces.sh" "$libdir" "$work"
