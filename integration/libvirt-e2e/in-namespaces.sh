#!/bin/bash
# The first process of run-libvirt-e2e.sh's new PID, network and mount namespaces (see there).
#   in-namespaces.sh MODE CANDIDATE CLI GUEST WORK ORACLE...   (SUITE and RESULTS in the environment)
# MODE full: the whole test. MODE interrupt: starts libvirtd and the network, writes WORK/ready
# and waits to be killed (run-libvirt-e2e.sh checks that nothing survives an interruption).
# CANDIDATE and each ORACLE are directories holding libnss_libvirt{,_guest}.so.2: the module under
# test and upstream's (Debian's packages, each named by the VERSION file beside its directory).
# GUEST holds vmlinuz, e1000.ko and busybox (scripts/fetch-guest.sh).
# With LIBVIRT_E2E_ROOT (a root made by make-trixie-root.sh) in the environment, everything below
# runs in that root, with its libvirt, qemu, dnsmasq and glibc; else with the machine's.
#
# A real libvirtd (Debian's: the machine's or the root's), started here: it defines and starts
# the libvirt network e2e, whose dnsmasq (started by libvirt, with libvirt's lease helper) writes
# the lease files, and boots the domain e2e-domain under TCG, and beside it e2e-intruder, whose
# guest sends e2e-domain as its DHCP host name (docs/security.md); real getent resolves through
# each module in a mount namespace of its own, and every answer is compared with virsh's.
set -u
mode=$1 candidate=$2 cli=$3 guest=$4 work=$5
oracles=("${@:6}") labels=()
for oracle in "${oracles[@]}"; do
  if [ -s "$oracle/../VERSION" ]; then labels+=("upstream $(cat "$oracle/../VERSION")"); else labels+=("upstream $oracle"); fi
done
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"
# shellcheck source=../../scripts/libvirtd-namespace.sh
. "$here/../../scripts/libvirtd-namespace.sh"

