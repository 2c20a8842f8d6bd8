# libvirt-nss: `make` builds the module, the CLI and the packages; `make check` runs every test.
# Each area adds its own targets in a fragment (integration/*.mk, rpm/*.mk, debian/*.mk, ...).

SHELL      := /bin/bash
DOTNET     ?= dotnet
CONFIG     ?= Release
# The target architecture, in .NET's names (x64, arm64; x86_64, amd64 and aarch64 are taken
# too): the build machine's, unless ARCH or RID names another. Another architecture's build
# (`make ARCH=arm64` on x86-64: a cross build, docs/arm64.md) has its own build/<arch>/.
HOST_ARCH  := $(shell uname -m | sed 's/^x86_64$$/x64/; s/^aarch64$$/arm64/')
ifdef RID
ARCH       ?= $(patsubst linux-%,%,$(RID))
endif
ARCH       ?= $(HOST_ARCH)
override ARCH := $(patsubst x86_64,x64,$(patsubst amd64,x64,$(patsubst aarch64,arm64,$(ARCH))))
RID        ?= linux-$(ARCH)
TOP_BUILD  := $(CURDIR)/build
BUILD      ?= $(if $(filter $(HOST_ARCH),$(ARCH)),$(TOP_BUILD),$(TOP_BUILD)/$(ARCH))
LIBDIR     := $(BUILD)/lib
RESULTS    := $(BUILD)/test-results
MODULE     := $(LIBDIR)/libnss_libvirt.so.2
GUEST_LINK := $(LIBDIR)/libnss_libvirt_guest.so.2
CLI        := $(BUILD)/bin/libvirt-nss
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

# Core's sources: every *.cs under src/LibvirtNss.Core, all of it written in the zero-runtime
# subset (docs/zero-runtime.md). Each build that compiles Core names them through this one list:
# the module and its fault-injection build, the command, the two-worlds test library and driver.
CORE_SOURCES := $(sort $(shell find src/LibvirtNss.Core \( -name bin -o -name obj \) -prune -o -name '*.cs' -print))

