# One Core, two worlds: Core compiled by .NET and, against LibvirtNss.System, by the zero-runtime
# pipeline into a test library (tests/LibvirtNss.TwoWorlds/Native); the driver gives both the
# same generated inputs and compares every answer byte for byte. `make check` builds the library
# and runs a sample (TWO_WORLDS_CASES per entry point); `make fuzz` runs 100,000.
CHECK_SUITES += check-two-worlds

TWO_WORLDS        := $(BUILD)/two-worlds
TWO_WORLDS_LIB    := $(TWO_WORLDS)/libzrt.so
TWO_WORLDS_DRIVER := $(TWO_WORLDS)/driver/LibvirtNss.TwoWorlds.dll
TWO_WORLDS_NATIVE := tests/LibvirtNss.TwoWorlds/Native tests/LibvirtNss.TwoWorlds/Shared
TWO_WORLDS_CASES  ?= 3000
# What the test library is built from (the build script takes folders and files).
TWO_WORLDS_INPUTS := $(TWO_WORLDS_NATIVE) $(CORE_SOURCES)

.PHONY: zr-core two-worlds check-two-worlds fuzz-two-worlds
zr-core: $(TWO_WORLDS_LIB)

$(TWO_WORLDS_LIB): $(ZR_SYSTEM_SOURCES) $(CORE_SOURCES) $(wildcard $(addsuffix /*.cs,$(TWO_WORLDS_NATIVE)))
	DOTNET=$(DOTNET) ./scripts/build-zero-runtime.sh $@ $(TWO_WORLDS_INPUTS)

$(TWO_WORLDS_DRIVER): $(CORE_SOURCES) $(wildcard tests/LibvirtNss.Core.Oracle/*.cs tests/LibvirtNss.TwoWorlds/*.cs \
                      tests/LibvirtNss.TwoWorlds/*/*.cs tests/LibvirtNss.TwoWorlds/*.csproj tests/LibvirtNss.Fuzz/*.cs \
                      tests/LibvirtNss.Core.Tests/Diagnostics/PipeCapture.cs)
	flock $(BUILD)/.dotnet.lock $(DOTNET) build tests/LibvirtNss.TwoWorlds -c $(CONFIG) -o $(TWO_WORLDS)/driver

two-worlds: $(TWO_WORLDS_LIB) $(TWO_WORLDS_DRIVER)

check-two-worlds: two-worlds
	@mkdir -p $(RESULTS)
	SUITE=two-worlds RESULTS=$(RESULTS) DOTNET=$(DOTNET) ./integration/two-worlds/run-two-worlds.sh \
	  $(TWO_WORLDS_LIB) $(TWO_WORLDS_DRIVER) $(TWO_WORLDS_CASES) $(TWO_WORLDS_INPUTS)

fuzz-two-worlds: two-worlds
	$(DOTNET) $(TWO_WORLDS_DRIVER) --native $(TWO_WORLDS_LIB) --cases 100000 --seed $(FUZZ_SEED)

fuzz: fuzz-two-worlds
