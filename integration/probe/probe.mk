# Conformance probe: a small C host that dlopen()s the module and calls all twelve entry points
# with every buffer size 1..4096 (integration/probe/probe.c), against our module and, in oracle
# mode, each upstream C module (Debian 12's and the newest). Writes $(RESULTS)/probe.counts.
CHECK_SUITES  += check-probe
PROBE         := $(BUILD)/probe/probe
PROBE_SOURCES := $(wildcard integration/probe/*.c integration/probe/*.h)

$(PROBE): $(PROBE_SOURCES)
	mkdir -p $(dir $@)
	cc -O2 -Wall -Wextra -Werror -o $@ $(filter %.c,$^) -ldl

.PHONY: check-probe
check-probe: $(PROBE) module oracle
	mkdir -p $(RESULTS)
	./integration/probe/run.sh $(PROBE) $(MODULE) $(RESULTS)/probe.counts $(ORACLE_LIBDIRS)
