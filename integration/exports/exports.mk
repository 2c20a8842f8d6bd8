# The module's ELF interface (SONAME, exported symbols, needed libraries).
CHECK_SUITES += check-exports

.PHONY: check-exports
check-exports: module
	./integration/exports/check-exports.sh $(RESULTS)
