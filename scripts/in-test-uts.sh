#!/bin/bash
# Runs a command with the node name the tests are written for, in a private UTS namespace: no
# guest may answer for the host's own name (docs/security.md), so a lookup's answer depends on
# uname's node name, and the tests' guests (vm, vm1, ...) must not happen to share the name of the
# machine that runs them. The machine's own name is left as it is.
#   in-test-uts.sh COMMAND [ARG...]
set -u
readonly test_node_name=nss-test-host.example.test
if [ "$(uname -n)" = "$test_node_name" ]; then
  exec "$@"
fi
if ! unshare --uts true 2>/dev/null; then
  echo "in-test-uts.sh: no UTS namespace here (unshare --uts failed): running with node name $(uname -n)" >&2
  exec "$@"
fi
exec unshare --uts /bin/sh -c 'hostname "$0" && exec "$@"' "$test_node_name" "$@"
