#!/bin/bash
# Runs the unit and property tests of LibvirtNss.Core with coverlet.collector, and those of the
# command's pure logic (tests/LibvirtNss.Cli.Tests), then writes
#   RESULTS_DIR/unit.counts    "<passed> <failed>"
#   RESULTS_DIR/unit.coverage  "Core line coverage: N% (required >= 90%)"
# Exits non-zero when a test failed, none ran, or Core's line coverage is below the minimum.
set -uo pipefail
results=$(realpath -m "${1:?usage: run-unit-tests.sh RESULTS_DIR}")
min_coverage=90
cd "$(dirname "$0")/.."
project=tests/LibvirtNss.Core.Tests
raw="$results/unit"
rm -rf "$raw" && mkdir -p "$raw"

# The tests' node name (scripts/in-test-uts.sh): no guest answers for the host's own name.
flock build/.dotnet.lock ./scripts/in-test-uts.sh dotnet test "$project" \
  --settings "$project/coverage.runsettings" --collect:"XPlat Code Coverage" \
  --results-directory "$raw" --logger "trx;LogFileName=unit.trx"
status=$?
flock build/.dotnet.lock ./scripts/in-test-uts.sh dotnet test tests/LibvirtNss.Cli.Tests \
  --results-directory "$raw/cli" --logger "trx;LogFileName=unit-cli.trx"
[ $? -eq 0 ] || status=1

# Counts from the TRX; the coverage of the LibvirtNss.Core package from the cobertura XML.
read -r passed failed coverage < <(/usr/bin/python3 - "$raw" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
raw = sys.argv[1]
passed = failed = 0
for trx in glob.glob(f"{raw}/**/*.trx", recursive=True):
    c = ET.parse(trx).find(".//{*}ResultSummary/{*}Counters")
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
rate = None
for xml in glob.glob(f"{raw}/**/coverage.cobertura.xml", recursive=True):
    for p in ET.parse(xml).iter("package"):
        if p.get("name") == "LibvirtNss.Core":
            rate = float(p.get("line-rate")) * 100
print(passed, failed, "none" if rate is None else f"{rate:.1f}")
PY
)
passed=${passed:-0} failed=${failed:-0} coverage=${coverage:-none}
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # the run itself failed (build error, crash)
echo "$passed $failed" > "$results/unit.counts"
[ "$coverage" = none ] && shown="not measured" || shown="${coverage}%"
line="Core line coverage: $shown (required >= ${min_coverage}%)"
echo "$line" | tee "$results/unit.coverage"
echo "unit: $passed passed, $failed failed"

[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] || exit 1
[ "$coverage" != none ] && /usr/bin/python3 -c "import sys; sys.exit(float('$coverage') < $min_coverage)" || {
  echo "Core line coverage below ${min_coverage}%" >&2; exit 1; }
