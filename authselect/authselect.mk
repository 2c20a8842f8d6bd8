# authselect: the with-libvirt profile helper (shipped by the RPM), and check-authselect: the
# Fedora flow with the real authselect and rpm in Debian roots made by mmdebstrap and cached in
# build/authselect/SUITE, one per AUTHSELECT_SUITES (trixie: authselect 1.5.0, rpm 4.20; sid:
# the newest authselect, rpm 6); tests the .rpm `make` left in build/packages/. Writes
# $(RESULTS)/authselect-SUITE.counts for each. See authselect/README.md.
CHECK_SUITES      += check-authselect
AUTHSELECT_SUITES ?= trixie sid

.PHONY: check-authselect
check-authselect:
	./authselect/tests/run-tests.sh $(RESULTS) $(AUTHSELECT_SUITES)
