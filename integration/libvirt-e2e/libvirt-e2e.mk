# Real libvirt end to end: Debian's libvirtd started by the test in private namespaces, a libvirt
# network whose own dnsmasq writes the lease files, a guest booted under TCG with two NICs; real
# getent through our module and Debian's, compared with virsh domifaddr / net-dhcp-leases and the
# CLI. LIBVIRT_E2E_CANDIDATE=build/oracle/lib runs it with Debian's module as the candidate (it
# fails exactly on our extensions). Writes $(RESULTS)/libvirt-e2e.counts.
CHECK_SUITES += check-libvirt-e2e
LIBVIRT_E2E_CANDIDATE ?= $(LIBDIR)

.PHONY: check-libvirt-e2e
check-libvirt-e2e: module cli oracle
	@mkdir -p $(RESULTS)
	SUITE=libvirt-e2e RESULTS=$(RESULTS) ./integration/libvirt-e2e/run-libvirt-e2e.sh \
	  $(LIBVIRT_E2E_CANDIDATE) $(BUILD)/oracle/lib $(CLI)
