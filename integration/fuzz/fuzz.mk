# `make fuzz` (not part of `make check`): Core's parsers and matcher over 1,000,000 generated and
# mutated inputs (tests/LibvirtNss.Fuzz), then a sample of 10,000 of them through the built module
# (integration/fuzz/replay.c). Inputs that fail are kept in FUZZ_CORPUS, which `make check-unit`
# replays. FUZZ_INPUTS, FUZZ_SEED and FUZZ_SAMPLE change the run.
FUZZ_INPUTS ?= 1000000
FUZZ_SEED   ?= 1
FUZZ_SAMPLE ?= 10000
FUZZ_CORPUS := tests/LibvirtNss.Core.Tests/fuzz-corpus
FUZZ_WORK   := $(BUILD)/fuzz
FUZZ_REPLAY := $(FUZZ_WORK)/replay

# The replay host; check-reliability (integration/reliability) runs the kept corpus through it too.
$(FUZZ_REPLAY): integration/fuzz/replay.c
	mkdir -p $(dir $@)
	cc -O2 -Wall -Wextra -Werror -o $@ $< -ldl

.PHONY: fuzz
fuzz: module $(FUZZ_REPLAY)
	flock $(BUILD)/.dotnet.lock $(DOTNET) build tests/LibvirtNss.Fuzz -c $(CONFIG) -o $(FUZZ_WORK)/bin
	$(DOTNET) $(FUZZ_WORK)/bin/LibvirtNss.Fuzz.dll --inputs $(FUZZ_INPUTS) --seed $(FUZZ_SEED) \
	  --corpus $(FUZZ_CORPUS) --work $(FUZZ_WORK) --sample-size $(FUZZ_SAMPLE)
	./integration/fuzz/run-replay.sh $(FUZZ_REPLAY) $(MODULE) $(FUZZ_WORK)/sample
