#!/bin/bash
# The first process of run-tests.sh's new mount, network and PID namespaces (see there).
#   in-namespaces.sh ROOTDIR RPM WORK     (SUITE and RESULTS in the environment)
# ROOTDIR is what make-root.sh made (ROOTDIR/root, VERSION, stamp), RPM the binary package.
#
# The root becomes writable through an overlay whose upper layer is a tmpfs of this mount
# namespace; every command of the test runs chrooted in it, with the root's own authselect, rpm,
# getent and sh. The package is installed by the root's rpm, so that its %preun runs there and
# calls the real authselect. Besides the /etc/authselect/custom that make-root.sh creates, two
# things stand in for Fedora:
#   - `rpm -i --nodeps`: the root's rpm database is empty (Debian's glibc and sh are in dpkg's),
#     so nothing in it provides libc.so.6(GLIBC_2.34)(64bit) or /bin/sh; check-rpm resolves
#     those with dnf against a bootstrap package;
#   - LD_LIBRARY_PATH=/usr/lib64: Fedora's ld.so searches /usr/lib64, where the RPM puts the
#     modules, by itself; Debian's reaches it only through ld.so.cache, which lists libraries by
#     SONAME, so not the libnss_libvirt_guest.so.2 symlink.
set -u
rootdir=$1 rpm=$2 work=$3
here=$(dirname "$(realpath "$0")")
# shellcheck source=../../scripts/tap-checks.sh
. "$here/../../scripts/tap-checks.sh"
# shellcheck source=../../scripts/myvm-lease.sh
. "$here/../../scripts/myvm-lease.sh"

echo "# $SUITE: $(cat "$rootdir/VERSION")"
new=$work/root layer=$work/layer
mkdir -p "$new" "$layer"
if mount -t tmpfs tmpfs "$layer" && mkdir "$layer/upper" "$layer/work" &&
   mount -t overlay overlay -o "lowerdir=$rootdir/root,upperdir=$layer/upper,workdir=$layer/work" "$new" &&
   mount --rbind /proc "$new/proc" && mount --rbind /dev "$new/dev"; then
  ok "the cached root, writable through a tmpfs overlay of this mount namespace"
else
  nok "the cached root, writable through a tmpfs overlay of this mount namespace"; finish
fi

in_root() {
  chroot "$new" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME=/root \
    LD_LIBRARY_PATH=/usr/lib64 "$@"
}
hosts_line() { in_root grep '^hosts:' /etc/nsswitch.conf; }
current() { in_root authselect current --raw 2>&1; }
select_profile() { in_root authselect select "$@" --force >/dev/null 2>&1; }
# What authselect writes, to compare before and after (nsswitch.conf and every file of /etc/authselect).
config() { in_root sh -c 'cat /etc/nsswitch.conf; find /etc/authselect -type f | sort | xargs sha256sum'; }
# The lines of authselect's own profiles, as Fedora gets them.
local_off='hosts:      files myhostname resolve [!UNAVAIL=return] dns'
local_on='hosts:      files myhostname libvirt libvirt_guest resolve [!UNAVAIL=return] dns'
local_mdns4_off='hosts:      files myhostname mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns'
local_mdns4_on='hosts:      files myhostname libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns'
local_mdns_on='hosts:      files myhostname libvirt libvirt_guest mdns_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns'
helper=/usr/libexec/libvirt-nss/authselect-profile

# --- authselect's own profiles -----------------------------------------------------------
out=$(in_root authselect current --raw 2>&1); status=$?
same "nothing selected yet: authselect current --raw exits 2 (what %preun and the command test)" 2 "$status"
echo "# authselect current --raw, nothing selected: $out"
profiles=$(in_root authselect list | sed -n 's/^- \([^ \t]*\).*/\1/p' | tr '\n' ' ')
echo "# authselect list: $profiles"
check "the root's nsswitch.conf is Debian's until a profile is selected" bash -c "! grep -q authselect '$new/etc/nsswitch.conf'"

select_profile local
same "select local: hosts line of Fedora's default profile" "$local_off" "$(hosts_line)"
select_profile local with-libvirt
same "select local with-libvirt: the modules after files myhostname, before resolve and dns" "$local_on" "$(hosts_line)"
select_profile local with-libvirt with-mdns4
same "select local with-libvirt with-mdns4: before mdns4_minimal [NOTFOUND=return]" "$local_mdns4_on" "$(hosts_line)"
select_profile local with-libvirt with-mdns4 with-mdns6
same "select local with-libvirt with-mdns4 with-mdns6: before mdns_minimal [NOTFOUND=return]" "$local_mdns_on" "$(hosts_line)"

