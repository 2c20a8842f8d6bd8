# Sourced by the suites that start a real libvirtd in private namespaces (integration/libvirt-e2e,
# integration/publisher-e2e), on both sides of the namespaces. Inside, in-namespaces.sh (their
# first process) gives libvirt a system of this mount namespace's own (libvirtd_private_system),
# resolves through a module (lookup) and times its phases (phase). Outside, the runner waits for
# it (namespace_result) and checks that it left nothing behind (namespace_left_nothing).
# Both sides: $work is the test's work directory; ok, nok, pass and fail are scripts/tap-checks.sh's,
# sourced first.

# --- both sides ---

# wait_until N COMMAND...: polls COMMAND every tenth of a second, at most N times, until it
# succeeds: a bound, not a timing.
wait_until() { for _ in $(seq "$1"); do "${@:2}" && return 0; sleep 0.1; done; return 1; }

# --- inside the namespaces ---

# phase NAME prints how long the phase that ends here took; the first, from when this file was sourced.
start_ms=$((${EPOCHREALTIME/./} / 1000)) last_ms=$start_ms
phase() {
  local now=$((${EPOCHREALTIME/./} / 1000))
  printf '# phase %-40s %6.1f s  (total %5.1f s)\n' "$1" "$(((now - last_ms) / 100))e-1" "$(((now - start_ms) / 100))e-1"
  last_ms=$now
}

# plus_missing FILE ENTRY...: FILE, then each ENTRY whose name FILE does not have.
plus_missing() { local file=$1 entry; shift; cat "$file"; for entry; do grep -q "^${entry%%:*}:" "$file" || echo "$entry"; done; }

# What libvirtd needs to run here without touching the machine. libvirtd logs to
# $work/libvirtd.log; the lookups' nsswitch.conf and hosts (bound over /etc's in each lookup's own
# mount namespace) are $work's. Each step returns at its failure (here and in the suites' setup
# functions): their callers test the status (`if ! setup`), where bash ignores set -e, and a tmpfs
# not mounted would let libvirtd write to the machine's /run.
libvirtd_private_system() {
  # Everything libvirt writes, and whatever the test starts beside it, lands on tmpfs mounts of
  # this mount namespace only.
  mount -t tmpfs tmpfs /run || return 1
  mount -t tmpfs -o mode=0755 tmpfs /var/lib || return 1
  mount -t tmpfs tmpfs /var/log || return 1
  mount -t tmpfs tmpfs /var/cache || return 1
  mount -t tmpfs tmpfs /etc/libvirt || return 1
  # No cgroup is writable here: libvirt finds no controller and creates no "machine" group.
  mount -t tmpfs -o ro,mode=0755 tmpfs /sys/fs/cgroup || return 1
  mkdir -p /var/lib/libvirt /var/log/libvirt/qemu || return 1
  # The qemu driver looks up its user before it reads qemu.conf; on Debian 12 only
  # libvirt-daemon-system creates it (and would start a libvirtd on the machine): this namespace
  # gets its own, and the groups libvirt looks up, where the system has none of that name.
  plus_missing /etc/passwd 'libvirt-qemu:x:64055:64055:libvirt qemu:/var/lib/libvirt:/usr/sbin/nologin' \
    'libvirt-dnsmasq:x:64056:64056:libvirt dnsmasq:/var/lib/libvirt/dnsmasq:/usr/sbin/nologin' > "$work/passwd" || return 1
  plus_missing /etc/group 'libvirt-qemu:x:64055:' 'libvirt-dnsmasq:x:64056:' 'libvirt:x:64057:' 'kvm:x:64058:' > "$work/group" || return 1
  mount --bind "$work/passwd" /etc/passwd || return 1
  mount --bind "$work/group" /etc/group || return 1
  cat > /etc/libvirt/libvirtd.conf <<CONF || return 1
unix_sock_group = "root"
log_outputs = "2:file:$work/libvirtd.log"
CONF
  # qemu runs as root in this namespace, with no namespaces, cgroups, labels or virtlogd of its own.
  cat > /etc/libvirt/qemu.conf <<'CONF' || return 1
user = "root"
group = "root"
security_driver = "none"
dynamic_ownership = 0
remember_owner = 0
namespaces = [ ]
cgroup_controllers = [ ]
stdio_handler = "file"
CONF
  printf 'hosts: files libvirt libvirt_guest\n' > "$work/nsswitch.conf" || return 1
  printf '127.0.0.1 localhost\n' > "$work/hosts" || return 1
}

