# Host safety: the module inside real hosts (C, .NET, Python, threads, blocked signals, a JVM),
# beside Debian's C module; ulimit -v, DOTNET_* and setuid hosts, syscalls, crash containment.
CHECK_SUITES += check-host-safety

.PHONY: check-host-safety
check-host-safety: module fault-module
	./integration/host-safety/run-host-safety.sh $(RESULTS)