# Every profile authselect ships offers the feature, at the same place (after files myhostname).
for profile in $profiles; do
  check "$profile offers with-libvirt (authselect list-features)" \
    bash -c "chroot '$new' authselect list-features '$profile' | grep -qx with-libvirt"
  select_profile "$profile"; off=$(hosts_line)
  select_profile "$profile" with-libvirt; on=$(hosts_line)
  same "$profile with-libvirt: libvirt libvirt_guest right after files myhostname" \
    "${off/files myhostname /files myhostname libvirt libvirt_guest }" "$on"
  echo "#   $on"
done

select_profile local with-mdns4
before=$(config)
in_root authselect enable-feature with-libvirt >/dev/null 2>&1
same "enable-feature with-libvirt: hosts line" "$local_mdns4_on" "$(hosts_line)"
same "enable-feature with-libvirt: added to the features" "local with-mdns4 with-libvirt" "$(current)"
in_root authselect disable-feature with-libvirt >/dev/null 2>&1
same "disable-feature with-libvirt: the feature off again" "local with-mdns4" "$(current)"
same "disable-feature with-libvirt: the configuration as before enable-feature" "$before" "$(config)"
in_root authselect enable-feature with-libvirt-typo >/dev/null 2>&1; status=$?
same "enable-feature of a feature the profile lacks exits 1, changing nothing" "1 local with-mdns4" "$status $(current)"

# --- the package, installed by the root's rpm --------------------------------------------
cp "$rpm" "$new/tmp/"
package=/tmp/$(basename "$rpm")
before=$(config)
out=$(in_root rpm -i --nodeps "$package" 2>&1); status=$?
same "rpm -i --nodeps $(basename "$rpm"): no output, exit 0" "0 " "$status $out"
same "install leaves the configuration as it was (the admin enables with authselect)" "$before" "$(config)"
same "rpm -V --nodeps libvirt-nss is clean" "" "$(in_root rpm -V --nodeps libvirt-nss 2>&1)"

myvm_lease "$new"
: > "$new/etc/hosts"

in_root getent hosts myvm >/dev/null; status=$?
same "feature off: getent hosts myvm finds nothing (exit 2)" 2 "$status"
select_profile local with-libvirt
same "select local with-libvirt: getent hosts myvm (module libvirt)" "192.168.122.45  myvm" "$(in_root getent hosts myvm)"
same "select local with-libvirt: getent hosts vm1 (module libvirt_guest, the symlink)" "192.168.122.45  vm1" "$(in_root getent hosts vm1)"
same "select local with-libvirt: getent hosts 192.168.122.45 (reverse)" "192.168.122.45  myvm" "$(in_root getent hosts 192.168.122.45)"
same "libvirt-nss resolve myvm" "192.168.122.45" "$(in_root libvirt-nss resolve myvm 2>&1 | grep -o '192\.168\.122\.45' | sort -u)"
out=$(in_root libvirt-nss doctor 2>&1); status=$?
check "libvirt-nss doctor: no problem with the feature on" test "$status" -eq 0
[ "$status" -eq 0 ] || sed 's/^/#   /' <<<"$out"

# --- libvirt-nss enable / disable drive the real authselect ---------------------------------
select_profile local with-mdns4
before=$(config)
out=$(in_root libvirt-nss doctor 2>&1); status=$?
check "feature off: libvirt-nss doctor fails and names authselect enable-feature with-libvirt" \
  bash -c '[ "$0" -eq 1 ] && grep -q "authselect enable-feature with-libvirt" <<<"$1"' "$status" "$out"
out=$(in_root libvirt-nss enable 2>&1); status=$?
check "libvirt-nss enable: runs authselect enable-feature with-libvirt" \
  bash -c '[ "$0" -eq 0 ] && grep -qx "running: authselect enable-feature with-libvirt" <<<"$1"' "$status" "$out"
same "libvirt-nss enable: features" "local with-mdns4 with-libvirt" "$(current)"
same "libvirt-nss enable: hosts line" "$local_mdns4_on" "$(hosts_line)"
same "libvirt-nss enable: getent hosts myvm" "192.168.122.45  myvm" "$(in_root getent hosts myvm)"
enabled=$(config)
out=$(in_root libvirt-nss enable 2>&1); status=$?
check "libvirt-nss enable again: already enabled, nothing run" \
  bash -c '[ "$0" -eq 0 ] && grep -q "already enabled" <<<"$1" && ! grep -q running <<<"$1"' "$status" "$out"
same "libvirt-nss enable again: the configuration unchanged" "$enabled" "$(config)"
out=$(in_root libvirt-nss disable 2>&1); status=$?
check "libvirt-nss disable: runs authselect disable-feature with-libvirt" \
  bash -c '[ "$0" -eq 0 ] && grep -qx "running: authselect disable-feature with-libvirt" <<<"$1"' "$status" "$out"