# lookup LIBDIR COMMAND...: runs COMMAND with the two modules of LIBDIR overlaid on glibc's
# library directory and the test's nsswitch.conf, in a mount namespace of its own.
lookup() {
  local lib=$1; shift
  unshare --mount --propagation private sh -c '
    mount -t overlay overlay -o "lowerdir=$0:/usr/lib/x86_64-linux-gnu" /usr/lib/x86_64-linux-gnu &&
    mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf && mount --bind "$1/hosts" /etc/hosts &&
    shift 2 && exec "$@"' "$lib" "$work" - "$@"
}

# --- outside: the runner ---

# give_up WHY: the suite cannot run here; counted as one failure, and the runner ends.
give_up() { echo "not ok - $1"; echo "$pass $((fail + 1))" > "$RESULTS/$SUITE.counts"; echo "$SUITE: $pass passed, $((fail + 1)) failed"; exit 1; }

# The processes (other than zombies already reaped) left in the PID namespace named in $work/pidns.
survivors() {
  local ns proc left=""
  ns=$(cat "$work/pidns" 2>/dev/null) || { echo "?"; return; }
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/ns/pid" 2>/dev/null)" = "$ns" ] && left+=" ${proc#/proc/}($(cat "$proc/comm" 2>/dev/null))"
  done
  echo "$left"
}
no_survivors() { [ -z "$(survivors)" ]; }

# libvirt_machine_state [PATH...]: what the test would change on the machine if it leaked out of
# its namespaces; PATH... are more places it must not leave behind.
libvirt_machine_state() {
  find /sys/fs/cgroup -maxdepth 3 -name 'machine*' 2>/dev/null | sort
  ip -o link show | awk '{print $2}'
  ls -d /var/lib/libvirt /run/libvirt /var/log/libvirt /var/cache/libvirt /etc/libvirt/* "$@" 2>/dev/null
  md5sum /etc/passwd /etc/group /etc/nsswitch.conf
}

# namespace_result OUT LIMIT: shows the namespace script's output (the file OUT) as it comes until
# $runner (its timeout, in the background) ends, then takes pass and fail from the counts the
# script wrote; none means it ended abnormally (LIMIT: its time limit in seconds).
namespace_result() {
  local out=$1 limit=$2 status
  tail -f --pid="$runner" "$out" &
  wait "$runner"; status=$?
  while kill -0 "$runner" 2>/dev/null; do wait "$runner"; status=$?; done
  wait   # for tail's last lines
  if [ -s "$RESULTS/$SUITE.counts" ]; then
    read -r pass fail < "$RESULTS/$SUITE.counts"
  else
    pass=0 fail=0
    nok "the namespace script ended abnormally (status $status; interrupted, or over the limit of $limit s)"
  fi
}

# namespace_left_nothing STARTED COMPARED: once the namespace's first process has ended, no process
# of its PID namespace survives (STARTED: what the test started there), and the sourcing script's
# machine_state is still $machine_before (COMPARED: what that covers); the namespace's stderr is
# shown when any check failed.
namespace_left_nothing() {
  local same_state
  if wait_until 50 no_survivors; then
    ok "no process of the namespace ($1) survives the test"
  else
    nok "processes of the namespace survive the test:$(survivors)"
  fi
  same_state=$(diff <(echo "$machine_before") <(machine_state))
  if [ -z "$same_state" ]; then
    ok "the machine is unchanged: $2"
  else
    nok "the machine changed:"; echo "$same_state" | sed 's/^/#   /'
  fi
  if [ "$fail" -gt 0 ] && [ -s "$work/stderr" ]; then
    echo "# stderr of the namespace:"; grep -v ' Killed ' "$work/stderr" | tail -20 | sed 's/^/#   /'
  fi
}
