# Spoofing: a guest chooses the host name it sends to libvirt's dnsmasq, and libvirt_leaseshelper
# writes it to the status file even when dnsmasq refuses it. Real Debian dnsmasq (libvirt's
# options, three networks) and real udhcpc "guests" in network namespaces; one hostile guest sends
# other domains' names, reserved names and names dnsmasq refuses, and real getent checks that our
# module never answers its address for a name it does not own (forward or reverse), while the
# legitimate setups keep resolving. The same cases run through both upstream C modules (Debian 12's
# and the newest; informational: they shadow; only ours can fail the suite). Run by hand:
#   make module oracle && SUITE=spoofing RESULTS=build/test-results \
#     ./integration/spoofing/run-spoofing.sh build/lib build/oracle/lib build/oracle-newest/lib
# Writes $(RESULTS)/spoofing.counts.
CHECK_SUITES += check-spoofing

.PHONY: check-spoofing
check-spoofing: module oracle
	@mkdir -p $(RESULTS)
	SUITE=spoofing RESULTS=$(RESULTS) ./integration/spoofing/run-spoofing.sh $(LIBDIR) $(ORACLE_LIBDIRS)
