#!/bin/sh
# Adds up the "<passed> <failed>" counts every suite wrote, prints one row per suite and the
# closing line CI reads. Exits non-zero when a suite failed or when no test ran at all.
dir=${1:?results directory}
total_pass=0; total_fail=0
echo "== test summary =="
for f in "$dir"/*.counts; do
  [ -e "$f" ] || continue
  read -r pass fail < "$f"
  printf '  %-28s %5s passed %5s failed\n' "$(basename "$f" .counts)" "$pass" "$fail"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
done
for f in "$dir"/*.coverage; do
  [ -e "$f" ] && printf '  %s\n' "$(cat "$f")"
done
echo "Total: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ "$total_pass" -gt 0 ]
