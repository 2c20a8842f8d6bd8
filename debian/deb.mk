# Debian: `make deb` builds build/packages/libvirt-nss_<version>_<arch>.deb with
# dpkg-buildpackage (the module and the command come from `make module cli`); check-deb
# lints it and installs it with apt into an mmdebstrap chroot under build/deb-test/.
# See debian/README.md.
PACKAGE_TARGETS += deb
CHECK_SUITES    += check-deb

.PHONY: deb check-deb
# LIBVIRT_NSS_SYSROOT: the glibc the binaries were linked against (Makefile, SYSROOT), whose
# symbols files debian/rules computes the dependencies from.
deb: module cli dist
	BUILD=$(BUILD) DIST=$(DIST) DEB_ARCH=$(if $(filter x64,$(ARCH)),amd64,$(ARCH)) \
	  LIBVIRT_NSS_SYSROOT=$(SYSROOT) ./debian/build-deb.sh

# Tests the package `make` (or `make deb`) left in build/packages/.
check-deb:
	./debian/tests/check-deb.sh $(RESULTS)
