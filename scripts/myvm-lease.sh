# Sourced by the package suites (debian/tests/check-deb.sh, rpm/tests/check-rpm.sh,
# authselect/tests/in-namespaces.sh): the guest each resolves through the modules it installed.
#   myvm_lease ROOT   writes under ROOT/var/lib/libvirt/dnsmasq a lease on virbr0 for a day:
#                     host name myvm, domain vm1, MAC 52:54:00:aa:bb:01, 192.168.122.45
myvm_lease() {
  local leases=$1/var/lib/libvirt/dnsmasq expiry
  expiry=$(( $(date +%s) + 86400 ))
  mkdir -p "$leases" || return
  cat > "$leases/virbr0.status" <<JSON || return
[{"ip-address":"192.168.122.45","mac-address":"52:54:00:aa:bb:01","hostname":"myvm","client-id":"01:52:54:00:aa:bb:01","expiry-time":$expiry}]
JSON
  echo '[{"domain":"vm1","macs":["52:54:00:aa:bb:01"]}]' > "$leases/virbr0.macs"
}
