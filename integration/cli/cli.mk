# The libvirt-nss command, run against fake lease directories.
CHECK_SUITES += check-cli

.PHONY: check-cli
check-cli: cli
	./scripts/run-pytest-suite.sh cli integration/cli $(RESULTS)
