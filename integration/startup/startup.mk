# The module's start-up shortcuts (native/startup_*.c) answer as glibc does; embedded settings.
CHECK_SUITES += check-startup

.PHONY: check-startup
check-startup: module
	./integration/startup/check-startup.sh $(RESULTS)
