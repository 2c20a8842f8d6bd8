#!/bin/bash
# The lease snapshot through the built module, in a C host (cache-host.c): rewrites between two
# lookups in one process (in place and by rename, same size and mtime; files added and removed),
# on a tmpfs and on the build directory's filesystem; then 8 resolving threads while another
# process replaces the lease file. Each case runs in a private mount namespace with its own
# /var/lib/libvirt/dnsmasq. Writes "<passed> <failed>" to COUNTS.
#
#   run.sh HOST MODULE COUNTS [STRESS_SECONDS]
set -u
host=$1 module=$2 counts=$3 seconds=${4:-5}
work=$(dirname "$host")/dirs
dnsmasq=/var/lib/libvirt/dnsmasq

# in_namespace FS COMMAND...: FS is "tmpfs" (a fresh tmpfs) or a directory bound at the lease directory.
in_namespace() {
  local fs=$1; shift
  unshare -m --propagation private bash -c '
    set -e
    fs=$1 dnsmasq=$2; shift 2
    mount -t tmpfs tmpfs /var/lib
    mkdir -p "$dnsmasq"
    [ "$fs" = tmpfs ] || mount --bind "$fs" "$dnsmasq"
    exec "$@"' cache-case "$fs" "$dnsmasq" "$@"
}

passed=0 failed=0
# run_case TITLE FS ARGS...: the host's last line is "<passed> <failed>"; no such line is a crash.
run_case() {
  local title=$1 fs=$2; shift 2
  echo "# $title"
  out=$(in_namespace "$fs" "$host" "$@" 2>&1)
  status=$?
  echo "$out"
  last=$(tail -n1 <<<"$out")
  if [[ $last =~ ^([0-9]+)\ ([0-9]+)$ ]] && [ "$status" -eq 0 ]; then
    passed=$((passed + BASH_REMATCH[1])) failed=$((failed + BASH_REMATCH[2]))
  else
    echo "not ok - $title: the host ended with status $status without its counts (crashed?)"
    failed=$((failed + 1))
  fi
}

rm -rf "$work" && mkdir -p "$work/disk"
run_case "changes between lookups, tmpfs" tmpfs changes "$module" "$dnsmasq"
run_case "changes between lookups, $(stat -f -c %T "$work/disk")" "$work/disk" changes "$module" "$dnsmasq"
# The same lookups with LIBVIRT_NSS_DEBUG: warm lookups answer from the snapshot, not by reading.
debug=$(LIBVIRT_NSS_DEBUG=1 in_namespace tmpfs "$host" changes "$module" "$dnsmasq" 2>&1 >/dev/null)
warm=$(grep -c "files unchanged, answering from the snapshot" <<<"$debug")
reads=$(grep -c "entries read" <<<"$debug")
echo "#  with LIBVIRT_NSS_DEBUG: $warm lookups from the snapshot, $reads lease files read"
if [ "$warm" -ge 3 ]; then passed=$((passed + 1)); echo "ok - warm lookups in the module answer from the snapshot"
else failed=$((failed + 1)); echo "not ok - warm lookups in the module answer from the snapshot"; fi

run_case "8 threads resolving while another process replaces the file (${seconds}s)" tmpfs \
  stress "$module" "$dnsmasq" "$seconds"

mkdir -p "$(dirname "$counts")"
echo "$passed $failed" > "$counts"
echo "cache: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
