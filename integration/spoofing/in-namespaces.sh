#!/bin/bash
# The first process of run-spoofing.sh's new PID, network, mount and UTS namespaces (see there).
#   in-namespaces.sh LIBDIR DEBIAN_LIBDIR DEBIAN_LABEL WORKDIR   (SUITE and RESULTS in the environment)
# DEBIAN_LIBDIR may be empty: then only our module is asked.
#
# The threat: a guest chooses the host name it sends with its DHCP request. dnsmasq refuses some
# names (bytes other than letters, digits, '-' and '_', '-' or '_' first, a label over 63 bytes),
# keeps others out of its DNS (a name /etc/hosts or addn-hosts gives another address) and cuts an
# accepted dotted name at its first dot, but libvirt_leaseshelper writes the bytes the client sent
# (DNSMASQ_SUPPLIED_HOSTNAME) to <bridge>.status all the same. The module must not let such a lease
# answer for a name the guest does not own: another domain's name, a reserved host, the host's own
# name, a name dnsmasq refuses or reserves (localhost, ip6-localhost, ip6-loopback, wpad, isatap).
# Each case's TAP line tells what dnsmasq made of the name and what the helper wrote.
#
# Three libvirt networks the way libvirt builds them, minus libvirtd: a bridge each, Debian's
# dnsmasq started with libvirt's options on the <network>.conf the module reads too (--conf-file,
# --leasefile-ro, --dhcp-script=libvirt_leaseshelper), and the *.macs files libvirt would write.
# Each guest is a veth end with a fixed MAC in a child network namespace, where udhcpc asks for a
# lease and sends a host name. Every lookup is real getent in a mount namespace of its own with one
# module overlaid on glibc's library directory; our module and Debian's answer the same leases.
#
#   spoof-a  virbr-spa  192.168.150.0/24  example.lan  macs: vm1, multi, web1, intruder;
#                                                      dhcp-host reserved-vm; addnhosts printer
#   spoof-b  virbr-spb  192.168.151.0/24  example.lan  macs: multi (its second NIC), web2
#   spoof-c  virbr-spc  192.168.152.0/24  other.lan    no macs file
#
# dnsmasq gives a name to one lease of a network at a time: a second guest sending it takes it
# from the first, whose lease the helper rewrites without a host name. So the three guests that
# all send "ubuntu" sit on three networks, and a hostile guest that sends vm1 also strips vm1's
# own lease of its host name (vm1 still resolves: it is a domain, libvirt_guest answers it).
#
# The hostile guests are "intruder" (a domain on spoof-a) and "visitor" (on spoof-c, in no macs
# file). A hostile case is shadowed when a lookup through the module answers the hostile guest's
# address for a name it does not own, when a name dnsmasq refuses resolves through the module at
# all, or when the reverse lookup of its address gives any name but its own domain name.
#
# shellcheck disable=SC2317 # functions run through wait_for, check, legit look unreachable to it
set -u
ours=$1 work=$2
shift 2   # then pairs: an upstream module's directory and its label
here=$(dirname "$(realpath "$0")")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"
export LC_ALL=C

lease_dir=/var/lib/libvirt/dnsmasq
nodename=hostbox.example.test
# What the modules are asked with: both, as the recommended hosts: line has them.
modules_only="hosts:libvirt libvirt_guest"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT

# Waits (polling, at most $1 tenths of a second) until the command succeeds: a bound, not a timing.
wait_for() { local n=$1; shift; for _ in $(seq "$n"); do "$@" && return 0; sleep 0.1; done; return 1; }
hex() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
unhex() { local i escaped=""; for ((i = 0; i < ${#1}; i += 2)); do escaped+="\\x${1:i:2}"; done; printf '%b' "$escaped"; }
# A name as the TAP lines show it: shell-quoted, so a space, a newline or UTF-8 stays visible.
shown() { printf '%q' "$1"; }

# --- networks -------------------------------------------------------------------------------------
declare -A net_bridge
# add_network NETWORK BRIDGE PREFIX DOMAIN: the bridge with PREFIX.1/24, the <network>.conf
# libvirt's networkDnsmasqConfContents writes (mode 0600, as libvirt does), empty reserved-host
# files, and dnsmasq on that conf with the options libvirt adds on its command line.
add_network() {
  local network=$1 bridge=$2 prefix=$3 domain=$4
  net_bridge[$network]=$bridge
  ip link add "$bridge" type bridge stp_state 0 forward_delay 0
  ip addr add "$prefix.1/24" dev "$bridge"
  ip link set "$bridge" up
  cat > "$lease_dir/$network.conf" <<CONF
##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:
##    virsh net-edit $network
## or other application using the libvirt API.
##
## dnsmasq conf file created by libvirt
strict-order
local=/$domain/
domain=$domain
expand-hosts
pid-file=/run/libvirt/network/$network.pid
except-interface=lo
bind-dynamic
interface=$bridge
dhcp-range=$prefix.20,$prefix.60,255.255.255.0
dhcp-no-override
dhcp-authoritative
dhcp-lease-max=41
dhcp-hostsfile=$lease_dir/$network.hostsfile
addn-hosts=$lease_dir/$network.addnhosts
CONF
  chmod 0600 "$lease_dir/$network.conf"
  touch "$lease_dir/$network.hostsfile" "$lease_dir/$network.addnhosts"
}
# The user and the log are the test's: no libvirt-dnsmasq user here, and the log explains a failure.
start_dnsmasq() {
  local network=$1
  VIR_BRIDGE_NAME=${net_bridge[$network]} dnsmasq --conf-file="$lease_dir/$network.conf" \
    --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper \
    --keep-in-foreground --user=root --group=root --log-facility="$work/dnsmasq-$network.log" --log-dhcp &
  pids+=("$!")
}

# --- guests ---------------------------------------------------------------------------------------
declare -A guest_pid guest_mac guest_net guest_client
# add_guest GUEST NETWORK MAC: a network namespace (held by a sleep whose argv[0] names $work, so
# run-spoofing.sh sees it if it survived) with veth end vg-GUEST, MAC MAC, on the network's bridge.
add_guest() {
  local guest=$1 network=$2 mac=$3 holder ours_ns
  guest_net[$guest]=$network guest_mac[$guest]=$mac
  ip link add "vh-$guest" type veth peer name "vg-$guest"
  ip link set "vh-$guest" master "${net_bridge[$network]}"
  ip link set "vh-$guest" up
  # shellcheck disable=SC2016 # $0 is the inner shell's
  unshare --net bash -c 'exec -a "$0" sleep infinity' "$work/guest-$guest" &
  holder=$!
  pids+=("$holder")
  guest_pid[$guest]=$holder
  ours_ns=$(readlink /proc/self/ns/net)
  wait_for 100 netns_left "$holder" "$ours_ns"
  ip link set "vg-$guest" netns "$holder"
  in_guest "$guest" ip link set lo up
  in_guest "$guest" ip link set "vg-$guest" address "$mac"
  in_guest "$guest" ip link set "vg-$guest" up
}
netns_left() { [ "$(readlink "/proc/$1/ns/net")" != "$2" ]; }
in_guest() { local guest=$1; shift; nsenter -t "${guest_pid[$guest]}" -n "$@"; }

# start_client GUEST OPTION: udhcpc in the guest, sending OPTION (udhcpc -x): hostname:NAME for
# an ordinary name, 0x0c:HEX for exact bytes (udhcpc's hostname: form splits at blanks).
start_client() {
  local guest=$1
  : > "$work/vg-$guest.events"
  # nsenter execs udhcpc: $! is the client itself, and the signals below reach it.
  nsenter -t "${guest_pid[$guest]}" -n udhcpc -i "vg-$guest" -f -t 30 -T 1 -A 1 -x "$2" \
    -s "$work/udhcpc.sh" >> "$work/udhcpc-$guest.log" 2>&1 &
  guest_client[$guest]=$!
  pids+=("$!")
}
# stop_client GUEST: the guest releases its lease (udhcpc SIGUSR2), the helper drops it from the
# status file, udhcpc ends: its next client starts with a new lease ("add"), whose host name the
# helper writes afresh.
stop_client() {
  local guest=$1 pid=${guest_client[$1]:-} mac=${guest_mac[$1]}
  [ -n "$pid" ] || return 0
  kill -USR2 "$pid" 2>/dev/null
  if ! wait_for 50 has_no_lease "$guest"; then
    # A release lost on the way would leave the old lease to be taken for the new one: the
    # host-side release (dnsmasq-utils), as an administrator would.
    dhcp_release "${net_bridge[${guest_net[$guest]}]}" "$(ip_of "$guest")" "$mac" "01:$mac"
    wait_for 50 has_no_lease "$guest"
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  guest_client[$guest]=""
}
bound() { grep -q '^bound ' "$work/vg-$1.events" 2>/dev/null; }
# behave GUEST NAME: the guest's next lease carries NAME again (after a hostile case, or at first).
behave() {
  stop_client "$1"
  start_client "$1" "hostname:$2"
  wait_for 300 has_lease "$1"
}

# lease_field GUEST FIELD: the field of the guest's lease in its bridge's status file, empty when
# it has none; the host name in hex (the helper writes whatever bytes the guest sent).
lease_field() {
  python3 - "$lease_dir/${net_bridge[${guest_net[$1]}]}.status" "${guest_mac[$1]}" "$2" <<'PY'
import json, sys
try:
    leases = json.load(open(sys.argv[1], encoding="utf-8", errors="surrogateescape"))
except (OSError, ValueError):
    sys.exit(0)
for lease in leases:
    if lease.get("mac-address") == sys.argv[2]:
        value = lease.get(sys.argv[3], "")
        print(value.encode("utf-8", "surrogateescape").hex() if sys.argv[3] == "hostname" else value)
PY
}
has_lease() { [ -n "$(lease_field "$1" ip-address)" ]; }
has_no_lease() { ! has_lease "$1"; }
ip_of() { lease_field "$1" ip-address; }
# The host name dnsmasq itself gave the guest's last lease (its DHCPACK log line): empty when it
# refused the name the guest sent.
acks() { grep -a "DHCPACK(${net_bridge[${guest_net[$1]}]}) [0-9.]* ${guest_mac[$1]}" "$work/dnsmasq-${guest_net[$1]}.log"; }
acked_name() { acks "$1" | tail -1 | sed "s/.* ${guest_mac[$1]} *//"; }
# acked_after GUEST COUNT: dnsmasq has logged more than COUNT DHCPACKs to the guest.
acked_after() { [ "$(acks "$1" | wc -l)" -gt "$2" ]; }

# --- lookups --------------------------------------------------------------------------------------
# lookup LIBDIR COMMAND...: COMMAND with the two modules of LIBDIR overlaid on glibc's library
# directory, in a mount namespace of its own (nsswitch.conf and /etc/hosts are bound in setup).
lookup() {
  local lib=$1; shift
  # shellcheck disable=SC2016 # the inner shell expands them
  unshare --mount --propagation private sh -c '
    mount -t overlay overlay -o "lowerdir=$0:/usr/lib/x86_64-linux-gnu" /usr/lib/x86_64-linux-gnu &&
    exec "$@"' "$lib" "$@"
}
# addresses LIBDIR [GETENT OPTION...] DATABASE NAME: the sorted addresses getent prints ("-": none);
# a line that does not start with one is the rest of a name with a newline in it.
addresses() {
  local lib=$1 name=${*: -1} out
  out=$(lookup "$lib" getent "${@:2:$#-2}" -- "$name" 2>/dev/null | awk '$1 ~ /^[0-9a-f.:]*[.:][0-9a-f.:]*$/ {print $1}' |
    sort -u | tr '\n' ' ')
  echo "${out:--}"
}
# names_of LIBDIR ADDRESS: what the reverse lookup prints after the address, blanks squeezed ("-": none).
names_of() {
  local out
  out=$(lookup "$1" getent hosts "$2" 2>/dev/null | tr -s ' \t' '  ' | cut -d' ' -f2-)
  echo "${out:--}"
}

# --- cases ----------------------------------------------------------------------------------------
libs=("$ours") labels=(ours)
while [ $# -ge 2 ]; do libs+=("$1") labels+=("$2"); shift 2; done
declare -A cases shadowed broken shadow_list broken_list
for label in "${labels[@]}"; do cases[$label]=0 shadowed[$label]=0 broken[$label]=0 shadow_list[$label]="" broken_list[$label]=""; done

# shadows LIBDIR ATTACKER OWNED CLASS QUERY...: why LIBDIR's answers let the attacker's lease
# answer for names it does not own, one line each (none: not shadowed). OWNED is the one name its
# address may give back (its domain name; "-" for none). CLASS "taken": the names belong to someone
# else, they may resolve but never to the attacker's address; "refused": no lease may answer them,
# so nothing at all may resolve through the modules.
shadows() {
  local lib=$1 attacker=$2 owned=$3 class=$4 ip name db names answer
  shift 4
  ip=$(ip_of "$attacker")
  [ -n "$ip" ] || ip=${attacker_ip[$attacker]}
  for name in "$@"; do
    for db in hosts ahosts; do
      [[ " $(addresses "$lib" "$db" "$name") " == *" $ip "* ]] &&
        echo "getent $db $(shown "$name") answers the attacker's $ip"
      [ "$class" = refused ] || continue
      answer=$(addresses "$lib" -s "$modules_only" "$db" "$name")
      [ "$answer" = - ] || echo "getent -s '$modules_only' $db $(shown "$name") resolves: $answer"
    done
  done
  names=$(names_of "$lib" "$ip")
  [ "$names" = - ] || [ "$names" = "$owned" ] || echo "getent hosts $ip (reverse) gives $(shown "$names")"
}

# hostile LABEL CLASS ATTACKER OWNED NAME [QUERY...]: ATTACKER's next lease carries NAME (its
# exact bytes); then each module is asked NAME and the QUERY names (see shadows). A name the helper
# wrote otherwise (cut at a dot, say) is reported and asked too; one that did not land at all
# cannot shadow, and is reported.
hostile() {
  local label=$1 class=$2 attacker=$3 owned=$4 name=$5 wrote acked landed i lib why count
  shift 5
  local queries=("$name" "$@")
  stop_client "$attacker"
  count=$(acks "$attacker" | wc -l)
  start_client "$attacker" "0x0c:$(hex "$name")"
  if wait_for 300 bound "$attacker" && wait_for 30 has_lease "$attacker"; then
    attacker_ip[$attacker]=$(ip_of "$attacker")
    wait_for 20 acked_after "$attacker" "$count"   # dnsmasq's log may trail its answer
    wrote=$(lease_field "$attacker" hostname) acked=$(acked_name "$attacker")
    if [ "$wrote" = "$(hex "$name")" ]; then
      landed="landed as sent"
    else
      landed="landed as $(shown "$(unhex "$wrote")")"
      [ -n "$wrote" ] && queries+=("$(unhex "$wrote")")
    fi
    [ -n "$acked" ] && landed+="; dnsmasq gave it $(shown "$acked")" || landed+="; dnsmasq refused it"
  else
    landed="did not land (no lease of $attacker in the status file)"
  fi
  for i in "${!libs[@]}"; do
    lib=${libs[$i]}
    why=$(shadows "$lib" "$attacker" "$owned" "$class" "${queries[@]}")
    record "${labels[$i]}" hostile "$label" "$why" "$landed"
  done
}

# legit LABEL FEATURE EXPECTED FUNCTION ARGS...: a setup that must resolve as before the policy:
# FUNCTION's answer through each module must be EXPECTED. FEATURE names our extension the answer
# needs (reverse, reservation, network domain), "-" for upstream's behaviour: Debian's module
# lacks the extensions, and its broken list says which.
legit() {
  local label=$1 feature=$2 expected=$3 fn=$4 i actual why
  shift 4
  [ "$feature" = - ] || label+=" [extension: $feature]"
  for i in "${!libs[@]}"; do
    actual=$("$fn" "${libs[$i]}" "$@")
    why=""
    [ "$actual" = "$expected" ] || why="expected $(shown "$expected"), got $(shown "$actual")"
    record "${labels[$i]}" legit "$label" "$why" ""
  done
}

# record MODULE KIND LABEL WHY NOTE: ours as a TAP line (WHY, one reason a line, fails it);
# Debian's as a comment below it, counted for the closing summary only.
record() {
  local module=$1 kind=$2 label=$3 why=$4 note=$5 verdict
  cases[$module]=$((cases[$module] + 1))
  if [ -z "$why" ]; then
    [ "$module" = ours ] && ok "$kind: $label${note:+ ($note)}"
    return
  fi
  if [ "$kind" = hostile ]; then
    shadowed[$module]=$((shadowed[$module] + 1)) verdict=shadowed
    shadow_list[$module]+="  shadows: $label"$'\n'
  else
    broken[$module]=$((broken[$module] + 1)) verdict=broken
    broken_list[$module]+="  breaks: $label"$'\n'
  fi
  if [ "$module" = ours ]; then
    nok "$kind: $label${note:+ ($note)}"
  else
    echo "#   $module: $verdict"
  fi
  echo "#     ${why//$'\n'/$'\n'#     }"
}

setup() {
  set -e
  # What the test writes lives on tmpfs mounts of this mount namespace only.
  mount -t tmpfs tmpfs /run                        # the helper's and dnsmasq's pid files
  mount -t tmpfs -o mode=0755 tmpfs /var/lib
  mkdir -p "$lease_dir" /run/libvirt/network
  hostname "$nodename"                             # this UTS namespace's only
  printf 'hosts: files libvirt libvirt_guest\n' > "$work/nsswitch.conf"
  printf '127.0.0.1 localhost\n' > "$work/hosts"
  mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf
  mount --bind "$work/hosts" /etc/hosts
  ip link set lo up

  add_network spoof-a virbr-spa 192.168.150 example.lan
  add_network spoof-b virbr-spb 192.168.151 example.lan
  add_network spoof-c virbr-spc 192.168.152 other.lan
  # <dhcp><host mac=... name='reserved-vm' ip=.../> and <dns><host ip=...>printer</host>.
  echo "52:54:00:00:00:10,192.168.150.10,reserved-vm" > "$lease_dir/spoof-a.hostsfile"
  echo "192.168.150.5 printer" > "$lease_dir/spoof-a.addnhosts"
  for network in spoof-a spoof-b spoof-c; do start_dnsmasq "$network"; done

  add_guest vm1 spoof-a 52:54:00:00:00:01
  add_guest multia spoof-a 52:54:00:00:00:02
  add_guest web1 spoof-a 52:54:00:00:00:03
  add_guest web2 spoof-b 52:54:00:00:01:04
  add_guest nested spoof-a 52:54:00:00:00:05      # a nested guest's or a container's: in no macs file
  add_guest reserved spoof-a 52:54:00:00:00:10
  add_guest intruder spoof-a 52:54:00:00:00:66
  add_guest multib spoof-b 52:54:00:00:01:02
  add_guest plain spoof-c 52:54:00:00:02:01
  add_guest ubuntuc spoof-c 52:54:00:00:02:02
  add_guest visitor spoof-c 52:54:00:00:02:66
  # What libvirt writes for the running domains; spoof-c has none.
  domain_macs() { local d out=""; for d in "$@"; do out+="${out:+,}{\"domain\":\"${d%%=*}\",\"macs\":[\"${d#*=}\"]}"; done; echo "[$out]"; }
  domain_macs "vm1=${guest_mac[vm1]}" "multi=${guest_mac[multia]}" "web1=${guest_mac[web1]}" \
    "intruder=${guest_mac[intruder]}" > "$lease_dir/virbr-spa.macs"
  domain_macs "multi=${guest_mac[multib]}" "web2=${guest_mac[web2]}" > "$lease_dir/virbr-spb.macs"

  # udhcpc's script: configure the address in the guest's namespace (its release is sent from it).
  cat > "$work/udhcpc.sh" <<'SCRIPT'
#!/bin/sh
case $1 in
  bound|renew) ip addr replace "$ip/${mask:-24}" dev "$interface" ;;
  deconfig) ip addr flush dev "$interface" ;;
esac
echo "$1 ${ip:-}" >> "${0%/*}/$interface.events"
SCRIPT
  chmod +x "$work/udhcpc.sh"
  set +e
}

diagnose() {
  for f in "$work"/dnsmasq-*.log; do echo "# $f (tail):"; tail -15 "$f" | sed 's/^/#   /'; done
  for f in "$lease_dir"/*.status; do echo "# $f:"; sed 's/^/#   /' "$f"; done
}

declare -A attacker_ip
if ! setup; then
  nok "namespaces, three bridges and their dnsmasq, eleven guests set up"
  diagnose
  finish
fi
ok "namespaces ($nodename), three libvirt networks (dnsmasq with libvirt's conf and libvirt_leaseshelper), eleven guests set up"

# The guests that behave: each sends its own name (udhcpc's ordinary hostname option). vm1 and the
# reserved guest come later: the first hostile case runs before vm1 has a lease, and reserved-vm is
# checked before and after its guest runs.
start_client multia hostname:multi
start_client multib hostname:multi
start_client web1 hostname:ubuntu
start_client web2 hostname:ubuntu
start_client ubuntuc hostname:ubuntu
start_client nested hostname:nested
start_client plain hostname:plainvm
start_client intruder hostname:intruder
start_client visitor hostname:visitor
all_leased() { local g; for g in multia multib web1 web2 ubuntuc nested plain intruder visitor; do has_lease "$g" || return 1; done; }
if ! check "every guest holds a lease the helper wrote" wait_for 300 all_leased; then diagnose; finish; fi
attacker_ip[intruder]=$(ip_of intruder) attacker_ip[visitor]=$(ip_of visitor)

# 1. Another domain's name before that domain's guest has a lease: nothing may answer it.
hostile "vm1 (another domain's name) before vm1's guest has a lease" taken intruder intruder vm1 vm1.example.lan VM1
start_client vm1 hostname:vm1
check "vm1's guest holds a lease" wait_for 300 has_lease vm1
check "intruder holds a lease under its own name again" behave intruder intruder

# 2. The legitimate setups, while no guest misbehaves.
ip_vm1=$(ip_of vm1) ip_nested=$(ip_of nested) ip_plain=$(ip_of plain)
sorted() { printf '%s\n' "$@" | sort -u | tr '\n' ' '; }
ahosts() { addresses "$1" ahosts "$2"; }
guest_ahosts() { addresses "$1" -s hosts:libvirt_guest ahosts "$2"; }
hosts_line() { lookup "$1" getent hosts "$2" | tr -s ' ' ' '; }
legit "getent hosts vm1: a guest whose host name is its own domain name" - "$ip_vm1 vm1" hosts_line vm1
legit "getent ahosts VM1: the same in another case" - "$(sorted "$ip_vm1")" ahosts VM1
legit "libvirt_guest: getent ahosts vm1" - "$(sorted "$ip_vm1")" guest_ahosts vm1
legit "getent ahosts vm1.example.lan: the name in its network's domain" "network domain" "$(sorted "$ip_vm1")" ahosts vm1.example.lan
legit "getent ahosts multi: one domain, a NIC on each of two networks" - "$(sorted "$(ip_of multia)" "$(ip_of multib)")" ahosts multi
legit "libvirt_guest: getent ahosts multi: both NICs" - "$(sorted "$(ip_of multia)" "$(ip_of multib)")" guest_ahosts multi
legit "getent ahosts ubuntu: three guests (one on each network) that send ubuntu, none a domain of that name" - \
  "$(sorted "$(ip_of web1)" "$(ip_of web2)" "$(ip_of ubuntuc)")" ahosts ubuntu
legit "getent ahosts nested: a guest whose MAC is in no macs file" - "$(sorted "$ip_nested")" ahosts nested
legit "getent ahosts plainvm: a guest of a network without a macs file" - "$(sorted "$ip_plain")" ahosts plainvm
legit "getent ahosts reserved-vm: the dhcp-host reservation, its guest not running" reservation "192.168.150.10 " ahosts reserved-vm
legit "getent ahosts printer: the addnhosts host" reservation "192.168.150.5 " ahosts printer
legit "getent hosts $ip_vm1 (reverse): vm1" reverse vm1 names_of "$ip_vm1"
legit "getent hosts $ip_nested (reverse): nested" reverse nested names_of "$ip_nested"
legit "getent hosts $ip_plain (reverse): plainvm" reverse plainvm names_of "$ip_plain"

# 3. The hostile names, sent by intruder (a domain of spoof-a) and visitor (spoof-c, in no macs file).
hostile "vm1 (another domain's name)" taken intruder intruder vm1 VM1 vm1.example.lan
hostile "VM1 (another domain's name, other case)" taken intruder intruder VM1 vm1 vm1.example.lan
hostile "vm1.example.lan (another domain's name in its network's domain)" taken intruder intruder vm1.example.lan vm1
hostile "vm1 from another network without a macs file" taken visitor - vm1 vm1.example.lan vm1.other.lan
check "visitor holds a lease under its own name again" behave visitor visitor
hostile "reserved-vm (a dhcp-host name of another MAC), its guest not running" taken intruder intruder reserved-vm reserved-vm.example.lan
hostile "printer (an addnhosts name)" taken intruder intruder printer printer.example.lan
hostile "wpad" refused intruder intruder wpad WPAD wpad.example.lan
hostile "isatap" refused intruder intruder isatap isatap.example.lan
hostile "localhost" refused intruder intruder localhost localhost.example.lan
hostile "ip6-localhost" refused intruder intruder ip6-localhost
hostile "ip6-loopback" refused intruder intruder ip6-loopback
hostile "hostbox (the host's own name)" refused intruder intruder hostbox "$nodename"
hostile "$nodename (the host's own long name)" refused intruder intruder "$nodename" hostbox
hostile "'x y' (a space)" refused intruder intruder "x y"
hostile "ab\\ncd (a control byte)" refused intruder intruder $'ab\ncd'
hostile "café (UTF-8)" refused intruder intruder "café"
hostile "vм1 (a Cyrillic м)" refused intruder intruder "vм1"
hostile "* (a wildcard)" refused intruder intruder "*"
hostile ". (a dot alone)" refused intruder intruder "."
hostile "-x (a leading '-')" refused intruder intruder "-x"
hostile "_x (a leading '_')" refused intruder intruder "_x"
printf -v label100 '%100s' ''
hostile "a 100-byte label" refused intruder intruder "${label100// /a}"

# 4. The reservation's guest comes up: reserved-vm answers its lease (the reserved address).
check "intruder holds a lease under its own name again" behave intruder intruder
start_client reserved hostname:reserved-vm
holds_reserved_address() { [ "$(ip_of reserved)" = 192.168.150.10 ]; }
check "the reservation's guest holds 192.168.150.10" wait_for 300 holds_reserved_address
legit "getent ahosts reserved-vm: the dhcp-host reservation, its guest running" - "192.168.150.10 " ahosts reserved-vm
legit "getent ahosts vm1 after the hostile cases: vm1's address alone" - "$(sorted "$ip_vm1")" ahosts vm1

echo "${cases[ours]} cases, ${shadowed[ours]} shadowed, ${broken[ours]} legitimate broken"
for label in "${labels[@]:1}"; do
  echo "$label: ${cases[$label]} cases, ${shadowed[$label]} shadowed, ${broken[$label]} legitimate broken"
  printf '%s' "${shadow_list[$label]}" "${broken_list[$label]}"
done
if [ "${shadowed[ours]}" -eq 0 ] && [ "${broken[ours]}" -eq 0 ]; then
  ok "our module: no hostile case shadowed, no legitimate setup broken"
else
  nok "our module: ${shadowed[ours]} hostile cases shadowed, ${broken[ours]} legitimate setups broken"
fi
[ "$fail" -gt 0 ] && diagnose
cleanup
finish
