# The source packages `make` writes to build/packages/ (scripts/make-dist.sh, rpm/build-rpm.sh,
# debian/build-deb.sh): check-offline-rebuild rebuilds the SRPM and the .dsc with no network and
# empty caches and compares the module, the command and the binary packages with make's;
# check-reproducible builds the packages a second time, from a clone of the commit in another
# directory, and compares every artefact. See rpm/README.md and debian/README.md.
CHECK_SUITES += check-offline-rebuild check-reproducible

.PHONY: check-offline-rebuild check-reproducible
check-offline-rebuild:
	SUITE=offline-rebuild RESULTS=$(RESULTS) SYSROOT=$(SYSROOT) ./integration/source-packages/offline-rebuild.sh \
	  $(BUILD)/offline-rebuild

# Listed after check-offline-rebuild, so run after it: the module and the command that suite
# rebuilt from the SRPM of the same commit are the second build's (else it compiles them).
check-reproducible:
	SUITE=reproducible RESULTS=$(RESULTS) SYSROOT=$(SYSROOT) ./integration/source-packages/reproducible.sh \
	  $(BUILD)/reproducible $(BUILD)/offline-rebuild
