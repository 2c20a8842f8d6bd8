#!/bin/bash
# check-two-worlds: the driver over the zero-runtime test library (a sample of CASES inputs per
# entry point), then the harness's own check: a library built with TWO_WORLDS_PERTURB (one
# entry point answering differently for one input length) must be reported as differing.
#   SUITE=two-worlds RESULTS=DIR run-two-worlds.sh LIB DRIVER CASES NATIVE_SOURCES...
set -u
lib=$1 driver=$2 cases=$3; shift 3
: "${SUITE:=two-worlds}" "${RESULTS:=build/test-results}" "${DOTNET:=dotnet}"
mkdir -p "$RESULTS"
seed=${TWO_WORLDS_SEED:-$RANDOM}
echo "# inputs from seed $seed (TWO_WORLDS_SEED=$seed makes the same ones)"
out=$("$DOTNET" "$driver" --native "$lib" --cases "$cases" --seed "$seed" 2>&1)
status=$?
echo "$out" | grep -v '^two-worlds: '
passed=$(grep -c '^ok - ' <<< "$out") failed=$(grep -c '^not ok - ' <<< "$out")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "not ok - the driver ended abnormally (status $status)"; failed=$((failed + 1))
fi

# The harness can fail: a perturbed library must be caught, by the entry point perturbed.
perturbed=$(dirname "$lib")/perturbed/libzrt.so
if ./scripts/build-zero-runtime.sh -D TWO_WORLDS_PERTURB "$perturbed" "$@" >/dev/null 2>&1 &&
   ! caught=$("$DOTNET" "$driver" --native "$perturbed" --cases 3000 --seed 1 2>&1) &&
   grep -q '^not ok - lease address text' <<< "$caught"; then
  echo "ok - a library answering differently for one input length is caught: $(grep -m1 '^not ok' <<< "$caught" | cut -c1-120)"
  passed=$((passed + 1))
else
  echo "not ok - a perturbed library was not caught"; failed=$((failed + 1))
fi
echo "$passed $failed" > "$RESULTS/$SUITE.counts"
echo "$SUITE: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
