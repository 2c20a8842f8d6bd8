# Real getent through our module and through Debian's C module (libnss-libvirt 9.0.0, fetched
# by the `oracle` target into build/oracle/lib), each scenario in private mount namespaces.
# Writes "<passed> <failed>" to $(RESULTS)/getent.counts.
CHECK_SUITES += check-getent

.PHONY: check-getent
check-getent: module oracle
	@mkdir -p $(RESULTS)
	@rm -f $(RESULTS)/getent.counts
	PYTHONDONTWRITEBYTECODE=1 GETENT_COUNTS=$(RESULTS)/getent.counts \
	  /usr/bin/python3 -m pytest -q -p no:cacheprovider integration/getent; status=$$?; \
	  [ -s $(RESULTS)/getent.counts ] || echo "0 1" > $(RESULTS)/getent.counts; \
	  exit $$status
