# The address publisher end to end: the machine's libvirtd started by the
# test in private namespaces, four guests under TCG that no libvirt dnsmasq serves (a plain bridge
# with a standalone dnsmasq and qemu-guest-agent, a static address without agent, a macvtap NIC on
# a veth with the agent, a hostile guest), `libvirt-nss publish` and real getent through the
# module, compared with virsh domifaddr --source agent|arp. docs/publisher.md, "Tested".
# Writes $(RESULTS)/publisher-e2e.counts.
CHECK_SUITES += check-publisher-e2e

.PHONY: check-publisher-e2e
check-publisher-e2e: module cli
	@mkdir -p $(RESULTS)
	SUITE=publisher-e2e RESULTS=$(RESULTS) ./integration/publisher-e2e/run-publisher-e2e.sh $(LIBDIR) $(CLI)
