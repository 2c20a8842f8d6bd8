# make bench: lookups, whole-process start-up and footprint beside Debian's C module, and Core's
# BenchmarkDotNet figures (build/bench/results.md and lookup-us.png; printed; never asserted).
BENCH_TARGETS += bench-lookup

.PHONY: bench-lookup
bench-lookup: module oracle
	./integration/bench/run-bench.sh
