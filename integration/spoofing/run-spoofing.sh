#!/bin/bash
# Runs in-namespaces.sh in new network, mount, PID and UTS namespaces: the machine's network, /run,
# /var/lib, /etc and host name stay untouched, and when the script ends every process it started
# (three dnsmasq, libvirt_leaseshelper, the guests' udhcpc) dies with the namespace's first process.
#   SUITE=spoofing RESULTS=DIR run-spoofing.sh LIBDIR [ORACLE_LIBDIR...]
# LIBDIR holds our libnss_libvirt{,_guest}.so.2 (the suite passes or fails on it); each
# ORACLE_LIBDIR an upstream C module (build/oracle/lib, build/oracle-newest/lib), whose results are
# printed for comparison only.
set -u
libdir=$(realpath "$1")
shift
here=$(dirname "$(realpath "$0")")
: "${SUITE:=spoofing}" "${RESULTS:=build/test-results}"
mkdir -p "$RESULTS"

if ! unshare --net --mount --pid --uts --fork true 2>/dev/null; then
  echo "$SUITE: SKIP: network namespaces are unavailable here (unshare --net failed); nothing was tested"
  echo "0 0" > "$RESULTS/$SUITE.counts"
  exit 0
fi
for tool in dnsmasq udhcpc dhcp_release ip getent nsenter hostname python3 /usr/lib/libvirt/libvirt_leaseshelper; do
  command -v "$tool" >/dev/null || { echo "$SUITE: missing $tool (make deps)"; echo "0 1" > "$RESULTS/$SUITE.counts"; exit 1; }
done
oracles=()
for dir in "$libdir" "$@"; do
  [ -e "$dir/libnss_libvirt.so.2" ] || { echo "$SUITE: $dir/libnss_libvirt.so.2 is missing (make module oracle)"; echo "0 1" > "$RESULTS/$SUITE.counts"; exit 1; }
  # "upstream 9.0.0 (C)": the upstream version of the package the oracle was unpacked from
  # (fetch-oracle.sh writes it beside lib/), without Debian's revision.
  [ "$dir" = "$libdir" ] || oracles+=("$(realpath "$dir")" "upstream $(sed 's/-[^-]*$//' "$dir/../VERSION" 2>/dev/null || echo '?') (C)")
done

work=$(mktemp -d /tmp/libvirt-nss-spoofing.XXXXXX)
trap 'rm -rf "$work"' EXIT
# shellcheck source=../../scripts/namespace-suite.sh
. "$here/../../scripts/namespace-suite.sh"
# Three modules ask every case: about 4 minutes on 2 busy cores.
RESULTS=$(realpath "$RESULTS") NAMESPACE_SUITE_LIMIT=1200 run_namespace_suite "$work" --net --mount --pid --uts -- "$here/in-namespaces.sh" "$libdir" "$work" "${oracles[@]}"
