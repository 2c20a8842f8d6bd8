# The product builds without the test tools: `make` from a fresh export of the tree, in bwrap with
# qemu, libvirt, valgrind, the JDK, iptables, dnsmasq and udhcpc masked, every exec or lookup of
# them recorded (integration/build-without-test-tools/run.sh). Its own build/, under
# $(BUILD)/build-without-test-tools. The NuGet packages come read-only from the machine's cache,
# which the restore here fills. Writes $(RESULTS)/build-without-test-tools.counts.
CHECK_SUITES += check-build-without-test-tools

.PHONY: check-build-without-test-tools
check-build-without-test-tools: $(RESTORE_STAMP)
	SUITE=build-without-test-tools RESULTS=$(RESULTS) ./integration/build-without-test-tools/run.sh \
	  $(BUILD)/build-without-test-tools
