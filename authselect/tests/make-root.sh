#!/bin/bash
# Makes the Debian root in which check-authselect runs the real authselect and rpm
# (in-namespaces.sh):
#   make-root.sh SUITE [DIR]      SUITE trixie or sid (default DIR build/authselect/SUITE)
# trixie serves authselect 1.5.0 with rpm 4.20, sid the newest authselect (1.8.0 when written)
# with rpm 6; both ship authselect's own profiles, whose hosts: lines carry with-libvirt.
# DIR/root is the root (mmdebstrap, only unpacked and configured; the test never writes to it:
# in-namespaces.sh lays a tmpfs over it), DIR/VERSION what it runs ("authselect X, rpm Y"),
# DIR/stamp the hash of this script and SUITE. The root is made again only when it is missing or
# this script changed; a root being made goes to DIR/root.new first, so an interrupted run leaves
# no half root behind. Only the machine's Debian archive is asked (its URI and keyring from the
# machine's apt sources), through mmdebstrap's own apt configuration: the machine's apt
# configuration and state are not touched.
set -eu
suite=${1:?usage: make-root.sh trixie|sid [DIR]}
case $suite in trixie|sid) ;; *) echo "make-root: no root for $suite (trixie or sid)" >&2; exit 2 ;; esac
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
# shellcheck source=../../scripts/debian-archive.sh
. "$top/scripts/debian-archive.sh"
root_cache "${2:-$top/build/authselect/$suite}"

stamp="$(sha256sum < "$0" | cut -d' ' -f1) $suite"
if root_cached "$stamp" usr/bin/authselect; then
  echo "$suite root: $dir/root ($(cat "$dir/VERSION"), cached)"
  exit 0
fi

fail() { echo "make-root: $1" >&2; exit 1; }
bookworm_archive "the $suite root"

# The Essential set (sh, coreutils, grep, sed, getent) and: authselect with its profiles, rpm to
# install and erase the package with its scriptlets, awk for the profile helper.
packages=authselect,rpm,mawk

# sid's Release file is valid for a week only; the archive this machine reaches may serve one
# older than that (a snapshot). Its signature is still checked.
options=()
[ "$suite" = sid ] && options+=(--aptopt='Acquire::Check-Valid-Until "false"')

trap 'rm -rf "$dir/root.new"' EXIT
rm -rf "$dir/root.new"
echo "make-root: mmdebstrap $suite (authselect, rpm) from $uri into $dir/root"
# Documentation, manuals and translations are left out: nothing in the test reads them.
if ! mmdebstrap --quiet --mode=root --format=directory --variant=essential --include="$packages" \
    --aptopt='Acquire::Languages "none"' "${options[@]}" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    "$suite" "$dir/root.new" "deb$signed $uri $suite main" >&2; then
  fail "mmdebstrap could not make the $suite root from $uri (is the Debian archive reachable?)"
fi

# The directories Fedora's authselect package owns and Debian's leaves to the administrator:
# without /etc/authselect, `authselect select` refuses to write.
mkdir -p "$dir/root.new/etc/authselect/custom" "$dir/root.new/var/lib/authselect"

query() { dpkg-query --admindir="$dir/root.new/var/lib/dpkg" -W -f '${Version}' "$1"; }
version="authselect $(query authselect), rpm $(query rpm)"
[ -x "$dir/root.new/usr/bin/authselect" ] || fail "$suite's authselect ships no /usr/bin/authselect"
rm -rf "$dir/root"
mv "$dir/root.new" "$dir/root"
echo "$version" > "$dir/VERSION"
echo "$stamp" > "$dir/stamp"
echo "$suite root: $dir/root ($version; made in ${SECONDS} s)"
