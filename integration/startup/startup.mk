# The module's start-up shortcuts (native/startup_*.c) answer as glibc does.
CHECK_SUITES += check-startup

.PHONY: check-startup
check-startup:
	./integration/startup/check-startup.sh $(RESULTS)
