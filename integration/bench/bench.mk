# make bench: lookup timings beside Debian's C module (a table; never asserted).
BENCH_TARGETS += bench-lookup

.PHONY: bench-lookup
bench-lookup: module oracle
	./integration/bench/run-bench.sh