same "libvirt-nss disable: the configuration as before enable" "$before" "$(config)"
out=$(in_root libvirt-nss disable 2>&1); status=$?
check "libvirt-nss disable again: already disabled" bash -c '[ "$0" -eq 0 ] && grep -q "already disabled" <<<"$1"' "$status" "$out"

# The file authselect generated, with authselect's configuration gone: the command recognises it
# and does not edit it.
mv "$new/etc/authselect/authselect.conf" "$work/authselect.conf"
out=$(in_root libvirt-nss enable 2>&1); status=$?
check "authselect's file without its configuration: libvirt-nss enable refuses and names authselect" \
  bash -c '[ "$0" -eq 1 ] && grep -q "authselect" <<<"$1"' "$status" "$out"
echo "#   $out"
mv "$work/authselect.conf" "$new/etc/authselect/authselect.conf"
same "... and leaves it as it was" "$before" "$(config)"

# --- a profile without the feature: RHEL 9's sssd (authselect 1.2), through the helper --------
# A vendor profile named sssd replaces the default one of that name (authselect-profiles(5)):
# the shipped sssd profile with the nsswitch.conf template of RHEL 9's.
mkdir -p "$new/usr/share/authselect/vendor"
cp -a "$new/usr/share/authselect/default/sssd" "$new/usr/share/authselect/vendor/sssd"
cp "$here/profiles/sssd-rhel9.nsswitch.conf" "$new/usr/share/authselect/vendor/sssd/nsswitch.conf"
select_profile sssd with-mdns4 with-mkhomedir
same "RHEL 9's sssd with-mdns4: hosts line" 'hosts:      files mdns4_minimal [NOTFOUND=return] dns myhostname' "$(hosts_line)"
before=$(config)
out=$(in_root libvirt-nss enable 2>&1); status=$?
check "profile without with-libvirt: libvirt-nss enable fails and names $helper --select" \
  bash -c '[ "$0" -eq 1 ] && grep -qF "$2 --select" <<<"$1"' "$status" "$out" "$helper"
out=$(in_root libvirt-nss disable 2>&1); status=$?
check "profile without with-libvirt: libvirt-nss disable has nothing to disable" \
  bash -c '[ "$0" -eq 0 ] && grep -q "nothing to disable" <<<"$1"' "$status" "$out"
same "... and neither changes the configuration" "$before" "$(config)"

out=$(in_root "$helper" 2>&1); status=$?
check "$helper: derives custom/libvirt-nss and prints the select command with the features enabled now" \
  bash -c '[ "$0" -eq 0 ] && grep -qxF "  authselect select custom/libvirt-nss with-mdns4 with-mkhomedir with-libvirt" <<<"$1"' "$status" "$out"
custom=$new/etc/authselect/custom/libvirt-nss
check "custom/libvirt-nss: nsswitch.conf copied, the rest linked to the base (create-profile --symlink-*)" \
  bash -c "[ -f '$custom/nsswitch.conf' ] && [ ! -L '$custom/nsswitch.conf' ] && [ \"\$(readlink '$custom/system-auth')\" = /usr/share/authselect/vendor/sssd/system-auth ]"
check "custom/libvirt-nss offers with-libvirt" bash -c "chroot '$new' authselect list-features custom/libvirt-nss | grep -qx with-libvirt"
same "nothing selected by the helper without --select" "sssd with-mdns4 with-mkhomedir" "$(current)"
in_root authselect select custom/libvirt-nss with-mdns4 with-mkhomedir with-libvirt >/dev/null 2>&1
same "select custom/libvirt-nss ... with-libvirt: hosts line" \
  'hosts:      files libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns myhostname' "$(hosts_line)"
same "... getent hosts vm1" "192.168.122.45  vm1" "$(in_root getent hosts vm1)"
in_root libvirt-nss disable >/dev/null 2>&1
same "libvirt-nss disable on the derived profile" 'hosts:      files mdns4_minimal [NOTFOUND=return] dns myhostname' "$(hosts_line)"
in_root libvirt-nss enable >/dev/null 2>&1
same "libvirt-nss enable on the derived profile" "custom/libvirt-nss with-mdns4 with-mkhomedir with-libvirt" "$(current)"
out=$(in_root "$helper" 2>&1); status=$?
check "$helper on the derived profile: it already offers the feature, nothing made" \
  bash -c '[ "$0" -eq 0 ] && grep -q "already provides with-libvirt" <<<"$1" && [ "$(ls "$2")" = libvirt-nss ]' \
  "$status" "$out" "$new/etc/authselect/custom"

select_profile sssd with-mdns4
out=$(in_root "$helper" --select --name second 2>&1); status=$?
same "$helper --select --name second: selects custom/second with the features enabled now" \
  "0 custom/second with-mdns4 with-libvirt" "$status $(current)"
