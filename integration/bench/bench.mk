# make bench: the targets (met / NOT MET against Debian 12's C module, never a failure) and the
# figures behind them, beside both upstream C modules in the same run (Debian 12's and the newest
# the Debian archive serves, `make oracle`): warm lookups (1 and 2 threads), a million mixed lookups
# (RSS), whole-process getent (callgrind, hyperfine), footprint and size, and Core's .NET parsers
# (BenchmarkDotNet). build/bench/results.md and lookup-us.png; printed.
BENCH_TARGETS += bench-lookup

.PHONY: bench-lookup
bench-lookup: module oracle
	./integration/bench/run-bench.sh
