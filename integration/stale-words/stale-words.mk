# Stale words: the words a sweep took out of the tree stay out (integration/stale-words/
# stale-words.list: the word runtime in the module and its packaging, the test-only resolver
# named in src/, types that no longer exist, the authselect double and renderer).
# Writes $(RESULTS)/stale-words.counts.
CHECK_SUITES += check-stale-words

.PHONY: check-stale-words
check-stale-words:
	./integration/stale-words/run-stale-words.sh integration/stale-words/stale-words.list $(RESULTS)
