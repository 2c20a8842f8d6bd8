#!/bin/bash
# Reliability through the built module: file limits (real getent), faults of the lease directory
# (a host that looks up on command, lookup-host.c), and lookups racing rewrites
# (concurrent-lookups.c), and the faults where upstream's C modules answer otherwise, through ours and
# each of them. Writes "<passed> <failed>" to RESULTS/reliability.counts.
#   run-reliability.sh LIBDIR TOOLDIR RESULTS CORPUS REPLAY [ORACLE_LIBDIR...]
# (REPLAY: the fuzz replay host, integration/fuzz/replay.c, built by integration/fuzz/fuzz.mk;
# ORACLE_LIBDIR: an upstream C module unpacked by scripts/fetch-oracle.sh, VERSION beside it.)
# Everything runs in a private mount namespace: a tmpfs over /var/lib holds the lease directory,
# glibc's library directory has the module overlaid, nsswitch.conf reads
# "hosts: files libvirt libvirt_guest". Nothing outside the namespace changes.
set -u
if [ "${1:-}" != --inner ]; then
  libdir=$(realpath "$1") tools=$(realpath "$2") results=$(realpath -m "$3") corpus=$(realpath "$4")
  replay=$(realpath "$5") oracles=()
  for oracle in "${@:6}"; do oracles+=("$(realpath "$oracle")"); done
  exec unshare -m --propagation private "$0" --inner "$libdir" "$tools" "$results" "$corpus" "$replay" "${oracles[@]}"
fi
libdir=$2 tools=$3 RESULTS=$4 corpus=$5 replay=$6 SUITE=reliability
oracles=("${@:7}")
here=$(dirname "$(realpath "$0")")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"

dir=/var/lib/libvirt/dnsmasq
work=$(mktemp -d /tmp/libvirt-nss-reliability.XXXXXX)
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

lib=/usr/lib/x86_64-linux-gnu
mount -t overlay overlay -o "lowerdir=$libdir:$lib" "$lib" || { nok "namespace set up"; finish; }
mount -t tmpfs -o mode=0755 tmpfs /var/lib
printf 'hosts: files libvirt libvirt_guest\n' > "$work/nsswitch.conf"
mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf
[ -d /run/nscd ] && mount -t tmpfs tmpfs /run/nscd   # no cache daemon answers in the module's place

lease() { printf '{"ip-address":"%s","mac-address":"%s","hostname":"%s","expiry-time":0}' "$@"; }
fresh_dir() {
  chmod 0755 "$dir" 2>/dev/null
  rm -rf "$dir" && mkdir -p "$dir"
  printf '[%s]\n' "$(lease 192.168.122.2 52:54:00:00:00:02 vm-good)" > "$dir/good.status"
  printf '[{"domain":"dom-good","macs":["52:54:00:00:00:02"]}]\n' > "$dir/good.macs"
}
resolve() { getent hosts "$1" | tr -s ' ' ' '; }
debug_lines() { LIBVIRT_NSS_DEBUG=1 getent hosts "$1" 2>&1 >/dev/null; }

# ---- 1. Limits: a file over the byte cap or the entry cap is skipped, the rest still answers.
echo "# limits (real getent)"
fresh_dir
max_bytes=$((4 * 1024 * 1024)) max_entries=65536
python3 - "$dir" "$max_bytes" "$max_entries" <<'PY'
import sys
d, max_bytes, max_entries = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def lease(ip, name):
    return '{"ip-address":"%s","mac-address":"52:54:00:00:01:01","hostname":"%s","expiry-time":0}' % (ip, name)
def padded(name, ip, size):
    text = ("[" + lease(ip, name) + "]").encode()
    return text + b" " * (size - len(text))
open(f"{d}/bytes-over.status", "wb").write(padded("vm-bytes-over", "192.168.10.1", max_bytes + 1))
open(f"{d}/bytes-at.status", "wb").write(padded("vm-bytes-at", "192.168.10.2", max_bytes))
def entries(name, ip, count):
    return ("[" + lease(ip, name) + ",{}" * (count - 1) + "]").encode()
open(f"{d}/entries-over.status", "wb").write(entries("vm-entries-over", "192.168.10.3", max_entries + 1))
open(f"{d}/entries-at.status", "wb").write(entries("vm-entries-at", "192.168.10.4", max_entries))
PY
cp "$dir/bytes-over.status" "$work/"   # section 4 asks upstream's modules about it too
same "a lease file of 4 MiB + 1 byte is skipped: its name is not found" "2:" "$(getent hosts vm-bytes-over; echo "$?:")"
check "... with a debug line giving the size and the cap" \
  grep -q "bytes-over.status: skipped: $((max_bytes + 1)) bytes is more than $max_bytes" <<<"$(debug_lines vm-bytes-over)"
