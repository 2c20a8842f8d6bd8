#!/usr/bin/env bash
# The module's ELF interface: SONAME, exactly the twelve NSS entry points exported (the linker
# version script leaves everything else local), libc.so.6 alone needed, nothing run at load time, the guest name a
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
same "no other dynamic symbol is defined" "" \
  "$(nm -D --defined-only "$module" | awk '$2 == "A" { print $3 }')"
same "every export is in version node V1.0" "12" \
  "$(nm -D --defined-only "$module" | grep -c '@@V1.0$')"
same "the version node V1.0 is defined" "V1.0" \
  "$(readelf -V "$module" | sed -n 's/.*Flags: BASE.*//; s/.*Index: [2-9].*Name: \(V[0-9.]*\).*/\1/p')"
same "needs libc.so.6 alone (no ld.so, libm, libpthread, libstdc++)" "libc.so.6" \
  "$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')"
same "no initializer or finalizer runs at load or unload (no INIT, FINI, INIT_ARRAY, FINI_ARRAY)" "" \
  "$(readelf -d "$module" | grep -E '\((INIT|FINI|INIT_ARRAY|FINI_ARRAY)\)')"
same "no text relocation" "" "$(readelf -d "$module" | grep -E '\(TEXTREL\)')"
same "stripped module at most 128 KB" "yes" \
  "$([ "$(stat -c %s "$module")" -le 131072 ] && echo yes || echo "no: $(stat -c %s "$module") bytes")"
same "libnss_libvirt_guest.so.2 is a symlink to the one binary" "libnss_libvirt.so.2" \
  "$(readlink "$lib/libnss_libvirt_guest.so.2")"
same "no executable stack" "RW" \
  "$(readelf -lW "$module" | awk '$1 == "GNU_STACK" { print $7 }')"
same "no C source under src/ (the module is C# alone)" "" "$(cd "$top" && find src -name '*.c' -o -name '*.h')"

finish