# The module: Core, src/LibvirtNss.Module and the project's own system library (the build script
# adds src/LibvirtNss.System/*.cs itself).
MODULE_INPUTS  := $(CORE_SOURCES) $(wildcard src/LibvirtNss.Module/*.cs)
MODULE_SOURCES := $(MODULE_INPUTS) $(wildcard src/LibvirtNss.System/*.cs src/LibvirtNss.System/*.ld) \
                  src/LibvirtNss.Module/module.ver scripts/build-zero-runtime.sh

# The command's assemblies carry the commit (Nerdbank.GitVersioning's version attributes, or an
# exported tree's build-version.props): COMMIT_STAMP changes with it, so a new commit rebuilds the
# command, which then matches what the source packages compile from the same commit.
COMMIT_STAMP := $(BUILD)/commit.stamp
_commit := $(shell if [ -e .git ]; then git rev-parse HEAD; else sed -n 's|.*<PinnedGitCommitId>\(.*\)</.*|\1|p' build-version.props; fi 2>/dev/null)
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(COMMIT_STAMP) 2>/dev/null)" = '$(_commit)' ] || echo '$(_commit)' > $(COMMIT_STAMP); })

CLI_SOURCES := $(CORE_SOURCES) $(wildcard src/LibvirtNss.Core/*.csproj src/LibvirtNss.Cli/*.cs src/LibvirtNss.Cli/*.csproj) \
               Directory.Build.props version.json $(COMMIT_STAMP)

.PHONY: all restore build module cli dist packages deps test-deps have-build-deps have-test-deps \
        check check-unit check-summary bench clean
.DEFAULT_GOAL := all

# The product: the module, the command and the packages. Nothing here needs a test tool.
all: have-build-deps module cli packages

# What the module and the command need: the command's packages and, since the command is
# published with NativeAOT for $(RID), the SDK's ILCompiler package, whose ilc compiles the module.
restore:
	mkdir -p $(BUILD) $(TOP_BUILD)
	flock $(TOP_BUILD)/.dotnet.lock $(DOTNET) restore src/LibvirtNss.Cli -r $(RID)
	touch $(RESTORE_STAMP)

RESTORE_STAMP := $(BUILD)/restore.stamp
$(RESTORE_STAMP):
	$(MAKE) --no-print-directory restore

# Every project of the solution, the tests' included (`make check` builds it).
build: $(RESTORE_STAMP)
	flock $(TOP_BUILD)/.dotnet.lock $(DOTNET) restore LibvirtNss.sln -r $(RID)
	flock $(TOP_BUILD)/.dotnet.lock $(DOTNET) build LibvirtNss.sln -c $(CONFIG) --no-restore

# The glibc `make` links the module and the command against: Debian 11's (2.31), a sysroot that
# scripts/make-sysroot.sh unpacks once under build/sysroot/ from the Debian archive. The command,
# a NativeAOT program, needs the glibc it is linked against (Debian 12's: GLIBC_2.34); the module
# would need nothing above 2.17 either way (scripts/build-zero-runtime.sh), and linked against
# 2.31 it takes its pthread functions from libpthread.so.0, as the packages' dependencies then
# say (debian/rules). So the packages `make` builds install and work on glibc 2.31 and later.
# SYSROOT= links against the build machine's own glibc: the distributions' builds of the source
# packages do (debian/rules, rpm/libvirt-nss.spec), their binaries being for that release.
# The sysroot is the target's: a cross build (`make ARCH=arm64` on x86-64) links against Debian
# 11's arm64 glibc too (docs/arm64.md, "glibc").
SYSROOT_DIR   := $(BUILD)/sysroot/bullseye-$(if $(filter arm64,$(ARCH)),arm64,amd64)
SYSROOT       ?= $(SYSROOT_DIR)/root
SYSROOT_STAMP := $(if $(filter $(SYSROOT_DIR)/root,$(SYSROOT)),$(SYSROOT_DIR)/stamp)

$(SYSROOT_DIR)/stamp: scripts/make-sysroot.sh scripts/debian-archive.sh
	./scripts/make-sysroot.sh $(RID) $(SYSROOT_DIR)
	touch $@

module: $(MODULE) $(GUEST_LINK)

# One binary carries both module names; libnss_libvirt_guest.so.2 is a symlink to it. It is
# zero-runtime C# (docs/zero-runtime.md): Core and src/LibvirtNss.Module, compiled with the
# project's own system library and linked against glibc only.
$(MODULE): $(MODULE_SOURCES) $(RESTORE_STAMP) $(SYSROOT_STAMP)
	DOTNET=$(DOTNET) ZR_TARGET_ARCH=$(ARCH) CC_ZERO_RUNTIME="clang$(if $(SYSROOT), --sysroot=$(SYSROOT))" \
	  ./scripts/build-zero-runtime.sh --version-script src/LibvirtNss.Module/module.ver \
	  --soname libnss_libvirt.so.2 $(BUILD)/module/libnss_libvirt.so $(MODULE_INPUTS)
	install -D -m 0644 $(BUILD)/module/libnss_libvirt.so $@

$(GUEST_LINK): $(MODULE)
	ln -sfn libnss_libvirt.so.2 $@

# A test build of the module with FaultInjection.cs compiled in (host-safety's crash containment).
FAULT_MODULE := $(BUILD)/fault-lib/libnss_libvirt.so.2
.PHONY: fault-module
fault-module: $(FAULT_MODULE)

$(FAULT_MODULE): $(MODULE_SOURCES) $(RESTORE_STAMP)
	DOTNET=$(DOTNET) ZR_TARGET_ARCH=$(ARCH) ./scripts/build-zero-runtime.sh --version-script src/LibvirtNss.Module/module.ver \
	  --soname libnss_libvirt.so.2 -D FAULT_INJECTION $(BUILD)/fault-module/libnss_libvirt.so $(MODULE_INPUTS)
	install -D -m 0644 $(BUILD)/fault-module/libnss_libvirt.so $@
	ln -sfn libnss_libvirt.so.2 $(dir $@)libnss_libvirt_guest.so.2

# A test build of the module linked at glibc's default symbol versions, as a plain link would
# (scripts/build-zero-runtime.sh --default-versions): it needs glibc 2.34. check-exports and
# check-releases show that their checks catch it.
DEFAULT_VERSIONS_MODULE := $(BUILD)/default-versions-lib/libnss_libvirt.so.2
.PHONY: default-versions-module
default-versions-module: $(DEFAULT_VERSIONS_MODULE)

$(DEFAULT_VERSIONS_MODULE): $(MODULE_SOURCES) $(RESTORE_STAMP)
	DOTNET=$(DOTNET) ZR_TARGET_ARCH=$(ARCH) ./scripts/build-zero-runtime.sh --version-script src/LibvirtNss.Module/module.ver \
	  --soname libnss_libvirt.so.2 --default-versions $(BUILD)/default-versions-module/libnss_libvirt.so $(MODULE_INPUTS)
	install -D -m 0644 $(BUILD)/default-versions-module/libnss_libvirt.so $@

cli: $(CLI)

# The source tarballs of both source packages (scripts/make-dist.sh): the tree, and the NuGet
# packages the module and the command restore on each architecture, as an offline feed. They
# hold no binary: every architecture's packages are made from the same ones, in $(DIST).
# Making them restores for both architectures and packs a 168 MiB feed, so they are remade only
# when what they are made of changes: DIST_KEY holds `make-dist.sh --key` (the commit and
# branch, the SDK, the tree with its uncommitted changes), rewritten only when it differs.
DIST     := $(TOP_BUILD)/dist
DIST_KEY := $(TOP_BUILD)/dist.key
dist: $(DIST)/version.env

$(DIST)/version.env: $(DIST_KEY)
	DOTNET=$(DOTNET) ./scripts/make-dist.sh

$(DIST_KEY): FORCE
	@mkdir -p $(TOP_BUILD) && key=$$(DOTNET=$(DOTNET) ./scripts/make-dist.sh --key) && \
	  { [ "$$key" = "$$(cat $@ 2>/dev/null)" ] || printf '%s\n' "$$key" > $@; }

.PHONY: FORCE
FORCE:

# A cross build links the command with clang for the target's triple, with lld, which links every
# architecture, against SYSROOT, else (SYSROOT=) Debian's cross libc (the same
# libc6-dev-arm64-cross as the module's: SysRoot=/, where clang finds it and GCC's cross start
# files).
CROSS_TRIPLE := $(if $(filter arm64,$(ARCH)),aarch64-linux-gnu,x86_64-linux-gnu)
CLI_CROSS    := $(if $(filter $(HOST_ARCH),$(ARCH)),,-p:LinkerFlavor=lld -p:TargetTriple=$(CROSS_TRIPLE))
CLI_SYSROOT  := $(or $(SYSROOT),$(if $(CLI_CROSS),/))

# ILCompiler relinks only when its object changed, not when the sysroot did: the binary is
# removed first, so that each build of $(CLI) links it.
CLI_NATIVE := $(BUILD)/cli-native/
$(CLI): $(CLI_SOURCES) $(SYSROOT_STAMP)
	mkdir -p $(BUILD) $(TOP_BUILD)
	rm -f $(CLI_NATIVE)libvirt-nss
	flock $(TOP_BUILD)/.dotnet.lock $(DOTNET) publish src/LibvirtNss.Cli -c $(CONFIG) -r $(RID) $(CLI_CROSS) -o $(BUILD)/cli-publish \
	  -p:NativeOutputPath=$(CLI_NATIVE) $(if $(CLI_SYSROOT),-p:SysRoot=$(CLI_SYSROOT))
	install -D -m 0755 $(BUILD)/cli-publish/libvirt-nss $@

# Debian packages: `make deps` installs what `make` needs, `make test-deps` what the suites add;
# `make` and `make check` install them when scripts/have-deps.sh finds one missing.
deps:
	./scripts/install-deps.sh build

test-deps:
	./scripts/install-deps.sh test

have-build-deps:
	@./scripts/have-deps.sh build >/dev/null || $(MAKE) --no-print-directory deps

have-test-deps:
	@./scripts/have-deps.sh test >/dev/null || $(MAKE) --no-print-directory test-deps

# Every suite writes "<passed> <failed>" to $(RESULTS)/<suite>.counts; check-summary adds them up.
# Before the suites: the product, every project of the solution and the two-worlds test library.
check: have-build-deps have-test-deps
	rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	$(MAKE) --no-print-directory all build zr-core
	./scripts/in-test-uts.sh $(MAKE) --no-print-directory -k check-suites; status=$$?; \
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
.PHONY: zr-smoke
zr-smoke: $(ZR_SMOKE)

$(ZR_SMOKE): $(ZR_SYSTEM_SOURCES) $(wildcard tests/ZeroRuntime.Smoke/*.cs) $(RESTORE_STAMP)
	DOTNET=$(DOTNET) ZR_TARGET_ARCH=$(ARCH) ./scripts/build-zero-runtime.sh $@ tests/ZeroRuntime.Smoke

# Suites each area contributes; fragments append to CHECK_SUITES, PACKAGE_TARGETS, BENCH_TARGETS.
CHECK_SUITES    := check-unit
PACKAGE_TARGETS :=
BENCH_TARGETS   :=
-include $(sort $(wildcard integration/*.mk integration/*/*.mk rpm/*.mk debian/*.mk authselect/*.mk))

.PHONY: check-suites
check-suites: $(CHECK_SUITES)

packages: module $(PACKAGE_TARGETS)

bench: have-test-deps module $(BENCH_TARGETS)