lease_dir=/var/lib/libvirt/dnsmasq
bridge=virbr-lv network=e2e domain=e2e-domain net_domain=e2e.lan intruder=e2e-intruder
mac1=52:54:00:e2:e0:01 mac2=52:54:00:e2:e0:02 mac3=52:54:00:e2:e0:03
virsh() { command virsh -q -c qemu:///system "$@"; }

readlink /proc/self/ns/pid > "$work/pidns"

# The root becomes this process's /, without a write to it: an overlay whose upper layer is a
# tmpfs of this mount namespace, holding the namespace's /proc, the machine's /sys and /dev (the
# bridge's tap devices come from /dev/net/tun) and, at their own paths, what the test reads (this
# project's scripts, the modules, the CLI, the guest; read-only) and writes (the work and results
# directories). The same script then runs again in it, as the namespace's first process still.
enter_root() {
  local new=$work/root layer=$work/root-layer access path
  mkdir -p "$new" "$layer" || return 1
  mount -t tmpfs tmpfs "$layer" && mkdir "$layer/upper" "$layer/work" &&
    mount -t overlay overlay -o "lowerdir=$LIBVIRT_E2E_ROOT,upperdir=$layer/upper,workdir=$layer/work" "$new" &&
    mount --rbind /proc "$new/proc" && mount --rbind /sys "$new/sys" && mount --rbind /dev "$new/dev" || return 1
  # Parents before children, so that a writable directory inside a read-only one stays writable.
  while read -r _ access path; do
    if [ ! -e "$new$path" ]; then
      if [ -d "$path" ]; then mkdir -p "$new$path"; else mkdir -p "$new$(dirname "$path")" && touch "$new$path"; fi || return 1
    fi
    mount --bind "$path" "$new$path" || return 1
    if [ "$access" = ro ]; then mount -o remount,bind,ro "$new$path" || return 1; fi
  done < <({ printf 'ro %s\n' "$top" "$candidate" "$cli" "$guest" "${oracles[@]}"; printf 'rw %s\n' "$work" "$RESULTS"; } |
           awk '{ print length($2), $0 }' | sort -n)
  exec chroot "$new" /usr/bin/env LIBVIRT_E2E_IN_ROOT=1 /bin/bash "$here/in-namespaces.sh" "$mode" "$candidate" "$cli" "$guest" "$work" "${oracles[@]}"
}
if [ -n "${LIBVIRT_E2E_ROOT:-}" ] && [ "${LIBVIRT_E2E_IN_ROOT:-}" != 1 ]; then
  enter_root
  nok "the root $LIBVIRT_E2E_ROOT becomes / (a tmpfs overlay, /proc, /sys, /dev and the test's files bound in)"; finish
fi

setup() {
  libvirtd_private_system || return 1
  # libvirt 10 and later prefer nftables for a network's firewall, and with it a tc csum action
  # for DHCP replies, which kernels without act_csum refuse (the network does not start):
  # iptables, the firewall libvirt 9.0 drives, serves both (libvirt 9.0 reads no network.conf).
  echo 'firewall_backend = "iptables"' > /etc/libvirt/network.conf || return 1
  ip link set lo up || return 1

  # The guest's initramfs: busybox, the NIC driver, /init and udhcpc's script.
  local root=$work/initramfs
  mkdir -p "$root/bin" || return 1
  install -m 0755 "$guest/busybox" "$root/bin/busybox" || return 1
  install -m 0644 "$guest/e1000.ko" "$root/e1000.ko" || return 1
  install -m 0755 "$here/guest-init.sh" "$root/init" || return 1
  install -m 0755 "$here/guest-udhcpc.sh" "$root/udhcpc.sh" || return 1
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.cpio.gz" || return 1
  sed -e "s|@GUEST@|$guest|g" -e "s|@WORK@|$work|g" "$here/domain.xml" > "$work/domain.xml" || return 1
  sed -e "s|@GUEST@|$guest|g" -e "s|@WORK@|$work|g" "$here/intruder.xml" > "$work/intruder.xml" || return 1
}

start_libvirtd() {
  libvirtd > "$work/libvirtd.out" 2>&1 &
  wait_until 300 virsh version >/dev/null 2>&1
}

# The sorted addresses getaddrinfo gives for a name ("-" when none), through module dir $1.
addresses() { local out; out=$(lookup "$1" getent ahosts "$2" | awk '{print $1}' | sort -u | tr '\n' ' '); echo "${out:--}"; }
# The names gethostbyaddr gives for an address, through module dir $1 ("-" when none).
names_of() { local out; out=$(lookup "$1" getent hosts "$2" | awk '{$1 = ""; print substr($0, 2)}'); echo "${out:--}"; }
# What `libvirt-nss resolve` prints for a name: its sorted addresses ("-" when none).
cli_addresses() { local out; out=$("$cli" resolve "$@" | awk '{print $1}' | sort -u | tr '\n' ' '); echo "${out:--}"; }

# virsh's answers: the addresses of a domain's leases; the address and host name of a MAC's lease.
domifaddr() { local out; out=$(virsh domifaddr "$1" --source lease 2>/dev/null | awk '$3 == "ipv4" {sub("/.*", "", $4); print $4}' | sort -u | tr '\n' ' '); echo "${out:--}"; }
dhcp_lease() { # MAC FIELD (ip|hostname): from `virsh net-dhcp-leases`
  virsh net-dhcp-leases "$network" | awk -v mac="$1" -v field="$2" \
    '$3 == mac { sub("/.*", "", $5); print (field == "ip" ? $5 : $6) }'
}
have_leases() { [ -n "$(dhcp_lease "$mac1" ip)" ] && [ -n "$(dhcp_lease "$mac2" ip)" ] && [ -n "$(dhcp_lease "$mac3" ip)" ]; }
no_lease_of() { [ -z "$(dhcp_lease "$1" ip)" ]; }

# expect FEATURE NAME EXPECTED FUNCTION ARGS...: FUNCTION's answer through the candidate module
# must be EXPECTED. FEATURE "upstream": each upstream module must answer the same (checked too);
# any other FEATURE names our extension, which upstream's modules do not have.
expect() {
  local feature=$1 name=$2 expected=$3 fn=$4 i; shift 4
  if [ "$feature" = upstream ]; then
    same "$name" "$expected" "$("$fn" "$candidate" "$@")"
    for i in "${!oracles[@]}"; do
      [ "$candidate" = "${oracles[i]}" ] || same "${labels[i]}: $name" "$expected" "$("$fn" "${oracles[i]}" "$@")"
    done
  else
    same "$name [extension: $feature]" "$expected" "$("$fn" "$candidate" "$@")"
  fi
}

diagnose() {
  echo "# libvirtd log (tail):"; tail -30 "$work/libvirtd.log" 2>/dev/null | sed 's/^/#   /'
  echo "# libvirtd output:"; tail -10 "$work/libvirtd.out" 2>/dev/null | sed 's/^/#   /'
  echo "# guest console (tail):"; tail -20 "$work/console.log" 2>/dev/null | sed 's/^/#   /'
  echo "# intruder console (tail):"; tail -10 "$work/console-intruder.log" 2>/dev/null | sed 's/^/#   /'
  echo "# qemu log:"; tail -10 "/var/log/libvirt/qemu/$domain.log" 2>/dev/null | sed 's/^/#   /'
  for f in "$lease_dir"/*; do [ -f "$f" ] && { echo "# $f:"; sed 's/^/#   /' "$f"; }; done
}

if ! setup; then nok "private mounts, users, configuration and the guest's initramfs set up"; finish; fi
ok "private mounts (tmpfs /run, /var/lib, /var/log, /var/cache, /etc/libvirt; read-only /sys/fs/cgroup), users and the guest's initramfs"
phase "setup"

if ! start_libvirtd; then nok "libvirtd starts and answers virsh"; diagnose; finish; fi
ok "libvirtd $(virsh version | awk '/libvirt/ {print $NF; exit}') starts and answers virsh"
phase "libvirtd start"

check "virsh net-define + net-start $network (isolated, DHCP, a reservation, a DNS host, domain $net_domain)" \
  eval 'virsh net-define "$here/network.xml" >/dev/null && virsh net-start "$network" >/dev/null'
check "libvirt's dnsmasq runs and libvirt wrote $network.conf, $network.hostsfile and $network.addnhosts" \
  eval 'wait_until 100 pgrep -f "dnsmasq/$network.conf" >/dev/null && [ -s "$lease_dir/$network.conf" ] && [ -s "$lease_dir/$network.hostsfile" ] && [ -s "$lease_dir/$network.addnhosts" ]'
phase "network start"

if [ "$mode" = interrupt ]; then
  touch "$work/ready"
  while :; do sleep 1; done
fi

check "virsh define + start $domain (TCG, direct kernel boot, two NICs)" \
  eval 'virsh define "$work/domain.xml" >/dev/null && virsh start "$domain" >/dev/null'
check "virsh define + start $intruder (one NIC; its guest sends the host name $domain)" \
  eval 'virsh define "$work/intruder.xml" >/dev/null && virsh start "$intruder" >/dev/null'
check "libvirt wrote $bridge.macs with both MACs of $domain and the one of $intruder" \
  eval 'grep -q "$mac1" "$lease_dir/$bridge.macs" && grep -q "$mac2" "$lease_dir/$bridge.macs" && grep -q "$mac3" "$lease_dir/$bridge.macs"'
phase "domain start"
if ! check "the guests hold a lease on each NIC (virsh net-dhcp-leases)" wait_until 1200 have_leases; then
  diagnose; finish
fi
phase "guest boot to all leases"

ip1=$(dhcp_lease "$mac1" ip) ip2=$(dhcp_lease "$mac2" ip)
both=$(printf '%s\n' "$ip1" "$ip2" | sort -u | tr '\n' ' ')
same "virsh net-dhcp-leases: the lease of $mac1 has the host name the guest sent" e2e-host "$(dhcp_lease "$mac1" hostname)"
same "virsh domifaddr $domain --source lease: both leases" "$both" "$(domifaddr "$domain")"
echo "# leases: $mac1 $ip1 e2e-host, $mac2 $ip2 (no host name)"

# Forward lookups, every answer against virsh's (the leases' addresses).
expect upstream "getent ahosts e2e-host: the DHCP host name, as net-dhcp-leases" "$ip1 " addresses e2e-host
expect upstream "getent ahosts E2E-HOST: the host name in upper case" "$ip1 " addresses E2E-HOST
# (The domain's own name, in either case: below, beside the guest that takes it.)
expect upstream "getent ahosts e2e-nosuch: a name nobody has is not found" "-" addresses e2e-nosuch
expect network-domain "getent ahosts e2e-host.$net_domain: the host name in the network's domain" "$ip1 " addresses "e2e-host.$net_domain"
expect network-domain "getent ahosts $domain.$net_domain.: the domain name in the network's domain" "$both" addresses "$domain.$net_domain."
expect reservation "getent ahosts e2e-reserved: the network's <dhcp><host> reservation" "192.168.160.99 " addresses e2e-reserved
expect reservation "getent ahosts e2e-dnshost: the network's <dns><host>" "192.168.160.98 " addresses e2e-dnshost
expect reverse "getent hosts $ip1: the reverse lookup gives the lease's host name" "e2e-host" names_of "$ip1"
expect reverse "getent hosts $ip2: a lease without a host name gives the domain name (libvirt_guest)" "$domain" names_of "$ip2"
expect reverse "getent hosts 192.168.160.99: the reservation's name" "e2e-reserved" names_of 192.168.160.99

# A guest that calls itself after another domain (docs/security.md): each case asks through our
# module (it must answer only what the name's owner holds) and through each upstream module
# (which answer the intruder's address: shown, not failed). "shadowed": the intruder answers for a
# name it does not own; "legitimate broken": a rightful answer is missing.
ip3=$(dhcp_lease "$mac3" ip)
same "virsh net-dhcp-leases: the lease of $mac3 ($intruder) carries the host name $domain" "$domain" "$(dhcp_lease "$mac3" hostname)"
echo "# intruder: $mac3 $ip3 $domain"
declare -A cases=() shadowed=() broken=()
spoof_case() { # KIND(hostile|legitimate) NAME EXPECTED FUNCTION ARGS...: through every module
  local kind=$1 name=$2 expected=$3 fn=$4; shift 4
  local lib which got ours=""
  for which in ours "${!oracles[@]}"; do   # ours, then the index of each upstream module
    if [ "$which" = ours ]; then lib=$candidate; else lib=${oracles[which]}; fi
    got=$("$fn" "$lib" "$@")
    [ "$which" = ours ] && ours=$got
    cases[$which]=$((${cases[$which]:-0} + 1))
    if [ "$got" != "$expected" ]; then
      if [ "$kind" = hostile ]; then shadowed[$which]=$((${shadowed[$which]:-0} + 1)); else broken[$which]=$((${broken[$which]:-0} + 1)); fi
      [ "$which" = ours ] || echo "# ${labels[which]}: $name: $got (ours: $expected)"
    fi
  done
  same "$name" "$expected" "$ours"
}
spoof_case hostile "getent ahosts $domain: both its addresses, as domifaddr, not $intruder's" "$(domifaddr "$domain")" addresses "$domain"
spoof_case hostile "getent ahosts E2E-DOMAIN: the same in another case" "$both" addresses E2E-DOMAIN
spoof_case hostile "getent ahosts $domain.$net_domain: the same in the network's domain" "$both" addresses "$domain.$net_domain"
spoof_case hostile "getent hosts $ip3: $intruder's address names its own domain, not $domain" "$intruder" names_of "$ip3"
spoof_case legitimate "getent ahosts $intruder: its own domain name (libvirt_guest)" "$ip3 " addresses "$intruder"
spoof_case legitimate "getent ahosts e2e-host: $domain's guest under its own host name" "$ip1 " addresses e2e-host
spoof_case legitimate "getent hosts $ip1: its host name" "e2e-host" names_of "$ip1"
for which in ours "${!oracles[@]}"; do
  if [ "$which" = ours ]; then label="our module"; else label="${labels[which]} (C)"; fi
  echo "# $label: ${cases[$which]} cases, ${shadowed[$which]:-0} shadowed, ${broken[$which]:-0} legitimate broken"
done
same "our module: ${cases[ours]} cases, 0 shadowed, 0 legitimate broken" "0 0" "${shadowed[ours]:-0} ${broken[ours]:-0}"
# The intruder goes, and its lease with it (dnsmasq's dhcp_release, as an administrator would):
# what follows is the first domain's lifecycle alone.
check "virsh destroy $intruder, dhcp_release of its lease" \
  eval 'virsh destroy "$intruder" >/dev/null && dhcp_release "$bridge" "$ip3" "$mac3" && wait_until 100 no_lease_of "$mac3"'
phase "a guest that takes another domain's name"

# The CLI answers as the module does.
same "libvirt-nss resolve e2e-host" "$ip1 " "$(cli_addresses e2e-host)"
same "libvirt-nss resolve -m libvirt_guest $domain" "$both" "$(cli_addresses -m libvirt_guest "$domain")"
same "libvirt-nss resolve e2e-reserved" "192.168.160.99 " "$(cli_addresses e2e-reserved)"
listed() { # the CLI's list as "MAC IP HOSTNAME DOMAIN STATE" lines, sorted
  "$cli" list --json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(" ".join(str(e.get(k) or "-") for k in ("mac-address", "ip-address", "hostname", "domain", "state")))' | sort
}
same "libvirt-nss list: both leases with their domain, the reservation and the DNS host (the intruder's is released)" \
  "$(printf '%s\n' "- 192.168.160.98 e2e-dnshost - reserved" "52:54:00:e2:e0:99 192.168.160.99 e2e-reserved - reserved" \
     "$mac1 $ip1 e2e-host $domain active" "$mac2 $ip2 - $domain active" | sort)" "$(listed)"
phase "lookups while running"

# The lifecycle: libvirt drops the domain's MACs from $bridge.macs when it stops; the leases stay in
# dnsmasq's file until they expire (the guest never released them).
check "virsh destroy $domain" eval 'virsh destroy "$domain" >/dev/null'
check "libvirt removed $domain's MACs from $bridge.macs" eval '! grep -q "$mac1" "$lease_dir/$bridge.macs"'
same "virsh net-dhcp-leases after destroy: the lease of $mac1 is still listed" "$ip1" "$(dhcp_lease "$mac1" ip)"
expect upstream "after destroy: getent ahosts $domain is not found" "-" addresses "$domain"
expect upstream "after destroy: getent ahosts e2e-host still answers the unexpired lease" "$ip1 " addresses e2e-host
phase "destroy and lookups"

[ "$fail" -gt 0 ] && diagnose
virsh net-destroy "$network" >/dev/null 2>&1
finish