same "... hosts line" 'hosts:      files libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns myhostname' "$(hosts_line)"
out=$(in_root "$helper" --base sssd --name second 2>&1); status=$?
check "$helper: an existing custom profile is not overwritten" bash -c '[ "$0" -eq 1 ] && grep -q create-profile <<<"$1"' "$status" "$out"
# authselect list-features fails on a selected profile whose directory is gone.
mv "$new/etc/authselect/custom/second" "$work/second"
out=$(in_root libvirt-nss enable 2>&1); status=$?
check "the selected profile is gone: libvirt-nss enable fails and says so" \
  bash -c '[ "$0" -eq 1 ] && grep -q "profile custom/second does not offer with-libvirt" <<<"$1"' "$status" "$out"
mv "$work/second" "$new/etc/authselect/custom/second"

# An administrator's custom profile whose hosts: line names no dns entry, with nothing selected.
in_root authselect opt-out >/dev/null 2>&1
out=$(in_root "$helper" 2>&1); status=$?
check "nothing selected, no --base: $helper says so" \
  bash -c '[ "$0" -eq 1 ] && grep -q "no authselect profile is selected" <<<"$1"' "$status" "$out"
cp -a "$new/usr/share/authselect/default/local" "$new/etc/authselect/custom/minimal-files"
cp "$here/profiles/minimal-files.nsswitch.conf" "$new/etc/authselect/custom/minimal-files/nsswitch.conf"
out=$(in_root "$helper" --base custom/minimal-files --name files-libvirt 2>&1); status=$?
check "$helper --base custom/minimal-files: prints the select command" \
  bash -c '[ "$0" -eq 0 ] && grep -qxF "  authselect select custom/files-libvirt with-libvirt" <<<"$1"' "$status" "$out"
while IFS='|' read -r features expected; do
  # shellcheck disable=SC2086
  select_profile custom/files-libvirt $features
  same "custom profile without dns, features '$features'" "$expected" "$(hosts_line)"
done <<'LINES'
|hosts:      files dns
with-libvirt|hosts:      files libvirt libvirt_guest dns
with-files-hosts|hosts:      files
with-files-hosts with-libvirt|hosts:      files libvirt libvirt_guest
LINES

# --- %preun: the root's rpm erases the package, the scriptlet calls the real authselect -----
select_profile local with-mdns4 with-libvirt
before=$(config)
out=$(in_root rpm -U --replacepkgs --nodeps "$package" 2>&1); status=$?
same "upgrade in place (rpm -U --replacepkgs: %preun with \$1 = 1): exit 0, no output" "0 " "$status $out"
same "upgrade keeps the feature and the configuration" "$before" "$(config)"

out=$(in_root rpm -e libvirt-nss 2>&1); status=$?
same "erase with the feature on: exit 0, no output" "0 " "$status $out"
same "erase with the feature on: %preun ran authselect disable-feature with-libvirt" "local with-mdns4" "$(current)"
same "erase with the feature on: hosts line without the modules" "$local_mdns4_off" "$(hosts_line)"
check "erase with the feature on: authselect check says the configuration is valid" \
  bash -c "chroot '$new' authselect check >/dev/null"

erase_keeps() { # NAME: installs the package, erases it and checks the configuration is unchanged
  in_root rpm -i --nodeps "$package" >/dev/null 2>&1
  local before out status
  before=$(config)
  out=$(in_root rpm -e libvirt-nss 2>&1); status=$?
  same "erase $1: exit 0, no output" "0 " "$status $out"
  same "erase $1: the configuration unchanged" "$before" "$(config)"
}
select_profile sssd with-mdns4
erase_keeps "with the feature off"
select_profile custom/libvirt-nss with-mdns4
erase_keeps "with a profile that offers the feature, off"
in_root authselect opt-out >/dev/null 2>&1
erase_keeps "with authselect not configured (current exits 2)"
mv "$new/usr/bin/authselect" "$work/authselect"
erase_keeps "without authselect"
mv "$work/authselect" "$new/usr/bin/authselect"

same "erased: the rpm database is empty" "" "$(in_root rpm -qa)"
same "erased: no file of the package is left" "" \
  "$(cd "$new" && ls -d usr/bin/libvirt-nss usr/lib64/libnss_libvirt* usr/libexec/libvirt-nss usr/share/libvirt-nss \
     usr/share/doc/libvirt-nss* usr/share/licenses/libvirt-nss* usr/share/man/man*/*libvirt* 2>/dev/null)"
same "the cached root is untouched (nothing in it newer than its stamp)" "" \
  "$(find "$rootdir/root" -newer "$rootdir/stamp" | head -5)"
finish
