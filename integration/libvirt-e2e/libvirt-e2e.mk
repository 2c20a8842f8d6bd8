# Real libvirt end to end: Debian's libvirtd started by the test in private namespaces, a libvirt
# network whose own dnsmasq writes the lease files, a guest booted under TCG with two NICs; real
# getent through our module and upstream's (Debian 12's and the newest), compared with virsh
# domifaddr / net-dhcp-leases and the CLI. Twice: with the machine's libvirt (Debian 12's 9.0,
# suite libvirt-e2e) and with the newest the Debian archive serves, in a trixie root made by
# mmdebstrap and cached in $(LIBVIRT_E2E_TRIXIE) (suite libvirt-e2e-trixie); both run even when
# the first fails. LIBVIRT_E2E_CANDIDATE=build/oracle/lib runs them with Debian's module as the
# candidate (they fail exactly on our extensions). Writes $(RESULTS)/<suite>.counts.
CHECK_SUITES += check-libvirt-e2e
LIBVIRT_E2E_CANDIDATE ?= $(LIBDIR)
LIBVIRT_E2E_TRIXIE    ?= $(BUILD)/libvirt-e2e/trixie
LIBVIRT_E2E_ARGS       = $(LIBVIRT_E2E_CANDIDATE) $(CLI) $(BUILD)/oracle/lib $(BUILD)/oracle-newest/lib

.PHONY: check-libvirt-e2e
check-libvirt-e2e: module cli oracle
	@mkdir -p $(RESULTS)
	status=0; \
	SUITE=libvirt-e2e RESULTS=$(RESULTS) ./integration/libvirt-e2e/run-libvirt-e2e.sh $(LIBVIRT_E2E_ARGS) || status=1; \
	SUITE=libvirt-e2e-trixie RESULTS=$(RESULTS) LIBVIRT_E2E_TRIXIE=$(LIBVIRT_E2E_TRIXIE) \
	  ./integration/libvirt-e2e/run-libvirt-e2e.sh $(LIBVIRT_E2E_ARGS) || status=1; \
	exit $$status
