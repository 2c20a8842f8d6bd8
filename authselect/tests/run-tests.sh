#!/bin/bash
# check-authselect: the Fedora flow with the real authselect and the real rpm, in Debian roots
# made by make-root.sh and cached in build/authselect/SUITE: trixie (authselect 1.5.0, rpm 4.20)
# and sid (the newest authselect, 1.8.0 when written, and rpm 6). In each, in-namespaces.sh runs
# as the first process of new mount, network and PID namespaces, with a tmpfs overlay over the
# root: nothing on the machine or in the cached root changes, and every process it starts dies
# with it. Tests the .rpm `make` left in build/packages/.
#   run-tests.sh RESULTS [SUITE...]     (default: trixie sid)
# Writes RESULTS/authselect-SUITE.counts for each; exits non-zero when one fails.
set -u
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
results=${1:?results directory}
shift
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie sid)
mkdir -p "$results"
results=$(realpath "$results")

give_up() { # SUITE MESSAGE
  echo "not ok - $2"; echo "0 1" > "$results/authselect-$1.counts"; echo "authselect-$1: 0 passed, 1 failed"
}

shopt -s nullglob
rpms=("$top"/build/packages/libvirt-nss-[0-9]*.x86_64.rpm)
# The roots are made side by side: most of the time goes to fetching their packages.
making=()
mkdir -p "$top/build/authselect"
for suite in "${suites[@]}"; do
  "$here/make-root.sh" "$suite" > "$top/build/authselect/$suite.log" 2>&1 &
  making+=($!)
done

status=0 i=0
for suite in "${suites[@]}"; do
  made=0
  wait "${making[$i]}" || made=$?
  i=$((i + 1))
  sed "s/^/# /" "$top/build/authselect/$suite.log"
  if [ ${#rpms[@]} -ne 1 ]; then give_up "$suite" "make rpm left one binary RPM in build/packages"; status=1; continue; fi
  if [ "$made" -ne 0 ]; then give_up "$suite" "the $suite root (make-root.sh, above)"; status=1; continue; fi
  if ! unshare --net --mount --pid --fork true 2>/dev/null; then
    give_up "$suite" "network, mount and PID namespaces (unshare) are available here"; status=1; continue
  fi
  work=$(mktemp -d "/tmp/libvirt-nss-authselect-$suite.XXXXXX")
  (
    trap 'rm -rf "$work"' EXIT
    # shellcheck source=../../scripts/namespace-suite.sh
    . "$top/scripts/namespace-suite.sh"
    SUITE=authselect-$suite RESULTS=$results run_namespace_suite "$work" --net --mount --pid -- \
      "$here/in-namespaces.sh" "$top/build/authselect/$suite" "${rpms[0]}" "$work"
  ) || status=1
done
exit "$status"
