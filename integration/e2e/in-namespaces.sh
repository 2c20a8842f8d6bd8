#!/bin/bash
# The first process of run-e2e.sh's new PID, network and mount namespaces (see there).
#   in-namespaces.sh LIBDIR WORKDIR     (SUITE and RESULTS in the environment)
#
# Builds a libvirt NAT network the way libvirt does, minus libvirtd: a bridge (virbr-e2e) with
# 192.168.150.1/24, Debian's dnsmasq on it started with libvirt's options (--leasefile-ro,
# --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper, VIR_BRIDGE_NAME), and a "guest": a veth
# end in a child network namespace where udhcpc asks for a lease and sends a hostname. The helper
# writes /var/lib/libvirt/dnsmasq/virbr-e2e.status (a tmpfs here); real getent resolves through
# our module (overlaid on glibc's library directory, nsswitch.conf bound over /etc's).
set -u
libdir=$1 work=$2
here=$(dirname "$(realpath "$0")")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"

bridge=virbr-e2e
lease_dir=/var/lib/libvirt/dnsmasq
status_file=$lease_dir/$bridge.status
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap cleanup EXIT

setup() {
  set -e
  # What the test writes lives on tmpfs mounts of this mount namespace only.
  mount -t tmpfs tmpfs /run                       # libvirt_leaseshelper's pid file
  mount -t tmpfs -o mode=0755 tmpfs /var/lib
  mkdir -p "$lease_dir"
  local lib=/usr/lib/x86_64-linux-gnu
  mount -t overlay overlay -o "lowerdir=$libdir:$lib" "$lib"
  printf 'hosts: files libvirt libvirt_guest\n' > "$work/nsswitch.conf"
  printf '127.0.0.1 localhost\n' > "$work/hosts"
  mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf
  mount --bind "$work/hosts" /etc/hosts

  ip link set lo up
  ip link add "$bridge" type bridge stp_state 0 forward_delay 0
  ip addr add 192.168.150.1/24 dev "$bridge"
  ip link set "$bridge" up
  ip link add veth-host type veth peer name veth-guest
  ip link set veth-host master "$bridge"
  ip link set veth-host up
  unshare --net sleep infinity &
  guest=$!
  pids+=("$guest")
  local ours; ours=$(readlink /proc/self/ns/net)
  for _ in $(seq 100); do [ "$(readlink "/proc/$guest/ns/net")" != "$ours" ] && break; sleep 0.05; done
  ip link set veth-guest netns "$guest"
  in_guest ip link set lo up
  in_guest ip link set veth-guest up
  mac=$(in_guest ip -o link show veth-guest | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')

  # The options libvirt's network driver gives dnsmasq for a NAT network with DHCP.
  VIR_BRIDGE_NAME=$bridge dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 \
    --user=root --group=root --strict-order --except-interface=lo --interface="$bridge" --bind-dynamic \
    --dhcp-range=192.168.150.10,192.168.150.50,255.255.255.0,1h --dhcp-no-override --dhcp-authoritative \
    --dhcp-lease-max=41 --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper \
    --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" --log-dhcp &
  pids+=("$!")

  # udhcpc's script: configure the address in the guest's namespace (renewals are sent from it).
  cat > "$work/udhcpc.sh" <<'SCRIPT'
#!/bin/sh
case $1 in
  bound|renew) ip addr replace "$ip/${mask:-24}" dev "$interface" ;;
  deconfig) ip addr flush dev "$interface" ;;
esac
echo "$1 ${ip:-}" >> "${0%.sh}.events"
SCRIPT
  chmod +x "$work/udhcpc.sh"
  set +e
}

in_guest() { nsenter -t "$guest" -n "$@"; }

# Starts a DHCP client in the guest that sends hostname $1; sets $client.
start_client() {
  # nsenter execs udhcpc: $! is the client itself, and the signals below reach it.
  nsenter -t "$guest" -n udhcpc -i veth-guest -f -t 30 -T 1 -A 1 -x "hostname:$1" -s "$work/udhcpc.sh" >> "$work/udhcpc.log" 2>&1 &
  client=$!
  pids+=("$client")
}

# Waits (at most 30 s, polling) until the command succeeds; not a timing assertion, a bound.
wait_for() { for _ in $(seq 300); do "$@" && return 0; sleep 0.1; done; return 1; }

