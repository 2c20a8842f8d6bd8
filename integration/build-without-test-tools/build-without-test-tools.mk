# The product builds without the test tools: `make` from a fresh export of the tree, in bwrap with
# qemu, libvirt, valgrind, the JDK, iptables, dnsmasq and udhcpc masked, every exec or lookup of
# them recorded (integration/build-without-test-tools/run.sh). Its own build/, under
# $(BUILD)/build-without-test-tools. The NuGet packages come read-only from the machine's cache,
# which the restore here fills, and so does the sysroot of older glibc (SYSROOT, the Makefile):
# this build's, made once from the Debian archive, not made again in the export.
# Writes $(RESULTS)/build-without-test-tools.counts.
CHECK_SUITES += check-build-without-test-tools

.PHONY: check-build-without-test-tools
check-build-without-test-tools: $(RESTORE_STAMP) $(SYSROOT_STAMP)
	SUITE=build-without-test-tools RESULTS=$(RESULTS) SYSROOT=$(SYSROOT) ./integration/build-without-test-tools/run.sh \
	  $(BUILD)/build-without-test-tools
