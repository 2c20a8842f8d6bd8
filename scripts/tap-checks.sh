# Sourced by the shell test suites: one "ok - ..." / "not ok - ..." line per check, and the
# "<passed> <failed>" counts file the summary adds up. Set SUITE and RESULTS before sourcing.
pass=0 fail=0

ok()   { pass=$((pass + 1)); echo "ok - $1"; }
nok()  { fail=$((fail + 1)); echo "not ok - $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }
same() { # name expected actual
    if [ "$2" = "$3" ]; then ok "$1"; else nok "$1"; printf '  expected: %s\n  actual:   %s\n' "$2" "$3" | sed 's/^/#/'; fi; }
finish() {
    mkdir -p "$RESULTS"
    echo "$pass $fail" > "$RESULTS/$SUITE.counts"
    echo "$SUITE: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}
