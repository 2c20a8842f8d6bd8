#!/usr/bin/env bash
# The module's ELF interface: SONAME, exactly the twelve NSS entry points exported (the linker
# version script leaves everything else local), libc.so.6 and libpthread.so.0 alone needed, no
# glibc symbol version above GLIBC_2.28, nothing run at load time, the guest name a symlink to the
# one binary. Writes "<passed> <failed>" to RESULTS/exports.counts.
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
same "needs libc.so.6 and libpthread.so.0 alone (no ld.so, libm, libstdc++)" "libc.so.6 libpthread.so.0" \
  "$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')"

# Older glibc (src/LibvirtNss.System/README.md): the module loads on every glibc from 2.28 (RHEL 8)
# on, whichever glibc it was linked against. The control, the module linked at glibc's default
# versions (`make default-versions-module`), needs the build machine's pthread_key_* (GLIBC_2.34
# on glibc 2.34 and later), so the same reading must find it above the line there.
highest() { objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -1; }
at_most() { [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" = "$2" ]; } # $1 <= $2
above() { [ -n "$1" ] && ! at_most "$1" "$2"; }
newest=$(highest "$module")
echo "# objdump -T: the module needs GLIBC_$newest"
check "needs no glibc symbol version above GLIBC_2.28 (highest: GLIBC_$newest)" at_most "$newest" 2.28
same "pthread_key_create, _delete, getspecific and setspecific are bound to the version they had before glibc 2.34" \
  "pthread_getspecific pthread_key_create pthread_key_delete pthread_setspecific" \
  "$(objdump -T "$module" | awk '$NF ~ /^pthread_/ && $(NF-1) !~ /GLIBC_2\.(3[4-9]|[4-9][0-9])/ { print $NF }' | sort | tr '\n' ' ' | sed 's/ $//')"
control=$top/build/default-versions-lib/libnss_libvirt.so.2
control_newest=$(highest "$control")
if at_most 2.34 "$(ldd --version | sed -n '1s/.* //p')"; then
  check "control: the module linked at the default versions is found above GLIBC_2.28 (GLIBC_$control_newest)" \
    above "$control_newest" 2.28
else
  echo "# control skipped: this glibc is older than 2.34, its default versions are the old ones"
fi
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
