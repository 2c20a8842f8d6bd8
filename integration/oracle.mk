# Debian's C modules, unpacked: Debian 12's into build/oracle/lib and the newest the Debian archive
# serves into build/oracle-newest/lib (differential oracles and bench baselines).
.PHONY: oracle
oracle:
	./scripts/fetch-oracle.sh
# Every oracle's module directory, Debian 12's first: the suites that compare with upstream take them all.
ORACLE_LIBDIRS := $(BUILD)/oracle/lib $(BUILD)/oracle-newest/lib