same "a lease file of exactly 4 MiB is read" "192.168.10.2 vm-bytes-at" "$(resolve vm-bytes-at)"
same "a lease file of 65,537 entries is skipped: its first entry's name is not found" "2:" \
  "$(getent hosts vm-entries-over; echo "$?:")"
check "... with a debug line giving the cap" \
  grep -q "entries-over.status: skipped: more than $max_entries leases" <<<"$(debug_lines vm-entries-over)"
same "a lease file of exactly 65,536 entries is read" "192.168.10.4 vm-entries-at" "$(resolve vm-entries-at)"
same "the other networks still answer beside the skipped files" "192.168.122.2 vm-good" "$(resolve vm-good)"

# ---- 2. Faults: each answers its documented status, quietly, and the same process's next lookup works.
echo "# faults (lookup-host: one process, the directory changed between its lookups)"
# host_start [PREFIX...]: a lookup-host process, its stderr in $work/host.err
host_start() {
  : > "$work/host.err"
  coproc HOST { "$@" "$tools/lookup-host" "$libdir/libnss_libvirt.so.2" 2>>"$work/host.err"; }
  host_pid=$HOST_PID
}
# ask COMMAND: one answer line (a command left unanswered for 60 s counts as blocked)
ask() {
  local reply
  echo "$1" >&"${HOST[1]}"
  if IFS= read -r -t 60 reply <&"${HOST[0]}"; then echo "$reply"; else echo "no answer (blocked or crashed)"; fi
}
host_stop() { echo quit >&"${HOST[1]}" 2>/dev/null; wait "$host_pid" 2>/dev/null; host_pid=""; }
quiet() { [ ! -s "$work/host.err" ]; }
good="SUCCESS errno=0 h_errno=0 192.168.122.2"

fresh_dir
host_start
same "first lookup answers" "$good" "$(ask "lookup vm-good")"
rm -rf "$dir"
same "lease directory missing: UNAVAIL, ENOENT, NO_RECOVERY" "UNAVAIL errno=ENOENT h_errno=NO_RECOVERY" "$(ask "lookup vm-good")"
same "... libvirt_guest too" "UNAVAIL errno=ENOENT h_errno=NO_RECOVERY" "$(ask "guest dom-good")"
fresh_dir
same "... the next lookup works" "$good" "$(ask "lookup vm-good")"

mkdir "$dir/x.status"
same "a directory named x.status is passed over: the other files answer" "$good" "$(ask "lookup vm-good")"
rmdir "$dir/x.status"

mkfifo "$dir/y.status"
same "a FIFO named y.status is refused without blocking: the other files answer" "$good" "$(ask "lookup vm-good")"
same "... libvirt_guest too" "$good" "$(ask "guest dom-good")"
rm -f "$dir/y.status"

reply=$(ask exhaust)   # ask runs in command substitutions only: a pipeline's subshell has no coproc descriptors
same "descriptors exhausted in the host" "exhausted" "${reply%% *}"
same "EMFILE: UNAVAIL, EMFILE, NO_RECOVERY" "UNAVAIL errno=EMFILE h_errno=NO_RECOVERY" "$(ask "lookup vm-good")"
ask release >/dev/null
same "... the next lookup works" "$good" "$(ask "lookup vm-good")"
host_stop
check "all of the above printed nothing on stderr (quiet)" quiet

fresh_dir
host_start
ask exhaust >/dev/null
first=$(ask "lookup vm-good")
same "EMFILE at the process's first lookup (the module's first call)" \
  "UNAVAIL errno=EMFILE h_errno=NO_RECOVERY" "$first"
ask release >/dev/null
same "... the next lookup works" "$good" "$(ask "lookup vm-good")"
host_stop
check "... quietly" quiet

fresh_dir
chmod 0700 "$dir"
host_start setpriv --reuid=nobody --regid=nogroup --clear-groups
same "lease directory unreadable (mode 0700, looked up as nobody): UNAVAIL, EACCES, NO_RECOVERY" \
  "UNAVAIL errno=EACCES h_errno=NO_RECOVERY" "$(ask "lookup vm-good")"
chmod 0755 "$dir"
same "... the next lookup works" "$good" "$(ask "lookup vm-good")"
chmod 0600 "$dir/good.status"
same "a lease file unreadable (0600, as nobody) is skipped: not found" "NOTFOUND errno=ESRCH h_errno=HOST_NOT_FOUND" \
  "$(ask "lookup vm-good")"
