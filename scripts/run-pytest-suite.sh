#!/usr/bin/env bash
# Runs one pytest suite with Debian's python3 and writes "<passed> <failed>" to RESULTS/NAME.counts.
# Usage: run-pytest-suite.sh NAME TEST_PATH RESULTS_DIR [pytest args...]
set -uo pipefail
name=$1 path=$2 results=$3
shift 3
mkdir -p "$results"
xml=$results/$name.junit.xml
/usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml="$xml" "$path" "$@"
status=$?
/usr/bin/python3 - "$xml" "$results/$name.counts" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = sum(int(s.get("tests", 0)) for s in suites)
    bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    passed, failed = tests - bad - skipped, bad
except Exception:
    passed, failed = 0, 1
open(sys.argv[2], "w").write(f"{passed} {failed}\n")
PY
[ "$status" -eq 5 ] && { echo "$name: no test ran"; echo "0 1" > "$results/$name.counts"; exit 1; }
exit "$status"
