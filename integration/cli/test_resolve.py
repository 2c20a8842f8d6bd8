"""`libvirt-nss resolve`: the module's answer, through the same Core lookup, and --explain."""
import os
import sys

import pytest

from conftest import CLI, MODULE_DIR, lease, write_leases

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "getent"))
import nsroot  # noqa: E402


def test_hostname_both_families_latest_expiry_first(cli, leases):
    r = cli("--lease-dir", leases, "resolve", "WEB")
    assert (r.returncode, r.stdout.split()) == (0, ["192.168.122.10", "WEB", "fd00::10", "WEB"])


def test_family_options(cli, leases):
    assert cli("--lease-dir", leases, "resolve", "-4", "web").stdout.split() == ["192.168.122.10", "web"]
    assert cli("--lease-dir", leases, "resolve", "-6", "web").stdout.split() == ["fd00::10", "web"]


def test_guest_module_resolves_domain_names(cli, leases):
    r = cli("--lease-dir", leases, "resolve", "--module", "libvirt_guest", "dbvm")
    assert (r.returncode, r.stdout.split()) == (0, ["10.0.0.5", "dbvm"])
    # ...and the libvirt module does not know domain names.
    assert cli("--lease-dir", leases, "resolve", "dbvm").returncode == 2


def test_not_found_and_no_address_of_family(cli, leases):
    r = cli("--lease-dir", leases, "resolve", "old")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "libvirt-nss: old: not found\n"
    r = cli("--lease-dir", leases, "resolve", "-6", "db")
    assert r.returncode == 2 and "no IPv6 address" in r.stderr


def test_explain_shows_files_matches_skips_and_status(cli, leases):
    r = cli("--lease-dir", leases, "resolve", "--explain", "old")
    assert r.returncode == 2
    lines = r.stdout.splitlines()
    assert any(l.startswith(f"{leases}: 2 status files, 2 macs files") for l in lines)
    assert any(l.startswith("lease 192.168.122.11: skipped: expired at") for l in lines)
    assert f"{leases}/default.status: 3 entries read" in lines
    assert lines[-1].startswith("libvirt answers NOTFOUND")
    r = cli("--lease-dir", leases, "resolve", "--explain", "-m", "libvirt_guest", "webvm")
    assert f"{leases}/default.macs: domain matched, 1 MACs" in r.stdout
    assert "libvirt_guest answers SUCCESS" in r.stdout


def test_explain_shows_skipped_entries(cli, tmp_path):
    d = write_leases(tmp_path / "d", "net", [{"ip-address": "192.168.1.2", "hostname": "broken", "expiry-time": 0}])
    r = cli("--lease-dir", d, "resolve", "--explain", "broken")
    assert 'entry 0: skipped: no "mac-address"' in r.stdout


def test_unreadable_directory_is_one_line_error(cli, tmp_path):
    r = cli("--lease-dir", tmp_path / "absent", "resolve", "web")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "no such directory" in r.stderr


@pytest.mark.parametrize("args, message", [
    ([], "Required argument missing"),
    (["-4", "-6", "x"], "-4 and -6 exclude each other"),
    (["--module", "dns", "x"], "dns"),
])
def test_usage_errors_are_one_line(cli, args, message):
    r = cli("resolve", *args)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and message in r.stderr and "--help" in r.stderr


# --- the same answer as the module, through real getent ---------------------------------------

DIFFERENTIAL_FILES = {
    "default.status": (
        '[{"ip-address":"192.168.122.10","mac-address":"52:54:00:00:00:01","hostname":"web","expiry-time":0},'
        ' {"ip-address":"fd00::10","mac-address":"52:54:00:00:00:01","hostname":"web","expiry-time":0},'
        ' {"ip-address":"192.168.122.20","mac-address":"52:54:00:00:00:02","hostname":"v6less","expiry-time":0},'
        ' {"ip-address":"fd00::30","mac-address":"52:54:00:00:00:03","hostname":"v4less","expiry-time":0},'
        ' {"ip-address":"192.168.122.40","mac-address":"52:54:00:00:00:04","hostname":"gone","expiry-time":1}]'),
    "default.macs": '[{"domain":"webvm","macs":["52:54:00:00:00:01"]},{"domain":"v4vm","macs":["52:54:00:00:00:02"]}]',
}
DIFFERENTIAL_NAMES = ["web", "WEB", "v6less", "v4less", "gone", "nosuch", "webvm", "v4vm"]


def addresses_of_getent(result):
    return sorted({line.split()[0] for line in result.stdout.splitlines()})


def addresses_of_cli(result):
    return sorted({line.split()[0] for line in result.stdout.splitlines()})


@pytest.mark.parametrize("module", ["libvirt", "libvirt_guest"])
def test_cli_answers_what_the_module_answers_through_getent(module):
    """In a namespace where only one module is on the hosts: line, `getent ahosts` (AF_UNSPEC:
    gethostbyname4_r) and `getent ahostsv4` (AF_INET: gethostbyname3_r) against what the CLI
    prints with its default lease directory."""
    root = nsroot.Root(files=DIFFERENTIAL_FILES, nsswitch=f"hosts: files {module}\n")
    commands = []
    for name in DIFFERENTIAL_NAMES:
        commands += [["getent", "ahosts", name], [CLI, "resolve", "--module", module, name],
                     ["getent", "ahostsv4", name], [CLI, "resolve", "--module", module, "-4", name]]
    results = nsroot.run(MODULE_DIR, root, commands)
    compared = 0
    for getent, ours in zip(results[0::2], results[1::2]):
        assert addresses_of_cli(ours) == addresses_of_getent(getent), (getent.argv, ours.stdout, ours.stderr)
        assert (ours.returncode == 0) == (getent.returncode == 0), (getent.argv, ours.stderr)
        compared += 1
    assert compared == 2 * len(DIFFERENTIAL_NAMES)
