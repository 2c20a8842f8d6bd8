# Host safety: the module inside real hosts (C, .NET, Python, threads, blocked signals, 16 KiB
# thread stacks, a JVM), beside Debian's C module; fork, ulimit -v, DOTNET_* and setuid hosts,
# syscalls, crash containment (the test build: fault-module).
CHECK_SUITES += check-host-safety

.PHONY: check-host-safety
check-host-safety: module fault-module
	./integration/host-safety/run-host-safety.sh $(RESULTS)
