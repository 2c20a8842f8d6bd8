# The lease snapshot through the built module (integration/cache/run.sh): rewrites between two
# lookups in one C host, and 8 resolving threads while another process replaces the lease file.
CHECK_SUITES += check-cache
CACHE_HOST   := $(BUILD)/cache/cache-host

$(CACHE_HOST): integration/cache/cache-host.c
	mkdir -p $(dir $@)
	cc -O2 -Wall -Wextra -Werror -o $@ $< -ldl -lpthread

.PHONY: check-cache
check-cache: $(CACHE_HOST) module
	mkdir -p $(RESULTS)
	./integration/cache/run.sh $(CACHE_HOST) $(MODULE) $(RESULTS)/cache.counts
