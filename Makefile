# libvirt-nss: `make` builds the module, the CLI and the packages; `make check` runs every test.
# Each area adds its own targets in a fragment (integration/*.mk, rpm/*.mk, debian/*.mk, ...).

SHELL      := /bin/bash
DOTNET     ?= dotnet
CONFIG     ?= Release
RID        ?= linux-x64
BUILD      := $(CURDIR)/build
LIBDIR     := $(BUILD)/lib
RESULTS    := $(BUILD)/test-results
MODULE     := $(LIBDIR)/libnss_libvirt.so.2
GUEST_LINK := $(LIBDIR)/libnss_libvirt_guest.so.2
CLI        := $(BUILD)/bin/libvirt-nss
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

MODULE_SOURCES := $(wildcard src/LibvirtNss.Core/*.cs src/LibvirtNss.Core/*/*.cs src/LibvirtNss.Core/*.csproj \
                             src/LibvirtNss.Module/*.cs src/LibvirtNss.Module/*.csproj \
                             src/LibvirtNss.Module/native/*.c) \
                  Directory.Build.props version.json

CLI_SOURCES := $(wildcard src/LibvirtNss.Core/*.cs src/LibvirtNss.Core/*/*.cs src/LibvirtNss.Cli/*.cs src/LibvirtNss.Cli/*.csproj) \
               Directory.Build.props version.json

.PHONY: all restore build module cli packages deps check check-deps check-unit check-summary bench clean
.DEFAULT_GOAL := all

all: check-deps restore build module zr-core cli packages

restore:
	mkdir -p $(BUILD)
	flock $(BUILD)/.dotnet.lock $(DOTNET) restore LibvirtNss.sln -r $(RID)

build: restore
	flock $(BUILD)/.dotnet.lock $(DOTNET) build LibvirtNss.sln -c $(CONFIG) --no-restore

module: $(MODULE) $(GUEST_LINK)

# Which module build/lib holds: today's (runtime) or the zero-runtime one (docs/zero-runtime.md),
# which every suite runs against with `make check MODULE_IMPL=zero-runtime` until it replaces today's.
MODULE_IMPL       ?= runtime
MODULE_IMPL_STAMP := $(BUILD)/module-impl.$(MODULE_IMPL)
$(MODULE_IMPL_STAMP):
	mkdir -p $(BUILD) && rm -f $(BUILD)/module-impl.* && touch $@

# One binary carries both module names; libnss_libvirt_guest.so.2 is a symlink to it.
ifeq ($(MODULE_IMPL),zero-runtime)
$(MODULE): $(MODULE_IMPL_STAMP) $(BUILD)/zr-lib/libnss_libvirt.so.2
	install -D -m 0644 $(BUILD)/zr-lib/libnss_libvirt.so.2 $@
else
$(MODULE): $(MODULE_SOURCES) $(MODULE_IMPL_STAMP)
	mkdir -p $(BUILD)
	flock $(BUILD)/.dotnet.lock $(DOTNET) publish src/LibvirtNss.Module -c $(CONFIG) -r $(RID) -o $(BUILD)/module-publish
	mkdir -p $(LIBDIR)
	install -m 0644 $(BUILD)/module-publish/libnss_libvirt.so $@
endif

$(GUEST_LINK): $(MODULE)
	ln -sfn libnss_libvirt.so.2 $@

# A test build of the module with FaultInjection.cs compiled in (host-safety's crash containment).
FAULT_MODULE := $(BUILD)/fault-lib/libnss_libvirt.so.2
.PHONY: fault-module
fault-module: $(FAULT_MODULE)

ifeq ($(MODULE_IMPL),zero-runtime)
$(FAULT_MODULE): $(MODULE_IMPL_STAMP) $(BUILD)/zr-fault-lib/libnss_libvirt.so.2
	install -D -m 0644 $(BUILD)/zr-fault-lib/libnss_libvirt.so.2 $@
	ln -sfn libnss_libvirt.so.2 $(dir $@)libnss_libvirt_guest.so.2
else
$(FAULT_MODULE): $(MODULE_SOURCES) $(MODULE_IMPL_STAMP)
	mkdir -p $(BUILD)
	flock $(BUILD)/.dotnet.lock $(DOTNET) publish src/LibvirtNss.Module -c $(CONFIG) -r $(RID) \
	  -p:FaultInjection=true --artifacts-path $(BUILD)/fault-artifacts -o $(BUILD)/fault-publish
	install -D -m 0644 $(BUILD)/fault-publish/libnss_libvirt.so $@
	ln -sfn libnss_libvirt.so.2 $(dir $@)libnss_libvirt_guest.so.2
endif

cli: $(CLI)

$(CLI): $(CLI_SOURCES)
	mkdir -p $(BUILD)
	flock $(BUILD)/.dotnet.lock $(DOTNET) publish src/LibvirtNss.Cli -c $(CONFIG) -r $(RID) -o $(BUILD)/cli-publish
	install -D -m 0755 $(BUILD)/cli-publish/libvirt-nss $@

deps:
	./scripts/install-deps.sh

check-deps:
	@./scripts/have-deps.sh >/dev/null || $(MAKE) deps

# Every suite writes "<passed> <failed>" to $(RESULTS)/<suite>.counts; check-summary adds them up.
check: check-deps
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory -k check-suites; status=$$?; \
	  $(MAKE) --no-print-directory check-summary; exit $$status

check-unit:
	./scripts/run-unit-tests.sh $(RESULTS)

check-summary:
	@./scripts/summarize-tests.sh $(RESULTS)

clean:
	rm -rf $(BUILD)
	find . \( -name bin -o -name obj \) -type d -prune -exec rm -rf {} + 2>/dev/null || true

# Zero-runtime C# (src/LibvirtNss.System/README.md): C# compiled by the SDK's NativeAOT compiler
# against the project's own system library, linked into a library that needs only libc.
# `make zr-smoke` builds the smoke library; integration/zero-runtime/zr-smoke.mk checks it.
ZR_SYSTEM_SOURCES := $(wildcard src/LibvirtNss.System/*.cs src/LibvirtNss.System/*.ld) scripts/build-zero-runtime.sh
ZR_SMOKE          := $(BUILD)/zr-smoke/libzr_smoke.so
# Core's folders written in the subset (integration/two-worlds/ builds them in both worlds).
ZR_CORE_DIRS      := Files Entries Matches Answers Lookups Snapshot Memory Diagnostics Os
ZR_CORE_FILES     := src/LibvirtNss.Core/AddressFamilies.cs src/LibvirtNss.Core/LookupKind.cs
.PHONY: zr-smoke
zr-smoke: $(ZR_SMOKE)

# The zero-runtime module (docs/zero-runtime.md), built beside today's until every suite passes
# against it: Core's subset folders and src/LibvirtNss.Module/ZeroRuntime/, linked against libc only.
ZR_MODULE_INPUTS  := $(addprefix src/LibvirtNss.Core/,$(ZR_CORE_DIRS)) $(ZR_CORE_FILES) \
                     src/LibvirtNss.Module/NssStatus.cs src/LibvirtNss.Module/ZeroRuntime
ZR_MODULE_SOURCES := $(ZR_SYSTEM_SOURCES) $(wildcard $(addsuffix /*.cs,$(filter-out %.cs,$(ZR_MODULE_INPUTS)))) \
                     $(filter %.cs,$(ZR_MODULE_INPUTS)) src/LibvirtNss.Module/module.ver
ZR_LIBDIR         := $(BUILD)/zr-lib
ZR_MODULE         := $(ZR_LIBDIR)/libnss_libvirt.so.2
ZR_FAULT_MODULE   := $(BUILD)/zr-fault-lib/libnss_libvirt.so.2
.PHONY: zr-module zr-fault-module
zr-module: $(ZR_MODULE)
zr-fault-module: $(ZR_FAULT_MODULE)

$(ZR_MODULE): $(ZR_MODULE_SOURCES)
	DOTNET=$(DOTNET) ./scripts/build-zero-runtime.sh --version-script src/LibvirtNss.Module/module.ver \
	  --soname libnss_libvirt.so.2 $(BUILD)/zr-module/libnss_libvirt.so $(ZR_MODULE_INPUTS)
	install -D -m 0644 $(BUILD)/zr-module/libnss_libvirt.so $@
	ln -sfn libnss_libvirt.so.2 $(dir $@)libnss_libvirt_guest.so.2

$(ZR_FAULT_MODULE): $(ZR_MODULE_SOURCES)
	DOTNET=$(DOTNET) ./scripts/build-zero-runtime.sh --version-script src/LibvirtNss.Module/module.ver \
	  --soname libnss_libvirt.so.2 -D FAULT_INJECTION $(BUILD)/zr-fault-module/libnss_libvirt.so $(ZR_MODULE_INPUTS)
	install -D -m 0644 $(BUILD)/zr-fault-module/libnss_libvirt.so $@
	ln -sfn libnss_libvirt.so.2 $(dir $@)libnss_libvirt_guest.so.2

$(ZR_SMOKE): $(ZR_SYSTEM_SOURCES) $(wildcard tests/ZeroRuntime.Smoke/*.cs)
	DOTNET=$(DOTNET) ./scripts/build-zero-runtime.sh $@ tests/ZeroRuntime.Smoke

# Suites each area contributes; fragments append to CHECK_SUITES, PACKAGE_TARGETS, BENCH_TARGETS.
CHECK_SUITES    := check-unit
PACKAGE_TARGETS :=
BENCH_TARGETS   :=
-include $(sort $(wildcard integration/*.mk integration/*/*.mk rpm/*.mk debian/*.mk authselect/*.mk))

.PHONY: check-suites
check-suites: $(CHECK_SUITES)

packages: module $(PACKAGE_TARGETS)

bench: module $(BENCH_TARGETS)
