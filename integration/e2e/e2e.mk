# Real end to end, no VM: Debian's dnsmasq with libvirt's own lease helper serves a DHCP client
# (udhcpc) across a veth pair in private network namespaces; real getent resolves the name through
# our module from the file the helper wrote, through renew, rename and release.
# Writes $(RESULTS)/e2e.counts.
CHECK_SUITES += check-e2e

.PHONY: check-e2e
check-e2e: module
	@mkdir -p $(RESULTS)
	SUITE=e2e RESULTS=$(RESULTS) ./integration/e2e/run-e2e.sh $(LIBDIR)
