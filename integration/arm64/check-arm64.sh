#!/bin/bash
# check-arm64: the arm64 build (make ARCH=arm64: build/arm64/) in an arm64 Debian 12 root under
# qemu-user. The root (make-root.sh, cached as build/cache/bookworm-arm64.tar) is unpacked afresh
# under build/arm64-test/root; in-root.sh runs there, through chroot, in foreign-exec.sh's
# namespaces (qemu-user registered in a private binfmt_misc; the machine's is left alone), with
# the namespace's /proc and the machine's /dev bound in. Writes "<passed> <failed>" to
# RESULTS/arm64.counts.
#   check-arm64.sh RESULTS
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/integration/arm64
results=$1
arm=$top/build/arm64
work=$top/build/arm64-test
root=$work/root
cache=$top/build/cache/bookworm-arm64.tar
mkdir -p "$results" "$work"
passed=0 failed=0
finish() { echo "$passed $failed" > "$results/arm64.counts"; echo "arm64: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }
nok() { echo "not ok - $1"; failed=$((failed + 1)); }

start=$(date +%s)

# The instructions docs/arm64.md's memory-ordering argument rests on (qemu-user on x86 cannot show
# a missing barrier): every Volatile.Read an ldar (out of line here), every Volatile.Write an stlr
# (inlined: SnapshotSlots.TryPublish holds its three), every Interlocked operation's
# ldaxr/stlxr loop followed by dmb ish.
obj=$arm/module/obj/libnss_libvirt.o
if ordering=$(llvm-objdump -d --no-show-raw-insn "$obj" | awk '
    /^[0-9a-f]+ <.*>:$/ { fn = $2; since = -1; next }
    fn ~ /System_Threading_Volatile__Read/ { allreads[fn] = 1; if ($2 == "ldar") reads[fn] = 1 }
    fn ~ /System_Threading_Volatile__Write/ { allwrites[fn] = 1; if ($2 == "stlr") writes[fn] = 1 }
    fn ~ /SnapshotSlots__TryPublish>:/ && $2 == "stlr" { publish_stlr++ }
    $2 == "stlxr" { stlxr++; since = 0; next }
    since >= 0 { since++; if ($2 == "dmb" && $3 == "ish") { fenced++; since = -1 } else if (since > 2) since = -1 }
    END {
        for (f in allreads) { nreads++; if (!(f in reads)) bad = bad " " f }
        for (f in allwrites) { if (!(f in writes)) bad = bad " " f }
        printf "%d Volatile.Read functions (ldar), %d stlr in TryPublish, %d of %d stlxr followed by dmb ish%s\n",
            nreads, publish_stlr, fenced, stlxr, bad == "" ? "" : "; without: " bad
        exit (bad != "" || nreads == 0 || publish_stlr < 3 || stlxr == 0 || fenced != stlxr) }'); then
    echo "ok - the module's arm64 code orders memory as docs/arm64.md argues: $ordering"; passed=$((passed + 1))
else
    nok "the module's arm64 code orders memory as docs/arm64.md argues: $ordering"
fi

# The glibc the arm64 module needs (src/LibvirtNss.System/README.md, "glibc"): its pthread_key_*
# bound to the version they had before glibc 2.34 (GLIBC_2.17, aarch64's first), read from the
# libc it is linked against, so no version above GLIBC_2.28; libc.so.6 and libpthread.so.0
# needed, as check-exports holds the x86-64 module to. The command's highest version is shown.
versions() { objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV; }
module=$arm/lib/libnss_libvirt.so.2
newest=$(versions "$module" | tail -1)
if [ -n "$newest" ] && [ "$(printf '%s\n%s\n' "$newest" 2.28 | sort -V | tail -1)" = 2.28 ]; then
    echo "ok - the arm64 module needs no glibc symbol version above GLIBC_2.28 (highest: GLIBC_$newest)"; passed=$((passed + 1))
else
    nok "the arm64 module needs no glibc symbol version above GLIBC_2.28 (highest: GLIBC_${newest:-none})"
fi
bound=$(objdump -T "$module" | awk '$NF ~ /^pthread_/ && $(NF-1) !~ /GLIBC_2\.(3[4-9]|[4-9][0-9])/ { print $NF }' | sort | tr '\n' ' ')
if [ "$bound" = "pthread_getspecific pthread_key_create pthread_key_delete pthread_setspecific " ]; then
    echo "ok - the arm64 module's pthread_key_* are bound to their versions before glibc 2.34"; passed=$((passed + 1))
else
    nok "the arm64 module's pthread_key_* are bound to their versions before glibc 2.34: [$bound]"
fi
needed=$(readelf -d "$module" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
if [ "$needed" = "libc.so.6 libpthread.so.0 " ]; then
    echo "ok - the arm64 module needs libc.so.6 and libpthread.so.0 alone"; passed=$((passed + 1))
else
    nok "the arm64 module needs libc.so.6 and libpthread.so.0 alone: [$needed]"
fi
# The command and the .deb, linked against the arm64 sysroot of Debian 11's glibc (docs/arm64.md,
# "glibc"), need no glibc above 2.31, as the x86-64 ones (check-releases).
newest=$(versions "$arm/bin/libvirt-nss" 2>/dev/null | tail -1)
if [ -n "$newest" ] && [ "$(printf '%s\n%s\n' "$newest" 2.31 | sort -V | tail -1)" = 2.31 ]; then
    echo "ok - the arm64 command needs no glibc symbol version above GLIBC_2.31 (highest: GLIBC_$newest)"; passed=$((passed + 1))
else
    nok "the arm64 command needs no glibc symbol version above GLIBC_2.31 (highest: GLIBC_${newest:-none})"
fi
deb_libc=$(dpkg-deb -f "$arm"/packages/libvirt-nss_*_arm64.deb Depends 2>/dev/null | grep -o 'libc6 (>= [0-9.]*)')
if [ -n "$deb_libc" ] && [ "$(printf '%s\n%s\n' "$(grep -o '[0-9.]*)' <<< "$deb_libc" | tr -d ')')" 2.31 | sort -V | tail -1)" = 2.31 ]; then
    echo "ok - the arm64 .deb depends on $deb_libc, at most 2.31"; passed=$((passed + 1))
else
    nok "the arm64 .deb depends on libc6 (>= 2.31 at most): [${deb_libc:-none}]"
fi

"$here/make-root.sh" "$cache" || { nok "the arm64 root (mmdebstrap --arch=arm64 bookworm)"; finish; }
rm -rf "$root"; mkdir -p "$root"
tar -xf "$cache" -C "$root" || { nok "unpacking $cache"; finish; }

t=$root/opt/nss-test
mkdir -p "$t/lib" "$t/fault-lib"
for f in lib/libnss_libvirt.so.2 fault-lib/libnss_libvirt.so.2 bin/libvirt-nss; do
    [ -f "$arm/$f" ] || { nok "build/arm64/$f missing (make ARCH=arm64 module fault-module cli)"; finish; }
done
cp "$arm/lib/libnss_libvirt.so.2" "$t/lib/"
cp "$arm/fault-lib/libnss_libvirt.so.2" "$t/fault-lib/"
cp "$arm/bin/libvirt-nss" "$work/probe" "$t/"
cp "$top/integration/probe/run.sh" "$t/probe-run.sh"
cp "$here/in-root.sh" "$t/"
cp "$arm"/packages/libvirt-nss_*_arm64.deb "$t/" 2>/dev/null
echo "# the root ready in $(( $(date +%s) - start )) s"

out=$("$here/foreign-exec.sh" /bin/sh -c '
    root=$1
    # The root a mount point of its own: the probe'\''s cases change its mount propagation.
    mount --bind "$root" "$root" &&
    mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" || exit 2
    # apt installs the package from the file, with no download: it depends on libc6 alone.
    exec chroot "$root" /bin/bash /opt/nss-test/in-root.sh' arm64-root "$root" 2>&1)
status=$?
echo "$out"
read -r p f <<<"$(sed -n 's/^probe-counts //p' <<<"$out")"
passed=$((passed + ${p:-0})) failed=$((failed + ${f:-1}))
passed=$((passed + $(grep -c '^ok - ' <<<"$out")))
failed=$((failed + $(grep -c '^not ok - ' <<<"$out")))
[ $status -eq 0 ] || nok "in-root.sh ended with status $status"
echo "# the suite took $(( $(date +%s) - start )) s"
finish
