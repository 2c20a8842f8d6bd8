# make bench: the targets (met / NOT MET, never a failure) and the figures behind them, beside
# Debian's C module in the same run: warm lookups (1 and 2 threads), a million mixed lookups
# (RSS), whole-process getent (callgrind, hyperfine), footprint and size, and Core's .NET parsers
# (BenchmarkDotNet). build/bench/results.md and lookup-us.png; printed.
BENCH_TARGETS += bench-lookup

.PHONY: bench-lookup
bench-lookup: module oracle
	./integration/bench/run-bench.sh
