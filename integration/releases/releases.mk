# The .deb on the oldest and the newest Debian release it is for (Debian 11 and 13): the glibc
# versions the binaries need and the packages declare, apt-get install into a root of each
# release (mmdebstrap, cached in build/cache/), real getent through the packaged modules and the
# command. Tests the packages `make` left in build/packages/. Writes $(RESULTS)/releases.counts.
CHECK_SUITES += check-releases

.PHONY: check-releases
check-releases: default-versions-module fault-module
	./integration/releases/check-releases.sh $(RESULTS)
