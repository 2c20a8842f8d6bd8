#!/bin/bash
# check-rpm: the RPM built by `make rpm`, linted, inspected, and installed for real with dnf into
# an installroot under build/rpm-test/ (local repository only), with getent run chrooted in it.
# %preun with the real authselect is check-authselect's (authselect/README.md). See rpm/README.md.
# Writes "<passed> <failed>" to RESULTS/check-rpm.counts; exits non-zero on failure.
set -u
cd "$(dirname "$0")/../.."
top=$PWD
results=${1:?results directory}
mkdir -p "$results"
work=$top/build/rpm-test
root=$work/root
repo=$work/repo
SUITE=check-rpm RESULTS=$results
. "$top/scripts/tap-checks.sh"
. "$top/scripts/myvm-lease.sh"

shopt -s nullglob
binary=(build/packages/libvirt-nss-[0-9]*.x86_64.rpm)
source=(build/packages/libvirt-nss-[0-9]*.src.rpm)
if [ ${#binary[@]} -ne 1 ] || [ ${#source[@]} -ne 1 ]; then nok "make rpm produced one binary RPM and one SRPM"; finish; fi
binary=${binary[0]} source=${source[0]}
publisher=(build/packages/libvirt-nss-publisher-[0-9]*.noarch.rpm)
if [ ${#publisher[@]} -ne 1 ]; then nok "make rpm produced one libvirt-nss-publisher RPM"; finish; fi
publisher=${publisher[0]}

# --- the package files -------------------------------------------------------------------
# The version Nerdbank.GitVersioning computed when `make rpm` ran (rpm/build-rpm.sh).
eval "$(cat build/rpm/version.env)"
check "version.json's major.minor with the git height as patch" grep -qx "VERSION=$(/usr/bin/python3 -c 'import json; print(json.load(open("version.json"))["version"])')\.[0-9]*" build/rpm/version.env
same "RPM version is the one version.json gives" "$VERSION${PRERELEASE:+~$PRERELEASE}-1" \
    "$(rpm -qp --qf '%{VERSION}-%{RELEASE}' "$binary")"

lint=$(rpmlint -r rpm/libvirt-nss.rpmlintrc "$binary" "$publisher" "$source" build/rpm/SPECS/libvirt-nss.spec 2>&1)
echo "$lint" | tail -1 | sed 's/^/# rpmlint: /'
check "rpmlint: 0 errors, 0 warnings (rpm/libvirt-nss.rpmlintrc)" grep -q ' 0 errors, 0 warnings' <<<"$lint"

expected_files="/usr/bin/libvirt-nss
/usr/lib64/libnss_libvirt.so.2
/usr/lib64/libnss_libvirt_guest.so.2
/usr/libexec/libvirt-nss
/usr/libexec/libvirt-nss/authselect-profile
/usr/share/libvirt-nss
/usr/share/libvirt-nss/authselect
/usr/share/libvirt-nss/authselect/libvirt-hosts.awk
/usr/share/man/man1/libvirt-nss.1.gz
/usr/share/man/man8/nss-libvirt.8.gz"
same "rpm -qlp: command, library, guest symlink, authselect helper, man pages" "$expected_files" \
    "$(rpm -qlp "$binary" | grep -v -e '^/usr/lib/.build-id' -e '^/usr/share/doc/' -e '^/usr/share/licenses/')"
check "rpm -qlp: licence and README" \
    bash -c "rpm -qlp '$binary' | grep -q '/COPYING$' && rpm -qlp '$binary' | grep -q '/README.md$'"
same "guest module is a symlink to the one binary" "/usr/lib64/libnss_libvirt_guest.so.2 -> libnss_libvirt.so.2" \
    "$(rpm -qp --qf '[%{FILENAMES} -> %{FILELINKTOS}\n]' "$binary" | grep 'guest.so.2 ->')"
same "only %preun is a scriptlet (no %post, %postun, %posttrans)" \
    "pre=(none) post=(none) postun=(none) pretrans=(none) posttrans=(none) preun=set" \
    "$(rpm -qp --qf 'pre=%{PREIN} post=%{POSTIN} postun=%{POSTUN} pretrans=%{PRETRANS} posttrans=%{POSTTRANS} preun=' "$binary")$(rpm -qp --qf '%{PREUN}' "$binary" | grep -q 'disable-feature with-libvirt' && echo set)"
same "SRPM BuildRequires name Fedora's .NET 10 AOT SDK, clang, lld, zlib-devel, systemd-rpm-macros" \
    "clang dotnet-sdk-aot-10.0 gcc lld make systemd-rpm-macros zlib-devel" \
    "$(rpm -qp --requires "$source" | grep -v '^rpmlib(' | sort | tr '\n' ' ' | sed 's/ $//')"
check "SRPM spec carries the computed version, no placeholder" \
    bash -c "rpm2cpio '$source' | cpio -i --quiet --to-stdout libvirt-nss.spec | grep -q '^Version: *$VERSION' && ! rpm2cpio '$source' | cpio -i --quiet --to-stdout libvirt-nss.spec | grep -q '@[A-Z_]*@'"

# --- the publisher's package: the unit, opt-in ---------------------------------------------
same "publisher: rpm -qlp: the unit and its README" \
"/usr/lib/systemd/system/libvirt-nss-publisher.service
/usr/share/doc/libvirt-nss-publisher-$VERSION${PRERELEASE:+~$PRERELEASE}/README.publisher.md" \
    "$(rpm -qlp "$publisher" | grep -v '^/usr/share/doc/libvirt-nss-publisher-[^/]*$')"
same "publisher: requires this libvirt-nss and libvirt-libs" \
    "libvirt-libs|libvirt-nss = 1:$VERSION${PRERELEASE:+~$PRERELEASE}-1" \
    "$(rpm -qp --requires "$publisher" | grep -v -e '^rpmlib(' -e '^/bin/sh' | sort | paste -sd '|')"
# %systemd_post applies the presets (Fedora's default preset disables what it does not name; no
# preset names this unit), %systemd_preun disables and stops it on erase: nothing enables it.
scripts=$(rpm -qp --scripts "$publisher")
check "publisher: %post applies presets only (install-system-units), %preun removes, %postun marks for restart" \
    bash -c 'grep -q "install-system-units libvirt-nss-publisher.service" <<<"$1" && grep -q "remove-system-units libvirt-nss-publisher.service" <<<"$1" &&
             grep -q "mark-restart-system-units libvirt-nss-publisher.service" <<<"$1" && ! grep -q -e "systemctl enable" -e "systemctl start" <<<"$1"' _ "$scripts"
same "publisher: no preset file shipped" "" "$(rpm -qlp "$publisher" "$binary" | grep -i preset)"

# The SRPM's tarball, unpacked outside git, gives the same version to NBGV and to the packaging.
srctree=$top/build/rpm-srctree
rm -rf "$srctree" && mkdir -p "$srctree"
tar -xzf "build/rpm/SOURCES/libvirt-nss-$VERSION${PRERELEASE:+~$PRERELEASE}.tar.gz" -C "$srctree" --strip-components=1
same "unpacked tarball (no git): scripts/package-version.sh gives the same version" \
    "$(cat build/rpm/version.env)" "$(cd "$srctree" && scripts/package-version.sh)"
same "unpacked tarball (no git): Nerdbank.GitVersioning gives the same version (as %build runs it)" \
    "$VERSION${PRERELEASE:+-$PRERELEASE}" \
    "$(cd "$srctree" && PublicRelease=true flock "$top/build/.dotnet.lock" dotnet msbuild src/LibvirtNss.Core -restore -nologo \
        -t:GetBuildVersion -getProperty:Version 2>&1 | tail -1)"
rm -rf "$srctree"

# --- a local repository: libvirt-nss (release 1 and an upgrade, release 2) + a bootstrap --
rm -rf "$work"
mkdir -p "$work/home" "$work/reposd" "$repo" "$root/etc" "$root/dev"
# A running system's /dev/null (scriptlets redirect to it); devtmpfs provides it on Fedora.
mknod -m 0666 "$root/dev/null" c 1 3
# Debian's rpm keeps its database in ~/.rpmdb; give the installroot Fedora's /var/lib/rpm.
echo '%_dbpath /var/lib/rpm' > "$work/home/.rpmmacros"
rpmbuild --quiet --define "_topdir $work/bootstrap" --nodeps -bb rpm/tests/bootstrap.spec >/dev/null
sed 's/^Release:.*/Release:        2%{?dist}/' build/rpm/SPECS/libvirt-nss.spec > "$work/libvirt-nss-2.spec"
rpmbuild --quiet --define "_topdir $work/release2" --define "_sourcedir $top/build/rpm/SOURCES" --nodeps \
    --with prebuilt --define "prebuilt_dir $top/build" -bb "$work/libvirt-nss-2.spec" >/dev/null
cp "$work"/bootstrap/RPMS/*/*.rpm "$work"/release2/RPMS/*/*.rpm "$binary" "$publisher" "$repo/"
createrepo_c -q "$repo"

rpm_root() { HOME=$work/home rpm --root "$root" "$@"; }
dnf_root() {
    HOME=$work/home dnf -y -q --installroot="$root" --releasever=0 --disablerepo='*' \
        --setopt=reposdir="$work/reposd" --repofrompath=local,"$repo" --enablerepo=local \
        --nogpgcheck --setopt=install_weak_deps=False --setopt=clean_requirements_on_remove=False \
        --refresh "$@" >>"$work/dnf.log" 2>&1
}
hosts_line() { grep '^hosts:' "$root/etc/nsswitch.conf"; }

# The hosts: line authselect's local profile gives Fedora, without and with with-libvirt
# (check-authselect gets them from the real authselect).
nsswitch() { printf 'passwd:     files systemd\n%s\nnetworks:   files dns\n' "$1" > "$root/etc/nsswitch.conf"; }
nsswitch 'hosts:      files myhostname resolve [!UNAVAIL=return] dns'
before=$(hosts_line)
echo "# dnf test: hosts before install: $before"

# --- install --------------------------------------------------------------------------
if dnf_root install "libvirt-nss-$VERSION-1" && cp "$work/dnf.log" "$work/dnf-install.log"; then ok "dnf install libvirt-nss (local repository only)"
else nok "dnf install libvirt-nss"; sed 's/^/#/' "$work/dnf.log"; finish; fi
check "dnf pulled the bootstrap in to satisfy libc.so.6(GLIBC_2.2.5)(64bit) and /bin/sh" \
    bash -c "HOME=$work/home rpm --root $root -q libvirt-nss-test-bootstrap >/dev/null"
check "no scriptlet error on install" bash -c "! grep -qi 'scriptlet' '$work/dnf-install.log'"
after=$(hosts_line)
echo "# dnf test: hosts after install:  $after"
same "install leaves nsswitch.conf as it was (the admin enables with authselect)" "$before" "$after"
same "rpm -V libvirt-nss is clean" "" "$(rpm_root -V libvirt-nss 2>&1)"
check "installed files are there" test -f "$root/usr/lib64/libnss_libvirt.so.2" -a -x "$root/usr/libexec/libvirt-nss/authselect-profile"
same "installed guest module is a symlink" "libnss_libvirt.so.2" "$(readlink "$root/usr/lib64/libnss_libvirt_guest.so.2")"

# --- real getent, chrooted, against a fake lease directory ---------------------------------
myvm_lease "$root"
: > "$root/etc/hosts"
ldconfig -r "$root"
nsswitch 'hosts:      files myhostname libvirt libvirt_guest resolve [!UNAVAIL=return] dns'
echo "# dnf test: hosts as 'authselect enable-feature with-libvirt' writes it: $(hosts_line)"
same "getent hosts myvm (module libvirt) in the installroot" "192.168.122.45  myvm" \
    "$(chroot "$root" /usr/bin/getent hosts myvm)"
# Debian's ld.so (borrowed by the bootstrap) searches /usr/lib64 only through ld.so.cache, which
# lists libraries by SONAME; Fedora's searches /usr/lib64 itself. LD_LIBRARY_PATH stands in.
same "getent hosts vm1 (module libvirt_guest, the symlink) in the installroot" "192.168.122.45  vm1" \
    "$(chroot "$root" /bin/sh -c 'LD_LIBRARY_PATH=/usr/lib64 exec /usr/bin/getent hosts vm1')"
same "libvirt-nss resolve myvm (the command) in the installroot" "192.168.122.45" \
    "$(chroot "$root" /usr/bin/libvirt-nss resolve myvm 2>&1 | grep -o '192\.168\.122\.45' | sort -u)"
nsswitch "$before"

# --- the publisher installed: the unit is there, not enabled ---------------------------------
: > "$work/dnf.log"
if dnf_root install "libvirt-nss-publisher-$VERSION-1" && cp "$work/dnf.log" "$work/dnf-install-publisher.log"; then
    ok "dnf install libvirt-nss-publisher"
else nok "dnf install libvirt-nss-publisher"; sed 's/^/#/' "$work/dnf.log"; fi
check "publisher: no scriptlet error on install" bash -c "! grep -qi 'scriptlet' '$work/dnf-install-publisher.log'"
check "publisher: the unit is installed" test -f "$root/usr/lib/systemd/system/libvirt-nss-publisher.service"
# systemctl --root reads the installroot's unit files and links without a running systemd.
same "publisher: systemctl is-enabled says disabled" "disabled" \
    "$(systemctl --root="$root" is-enabled libvirt-nss-publisher.service 2>&1)"
same "publisher: no symlink to the unit under /etc/systemd" "" "$(find "$root/etc/systemd" -name 'libvirt-nss-publisher.service' 2>/dev/null)"
: > "$work/dnf.log"
check "dnf remove libvirt-nss-publisher" dnf_root remove libvirt-nss-publisher
check "publisher: no scriptlet error on erase" bash -c "! grep -qi 'scriptlet' '$work/dnf.log'"
check "publisher: erase left no unit" test ! -e "$root/usr/lib/systemd/system/libvirt-nss-publisher.service"

# --- upgrade and erase: the root has no authselect, so %preun changes nothing -----------------
check "dnf upgrade to release 2" dnf_root upgrade libvirt-nss
same "upgraded" "$VERSION-2" "$(rpm_root -q --qf '%{VERSION}-%{RELEASE}' libvirt-nss)"
: > "$work/dnf.log"
if dnf_root remove libvirt-nss && cp "$work/dnf.log" "$work/dnf-remove.log"; then ok "dnf remove without authselect"; else nok "dnf remove without authselect"; fi
check "no scriptlet error on erase" bash -c "! grep -qi 'scriptlet' '$work/dnf-remove.log'"

# --- clean after erase ------------------------------------------------------------------
same "erased: rpm database holds only the bootstrap" "libvirt-nss-test-bootstrap" "$(rpm_root -qa --qf '%{NAME}\n')"
same "erased: no file of the package is left" "" \
    "$(cd "$root" && ls -d usr/lib64/libnss_libvirt* usr/libexec/libvirt-nss usr/share/libvirt-nss usr/share/doc/libvirt-nss* usr/share/licenses/libvirt-nss* 2>/dev/null)"
same "erased: nsswitch.conf as before install" "$before" "$(hosts_line)"
finish
