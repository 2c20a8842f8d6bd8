# Debian's C module, unpacked into build/oracle/lib (differential oracle and bench baseline).
.PHONY: oracle
oracle:
	./scripts/fetch-oracle.sh
