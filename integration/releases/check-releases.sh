#!/bin/bash
# check-releases: the .deb `make` builds installs and works on the oldest and the newest Debian
# release it is for: Debian 11 (bullseye, glibc 2.31, the oldest glibc the packages are for) and
# Debian 13 (trixie). The glibc symbol versions the module and the command need, and what the
# packages declare; then, in a root of each release made by mmdebstrap (cached as
# build/cache/<release>-apt.tar), `apt-get install` of the .deb, real getent through the packaged
# modules against a fake lease directory, `libvirt-nss resolve` and `libvirt-nss doctor`. The
# roots run in private mount and network namespaces (no network: apt installs the local .deb
# offline). Control: the module linked at glibc's default versions (`make default-versions-module`,
# which needs glibc 2.34) does not load on Debian 11: getent answers nothing and doctor says why.
# And the fault recovery on each glibc (`make fault-module`): a fault is answered, not a crash.
# Writes "<passed> <failed>" to RESULTS/releases.counts; exits non-zero on failure.
set -u
cd "$(dirname "$0")/../.."
top=$PWD
results=${1:?results directory}
work=$top/build/releases-test
SUITE=releases RESULTS=$results
. "$top/scripts/tap-checks.sh"
. "$top/scripts/debian-archive.sh"

shopt -s nullglob
debs=(build/packages/libvirt-nss_*.deb) rpms=(build/packages/libvirt-nss-*.x86_64.rpm build/packages/libvirt-nss-*.aarch64.rpm)
if [ ${#debs[@]} -ne 1 ] || [ ${#rpms[@]} -ne 1 ]; then nok "make built one .deb and one binary RPM"; finish; fi
deb=$top/${debs[0]} rpm=$top/${rpms[0]}
module=$top/build/lib/libnss_libvirt.so.2 cli=$top/build/bin/libvirt-nss
control=$top/build/default-versions-lib/libnss_libvirt.so.2 fault=$top/build/fault-lib/libnss_libvirt.so.2
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

# --- what the binaries need and the packages declare -----------------------------------------
# highest FILE: the highest GLIBC_ version among FILE's dynamic symbols (objdump -T).
highest() { objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -1; }
at_most() { [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" = "$2" ]; } # $1 <= $2
above() { [ -n "$1" ] && ! at_most "$1" "$2"; }
m=$(highest "$module") c=$(highest "$cli") x=$(highest "$control")
echo "# objdump -T: the module needs GLIBC_$m, the command GLIBC_$c (the control module GLIBC_$x)"
check "the module needs no glibc symbol version above 2.28 (GLIBC_$m)" at_most "$m" 2.28
check "the command needs none above 2.31 (GLIBC_$c)" at_most "$c" 2.31
check "the control module does need one above 2.31 (GLIBC_$x)" above "$x" 2.31
depends=$(dpkg-deb -f "$deb" Depends)
echo "# Depends: $depends"
libc6=$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$depends")
check "the .deb depends on libc6 (>= $libc6), at most 2.31" at_most "$libc6" 2.31
requires=$(rpm -qp --requires "$rpm" 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -1)
check "the RPM requires no glibc symbol version above 2.31 (GLIBC_$requires)" at_most "$requires" 2.31
same "the RPM requires the libraries the binaries need, libpthread.so.0 among them (the module's pthread_key_*)" \
    "libpthread.so.0(GLIBC_2.2.5)(64bit)" "$(rpm -qp --requires "$rpm" 2>/dev/null | grep -x 'libpthread.so.0(GLIBC_2.2.5)(64bit)')"

# --- a root of each release ------------------------------------------------------------------
read -r uri key <<EOF
$(debian_archive bookworm)
EOF
# root RELEASE: build/cache/RELEASE-libnss-libvirt.tar, made once (mmdebstrap --variant=apt with
# the release's own libnss-libvirt, which the package replaces; about a minute), unpacked into
# $work/RELEASE/root.
root_of() {
    local release=$1 cache=$top/build/cache/$1-libnss-libvirt.tar
    if [ ! -s "$cache" ]; then
        mkdir -p "$(dirname "$cache")"
        echo "# making $cache with mmdebstrap (once; about a minute)"
        [ -n "${uri:-}" ] || { echo "# no Debian archive in /etc/apt's sources"; return 1; }
        mmdebstrap --quiet --mode=root --variant=apt --include=libnss-libvirt --format=tar \
            --aptopt='Acquire::Languages "none"' \
            "$release" "$cache.tmp" "deb${key:+ [signed-by=$key]} $uri $release main" || { rm -f "$cache.tmp"; return 1; }
        mv "$cache.tmp" "$cache"
    fi
    rm -rf "$work/$release" && mkdir -p "$work/$release/root"
    tar -xf "$cache" -C "$work/$release/root"
}

# in_root ROOT COMMAND...: COMMAND chrooted in ROOT, in private mount and network namespaces.
in_root() {
    unshare -m -n --propagation private -- sh -c '
        root=$1; shift
        mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
            DEBIAN_FRONTEND=noninteractive HOME=/root "$@"' sh "$@"
}

expiry=$(( $(date +%s) + 86400 ))
for release in bullseye trixie; do
    if ! root_of "$release"; then nok "$release: a root made by mmdebstrap"; continue; fi
    root=$work/$release/root
    glibc=$(in_root "$root" dpkg-query -W -f '${Version}' libc6)
    theirs=$(in_root "$root" dpkg -L libnss-libvirt | grep '/libnss_libvirt.so.2$')
    echo "# $release: libc6 $glibc; libnss-libvirt $(in_root "$root" dpkg-query -W -f '${Version}' libnss-libvirt) in $theirs"
    cp "$deb" "$root/tmp/"
    if in_root "$root" apt-get install -y "/tmp/$(basename "$deb")" >"$work/$release/apt-install.log" 2>&1; then
        ok "$release (libc6 $glibc): apt-get install ./$(basename "$deb"), offline"
    else
        nok "$release (libc6 $glibc): apt-get install ./$(basename "$deb"), offline"
        sed 's/^/#   /' "$work/$release/apt-install.log" | tail -15
        continue
    fi
    same "$release: the hosts line names both modules" "hosts:          files libvirt libvirt_guest dns" \
        "$(grep '^hosts:' "$root/etc/nsswitch.conf")"
    check "$release: libnss-libvirt is removed in its favour" \
        test "$(in_root "$root" dpkg-query -W -f '${db:Status-Abbrev}' libnss-libvirt 2>/dev/null | tr -d ' ')" != ii
    installed=$(in_root "$root" dpkg -L libvirt-nss | grep '/libnss_libvirt.so.2$')
    check "$release: libnss-libvirt's path to the library ($theirs) is the package's" \
        test "$(realpath "$root$theirs")" = "$(realpath "$root$installed")"
    check "$release: the installed library is the packaged one ($installed)" \
        bash -c "dpkg-deb --fsys-tarfile '$deb' | tar -xO .$installed | cmp -s - '$root$installed'"

    leases=$root/var/lib/libvirt/dnsmasq
    mkdir -p "$leases"
    cat > "$leases/virbr0.status" <<JSON
[{"ip-address":"192.168.122.45","mac-address":"52:54:00:aa:bb:01","hostname":"myvm","client-id":"01:52:54:00:aa:bb:01","expiry-time":$expiry}]
JSON
    echo '[{"domain":"vm1","macs":["52:54:00:aa:bb:01"]}]' > "$leases/virbr0.macs"
    chmod -R a+rX "$root/var/lib/libvirt"
    same "$release: getent hosts myvm (module libvirt)" "192.168.122.45  myvm" "$(in_root "$root" getent hosts myvm)"
    same "$release: getent hosts vm1 (module libvirt_guest)" "192.168.122.45  vm1" "$(in_root "$root" getent hosts vm1)"
    same "$release: getent ahosts myvm" "192.168.122.45 STREAM myvm" \
        "$(in_root "$root" getent ahosts myvm | head -1 | tr -s ' ')"
    same "$release: getent hosts 192.168.122.45 (reverse)" "192.168.122.45  myvm" \
        "$(in_root "$root" getent hosts 192.168.122.45)"
    same "$release: libvirt-nss resolve myvm" "192.168.122.45" \
        "$(in_root "$root" libvirt-nss resolve myvm 2>&1 | grep -o '192\.168\.122\.45' | sort -u)"
    doctor=$(in_root "$root" libvirt-nss doctor 2>&1); status=$?
    sed "s/^/#   $release doctor: /" <<<"$doctor"
    same "$release: libvirt-nss doctor ends well" 0 "$status"
    same "$release: ... both modules load and export their lookups" 2 \
        "$(grep -c '^ok: .*libnss_libvirt\(_guest\)\?\.so\.2 loads and exports' <<<"$doctor")"
    same "$release: ... and it reports no error" "" "$(grep '^error:' <<<"$doctor")"

    # The control: the module as a plain link on this machine makes it, in place of the packaged one.
    cp "$root$installed" "$work/$release/packaged.so"
    cp "$control" "$root$installed"
    answer=$(in_root "$root" getent hosts myvm) doctor=$(in_root "$root" libvirt-nss doctor 2>&1)
    cp "$work/$release/packaged.so" "$root$installed"
    if above "$glibc" "$x"; then
        same "$release: control: the module linked at the default versions (GLIBC_$x) answers here too" \
            "192.168.122.45  myvm" "$answer"
    else
        same "$release: control: the module linked at the default versions (GLIBC_$x) does not load: getent answers nothing" \
            "" "$answer"
        check "$release: control: ... and doctor says why (version GLIBC_$x not found)" \
            grep -q "^error: .*libnss_libvirt.so.2 cannot be loaded (.*GLIBC_$x' not found" <<<"$doctor"
    fi

    # Fault recovery on this glibc: the test build with FaultInjection.cs (`make fault-module`,
    # linked against the build machine's glibc, its pthread_key_* bound to the versions before
    # 2.34), in place of the packaged module: a fault ends as UNAVAIL, the process does not crash.
    cp "$fault" "$root$installed"
    out=$(in_root "$root" env LIBVIRT_NSS_DEBUG=1 getent hosts fault-index-out-of-range.invalid 2>&1); status=$?
    answer=$(in_root "$root" getent hosts myvm)
    cp "$work/$release/packaged.so" "$root$installed"
    same "$release: crash containment: a fault in the lookup is not found (getent exits 2, no signal)" 2 "$status"
    check "$release: ... with \"internal error, answering UNAVAIL\" (the recovery point is this glibc's pthread key)" \
        grep -q 'internal error, answering UNAVAIL' <<<"$out"
    same "$release: ... and the same module answers the next lookup" "192.168.122.45  myvm" "$answer"
    same "$release: the packaged module answers again" "192.168.122.45  myvm" "$(in_root "$root" getent hosts myvm)"
done
finish
