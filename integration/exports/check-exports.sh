#!/usr/bin/env bash
# The module's ELF interface: SONAME, exactly the twelve NSS entry points exported (the linker
# version script leaves everything else local), only libc's libraries needed, the guest name a
# symlink to the one binary. Writes "<passed> <failed>" to RESULTS/exports.counts.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
results=${1:-$top/build/test-results}
lib=$top/build/lib
module=$lib/libnss_libvirt.so.2
SUITE=exports RESULTS=$results
. "$top/scripts/tap-checks.sh"

same "SONAME is libnss_libvirt.so.2" "libnss_libvirt.so.2" \
  "$(readelf -d "$module" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')"

expected=$(for prefix in libvirt libvirt_guest; do
             for n in "" 2 3 4; do echo "_nss_${prefix}_gethostbyname${n}_r"; done
             for n in "" 2; do echo "_nss_${prefix}_gethostbyaddr${n}_r"; done
           done | sort)
same "exactly the twelve _nss_* entry points are exported" "$expected" \
  "$(nm -D --defined-only "$module" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort)"
same "the only other dynamic symbol is the version node" "V1.0" \
  "$(nm -D --defined-only "$module" | awk '$2 == "A" { print $3 }')"
same "needs only glibc's libraries (libc and ld.so; no libm)" "ld-linux-x86-64.so.2 libc.so.6" \
  "$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')"
same "libnss_libvirt_guest.so.2 is a symlink to the one binary" "libnss_libvirt.so.2" \
  "$(readlink "$lib/libnss_libvirt_guest.so.2")"
same "no executable stack" "RW" \
  "$(readelf -lW "$module" | awk '$1 == "GNU_STACK" { print $7 }')"

finish
