# Memory: mixed lookups (hits, misses, reverse, both module names, lease files rewritten by rename
# and in place between them) through the built module under valgrind's memcheck, in a private
# mount namespace (integration/memory/run.sh). Writes $(RESULTS)/memory.counts.
# MEMORY_LOOKUPS (100,000) sets how many lookups memcheck watches.
CHECK_SUITES   += check-memory
MEMORY_HOST    := $(BUILD)/memory/memory-host
MEMORY_LOOKUPS ?= 100000

$(MEMORY_HOST): integration/memory/memory-host.c
	mkdir -p $(dir $@)
	cc -O2 -g -Wall -Wextra -Werror -o $@ $< -ldl

.PHONY: check-memory
check-memory: $(MEMORY_HOST) module
	@mkdir -p $(RESULTS)
	./integration/memory/run.sh $(MEMORY_HOST) $(MODULE) $(RESULTS) $(MEMORY_LOOKUPS)