chmod 0644 "$dir/good.status"
same "... the next lookup works" "$good" "$(ask "lookup vm-good")"
host_stop
check "... quietly" quiet

# A file that vanishes between readdir and open: strace delays the module's open of x.status by
# half a second, and a watcher deletes x.status as soon as the module has closed the directory
# (inotify IN_CLOSE_NOWRITE), that is, after readdir listed it and before the open.
fresh_dir
printf '[%s]\n' "$(lease 192.168.122.3 52:54:00:00:00:03 vm-good)" > "$dir/x.status"
python3 - "$dir" > "$work/watcher.out" <<'PY' &
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.inotify_init()
if fd < 0 or libc.inotify_add_watch(fd, sys.argv[1].encode(), 0x10) < 0:   # IN_CLOSE_NOWRITE
    sys.exit(1)
print("ready", flush=True)
os.read(fd, 4096)                     # the first close: the module's directory stream
os.unlink(os.path.join(sys.argv[1], "x.status"))
print("deleted", flush=True)
PY
watcher=$!
for _ in $(seq 100); do grep -q ready "$work/watcher.out" && break; sleep 0.05; done
answer=$(printf 'lookup vm-good\nlookup vm-good\nquit\n' |
  strace -f -qq -o "$work/strace.out" -P "$dir/x.status" -e trace=openat -e inject=openat:delay_enter=500000 \
    "$tools/lookup-host" "$libdir/libnss_libvirt.so.2" 2>"$work/host.err")
wait "$watcher"
check "the watcher deleted x.status" grep -q deleted "$work/watcher.out"
check "the module's open of x.status, after readdir listed it, failed with ENOENT" \
  grep -q 'x.status.*= -1 ENOENT' "$work/strace.out"
same "a file vanishing between readdir and open: the other files answer" "$good" "$(head -n1 <<<"$answer")"
same "... the next lookup works" "$good" "$(sed -n 2p <<<"$answer")"
check "... quietly" quiet

# ---- 3. Lookups racing rewrites by rename and in place.
echo "# concurrency (8 threads x 10,000 getaddrinfo while another process rewrites)"
fresh_dir
out=$("$tools/concurrent-lookups" 8 10000 2>&1)
status=$?
echo "$out" | sed 's/^/#   /'
check "8 threads x 10,000 lookups ended without a crash, every answer one of the versions on disk" [ "$status" -eq 0 ]
renamed=$(sed -n 's/^rewrites meanwhile: \([0-9]*\) by rename, \([0-9]*\) in place.*/\1 \2/p' <<<"$out")
check "the files were rewritten during the lookups (by rename and in place)" \
  bash -c '[ -n "$1" ] && set -- $1 && [ "$1" -gt 0 ] && [ "$2" -gt 0 ]' _ "$renamed"
versions_seen() { grep "^$1:" <<<"$out" | grep -o 'version [0-9]: [1-9][0-9]*' | wc -l; }
check "lookups saw several versions of each file (they raced the rewrites)" \
  bash -c '[ "$1" -ge 2 ] && [ "$2" -ge 2 ]' _ "$(versions_seen renamed-vm)" "$(versions_seen inplace-vm)"
same "a file rewritten by rename is never missing" "0" "$(sed -n 's/^renamed-vm:.*not found: \([0-9]*\),.*/\1/p' <<<"$out")"

