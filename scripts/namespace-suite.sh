# Sourced by the runners of the suites whose test script is the first process of new namespaces
# (integration/e2e, integration/spoofing): when that script ends, every process it started dies
# with its namespaces; this checks it, and writes the suite's counts.
#   run_namespace_suite WORK NAMESPACE_OPTION... -- SCRIPT ARG...
# WORK is the test's work directory: every process the test starts names it on its command line
# (a pid file, a log, udhcpc's script). SUITE and RESULTS (absolute) come from the environment;
# the script writes RESULTS/SUITE.counts. Exits with the suite's status. NAMESPACE_SUITE_LIMIT
# (seconds, 300 unless set) bounds a script that never ends: far above what a run takes, even on
# a machine loaded several times over its cores.
run_namespace_suite() {
  local work=$1 options=() status proc survivors="" passed failed
  shift
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  SUITE=$SUITE RESULTS=$RESULTS timeout "${NAMESPACE_SUITE_LIMIT:-300}" \
    unshare "${options[@]}" --fork --kill-child --mount-proc --propagation private bash "$@"
  status=$?
  if [ ! -s "$RESULTS/$SUITE.counts" ] || [ "$status" -gt 1 ]; then
    echo "$SUITE: the namespace script ended abnormally (status $status)"
    echo "0 1" > "$RESULTS/$SUITE.counts"
    exit 1
  fi
  for proc in /proc/[0-9]*; do
    # (2> first: a process that ends meanwhile takes its cmdline along, which is no survivor)
    [[ "$(tr '\0' ' ' 2>/dev/null < "$proc/cmdline")" == *"$work"* ]] && survivors+=" ${proc#/proc/}"
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
}
