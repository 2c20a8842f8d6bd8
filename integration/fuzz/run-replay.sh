#!/bin/bash
# Replays the fuzz sample (SAMPLE_DIR, written by the fuzzer) through the built module:
#   run-replay.sh REPLAY MODULE SAMPLE_DIR
# In a private mount namespace: a tmpfs over /var/lib holds the lease directory the module reads
# (nothing changes outside the namespace). A crash of the host is reported as such.
set -u
replay=$1 module=$2 sample=$3
[ -s "$sample/index" ] || { echo "replay: no sample in $sample (run the fuzzer first)"; exit 1; }
unshare -m --propagation private bash -c '
  set -e
  mount -t tmpfs tmpfs /var/lib
  mkdir -p /var/lib/libvirt/dnsmasq
  exec "$@"' replay "$replay" "$module" "$sample"
status=$?
if [ "$status" -gt 128 ]; then
  echo "replay: CRASH: the host died of signal $((status - 128)) on $sample/$(cat "$sample/current" 2>/dev/null)"
fi
exit "$status"