# ---- 4. Faults where upstream's C modules answer otherwise (docs/upstream-differences.md), through
# ours and each of them: every answer is asserted, so that an upstream release that changes one
# shows here.
echo "# faults through ours and upstream's (one lookup-host each: lookup vm-good, guest dom-good)"
# fault_answer [PREFIX...] -- MODULE...: the answers of one lookup-host (PREFIX: e.g. setpriv) to
# "lookup NAME" and "guest dom-good", joined by " / ". A lookup that waits in open(2) for a FIFO's
# writer (the kernel's wait_for_partner) answers "blocked opening a FIFO": the test then opens
# $dir/y.status for writing, which lets it go on; it would wait for ever otherwise.
fault_answer() {
  local prefix=() answers=() command reply blocked n
  while [ "$1" != -- ]; do prefix+=("$1"); shift; done
  shift
  coproc ONE { exec "${prefix[@]}" "$tools/lookup-host" "$@" 2>/dev/null; }
  for command in "lookup $name" "guest dom-good"; do
    echo "$command" >&"${ONE[1]}"
    blocked="" reply="no answer (crashed, or blocked for 60 s)"
    for ((n = 0; n < 600; n++)); do
      if IFS= read -r -t 0.1 reply <&"${ONE[0]}"; then break; fi
      reply="no answer (crashed, or blocked for 60 s)"
      if [ "$(cat "/proc/$ONE_PID/wchan" 2>/dev/null)" = wait_for_partner ]; then
        blocked="blocked opening a FIFO"
        { exec 8> "$dir/y.status"; exec 8>&-; } 2>/dev/null
      fi
    done
    answers+=("${blocked:-$reply}")
  done
  echo quit >&"${ONE[1]}"
  wait "$ONE_PID" 2>/dev/null
  local IFS=/
  echo "${answers[*]}" | sed 's|/| / |g'
}
unavail() { echo "UNAVAIL errno=$1 h_errno=NO_RECOVERY / UNAVAIL errno=$1 h_errno=NO_RECOVERY"; }
good_both="$good / $good"
# fault DESCRIPTION OURS UPSTREAM SETUP [PREFIX...]: SETUP (a function) makes the fault in a fresh
# directory; ours must answer OURS, every upstream module UPSTREAM.
fault() {
  local description=$1 ours=$2 upstream=$3 setup=$4 oracle version
  shift 4
  fresh_dir; $setup
  same "$description: ours" "$ours" "$(fault_answer "$@" -- "$libdir/libnss_libvirt.so.2")"
  for oracle in "${oracles[@]}"; do
    version=$(cat "$oracle/../VERSION" 2>/dev/null || echo "of unknown version")
    fresh_dir; $setup
    same "$description: upstream $version" "$upstream" \
      "$(fault_answer "$@" -- "$oracle/libnss_libvirt.so.2" "$oracle/libnss_libvirt_guest.so.2")"
  done
}
name=vm-good
no_directory() { rm -rf "$dir"; }
fault "lease directory missing (the same in all)" "$(unavail ENOENT)" "$(unavail ENOENT)" no_directory
a_directory() { mkdir "$dir/x.status"; }
fault "a directory named x.status: passed over; upstream fails the lookup" "$good_both" "$(unavail EISDIR)" a_directory
a_fifo() { mkfifo "$dir/y.status"; }
fault "a FIFO named y.status: refused without blocking; upstream waits for a writer" "$good_both" \
  "blocked opening a FIFO / blocked opening a FIFO" a_fifo
a_dangling_link() { ln -s /nonexistent/gone.status "$dir/gone.status"; }
fault "a link to nothing named gone.status: skipped; upstream fails the lookup" "$good_both" "$(unavail ENOENT)" a_dangling_link
unreadable() { chmod 0600 "$dir/good.status"; }
fault "the lease file unreadable (0600, as nobody): skipped; upstream fails the lookup" \
  "NOTFOUND errno=ESRCH h_errno=HOST_NOT_FOUND / NOTFOUND errno=ESRCH h_errno=HOST_NOT_FOUND" "$(unavail EACCES)" \
  unreadable setpriv --reuid=nobody --regid=nogroup --clear-groups
over_the_cap() { cp "$work/bytes-over.status" "$dir/"; }   # section 1's: vm-bytes-over, first in 4 MiB + 1 byte
name=vm-bytes-over
fault "a lease file of 4 MiB + 1 byte: skipped (the cap); upstream reads it" \
  "NOTFOUND errno=ESRCH h_errno=HOST_NOT_FOUND / $good" "SUCCESS errno=0 h_errno=0 192.168.10.1 / $good" over_the_cap

# ---- 5. The kept fuzz corpus (seeds and every input that ever failed) through the module.
echo "# fuzz corpus through the module (integration/fuzz/replay.c)"
rm -rf "$dir" && mkdir -p "$dir" "$work/corpus"
# Each input asked as vm1 and vm2, the whole list three times: a failure may take more than one pass.
for round in 1 2 3; do
  for path in "$corpus"/*; do
    file=$(basename "$path")
    ln -sf "$path" "$work/corpus/$file"
    printf '%s vm1\n%s vm2\n' "$file" "$file" >> "$work/corpus/index"
  done
done
out=$("$replay" "$libdir/libnss_libvirt.so.2" "$work/corpus" 2>&1)
status=$?
echo "$out" | sed 's/^/#   /'
[ "$status" -gt 128 ] && echo "#   the replay died of signal $((status - 128)) on $(cat "$work/corpus/current")"
check "$(ls "$corpus" | wc -l) corpus inputs x 2 names x 3 passes: no crash, every answer well formed" [ "$status" -eq 0 ]

finish
