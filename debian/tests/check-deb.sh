#!/bin/bash
# check-deb: the Debian package built by `make deb`, linted, inspected, and installed for real
# with apt into a bookworm chroot made by mmdebstrap (cached as build/cache/bookworm-apt.tar,
# with Debian's libnss-libvirt installed so that the replacement is tested), run in private
# mount and network namespaces. See debian/README.md.
# Writes "<passed> <failed>" to RESULTS/check-deb.counts; exits non-zero on failure.
set -u
cd "$(dirname "$0")/../.."
top=$PWD
results=${1:?results directory}
mkdir -p "$results"
cache=$top/build/cache/bookworm-apt.tar
work=$top/build/deb-test
root=$work/root
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
SUITE=check-deb RESULTS=$results
. "$top/scripts/tap-checks.sh"
. "$top/scripts/myvm-lease.sh"

shopt -s nullglob
debs=(build/packages/libvirt-nss_*.deb)
if [ ${#debs[@]} -ne 1 ]; then nok "make deb produced one .deb"; finish; fi
deb=$top/${debs[0]}
pubdebs=(build/packages/libvirt-nss-publisher_*_all.deb)
if [ ${#pubdebs[@]} -ne 1 ]; then nok "make deb produced one libvirt-nss-publisher .deb"; finish; fi
pubdeb=$top/${pubdebs[0]}

# --- the package file ----------------------------------------------------------------------
# The version Nerdbank.GitVersioning computed when `make deb` ran (debian/build-deb.sh).
eval "$(cat build/deb/version.env)"
same "Debian version is the one version.json gives, revision 1" "$VERSION${PRERELEASE:+~$PRERELEASE}-1" \
    "$(dpkg-deb -f "$deb" Version)"
check "changelog generated with that version" \
    bash -c "dpkg-deb --fsys-tarfile '$deb' | tar -xO ./usr/share/doc/libvirt-nss/changelog.Debian.gz | zcat | head -1 | grep -qF 'libvirt-nss ($VERSION'"

lint=$(lintian --pedantic -I "$deb" "$pubdeb" build/deb/libvirt-nss_*.changes build/packages/libvirt-nss_*.dsc 2>&1 |
      grep -v 'running with root privileges')
same "lintian --pedantic -I on both .debs, the .changes and the .dsc: no tag (overrides in debian/*.lintian-overrides, debian/source/lintian-overrides)" "" "$lint"

same "dpkg-deb -c: library, guest symlink, command, apt allowance, docs, man pages" \
"./etc/apt/apt.conf.d/90libvirt-nss
./lib/$multiarch/libnss_libvirt.so.2
./lib/$multiarch/libnss_libvirt_guest.so.2 -> libnss_libvirt.so.2
./usr/bin/libvirt-nss
./usr/share/doc/libvirt-nss/README.md.gz
./usr/share/doc/libvirt-nss/changelog.Debian.gz
./usr/share/doc/libvirt-nss/copyright
./usr/share/lintian/overrides/libvirt-nss
./usr/share/man/man1/libvirt-nss.1.gz
./usr/share/man/man8/nss-libvirt.8.gz" \
    "$(dpkg-deb -c "$deb" | grep -v '/$' | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print }' | sort)"
same "replaces Debian's libnss-libvirt" "libnss-libvirt|libnss-libvirt|libnss-libvirt" \
    "$(dpkg-deb -f "$deb" Conflicts)|$(dpkg-deb -f "$deb" Replaces)|$(dpkg-deb -f "$deb" Provides)"
same "the apt allowance is a conffile" "/etc/apt/apt.conf.d/90libvirt-nss" \
    "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)"
same "apt allowance content" 'apt::sandbox::seccomp::allow { "getdents"; "getdents64"; "pread64"; };' \
    "$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./etc/apt/apt.conf.d/90libvirt-nss | grep -v '^//')"

# --- the publisher's package: the unit, opt-in ----------------------------------------------
same "publisher: dpkg-deb -c: the unit, its docs, lintian overrides" \
"./lib/systemd/system/libvirt-nss-publisher.service
./usr/share/doc/libvirt-nss-publisher/changelog.Debian.gz
./usr/share/doc/libvirt-nss-publisher/copyright
./usr/share/doc/libvirt-nss-publisher/publisher.md.gz
./usr/share/lintian/overrides/libvirt-nss-publisher" \
    "$(dpkg-deb -c "$pubdeb" | grep -v '/$' | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print }' | sort)"
same "publisher: architecture all, depends on libvirt-nss from this version (its publish command) and on libvirt0" \
    "all|libvirt-nss (>= $VERSION${PRERELEASE:+~$PRERELEASE}-1), libvirt0" \
    "$(dpkg-deb -f "$pubdeb" Architecture)|$(dpkg-deb -f "$pubdeb" Depends)"
same "publisher: the unit runs the command's publish" "ExecStart=/usr/bin/libvirt-nss publish" \
    "$(dpkg-deb --fsys-tarfile "$pubdeb" | tar -xO ./lib/systemd/system/libvirt-nss-publisher.service | grep '^ExecStart=')"
# dh_installsystemd --no-enable --no-start: the postinst starts nothing, and re-enables the unit
# only where the administrator had enabled it (the debian-installed guard).
check "publisher: the maintainer scripts neither enable nor start the unit" \
    bash -c "dpkg-deb --ctrl-tarfile '$pubdeb' | tar -xO ./postinst > '$top/build/publisher.postinst' &&
             ! grep -q deb-systemd-invoke '$top/build/publisher.postinst' &&
             grep -q 'if deb-systemd-helper debian-installed' '$top/build/publisher.postinst'"

# --- a bookworm chroot (cached) ------------------------------------------------------------
if [ ! -s "$cache" ]; then
    mkdir -p "$(dirname "$cache")"
    echo "# making $cache with mmdebstrap (once; about a minute)"
    if mmdebstrap --quiet --variant=apt --include=libnss-libvirt --format=tar bookworm "$cache.tmp"; then
        mv "$cache.tmp" "$cache"
    else
        rm -f "$cache.tmp"; nok "mmdebstrap --variant=apt bookworm"; finish
    fi
fi
rm -rf "$work" && mkdir -p "$root"
tar -xf "$cache" -C "$root"
cp "$deb" "$root/tmp/"
debname=/tmp/$(basename "$deb")

# Runs a command in the chroot, in private mount and network namespaces (no network at all).
in_root() {
    unshare -m -n --propagation private -- sh -c '
        root=$1; shift
        mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
            DEBIAN_FRONTEND=noninteractive HOME=/root "$@"' sh "$root" "$@"
}
hosts_line() { grep '^hosts:' "$root/etc/nsswitch.conf"; }
status_of() { in_root dpkg-query -W -f '${db:Status-Abbrev}' "$1" 2>/dev/null | tr -d ' '; }
set_hosts() { sed -i "s/^hosts:.*/$1/" "$root/etc/nsswitch.conf"; }

same "chroot starts with Debian's libnss-libvirt installed" "ii" "$(status_of libnss-libvirt)"
before=$(hosts_line)
echo "# apt test: hosts before install: $before"

# --- apt-get install ./libvirt-nss_*.deb ---------------------------------------------------
if in_root apt-get install -y "$debname" >"$work/apt-install.log" 2>&1; then ok "apt-get install ./$(basename "$deb")"
else nok "apt-get install ./$(basename "$deb")"; sed 's/^/#/' "$work/apt-install.log" | tail -20; finish; fi
same "libvirt-nss installed" "ii" "$(status_of libvirt-nss)"
check "libnss-libvirt removed in its favour" test "$(status_of libnss-libvirt)" != ii
after=$(hosts_line)
echo "# apt test: hosts after install:  $after"
same "install puts libvirt libvirt_guest before dns" "hosts:          files libvirt libvirt_guest dns" "$after"
same "the library belongs to libvirt-nss" "libvirt-nss: /lib/$multiarch/libnss_libvirt.so.2" \
    "$(in_root dpkg -S "/lib/$multiarch/libnss_libvirt.so.2" 2>&1)"
check "installed library is the packaged one" \
    bash -c "dpkg-deb --fsys-tarfile '$deb' | tar -xO ./lib/$multiarch/libnss_libvirt.so.2 | cmp -s - '$root/lib/$multiarch/libnss_libvirt.so.2'"
same "installed guest module is a symlink" "libnss_libvirt.so.2" "$(readlink "$root/lib/$multiarch/libnss_libvirt_guest.so.2")"

# --- real getent in the chroot, against a fake lease directory -----------------------------
myvm_lease "$root"
chmod -R a+rX "$root/var/lib/libvirt"
same "getent hosts myvm (module libvirt) in the chroot" "192.168.122.45  myvm" "$(in_root getent hosts myvm)"
same "getent hosts vm1 (module libvirt_guest) in the chroot" "192.168.122.45  vm1" "$(in_root getent hosts vm1)"
same "libvirt-nss resolve myvm (the command) in the chroot" "192.168.122.45" \
    "$(in_root libvirt-nss resolve myvm 2>&1 | grep -o '192\.168\.122\.45' | sort -u)"

# --- apt's seccomp-sandboxed http method resolves through the module ------------------------
# The method (run as _apt) looks `myvm` up through NSS, so the module runs inside it; when it
# answers, the method fails only to connect (there is no network here). With apt's seccomp
# sandbox on, the allowance the package ships must cover every system call the module makes.
echo 'deb http://myvm/debian bookworm main' > "$root/tmp/myvm.list"
apt_update_myvm() { # seccomp: true|false
    in_root apt-get -o APT::Sandbox::Seccomp="$1" -o Dir::Etc::SourceList=/tmp/myvm.list \
        -o Dir::Etc::SourceParts=/nonexistent -o Acquire::Retries=0 update 2>&1
}
resolved='myvm:80 (192\.168\.122\.45)'
check "apt's http method resolves myvm through the module" grep -q "$resolved" <<<"$(apt_update_myvm false)"
out=$(apt_update_myvm true)
check "... also under apt's seccomp sandbox, with the package's allowance" grep -q "$resolved" <<<"$out"
check "... and the method is not killed" bash -c '! grep -q -e "died unexpectedly" -e "Seccomp prevented"' <<<"$out"
mkdir -p "$work/aside"
mv "$root"/etc/apt/apt.conf.d/90libvirt-nss "$root"/etc/apt/apt.conf.d/90libnss-libvirt "$work/aside/" 2>/dev/null
check "without the allowance the sandboxed method dies (so the allowance is needed)" \
    grep -q "died unexpectedly" <<<"$(apt_update_myvm true)"
mv "$work"/aside/* "$root/etc/apt/apt.conf.d/"

# --- the publisher installed: the unit is there, not enabled -------------------------------
# The chroot's libnss-libvirt brought libvirt0 in, which apt keeps: the dependency is satisfied
# offline (the unit is not run here).
same "publisher: libvirt0 is in the chroot" "ii" "$(status_of libvirt0)"
cp "$pubdeb" "$root/tmp/"
pubname=/tmp/$(basename "$pubdeb")
if in_root apt-get install -y "$pubname" >"$work/apt-install-publisher.log" 2>&1; then
    ok "apt-get install ./$(basename "$pubdeb")"
else nok "apt-get install ./$(basename "$pubdeb")"; sed 's/^/#/' "$work/apt-install-publisher.log" | tail -20; fi
same "publisher installed" "ii" "$(status_of libvirt-nss-publisher)"
check "publisher: the unit is installed" test -f "$root/lib/systemd/system/libvirt-nss-publisher.service"
# systemd's own reading of the unit as installed (systemd-analyze verify: every key known, the
# command executable), in a root of the unit, the command and the machine's systemd units, which
# hold the targets it names; and of a copy with a key systemd does not know, so the check can tell.
verify_unit() {  # verify_unit UNIT-FILE: systemd-analyze's status and what it printed
    local vroot=$work/systemd-root
    rm -rf "$vroot" && mkdir -p "$vroot/lib/systemd" "$vroot/usr/bin" &&
      cp -a /lib/systemd/system "$vroot/lib/systemd/" &&
      cp "$1" "$vroot/lib/systemd/system/libvirt-nss-publisher.service" &&
      cp "$root/usr/bin/libvirt-nss" "$vroot/usr/bin/" || return
    systemd-analyze verify --man=no --root="$vroot" libvirt-nss-publisher.service 2>&1; echo "status $?"
}
same "publisher: systemd-analyze verify finds nothing to say of the installed unit" "status 0" \
    "$(verify_unit "$root/lib/systemd/system/libvirt-nss-publisher.service")"
echo "# publisher: $(systemd-analyze security --offline=yes --root="$work/systemd-root" libvirt-nss-publisher.service 2>&1 | grep -o 'Overall exposure level.*')"
sed 's/^ProtectClock=yes$/&\nProtectClok=yes/' "$root/lib/systemd/system/libvirt-nss-publisher.service" > "$work/misspelt.service"
check "... and says when a key is misspelt (so the check can tell)" \
    grep -q "Unknown key 'ProtectClok'" <<<"$(verify_unit "$work/misspelt.service")"
same "publisher: the unit is not enabled (no symlink to it under /etc/systemd)" "" \
    "$(find "$root/etc/systemd" -name 'libvirt-nss-publisher.service' 2>/dev/null)"
# systemctl --root reads the chroot's unit files and links without a running systemd.
same "publisher: systemctl is-enabled says disabled" "disabled" \
    "$(systemctl --root="$root" is-enabled libvirt-nss-publisher.service 2>&1)"
systemctl --root="$root" enable libvirt-nss-publisher.service >/dev/null 2>&1
same "... and enabled once the administrator enables it (so the check can tell)" "enabled" \
    "$(systemctl --root="$root" is-enabled libvirt-nss-publisher.service 2>&1)"
systemctl --root="$root" disable libvirt-nss-publisher.service >/dev/null 2>&1
check "publisher: no error from the maintainer scripts" bash -c "! grep -qi -e 'error' -e 'warning' '$work/apt-install-publisher.log'"
if in_root apt-get purge -y libvirt-nss-publisher >"$work/apt-purge-publisher.log" 2>&1; then ok "apt-get purge libvirt-nss-publisher"
else nok "apt-get purge libvirt-nss-publisher"; fi
same "publisher purged, libvirt-nss kept" "|ii" "$(status_of libvirt-nss-publisher)|$(status_of libvirt-nss)"
check "publisher purge left no unit" test ! -e "$root/lib/systemd/system/libvirt-nss-publisher.service"

# --- remove, reinstall, purge --------------------------------------------------------------
if in_root apt-get remove -y libvirt-nss >"$work/apt-remove.log" 2>&1; then ok "apt-get remove libvirt-nss"; else nok "apt-get remove libvirt-nss"; fi
echo "# apt test: hosts after remove:   $(hosts_line)"
same "remove restores the hosts line" "$before" "$(hosts_line)"
check "remove took the library away" test ! -e "$root/lib/$multiarch/libnss_libvirt.so.2" -a ! -L "$root/lib/$multiarch/libnss_libvirt_guest.so.2"
same "remove keeps the conffile (rc)" "rc" "$(status_of libvirt-nss)"
in_root apt-get install -y "$debname" >>"$work/apt-install.log" 2>&1
same "reinstall after remove adds the modules again" "hosts:          files libvirt libvirt_guest dns" "$(hosts_line)"
in_root apt-get purge -y libvirt-nss >"$work/apt-purge.log" 2>&1
echo "# apt test: hosts after purge:    $(hosts_line)"
same "purge restores the hosts line" "$before" "$(hosts_line)"
check "purge removed the apt allowance" test ! -e "$root/etc/apt/apt.conf.d/90libvirt-nss"
same "purge leaves no trace in dpkg" "" "$(status_of libvirt-nss)"
check "no dh-nss marker left" bash -c "! ls '$root'/etc/nsswitch.conf.nss.* 2>/dev/null | grep -q ."

# --- placement on other hosts: lines (dpkg -i, then dpkg -P restores the line) --------------
while IFS='|' read -r line expected; do
    set_hosts "$line"
    in_root dpkg -i "$debname" >/dev/null 2>&1
    got=$(hosts_line)
    in_root dpkg -P libvirt-nss >/dev/null 2>&1
    same "install on '$line'" "$expected" "$got"
    same "purge restores '$line'" "$line" "$(hosts_line)"
done <<'LINES'
hosts: files myhostname resolve [!UNAVAIL=return] dns|hosts: files myhostname libvirt libvirt_guest resolve [!UNAVAIL=return] dns
hosts: files mdns4_minimal [NOTFOUND=return] dns|hosts: files libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns
hosts: files myhostname mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns mymachines|hosts: files myhostname libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns mymachines
hosts: files dns mdns4|hosts: files libvirt libvirt_guest dns mdns4
hosts: files|hosts: files libvirt libvirt_guest
LINES
set_hosts "$before"
finish
