#!/bin/bash
# Runs inside the arm64 root (check-arm64.sh stages /opt/nss-test/), every program an aarch64 one
# under qemu-user: the probe, a getent sample through nsswitch.conf, the fault build's recovery,
# the command's resolve/list/doctor, and apt installing the arm64 package. Prints one
# "ok - ..." or "not ok - ..." line per check and the probe's own output; check-arm64.sh counts.
set -u
t=/opt/nss-test
multiarch=aarch64-linux-gnu
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
# check NAME EXPECTED ACTUAL
check() { if [ "$2" = "$3" ]; then ok "$1"; else nok "$1"; diff <(echo "$2") <(echo "$3") | sed 's/^/    /'; fi; }

[ "$(uname -m)" = aarch64 ] && ok "the root runs aarch64 programs (uname -m under qemu-user)" ||
    nok "the root runs aarch64 programs: uname -m says $(uname -m)"

# --- the probe: every entry point x family x buffer size 1..4096, every lease-directory case ---
PROBE_NO_ORACLE=1 "$t/probe-run.sh" "$t/probe" "$t/lib/libnss_libvirt.so.2" /tmp/probe.counts
read -r p f < /tmp/probe.counts 2>/dev/null || { p=0 f=1; }
echo "probe-counts $p $f"

# --- getent through nsswitch.conf, the probe's fixture as libvirt's lease directory ---
mkdir -p /var/lib/libvirt/dnsmasq
"$t/probe" --write-fixture /var/lib/libvirt/dnsmasq || nok "the probe writes its fixture"
install -m 0644 "$t/lib/libnss_libvirt.so.2" /lib/$multiarch/libnss_libvirt.so.2
ln -sfn libnss_libvirt.so.2 /lib/$multiarch/libnss_libvirt_guest.so.2
sed -i 's/^hosts:.*/hosts:          files libvirt libvirt_guest/' /etc/nsswitch.conf
g() { getent "$@" 2>&1; echo "exit $?"; }
sorted() { getent "$@" 2>&1 | sort; }
check "getent hosts dualvm" "fd00:122::10    dualvm
exit 0" "$(g hosts dualvm)"
check "getent ahostsv4 dualvm (both live IPv4 leases, not the expired one)" "$(printf '%s\n' \
  '192.168.122.10  DGRAM  ' '192.168.122.10  RAW    ' '192.168.122.10  STREAM dualvm' \
  '192.168.122.11  DGRAM  ' '192.168.122.11  RAW    ' '192.168.122.11  STREAM ')" "$(sorted ahostsv4 dualvm)"
check "getent ahostsv6 v6vm" "fd00:100::30    STREAM v6vm
fd00:100::30    DGRAM  
fd00:100::30    RAW    
exit 0" "$(g ahostsv6 v6vm)"
check "getent hosts expiredvm: only expired leases, not found" "exit 2" "$(g hosts expiredvm)"
check "getent ahostsv4 guest-dual (libvirt_guest: the domain's NIC on each network)" "192.168.100.50
192.168.122.50" "$(getent ahostsv4 guest-dual | awk '$2 == "STREAM" { print $1 }' | sort)"
check "getent hosts 192.168.100.20 (reverse)" "192.168.100.20  v4vm
exit 0" "$(g hosts 192.168.100.20)"
check "getent hosts fd00:100::30 (reverse, IPv6)" "fd00:100::30    v6vm
exit 0" "$(g hosts fd00:100::30)"

# --- the fault build: an internal fault answers UNAVAIL and the same process resolves again ---
install -m 0644 "$t/fault-lib/libnss_libvirt.so.2" /lib/$multiarch/libnss_libvirt.so.2
for fault in index-out-of-range overflow out-of-memory; do
    out=$(LIBVIRT_NSS_DEBUG=1 getent hosts "fault-$fault.invalid" v6vm 2>/tmp/fault.err); status=$?
    if [ $status -eq 2 ] && [ "$out" = "fd00:100::30    v6vm" ] && grep -q 'internal error, answering UNAVAIL:' /tmp/fault.err; then
        ok "fault build ($fault): the lookup fails with UNAVAIL logged, the next one in the process resolves"
    else
        nok "fault build ($fault): exit $status, stdout [$out], stderr: $(head -c 400 /tmp/fault.err)"
    fi
done
install -m 0644 "$t/lib/libnss_libvirt.so.2" /lib/$multiarch/libnss_libvirt.so.2

# --- the command ---
out=$("$t/libvirt-nss" resolve dualvm 2>&1); status=$?
[ $status -eq 0 ] && grep -q 192.168.122.10 <<<"$out" && ok "libvirt-nss resolve dualvm" ||
    nok "libvirt-nss resolve dualvm: exit $status: $out"
out=$("$t/libvirt-nss" list 2>&1); status=$?
[ $status -eq 0 ] && grep -q v4vm <<<"$out" && grep -q fd00:100::30 <<<"$out" && ok "libvirt-nss list" ||
    nok "libvirt-nss list: exit $status: $out"
# doctor over a lease directory with no finding (the probe's fixture shares names on purpose).
mkdir -p /tmp/healthy
cat > /tmp/healthy/default.status <<'JSON'
[
  {"ip-address": "192.168.122.10", "mac-address": "52:54:00:00:00:01", "hostname": "web", "expiry-time": 0},
  {"ip-address": "192.168.122.11", "mac-address": "52:54:00:00:00:02", "hostname": "db", "expiry-time": 0}
]
JSON
echo '[{"domain": "webvm", "macs": ["52:54:00:00:00:01"]}]' > /tmp/healthy/default.macs
out=$("$t/libvirt-nss" --lease-dir /tmp/healthy doctor 2>&1); status=$?
[ $status -eq 0 ] && [ "$(tail -n1 <<<"$out")" = "no problem found (0 warnings)" ] && ok "libvirt-nss doctor (the module dlopen()ed by the arm64 command)" ||
    nok "libvirt-nss doctor: exit $status: $out"
rm -f /lib/$multiarch/libnss_libvirt.so.2 /lib/$multiarch/libnss_libvirt_guest.so.2

# --- the package ---
deb=$(ls "$t"/libvirt-nss_*_arm64.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
    nok "apt install of the arm64 package: no libvirt-nss_*_arm64.deb staged"
else
    if apt-get install -y -q --no-install-recommends "$deb" >/tmp/apt.log 2>&1; then
        ok "apt install $(basename "$deb")"
    else
        nok "apt install $(basename "$deb"): $(tail -5 /tmp/apt.log)"
    fi
    check "getent hosts v6vm through the installed package" "fd00:100::30    v6vm
exit 0" "$(g hosts v6vm)"
    out=$(libvirt-nss --lease-dir /tmp/healthy doctor 2>&1); status=$?
    [ $status -eq 0 ] && ok "the installed libvirt-nss doctor finds no problem" || nok "installed libvirt-nss doctor: exit $status: $out"
fi