# lease_field FIELD [HOSTNAME]: the field of the lease of the guest's MAC (empty if none).
lease_field() {
  python3 -c '
import json, sys
try:
    leases = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
for lease in leases:
    if lease.get("mac-address") == sys.argv[2] and (len(sys.argv) < 5 or lease.get("hostname") == sys.argv[4]):
        print(lease.get(sys.argv[3], ""))' "$status_file" "$mac" "$@"
}
has_lease_named() { [ -n "$(lease_field ip-address "$1")" ]; }
has_no_lease() { [ -s "$status_file" ] && [ -z "$(lease_field ip-address)" ]; }
expiry_after() { local now; now=$(lease_field expiry-time); [ -n "$now" ] && [ "$now" -gt "$1" ]; }
resolve() { getent hosts "$1" | tr -s ' ' ' '; }

if ! setup; then
  nok "namespaces, bridge, veth pair and dnsmasq set up"
  finish
fi
ok "namespaces, bridge $bridge, veth pair and dnsmasq (libvirt's options, libvirt_leaseshelper) set up"

# 1. A new lease: the helper writes the file, the module answers from it.
start_client e2evm
check "libvirt_leaseshelper wrote $bridge.status with the guest's lease and hostname" wait_for has_lease_named e2evm
ip=$(lease_field ip-address e2evm)
same "getent hosts e2evm answers the leased address" "$ip e2evm" "$(resolve e2evm)"
same "getent hosts E2EVM (any case)" "$ip E2EVM" "$(resolve E2EVM)"
same "getent ahostsv4 e2evm (getaddrinfo)" "$ip" "$(getent ahostsv4 e2evm | awk '{print $1}' | sort -u)"
printf '[{"domain":"e2e-domain","macs":["%s"]}]\n' "$mac" > "$lease_dir/$bridge.macs"
same "libvirt_guest: getent hosts e2e-domain (its MAC's lease)" "$ip e2e-domain" "$(resolve e2e-domain)"

# 2. Renewal (the lease lasts an hour: no renewal but this one): the helper rewrites the lease
#    with a later expiry; the module still answers.
expiry=$(lease_field expiry-time e2evm)
sleep 1.1   # the expiry is in whole seconds: a renewal a second later moves it
kill -USR1 "$client"
check "a renewal (udhcpc SIGUSR1) moves the lease's expiry-time later" wait_for expiry_after "${expiry:-0}"
same "getent hosts e2evm after the renewal" "$ip e2evm" "$(resolve e2evm)"

# 3. Release by the guest: the helper drops the lease; the module stops answering.
kill -USR2 "$client"
check "a release (udhcpc SIGUSR2) removes the lease from $bridge.status" wait_for has_no_lease
same "getent hosts e2evm after the release: not found" "2:" "$(getent hosts e2evm; echo "$?:")"
same "getent hosts e2e-domain after the release: not found" "2:" "$(getent hosts e2e-domain; echo "$?:")"
kill "$client"; wait "$client" 2>/dev/null

# 4. The guest comes back under another hostname: the module follows the rewritten file.
start_client e2evm-renamed
check "a new lease under the hostname e2evm-renamed" wait_for has_lease_named e2evm-renamed
ip=$(lease_field ip-address e2evm-renamed)
same "getent hosts e2evm-renamed" "$ip e2evm-renamed" "$(resolve e2evm-renamed)"
same "getent hosts e2evm (the old name): not found" "2:" "$(getent hosts e2evm; echo "$?:")"

# 5. Release from the host side (dnsmasq-utils' dhcp_release, as an administrator would).
kill "$client"; wait "$client" 2>/dev/null   # udhcpc exits without releasing (no -R)
dhcp_release "$bridge" "$ip" "$mac" "01:$mac"
check "dhcp_release removes the lease from $bridge.status" wait_for has_no_lease
same "getent hosts e2evm-renamed after dhcp_release: not found" "2:" "$(getent hosts e2evm-renamed; echo "$?:")"
check "$bridge.status is still a JSON array" python3 -c 'import json,sys; assert isinstance(json.load(open(sys.argv[1])), list)' "$status_file"

if [ "$fail" -gt 0 ]; then
  echo "# dnsmasq log:"; sed 's/^/#   /' "$work/dnsmasq.log" | tail -40
  echo "# udhcpc:"; sed 's/^/#   /' "$work/udhcpc.log" "$work/udhcpc.events" 2>/dev/null | tail -20
  echo "# $status_file:"; sed 's/^/#   /' "$status_file"
fi
cleanup
finish
