# The module's ELF interface (SONAME, exported symbols, needed libraries, glibc versions).
CHECK_SUITES += check-exports

.PHONY: check-exports
check-exports: module default-versions-module
	./integration/exports/check-exports.sh $(RESULTS)
