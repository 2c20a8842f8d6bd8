#!/bin/bash
# check-rpm-upgrades: the RPM built by `make rpm` against the distribution's package of the same
# name (libvirt's libvirt-nss, 11.x), with dnf in installroots under build/rpm-upgrades/: a
# local "distribution" repository (a stand-in libvirt-nss 11.6.0 and its update 11.7.0,
# rpm/tests/distribution.spec, and check-rpm's bootstrap) and a repository of ours. Prints the
# package installed after each step. See rpm/README.md, "Upgrades".
# Writes "<passed> <failed>" to RESULTS/check-rpm-upgrades.counts; exits non-zero on failure.
#   check-upgrades.sh RESULTS [RPM]   RPM: another build of ours (default: build/packages/'s)
set -u
cd "$(dirname "$0")/../.."
top=$PWD
results=${1:?results directory}
mkdir -p "$results"
work=$top/build/rpm-upgrades
SUITE=check-rpm-upgrades RESULTS=$results
. "$top/scripts/tap-checks.sh"

shopt -s nullglob
binary=(build/packages/libvirt-nss-[0-9]*.x86_64.rpm)
[ -n "${2:-}" ] && binary=("$(realpath "$2")")
if [ ${#binary[@]} -ne 1 ]; then nok "make rpm produced one binary RPM"; finish; fi
binary=$(realpath "${binary[0]}")
nevr='%{NAME}-%|EPOCH?{%{EPOCH}:}|%{VERSION}-%{RELEASE}'
ours=$(rpm -qp --qf "$nevr" "$binary")
echo "# ours: $ours; the distribution's: libvirt-nss-11.6.0-1.fc43, update libvirt-nss-11.7.0-1.fc43"

# --- the repositories ------------------------------------------------------------------------
rm -rf "$work"
mkdir -p "$work/home" "$work/reposd" "$work/dist" "$work/ours"
echo '%_dbpath /var/lib/rpm' > "$work/home/.rpmmacros"
rpmbuild --quiet --define "_topdir $work/build" --nodeps -bb rpm/tests/bootstrap.spec >/dev/null
for distver in 11.6.0 11.7.0; do
    rpmbuild --quiet --define "_topdir $work/build" --define "distver $distver" -bb rpm/tests/distribution.spec >/dev/null
done
cp "$work"/build/RPMS/*/*.rpm "$work/dist/"
cp "$binary" "$work/ours/"
createrepo_c -q "$work/dist" && createrepo_c -q "$work/ours"

# A fresh installroot: a running system's /dev/null, Fedora's rpm database path, the hosts: line
# `authselect enable-feature with-libvirt` gives (the admin turned the modules on for the
# distribution's package; the root has no authselect, so nothing takes them off again), and
# an /etc/hosts for the `files` source.
new_root() {
    root=$work/$1
    mkdir -p "$root/etc" "$root/dev"
    mknod -m 0666 "$root/dev/null" c 1 3
    printf 'passwd:     files\nhosts:      files myhostname libvirt libvirt_guest resolve [!UNAVAIL=return] dns\n' \
        > "$root/etc/nsswitch.conf"
    printf '127.0.0.1   localhost\n192.0.2.7   fileshost\n' > "$root/etc/hosts"
}
dnf_root() { # REPOS (comma-separated: dist, ours) DNF-ARGS...
    local repos=() repo
    for repo in ${1//,/ }; do repos+=(--repofrompath="$repo,$work/$repo"); done
    echo "## dnf ${*:2} (repositories: $1)" >> "$work/dnf.log"
    shift
    HOME=$work/home dnf -y -q --installroot="$root" --releasever=0 --disablerepo='*' \
        --setopt=reposdir="$work/reposd" "${repos[@]}" --nogpgcheck --setopt=install_weak_deps=False \
        --setopt=clean_requirements_on_remove=False --refresh "$@" >>"$work/dnf.log" 2>&1
}
installed() { HOME=$work/home rpm --root "$root" -q --qf "$nevr\n" libvirt-nss | grep -v 'not installed' || echo none; }
# step NAME EXPECTED DNF-REPOS DNF-ARGS...: runs dnf, prints and checks what is installed after it.
step() {
    local name=$1 expected=$2; shift 2
    dnf_root "$@" || nok "$name: dnf $* failed (build/rpm-upgrades/dnf.log)"
    local now; now=$(installed)
    echo "# dnf step: $name -> installed: $now"
    same "$name: $expected installed" "$expected" "$now"
}
getent_in() { unshare -n chroot "$root" /usr/bin/getent hosts "$1"; } # no network: dns has no server

# --- on a system that has the distribution's package -------------------------------------------
new_root root
step "1. dnf install libvirt-nss-11.6.0 (the distribution's repository)" libvirt-nss-11.6.0-1.fc43 \
    dist install libvirt-nss-11.6.0
step "2. dnf install ./$(basename "$binary") over it" "$ours" dist install "$binary"
same "2. one libvirt-nss in the rpm database" 1 "$(HOME=$work/home rpm --root "$root" -q libvirt-nss | wc -l)"
same "2. rpm -V libvirt-nss is clean (the stand-in's files replaced)" "" "$(HOME=$work/home rpm --root "$root" -V libvirt-nss 2>&1)"
same "2. the guest module, a file in the distribution's package, is our symlink" "libnss_libvirt.so.2" \
    "$(readlink "$root/usr/lib64/libnss_libvirt_guest.so.2")"
leases=$root/var/lib/libvirt/dnsmasq
mkdir -p "$leases"
printf '[{"ip-address":"192.168.122.45","mac-address":"52:54:00:aa:bb:01","hostname":"myvm","expiry-time":%s}]\n' \
    $(( $(date +%s) + 86400 )) > "$leases/virbr0.status"
ldconfig -r "$root"
same "2. getent hosts myvm answers from our module" "192.168.122.45  myvm" "$(getent_in myvm)"
step "3. dnf upgrade, both repositories (the distribution has 11.7.0)" "$ours" dist,ours upgrade
step "3. dnf upgrade, the distribution's repository only" "$ours" dist upgrade
step "3. dnf distro-sync, both repositories" "$ours" dist,ours distro-sync
# distro-sync (and so `dnf system-upgrade`) keeps only what an enabled repository carries.
step "3. dnf distro-sync without our repository: the distribution's again" libvirt-nss-11.7.0-1.fc43 \
    dist distro-sync
step "3. dnf upgrade, both repositories: ours again" "$ours" dist,ours upgrade
step "3. dnf downgrade libvirt-nss-0:11.7.0: the distribution's on purpose" libvirt-nss-11.7.0-1.fc43 \
    dist,ours downgrade libvirt-nss-0:11.7.0
step "3. dnf install ./$(basename "$binary") over it again" "$ours" dist install "$binary"

# --- a fresh system with both repositories ----------------------------------------------------
saved=$root
new_root fresh
step "4. dnf install libvirt-nss on a fresh root, both repositories" "$ours" dist,ours install libvirt-nss
root=$saved

# --- removing ours: hosts: still works ---------------------------------------------------------
step "5. dnf remove libvirt-nss" none dist,ours remove libvirt-nss
same "5. no libnss_libvirt file is left" "" "$(find "$root/usr/lib64" -name 'libnss_libvirt*')"
echo "# dnf test: hosts after remove: $(grep '^hosts:' "$root/etc/nsswitch.conf")"
same "5. getent hosts fileshost still answers from files (the line names the modules still)" \
    "192.0.2.7       fileshost" "$(getent_in fileshost)"
check "5. getent hosts localhost too" grep -q '^127\.0\.0\.1 *localhost' <<<"$(getent_in localhost)"
check "5. getent hosts myvm: not found (exit 2), nothing broken" bash -c "unshare -n chroot '$root' /usr/bin/getent hosts myvm; [ \$? -eq 2 ]"
check "no scriptlet error in any step" bash -c "! grep -qi 'scriptlet' '$work/dnf.log'"
finish
