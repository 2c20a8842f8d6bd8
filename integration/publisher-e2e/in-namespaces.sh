#!/bin/bash
# The first process of run-publisher-e2e.sh's new PID, network and mount namespaces (see there).
#   in-namespaces.sh CANDIDATE CLI GUEST WORK   (SUITE and RESULTS in the environment)
# CANDIDATE holds libnss_libvirt{,_guest}.so.2, CLI is the libvirt-nss command, GUEST what
# scripts/fetch-guest.sh --agent fetched.
#
# The machine's libvirtd (Debian 12's), started here, boots four guests under TCG, none of them on
# a libvirt network (no libvirt dnsmasq, no lease):
#   pub-agent    a plain Linux bridge (br-pub) served by a dnsmasq the test starts (its own lease
#                file), qemu-guest-agent, a static global IPv6 address;
#   pub-static   the same bridge, static IPv4 and IPv6, no agent, pinging the host;
#   pub-macvtap  a macvtap NIC (type='direct', mode bridge) on one end of a veth pair whose host
#                side holds the subnet, static addresses, qemu-guest-agent;
#   pub-hostile  br-pub, DHCP, qemu-guest-agent, and two addresses it has no right to: one outside
#                the bridge's subnet and pub-agent's IPv4 address.
# `libvirt-nss publish` then runs here (/run is this namespace's tmpfs), and real getent through
# the candidate module (hosts: files libvirt libvirt_guest) is compared with virsh domifaddr
# --source agent (arp for pub-static), before and after `virsh destroy`, and with the publisher
# stopped.
set -u
candidate=$1 cli=$2 guest=$3 work=$4
here=$(dirname "$(realpath "$0")")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"
# shellcheck source=../../scripts/libvirtd-namespace.sh
. "$here/../../scripts/libvirtd-namespace.sh"

