# Reliability through the built module: the file caps (real getent), faults of the lease
# directory (missing, unreadable, a file vanishing, a directory or FIFO named *.status, EMFILE),
# 8 threads of getaddrinfo racing rewrites by rename and in place, the faults where upstream's C
# modules answer otherwise (through ours and both of them), and the kept fuzz corpus replayed
# through the module.
# Writes $(RESULTS)/reliability.counts.
CHECK_SUITES       += check-reliability
RELIABILITY_TOOLS  := $(BUILD)/reliability
RELIABILITY_HOSTS  := $(RELIABILITY_TOOLS)/lookup-host $(RELIABILITY_TOOLS)/concurrent-lookups

$(RELIABILITY_TOOLS)/%: integration/reliability/%.c
	mkdir -p $(dir $@)
	cc -O2 -Wall -Wextra -Werror -pthread -o $@ $< -ldl

# The fuzz replay host (FUZZ_REPLAY, integration/fuzz/fuzz.mk) replays the kept corpus here.
.PHONY: check-reliability
check-reliability: module oracle $(RELIABILITY_HOSTS) $(FUZZ_REPLAY)
	@mkdir -p $(RESULTS)
	./integration/reliability/run-reliability.sh $(LIBDIR) $(RELIABILITY_TOOLS) $(RESULTS) \
	  $(CURDIR)/$(FUZZ_CORPUS) $(FUZZ_REPLAY) $(ORACLE_LIBDIRS)
