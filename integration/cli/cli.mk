# The libvirt-nss command, run against fixture lease directories and nsswitch.conf files; its
# resolve is compared with real getent through the built module (hence `module`).
CHECK_SUITES += check-cli

.PHONY: check-cli
check-cli: cli module
	./scripts/run-pytest-suite.sh cli integration/cli $(RESULTS)
