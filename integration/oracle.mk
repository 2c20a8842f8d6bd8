# Debian's C modules, unpacked: Debian 12's into build/oracle/lib and the newest the Debian archive
# serves into build/oracle-newest/lib (differential oracles and bench baselines).
.PHONY: oracle
oracle:
	./scripts/fetch-oracle.sh
