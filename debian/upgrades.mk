# check-deb-upgrades: the Debian package against Debian's libnss-libvirt with apt, in a bookworm
# chroot under build/deb-upgrades/. See debian/README.md, "Upgrades".
CHECK_SUITES += check-deb-upgrades

.PHONY: check-deb-upgrades
check-deb-upgrades:
	./debian/tests/check-upgrades.sh $(RESULTS)
