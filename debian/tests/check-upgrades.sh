#!/bin/bash
# check-deb-upgrades: the Debian package built by `make deb` against Debian's libnss-libvirt, with
# apt in a bookworm chroot (check-deb's, cached as build/cache/bookworm-apt.tar, where mmdebstrap
# installed libnss-libvirt from the archive) run in private mount and network namespaces, with
# two local repositories: the "distribution" (Debian's libnss-libvirt .deb, fetched by
# scripts/fetch-oracle.sh, an update of it, and a package that depends on libnss-libvirt) and
# ours. Prints the package installed after each step. See debian/README.md, "Upgrades".
# Writes "<passed> <failed>" to RESULTS/check-deb-upgrades.counts; exits non-zero on failure.
#   check-upgrades.sh RESULTS [DEB]   DEB: another build of ours (default: build/packages/'s)
set -u
cd "$(dirname "$0")/../.."
top=$PWD
results=${1:?results directory}
mkdir -p "$results"
cache=$top/build/cache/bookworm-apt.tar
work=$top/build/deb-upgrades
root=$work/root
SUITE=check-deb-upgrades RESULTS=$results
. "$top/scripts/tap-checks.sh"

shopt -s nullglob
debs=(build/packages/libvirt-nss_*.deb)
[ -n "${2:-}" ] && debs=("$2")
if [ ${#debs[@]} -ne 1 ]; then nok "make deb produced one .deb"; finish; fi
deb=$(realpath "${debs[0]}")
ours=libvirt-nss-$(dpkg-deb -f "$deb" Version)
./scripts/fetch-oracle.sh >/dev/null || { nok "scripts/fetch-oracle.sh: Debian's libnss-libvirt"; finish; }
debian_deb=(build/oracle/libnss-libvirt_*.deb)
debian_version=$(dpkg-deb -f "${debian_deb[0]}" Version)
update_version=$debian_version+update1

# --- the bookworm chroot (check-deb's cache) ---------------------------------------------------
(
    flock 9
    if [ ! -s "$cache" ]; then
        mkdir -p "$(dirname "$cache")"
        echo "# making $cache with mmdebstrap (once; about a minute)"
        mmdebstrap --quiet --variant=apt --include=libnss-libvirt --format=tar bookworm "$cache.tmp" &&
            mv "$cache.tmp" "$cache"
    fi
) 9>"$top/build/.bookworm-apt.lock"
[ -s "$cache" ] || { nok "mmdebstrap --variant=apt bookworm"; finish; }
rm -rf "$work" && mkdir -p "$root"
tar -xf "$cache" -C "$root"

# --- the repositories, in the chroot: /srv/dist and /srv/ours ----------------------------------
dist=$root/srv/dist
mkdir -p "$dist" "$root/srv/ours" "$work/pkg"
cp "${debian_deb[0]}" "$dist/"
# The distribution's update: Debian's package with a higher version.
dpkg-deb -R "${debian_deb[0]}" "$work/pkg/update"
sed -i "s/^Version: .*/Version: $update_version/" "$work/pkg/update/DEBIAN/control"
dpkg-deb -b --root-owner-group "$work/pkg/update" "$dist/libnss-libvirt_${update_version}_amd64.deb" >/dev/null
# A package that depends on libnss-libvirt (none of Debian's does today, bookworm to sid).
mkdir -p "$work/pkg/dependent/DEBIAN"
cat > "$work/pkg/dependent/DEBIAN/control" <<CONTROL
Package: libnss-libvirt-user
Version: 1
Architecture: all
Maintainer: libvirt-nss developers <libvirt-nss@users.noreply.github.com>
Depends: libnss-libvirt
Description: test-only package that depends on libnss-libvirt
CONTROL
dpkg-deb -b --root-owner-group "$work/pkg/dependent" "$dist/libnss-libvirt-user_1_all.deb" >/dev/null
cp "$deb" "$root/srv/ours/"
for repo in "$dist" "$root/srv/ours"; do (cd "$repo" && dpkg-scanpackages -m . 2>/dev/null > Packages); done
chmod -R a+rX "$root/srv"
# The chroot's own sources name the archive, which is out of reach here: only the local ones.
printf 'deb [trusted=yes] file:/srv/dist ./\ndeb [trusted=yes] file:/srv/ours ./\n' > "$root/etc/apt/sources.list"
rm -f "$root"/etc/apt/sources.list.d/*
printf '127.0.0.1   localhost\n192.0.2.7   fileshost\n' > "$root/etc/hosts"

# Runs a command in the chroot, in private mount and network namespaces (no network at all).
in_root() {
    unshare -m -n --propagation private -- sh -c '
        root=$1; shift
        mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
            DEBIAN_FRONTEND=noninteractive HOME=/root "$@"' sh "$root" "$@"
}
hosts_line() { grep '^hosts:' "$root/etc/nsswitch.conf"; }
# What is installed (dpkg status "ii") of ours and Debian's, as name-version.
installed() {
    local now
    now=$(in_root dpkg-query -W -f '${db:Status-Abbrev} ${Package}-${Version}\n' libvirt-nss libnss-libvirt 2>/dev/null |
        awk '$1 == "ii" { print $2 }' | sort | tr '\n' ' ' | sed 's/ $//')
    echo "${now:-none}"
}
# step NAME EXPECTED COMMAND...: runs the command in the chroot, prints and checks what is installed.
step() {
    local name=$1 expected=$2; shift 2
    echo "## $*" >> "$work/apt.log"
    in_root "$@" >>"$work/apt.log" 2>&1 || nok "$name: $* failed (build/deb-upgrades/apt.log)"
    local now; now=$(installed)
    echo "# apt step: $name -> installed: $now; $(hosts_line)"
    same "$name: $expected installed" "$expected" "$now"
}
getent_in() { in_root getent hosts "$1"; }

before=$(hosts_line)
now=$(installed)
echo "# apt step: 1. Debian's libnss-libvirt, installed from the bookworm archive (mmdebstrap) -> installed: $now; $before"
# (the chroot's may be an older point release than the .deb fetched for the repository)
check "1. Debian's libnss-libvirt installed" grep -qx 'libnss-libvirt-[0-9].*' <<<"$now"
if in_root apt-get update -q >>"$work/apt.log" 2>&1; then ok "apt-get update (the local repositories)"
else nok "apt-get update (the local repositories)"; fi
step "2. apt-get install ./$(basename "$deb") replaces it" "$ours" apt-get install -y "/srv/ours/$(basename "$deb")"
same "2. the hosts line names the modules" "hosts:          files libvirt libvirt_guest dns" "$(hosts_line)"
step "3. apt-get upgrade (the distribution has libnss-libvirt $update_version)" "$ours" apt-get upgrade -y
step "3. apt upgrade (may install new packages)" "$ours" apt upgrade -y
step "3. apt-get dist-upgrade" "$ours" apt-get dist-upgrade -y
same "3. apt-get -s dist-upgrade: nothing left to install or remove" "" "$(in_root apt-get -s dist-upgrade | grep -e '^Inst' -e '^Remv')"
step "3. apt-get install libnss-libvirt-user (Depends: libnss-libvirt): satisfied by ours" "$ours" \
    apt-get install -y libnss-libvirt-user
same "3. libnss-libvirt-user installed" "ii" "$(in_root dpkg-query -W -f '${db:Status-Abbrev}' libnss-libvirt-user | tr -d ' ')"
step "3. apt-get dist-upgrade with it" "$ours" apt-get dist-upgrade -y
same "3. the hosts line still names the modules" "hosts:          files libvirt libvirt_guest dns" "$(hosts_line)"
# Back to the distribution's: one apt command; ours takes its modules off the line on removal,
# and Debian's package does not touch nsswitch.conf.
step "4. apt-get install libnss-libvirt: the distribution's again" "libnss-libvirt-$update_version" \
    apt-get install -y libnss-libvirt
same "4. the hosts line as before ours" "$before" "$(hosts_line)"
step "4. apt-get install libvirt-nss: ours again" "$ours" apt-get install -y libvirt-nss
step "5. apt-get remove libnss-libvirt-user libvirt-nss" none apt-get remove -y libnss-libvirt-user libvirt-nss
same "5. the hosts line as before ours" "$before" "$(hosts_line)"
same "5. getent hosts fileshost answers from files" "192.0.2.7       fileshost" "$(getent_in fileshost)"
check "5. getent hosts localhost too" grep -q '^127\.0\.0\.1 *localhost' <<<"$(getent_in localhost)"
# A line that still names the modules (an admin's own edit) does not break lookups either.
sed -i 's/^hosts:.*/hosts:          files libvirt libvirt_guest dns/' "$root/etc/nsswitch.conf"
same "5. with the modules named but gone: getent hosts fileshost" "192.0.2.7       fileshost" "$(getent_in fileshost)"
getent_in myvm; same "5. ... and getent hosts myvm: not found (exit 2)" 2 $?
finish
