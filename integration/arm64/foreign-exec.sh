#!/bin/sh
# Runs a command where aarch64 programs run under qemu-user, without the machine's binfmt_misc:
# in a new user namespace (every id mapped to itself), whose own binfmt_misc instance (Linux 6.7 and
# later) registers qemu-aarch64-static from qemu-user-static's binfmt.d entry. The registration
# lives and dies with the namespace; the machine's registrations (/proc/sys/fs/binfmt_misc) are
# neither read nor changed. A new mount and PID namespace come with it (the instance is mounted on
# the namespace's own /proc, where mmdebstrap looks for it).
#   foreign-exec.sh COMMAND [ARG...]
set -eu
conf=/usr/lib/binfmt.d/qemu-aarch64.conf
[ -r "$conf" ] || { echo "foreign-exec: $conf missing (qemu-user-static)" >&2; exit 2; }
if [ "${ARM64_BINFMT_PRIVATE:-}" != 1 ]; then
    # Every user and group maps to itself (a root's files keep their owners: unshare's own
    # --map-root-user maps root alone), written by this process, which is root outside, while the
    # namespace's first process waits on a FIFO.
    sync=$(mktemp -d /tmp/arm64-userns.XXXXXX)
    mkfifo "$sync/go"
    unshare --user --mount --pid --fork --mount-proc /bin/sh -c 'read _ < "$0" && exec "$@"' \
        "$sync/go" env ARM64_BINFMT_PRIVATE=1 "$0" "$@" &
    pid=$!
    while [ "$(readlink /proc/$pid/ns/user 2>/dev/null)" = "$(readlink /proc/self/ns/user)" ]; do
        sleep 0.05
    done
    echo '0 0 4294967295' > /proc/$pid/uid_map
    echo '0 0 4294967295' > /proc/$pid/gid_map
    echo go > "$sync/go"
    status=0; wait $pid || status=$?
    rm -rf "$sync"
    exit $status
fi
# The instance is mounted where binfmt_misc always is, over the namespace's own /proc.
mnt=/proc/sys/fs/binfmt_misc
mount -t binfmt_misc binfmt_misc "$mnt" || {
    echo "foreign-exec: no private binfmt_misc (needs Linux 6.7 or later; this is $(uname -r))" >&2; exit 2; }
# The F flag opens the interpreter now, so a chroot need not hold it.
[ -e "$mnt/qemu-aarch64" ] || grep -v '^#' "$conf" | head -1 | tr -d '\n' > "$mnt/register"
exec "$@"
