#!/usr/bin/env bash
# check-stale-words: every rule of LIST (integration/stale-words/stale-words.list) over the tree
# at TOP; a rule passes when no line of a text file in its paths matches its regex, and fails
# printing each such line as file:line: text. Then the check's own: a planted tree must give
# exactly the lines the rule for "runtime" is meant to catch. Writes RESULTS/stale-words.counts.
#   run-stale-words.sh LIST RESULTS [TOP]
set -uo pipefail
list=$(realpath "${1:?usage: run-stale-words.sh LIST RESULTS [TOP]}")
results=${2:?results directory}
top=$(realpath "${3:-$(dirname "$0")/../..}")
SUITE=stale-words RESULTS=$results
. "$(dirname "$0")/../../scripts/tap-checks.sh"

# Prints the lines one rule finds: search ROOT LIST NAME REGEX (nothing when the rule holds).
search() {
  local root=$1 list=$2 name=$3 regex=$4 paths=() p
  read -r -a paths <<< "$(sed -n "s/^$name *= *//p" "$list")"
  [ ${#paths[@]} -gt 0 ] || { echo "$list: no set named $name" >&2; return 2; }
  for p in "${paths[@]}"; do
    [ -e "$root/$p" ] || continue
    (cd "$root" && grep -rnIP --exclude-dir=.git --exclude-dir=bin --exclude-dir=obj -- "$regex" "$p")
  done | grep -v "^${list#"$root"/}:"
  return 0
}

# Each rule: a line "NAME REGEX" (not a comment, not a set "NAME = ...").
rules() { grep -vE '^[[:space:]]*(#|$)|^[^[:space:]]+[[:space:]]*=' "$1"; }

while read -r name regex; do
  found=$(search "$top" "$list" "$name" "$regex")
  if [ -z "$found" ]; then
    ok "no $regex in $name"
  else
    nok "no $regex in $name: $(wc -l <<< "$found") lines"
    sed 's/^/#   /' <<< "$found"
  fi
done < <(rules "$list")

# The check can fail, and its exceptions hold: in a planted tree the runtime rule finds the two
# lines naming a runtime and neither the compound, the namespace nor the packages' names.
planted=$(mktemp -d)
mkdir -p "$planted/src/LibvirtNss.Module"
printf '%s\n' '// loads one runtime' 'using System.Runtime.InteropServices;' '// zero-runtime C#' \
  'using LibvirtNss.ZeroRuntime;' '// the Runtime'"'"'s helpers' '// the runtime packs and the .NET runtime' \
  '// runtime.linux-x64.Microsoft.DotNet.ILCompiler, RuntimeIdentifiers' > "$planted/src/LibvirtNss.Module/Planted.cs"
cp "$list" "$planted/stale-words.list"
runtime_rule=$(rules "$list" | grep -m1 '^module-and-packaging .*bruntime' | cut -d' ' -f2- | sed 's/^ *//')
same "a planted tree: the runtime rule finds the runtime and the Runtime's helpers, not zero-runtime, ZeroRuntime, System.Runtime or the packages' names" \
  "src/LibvirtNss.Module/Planted.cs:1 src/LibvirtNss.Module/Planted.cs:5" \
  "$(search "$planted" "$planted/stale-words.list" module-and-packaging "$runtime_rule" | cut -d: -f1,2 | tr '\n' ' ' | sed 's/ $//')"
rm -rf "$planted"
finish
