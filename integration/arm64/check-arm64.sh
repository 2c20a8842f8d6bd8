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
