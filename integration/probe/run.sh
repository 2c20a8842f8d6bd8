#!/bin/bash
# Runs the conformance probe against our module for every lease-directory case, then against
# each upstream C module (oracle mode: Debian 12's and the newest the Debian archive serves), and
# writes "<passed> <failed>" to COUNTS.
#
#   run.sh PROBE MODULE COUNTS ORACLE_LIBDIR...
#
# Each case runs in a private mount namespace: a tmpfs over /var/lib and the case's directory
# bound at /var/lib/libvirt/dnsmasq (nothing changes outside the namespace). The modules are
# dlopen()ed by path, so no library directory is touched.
#
# Counted: every check of our module (see probe.c), plus one check per entry point of each C
# module: its answer to a short buffer (ENOMEM + TRY_AGAIN) fails our expectation (TRYAGAIN +
# ERANGE + NETDB_INTERNAL), which shows the deliberate fix 1 as a test that fails on upstream.
# The C module's other differences are upstream's behaviour: printed as DEVIATION lines, not counted;
# those of the errno rule (probe.c) are summed up on their own line.
set -u
probe=$1 module=$2 counts=$3
shift 3
work=$(dirname "$probe")/cases
cases="data dangling empty missing notdir noperm"

# dangling: the fixture and gone.status, a link to a file that does not exist (libvirt's
# directory can hold one after a network's files were removed by hand): skipped, and its ENOENT
# must not reach the caller's errno.
prepare() {
  chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"
  mkdir -p "$work/data" "$work/dangling" "$work/empty" "$work/noperm"
  "$probe" --write-fixture "$work/data" || return 1
  cp "$work/data"/* "$work/dangling/" && ln -s /nonexistent/gone.status "$work/dangling/gone.status" || return 1
  cp "$work/data"/* "$work/noperm/" && chmod 000 "$work/noperm"
}

# run_case CASE PROBE-ARGS...: prints the probe's output; its last line is "<passed> <failed>".
run_case() {
  local case=$1; shift
  # noperm: root without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so the mode-000 directory is unreadable
  local drop=""
  [ "$case" = noperm ] && drop="setpriv --bounding-set -dac_override,-dac_read_search --"
  unshare -m --propagation private bash -c '
    set -e
    case=$1 work=$2; shift 2
    mount -t tmpfs tmpfs /var/lib
    mkdir -p /var/lib/libvirt
    case $case in
      missing) ;;
      notdir) : > /var/lib/libvirt/dnsmasq ;;
      *) mkdir /var/lib/libvirt/dnsmasq && mount --bind "$work/$case" /var/lib/libvirt/dnsmasq ;;
    esac
    exec "$@"' probe-case "$case" "$work" $drop "$@"
}

mkdir -p "$(dirname "$counts")"
if ! prepare; then
  echo "probe: cannot write the fixture"; echo "0 1" > "$counts"; exit 1
fi

passed=0 failed=0
for case in $cases; do
  out=$(run_case "$case" "$probe" "$case" "$module")
  echo "$out"
  last=$(tail -n1 <<<"$out")
  if [[ $last =~ ^([0-9]+)\ ([0-9]+)$ ]]; then
    passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
  else
    echo "probe: case $case ended without counts (crashed?)"; failed=$((failed + 1))
  fi
done
echo "probe: our module: $((passed + failed)) checks, $passed passed, $failed failed"

# oracle ORACLE_LIBDIR: the C module of ORACLE_LIBDIR through every case; adds its fix 1 checks.
oracle() {
  local dir=$1 label version case out fix1 deviations=0 errno_deviations=0 shown=0 not_shown=0
  local lib=$dir/libnss_libvirt.so.2 guest=$dir/libnss_libvirt_guest.so.2
  # fetch-oracle.sh writes the package's version beside lib/.
  version=$(cat "$dir/../VERSION" 2>/dev/null) || version="of unknown version"
  label="upstream C module $version"
  if [ ! -e "$lib" ] || [ ! -e "$guest" ]; then
    echo "probe: the $label is missing in $dir: fix 1 not shown"; failed=$((failed + 1)); return
  fi
  for case in $cases; do
    out=$(run_case "$case" "$probe" --oracle "$case" "$lib" "$guest")
    echo "$out"
    deviations=$((deviations + $(grep '^  DEVIATION' <<<"$out" | grep -vc ' errno: ')))
    errno_deviations=$((errno_deviations + $(grep -c '^  DEVIATION .* errno: ' <<<"$out")))
    if [ "$case" = data ]; then
      fix1=$(grep '^fix1 ' <<<"$out")
      if [[ $fix1 =~ ^fix1\ ([0-9]+)\ ([0-9]+)$ ]]; then
        shown=${BASH_REMATCH[1]} not_shown=${BASH_REMATCH[2]}
      else
        echo "probe: the $label's data case ended without a fix1 line (crashed?)"; not_shown=8
      fi
    fi
  done
  echo "probe: $label: fix 1 fails on $shown of $((shown + not_shown)) entry points;" \
       "$deviations other deviations from the expectations (upstream behaviour, listed above, not counted)"
  echo "probe: $label: the errno rule breaks on $errno_deviations entry points over the cases" \
       "(the DEVIATION ... errno lines above; upstream behaviour, not counted)"
  passed=$((passed + shown)) failed=$((failed + not_shown))
}
# PROBE_NO_ORACLE=1: no upstream module for this architecture (the arm64 suite probes only ours).
[ $# -gt 0 ] || [ "${PROBE_NO_ORACLE:-}" = 1 ] ||
  { echo "probe: no upstream module given: fix 1 not shown"; failed=$((failed + 1)); }
for dir in "$@"; do oracle "$dir"; done

chmod -R u+rwx "$work" 2>/dev/null
echo "$passed $failed" > "$counts"
echo "probe: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
