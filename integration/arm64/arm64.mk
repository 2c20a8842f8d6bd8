# arm64: `make ARCH=arm64` cross-builds into build/arm64/; check-arm64 runs that build in an arm64
# Debian 12 root under qemu-user (integration/arm64/check-arm64.sh, docs/arm64.md): the probe,
# a getent sample, the fault build's recovery, the command and apt installing the package.
CHECK_SUITES += check-arm64
ARM64_PROBE  := $(TOP_BUILD)/arm64-test/probe

# The probe for aarch64: clang for the target's triple against Debian's cross libc.
$(ARM64_PROBE): $(wildcard integration/probe/*.c integration/probe/*.h)
	mkdir -p $(dir $@)
	clang --target=aarch64-linux-gnu -fuse-ld=lld -O2 -Wall -Wextra -Werror -o $@ $(filter %.c,$^) -ldl

.PHONY: arm64 check-arm64
arm64:
	$(MAKE) --no-print-directory ARCH=arm64 module fault-module cli deb rpm

check-arm64: arm64 $(ARM64_PROBE)
	mkdir -p $(RESULTS)
	./integration/arm64/check-arm64.sh $(RESULTS)
