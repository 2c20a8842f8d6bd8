# Zero-runtime C# (src/LibvirtNss.System/README.md): the smoke library (make zr-smoke) built from
# the project's own system library, checked by a C host and its ELF interface. The build runs
# inside the check, so a failed build is a "not ok" line too. Writes $(RESULTS)/zr-smoke.counts.
CHECK_SUITES += check-zr-smoke

.PHONY: check-zr-smoke
check-zr-smoke:
	@mkdir -p $(RESULTS)
	@$(MAKE) --no-print-directory zr-smoke; \
	  SUITE=zr-smoke RESULTS=$(RESULTS) ZR_BUILD_STATUS=$$? DOTNET=$(DOTNET) \
	  ./integration/zero-runtime/run-zr-smoke.sh $(ZR_SMOKE)