published=/run/libvirt-nss interval=2
# A bound on "within a few intervals": the records of a pass expire three intervals after it,
# plus a pass's own time (each agent answers within its timeout) and slack for a loaded machine.
bound=$(( (3 * interval + 6) * 10 ))   # tenths of a second
bridge=br-pub veth=pub-veth0 peer=pub-veth1
agent=pub-agent static=pub-static macvtap=pub-macvtap hostile=pub-hostile
mac_agent=52:54:00:e3:00:01 mac_static=52:54:00:e3:00:02 mac_macvtap=52:54:00:e3:00:03 mac_hostile=52:54:00:e3:00:04
ip_agent=192.168.170.11 ip6_agent=fd00:170::a
ip_static=192.168.170.200 ip6_static=fd00:170::b
ip_macvtap=192.168.171.20 ip6_macvtap=fd00:171::20
offlink=203.0.113.5
virsh() { command virsh -q -c qemu:///system "$@"; }

readlink /proc/self/ns/pid > "$work/pidns"

# Waits (polling, at most $1 tenths of a second of the clock, however long each try takes) until
# the command succeeds: a bound, not a timing.
wait_for() {
  local until=$(( ${EPOCHREALTIME/./} / 1000 + $1 * 100 )); shift
  while :; do
    "$@" && return 0
    [ $(( ${EPOCHREALTIME/./} / 1000 )) -lt "$until" ] || return 1
    sleep 0.1
  done
}

# The guest's initramfs: busybox, the modules, /init, udhcpc's script, qemu-ga and the libraries
# it links (the machine's, as ldd names them; the loader finds them in its default directories).
initramfs() {
  local root=$work/initramfs lib
  mkdir -p "$root/bin" "$root/modules" "$root/usr/sbin" || return 1
  install -m 0755 "$guest/busybox" "$root/bin/busybox" &&
    install -m 0644 "$guest"/*.ko "$root/modules/" &&
    install -m 0755 "$here/guest-init.sh" "$root/init" &&
    install -m 0755 "$here/guest-udhcpc.sh" "$root/udhcpc.sh" &&
    install -m 0755 "$guest/qemu-ga" "$root/usr/sbin/qemu-ga" || return 1
  ln -s ../usr/sbin/qemu-ga "$root/bin/qemu-ga"
  if ldd "$guest/qemu-ga" | grep -q 'not found'; then
    echo "# qemu-ga needs libraries the machine lacks:"; ldd "$guest/qemu-ga" | sed 's/^/#   /'; return 1
  fi
  for lib in $(ldd "$guest/qemu-ga" | awk '$2 == "=>" {print $3} $1 ~ /^\// {print $1}'); do
    install -D -m 0755 "$(readlink -f "$lib")" "$root$lib" || return 1
  done
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.cpio.gz"
}

setup() {
  libvirtd_private_system || return 1
  initramfs || return 1
}

# The host's side: the bridge with an IPv4 and a global IPv6 subnet, and the veth pair whose
# first end is the macvtap's parent (its subnets are the macvtap guest's).
host_network() {
  ip link set lo up || return 1
  ip link add "$bridge" type bridge stp_state 0 forward_delay 0 || return 1
  ip addr add 192.168.170.1/24 dev "$bridge" || return 1
  ip -6 addr add fd00:170::1/64 dev "$bridge" nodad || return 1
  ip link set "$bridge" up || return 1
  ip link add "$veth" type veth peer name "$peer" || return 1
  ip addr add 192.168.171.1/24 dev "$veth" || return 1
  ip -6 addr add fd00:171::1/64 dev "$veth" nodad || return 1
  ip link set "$veth" up || return 1
  ip link set "$peer" up || return 1
}

# The bridge's DHCP server: a dnsmasq of the test's, not libvirt's (its lease file is in the work
# directory, where neither the module nor the publisher looks). pub-agent's MAC has a fixed address.
start_dnsmasq() {
  dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 --user=root --group=root \
    --interface="$bridge" --bind-interfaces --dhcp-authoritative \
    --dhcp-range=192.168.170.10,192.168.170.50,255.255.255.0,1h \
    --dhcp-host="$mac_agent,$ip_agent" \
    --dhcp-leasefile="$work/dnsmasq.leases" --pid-file="$work/dnsmasq.pid" \
    --log-facility="$work/dnsmasq.log" --log-dhcp &
  wait_for 50 test -s "$work/dnsmasq.pid"
}

start_libvirtd() {
  libvirtd > "$work/libvirtd.out" 2>&1 &
  wait_for 300 virsh version >/dev/null 2>&1
}

# domain_xml NAME MAC CMDLINE AGENT(0|1) INTERFACE-TYPE SOURCE-ELEMENT
domain_xml() {
  local channel=""
  [ "$4" = 1 ] && channel="<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
  cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>160</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$guest/vmlinuz</kernel>
    <initrd>$work/initrd.cpio.gz</initrd>
    <cmdline>console=ttyS0 quiet panic=-1 $3</cmdline>
  </os>
  <on_reboot>destroy</on_reboot>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <interface type='$5'>
      $6
      <mac address='$2'/>
      <model type='e1000'/>
    </interface>
    <serial type='file'>
      <source path='$work/console-$1.log'/>
    </serial>
    $channel
    <memballoon model='none'/>
  </devices>
</domain>
XML
}

start_domain() { # NAME MAC CMDLINE AGENT TYPE SOURCE
  domain_xml "$@" > "$work/$1.xml" && virsh define "$work/$1.xml" >/dev/null && virsh start "$1" >/dev/null
}

words() { local out; out=$(sort -u | tr '\n' ' '); echo "${out:--}"; }
# getaddrinfo's addresses for a name, sorted ("-" when none): IPv4 and IPv6.
ahosts() { lookup "$candidate" getent ahosts "$1" | awk '{print $1}' | words; }
# gethostbyname2's: getent hosts asks for IPv6 first, and for IPv4 only when there is none.
hosts() { lookup "$candidate" getent hosts "$1" | awk '{print $1}' | words; }
# The names a reverse lookup gives ("-" when none).
names_of() { local out; out=$(lookup "$candidate" getent hosts "$1" | awk '{$1 = ""; print substr($0, 2)}'); echo "${out:--}"; }

# virsh's answers. The agent's: the addresses of the guest interface with MAC $2, IPv4 and global
# IPv6 (not link-local: a name answers no address valid on one link only).
agent_addresses() {
  virsh domifaddr "$1" --source agent --full 2>/dev/null |
    awk -v mac="$2" '$2 == mac && ($3 == "ipv4" || $3 == "ipv6") {sub("/.*", "", $4); if ($4 !~ /^fe80:/) print $4}' | words
}
# The neighbour table's (libvirt's own dump: IPv4, REACHABLE and STALE).
arp_addresses() {
  virsh domifaddr "$1" --source arp 2>/dev/null | awk '$3 == "ipv4" {sub("/.*", "", $4); print $4}' | words
}
# The host's neighbour entries with MAC $1, IPv4 and global IPv6 (--source arp reads IPv4 only),
# in the states the publisher counts.
neigh_addresses() {
  ip neigh show | awk -v mac="$1" '$5 == mac && $1 !~ /^fe80:/ && $NF ~ /REACHABLE|STALE|DELAY|PROBE|PERMANENT/ {print $1}' | words
}
# From getent hosts' rule: the IPv6 addresses of a list when it has one, else its IPv4 ones.
hosts_rule() {
  local six four
  six=$(tr ' ' '\n' <<< "$1" | grep : | words) four=$(tr ' ' '\n' <<< "$1" | grep -v : | grep . | words)
  [ "$six" != - ] && echo "$six" || echo "$four"
}
without() { tr ' ' '\n' <<< "$1" | grep -vxF -f <(tr ' ' '\n' <<< "$2" | grep .) | grep . | words; }
dnsmasq_lease() { awk -v mac="$1" '$2 == mac {print $3}' "$work/dnsmasq.leases" 2>/dev/null; }

# answers_become FUNCTION NAME EXPECTED: waits (within the bound) until FUNCTION NAME answers
# EXPECTED; then the last answer is checked, so that a failure shows it.
answers_become() { local fn=$1 name=$2 expected=$3; wait_for "$bound" eval '[ "$($fn "$name")" = "$expected" ]'; }
# (the time the wait took, for the report)
timed_wait() {
  local t0=$((${EPOCHREALTIME/./} / 1000)) rc ms
  "$@"; rc=$?
  ms=$(( ${EPOCHREALTIME/./} / 1000 - t0 ))
  waited=$((ms / 1000)).$((ms % 1000 / 100))
  return $rc
}

diagnose() {
  echo "# libvirtd log (tail):"; tail -20 "$work/libvirtd.log" 2>/dev/null | sed 's/^/#   /'
  local d
  for d in "$agent" "$static" "$macvtap" "$hostile"; do
    echo "# console of $d (tail):"; tail -12 "$work/console-$d.log" 2>/dev/null | sed 's/^/#   /'
    echo "# qemu log of $d (tail):"; tail -5 "/var/log/libvirt/qemu/$d.log" 2>/dev/null | sed 's/^/#   /'
  done
  echo "# dnsmasq leases:"; sed 's/^/#   /' "$work/dnsmasq.leases" 2>/dev/null
  echo "# publisher (tail):"; tail -30 "$work/publisher.log" 2>/dev/null | sed 's/^/#   /'
  for f in "$published"/*; do [ -f "$f" ] && { echo "# $f:"; tr -d '\n ' < "$f" | sed 's/^/#   /'; echo; }; done
  echo "# neighbours:"; ip neigh show | sed 's/^/#   /'
}

publisher=""
start_publisher() {
  "$cli" publish --connect qemu:///system --directory "$published" --interval "$interval" --verbose \
    >> "$work/publisher.log" 2>&1 &
  publisher=$!
  wait_for 100 test -s "$published/publisher.status"
}
stop_publisher() { [ -z "$publisher" ] || { kill -TERM "$publisher"; wait "$publisher"; }; }

if ! setup; then nok "private mounts, users, configuration and the guests' initramfs (qemu-ga and its libraries)"; finish; fi
ok "private mounts (tmpfs /run, /var/lib, /var/log, /var/cache, /etc/libvirt), users and the guests' initramfs ($(( $(stat -c %s "$work/initrd.cpio.gz") / 1024 )) KiB, qemu-ga and its libraries)"
check "the host's bridge $bridge (192.168.170.1/24, fd00:170::1/64) and veth pair $veth/$peer (192.168.171.1/24, fd00:171::1/64)" host_network
check "a standalone dnsmasq (not libvirt's) serves DHCP on $bridge" start_dnsmasq
phase "setup"
if ! start_libvirtd; then nok "libvirtd starts and answers virsh"; diagnose; finish; fi
ok "libvirtd $(virsh version | awk '/libvirt/ {print $NF; exit}') starts and answers virsh (no libvirt network defined)"
phase "libvirtd start"

check "virsh define + start $agent (bridge $bridge, DHCP, static IPv6, qemu-guest-agent)" \
  start_domain "$agent" "$mac_agent" "pub.agent=1 pub.dhcp=1 pub.ip6=$ip6_agent/64" 1 bridge "<source bridge='$bridge'/>"
check "virsh define + start $static (bridge $bridge, static IPv4 and IPv6, no agent, pings the host)" \
  start_domain "$static" "$mac_static" "pub.ip4=$ip_static/24 pub.ip6=$ip6_static/64 pub.ping=192.168.170.1,fd00:170::1" 0 bridge "<source bridge='$bridge'/>"
check "virsh define + start $macvtap (macvtap on $veth, mode bridge, static IPv4 and IPv6, qemu-guest-agent)" \
  start_domain "$macvtap" "$mac_macvtap" "pub.agent=1 pub.ip4=$ip_macvtap/24 pub.ip6=$ip6_macvtap/64" 1 direct "<source dev='$veth' mode='bridge'/>"
check "virsh define + start $hostile (bridge $bridge, DHCP, qemu-guest-agent; adds $offlink and $ip_agent)" \
  start_domain "$hostile" "$mac_hostile" "pub.agent=1 pub.dhcp=1 pub.extra=$offlink,$ip_agent" 1 bridge "<source bridge='$bridge'/>"
phase "domains start"

# The guests are up when virsh sees what each was given.
has() { [[ " $1 " == *" $2 "* ]]; }
agent_up()   { local a; a=$(agent_addresses "$agent" "$mac_agent"); has "$a" "$ip_agent" && has "$a" "$ip6_agent"; }
macvtap_up() { local a; a=$(agent_addresses "$macvtap" "$mac_macvtap"); has "$a" "$ip_macvtap" && has "$a" "$ip6_macvtap"; }
hostile_up() { local a; a=$(agent_addresses "$hostile" "$mac_hostile"); [ -n "$(dnsmasq_lease "$mac_hostile")" ] && has "$a" "$offlink" && has "$a" "$ip_agent"; }
static_up()  { has "$(neigh_addresses "$mac_static")" "$ip_static" && has "$(neigh_addresses "$mac_static")" "$ip6_static"; }
up=1
check "$agent: its agent answers (virsh domifaddr --source agent: $ip_agent from the standalone dnsmasq, $ip6_agent)" wait_for 1200 agent_up || up=0
check "$macvtap: its agent answers over the macvtap guest's channel ($ip_macvtap, $ip6_macvtap)" wait_for 600 macvtap_up || up=0
check "$hostile: its agent reports its lease, $offlink and $ip_agent" wait_for 600 hostile_up || up=0
check "$static: the host's neighbour table holds its addresses (ip neigh: $ip_static, $ip6_static)" wait_for 600 static_up || up=0
# libvirt's own neighbour dump: Debian 12's libvirtd (9.0) fails here ("internal error: wrong
# nlmsg len") where `ip neigh` and the publisher's dump read the table; the suite then compares
# with `ip neigh` alone, and says so. A libvirtd whose dump works must agree with it.
arp_out=$(virsh domifaddr "$static" --source arp 2>&1)
if [[ "$arp_out" == *"wrong nlmsg len"* ]]; then
  echo "# virsh domifaddr $static --source arp fails in libvirt $(virsh version | awk '/libvirt/ {print $NF; exit}'): $(grep -o 'internal error.*' <<< "$arp_out")"
  ok "$static: virsh domifaddr --source arp fails with libvirt's own netlink error (wrong nlmsg len); ip neigh is the reference"
else
  same "$static: virsh domifaddr --source arp = the IPv4 neighbour entries with its MAC" \
    "$(tr ' ' '\n' <<< "$(neigh_addresses "$mac_static")" | grep -v : | grep . | words)" "$(arp_addresses "$static")"
fi
phase "guests boot to their agents and neighbours"
[ "$up" = 1 ] || diagnose

# The publisher off, its directory absent: nothing answers for these guests, as on a host without it.
for d in "$agent" "$static" "$macvtap" "$hostile"; do
  same "publisher off, $published absent: getent ahosts $d is not found" "-" "$(ahosts "$d")"
done

check "libvirt-nss publish --interval $interval starts and writes $published/publisher.status" start_publisher
same "$published is root's, mode 0755; its files root's, mode 0644 (what the module requires)" \
  "0:755 0:644 0:644 0:644" \
  "$(stat -c '%u:%a' "$published" "$published/publisher.status" "$published/publisher.macs" "$published/publisher.sources" | tr '\n' ' ' | sed 's/ $//')"
phase "publisher start"

# (a) and (c): the agents' addresses; (b): the neighbour table's. pub-agent's IPv4 is claimed by the
# hostile guest as well, so while that one runs it answers its IPv6 address alone (below).
expected_macvtap=$(agent_addresses "$macvtap" "$mac_macvtap")
timed_wait answers_become ahosts "$macvtap" "$expected_macvtap"
same "(c) getent ahosts $macvtap = virsh domifaddr --source agent (within ${waited} s of the publisher's start)" "$expected_macvtap" "$(ahosts "$macvtap")"
same "(c) getent hosts $macvtap = its IPv6 address from the agent" "$(hosts_rule "$expected_macvtap")" "$(hosts "$macvtap")"
expected_static=$(neigh_addresses "$mac_static")
timed_wait answers_become ahosts "$static" "$expected_static"
same "(b) getent ahosts $static = its neighbour entries (ip neigh), IPv4 and IPv6 (${waited} s)" "$expected_static" "$(ahosts "$static")"
same "(b) getent hosts $static = its IPv6 neighbour entry" "$(hosts_rule "$expected_static")" "$(hosts "$static")"
same "(b) the neighbour-only guest's records say so (publisher.sources)" "neighbour" \
  "$(python3 -c 'import json,sys; print(" ".join(sorted({e["source"] for e in json.load(open(sys.argv[1])) if e["domain"] == sys.argv[2]})))' "$published/publisher.sources" "$static")"
same "getent hosts $ip_macvtap: the reverse lookup gives the domain name" "$macvtap" "$(names_of "$ip_macvtap")"
same "getent hosts $ip6_static: the reverse lookup gives the domain name" "$static" "$(names_of "$ip6_static")"
phase "bridged (neighbour) and macvtap (agent) lookups"

# The hostile guest: an address outside its bridge's subnets, and another guest's address.
expected_hostile=$(dnsmasq_lease "$mac_hostile")
same "hostile: its agent's report, less $offlink and $ip_agent, is its standalone-dnsmasq lease" \
  "$expected_hostile " "$(without "$(agent_addresses "$hostile" "$mac_hostile")" "$offlink $ip_agent")"
answers_become ahosts "$hostile" "$expected_hostile "
same "hostile: getent ahosts $hostile is its lease alone: not $offlink (off-link), not $ip_agent ($agent's)" "$expected_hostile " "$(ahosts "$hostile")"
same "hostile: getent hosts $offlink is not found" "-" "$(names_of "$offlink")"
same "hostile: getent hosts $ip_agent is not found (claimed by two domains: published for neither)" "-" "$(names_of "$ip_agent")"
same "hostile: getent ahosts $agent answers its IPv6 address only while $ip_agent is claimed twice" "$ip6_agent " "$(ahosts "$agent")"
check "hostile: the publisher says why $offlink is left out (outside the subnets of the NIC's host interface)" \
  grep -q "$hostile, MAC $mac_hostile: $offlink (agent) not published: outside the subnets" "$work/publisher.log"
check "hostile: the publisher says why $ip_agent is left out, for both domains (another domain claims it too)" \
  eval 'grep -q "$hostile, MAC $mac_hostile: $ip_agent (.*) not published: another domain claims it too" "$work/publisher.log" &&
        grep -q "$agent, MAC $mac_agent: $ip_agent (.*) not published: another domain claims it too" "$work/publisher.log"'
check "hostile: publisher.status holds neither $offlink nor $ip_agent" \
  eval '! grep -qF "\"$offlink\"" "$published/publisher.status" && ! grep -qF "\"$ip_agent\"" "$published/publisher.status"'
phase "a hostile guest's claims"
[ "$fail" -gt 0 ] && diagnose

# The hostile guest goes: its name stops resolving, and pub-agent's IPv4 address is its again.
check "virsh destroy $hostile" eval 'virsh destroy "$hostile" >/dev/null'
timed_wait answers_become ahosts "$hostile" "-"
same "after virsh destroy: getent ahosts $hostile is not found (after ${waited} s)" "-" "$(ahosts "$hostile")"
expected_agent=$(agent_addresses "$agent" "$mac_agent")
timed_wait answers_become ahosts "$agent" "$expected_agent"
same "(a) getent ahosts $agent = virsh domifaddr --source agent, IPv4 and global IPv6 (${waited} s after the claim ended)" "$expected_agent" "$(ahosts "$agent")"
same "(a) getent hosts $agent = its IPv6 address from the agent" "$(hosts_rule "$expected_agent")" "$(hosts "$agent")"
same "(a) getent hosts $ip_agent: the reverse lookup gives the domain name" "$agent" "$(names_of "$ip_agent")"
same "(a) getent hosts $ip6_agent: the reverse lookup gives the domain name" "$agent" "$(names_of "$ip6_agent")"
same "libvirt-nss resolve -m libvirt_guest $agent answers as the module" "$expected_agent" \
  "$("$cli" resolve -m libvirt_guest "$agent" | awk '{print $1}' | words)"
phase "after the hostile guest"

# The lifecycle: destroyed domains stop resolving within a few intervals.
check "virsh destroy $static and $macvtap" eval 'virsh destroy "$static" >/dev/null && virsh destroy "$macvtap" >/dev/null'
gone() { [ "$(ahosts "$static")" = - ] && [ "$(ahosts "$macvtap")" = - ]; }
timed_wait wait_for "$bound" gone
same "after virsh destroy: getent ahosts $static is not found (after ${waited} s; bound $((bound / 10)) s)" "-" "$(ahosts "$static")"
same "after virsh destroy: getent ahosts $macvtap is not found" "-" "$(ahosts "$macvtap")"
same "after virsh destroy: $agent, still running, answers as before" "$expected_agent" "$(ahosts "$agent")"
phase "destroy"

# The publisher stops (SIGTERM): its files stay, and their records expire on their own.
check "the publisher stops on SIGTERM, leaving its files" eval 'stop_publisher && [ -s "$published/publisher.status" ]'
publisher=""
timed_wait answers_become ahosts "$agent" "-"
same "publisher stopped: getent ahosts $agent (still running) is not found once its records expire (after ${waited} s)" "-" "$(ahosts "$agent")"
rm -rf "$published"
same "publisher off, $published removed: getent ahosts $agent is not found" "-" "$(ahosts "$agent")"
phase "publisher stop"

check "virsh destroy $agent" eval 'virsh destroy "$agent" >/dev/null'
[ "$fail" -gt 0 ] && diagnose
finish
