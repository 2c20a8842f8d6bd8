# check-rpm-upgrades: the RPM against the distribution's package of the same name (libvirt's
# libvirt-nss) with dnf, in installroots under build/rpm-upgrades/. See rpm/README.md, "Upgrades".
CHECK_SUITES += check-rpm-upgrades

.PHONY: check-rpm-upgrades
check-rpm-upgrades:
	./rpm/tests/check-upgrades.sh $(RESULTS)
