# authselect: the with-libvirt profile material (shipped by the RPM) and its tests.
CHECK_SUITES += check-authselect

.PHONY: check-authselect
check-authselect:
	./authselect/run-tests.sh $(RESULTS)
