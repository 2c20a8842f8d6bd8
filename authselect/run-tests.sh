#!/bin/sh
# check-authselect: the template renderer and the profile script tests (tests/authselect).
# Writes "<passed> <failed>" to RESULTS/check-authselect.counts; exits non-zero on failure.
set -u
cd "$(dirname "$0")/.."
results=${1:?results directory}
mkdir -p "$results"
xml=$results/check-authselect.xml
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/authselect --junitxml="$xml"
status=$?
/usr/bin/python3 - "$xml" "$results/check-authselect.counts" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    suite = ET.parse(sys.argv[1]).getroot()
    suite = suite if suite.tag == 'testsuite' else suite.find('testsuite')
    total, failed = int(suite.get('tests')), int(suite.get('failures')) + int(suite.get('errors'))
    skipped = int(suite.get('skipped', 0))
    passed = total - failed - skipped
except Exception:
    passed, failed = 0, 1
open(sys.argv[2], 'w').write('%d %d\n' % (passed, failed))
PY
[ "$status" -eq 0 ]
