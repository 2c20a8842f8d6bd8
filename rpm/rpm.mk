# RPM: `make rpm` builds the source tarball, the SRPM and the binary RPM into build/packages/
# (the module and the command come from `make module cli`); check-rpm lints them and installs them with dnf into
# an installroot under build/rpm-test/. See rpm/README.md.
PACKAGE_TARGETS += rpm
CHECK_SUITES    += check-rpm

.PHONY: rpm check-rpm
rpm: module cli dist
	BUILD=$(BUILD) DIST=$(DIST) RPM_ARCH=$(if $(filter x64,$(ARCH)),x86_64,aarch64) ./rpm/build-rpm.sh

# Tests the packages `make` (or `make rpm`) left in build/packages/.
check-rpm:
	./rpm/tests/check-rpm.sh $(RESULTS)
