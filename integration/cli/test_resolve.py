"""`libvirt-nss resolve` on fixture directories, and --explain (test_same_answer.py compares it with getent)."""
import pytest

from conftest import write_leases


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
    assert f"{leases}/default.status: 3 entries read" in lines
    assert f"{leases}/isolated.status: 1 entries read" in lines
    assert any(l.startswith("lease 192.168.122.11: skipped: expired at") for l in lines)
    assert lines[-1].startswith("libvirt answers NOTFOUND")
    r = cli("--lease-dir", leases, "resolve", "--explain", "-m", "libvirt_guest", "webvm")
    lines = r.stdout.splitlines()
    assert "domain webvm: 1 MACs" in lines
    assert any(l.startswith("lease 192.168.122.10: matched") for l in lines)
    assert "libvirt_guest answers SUCCESS" in lines


def test_explain_shows_the_rule_that_refused_a_lease(cli, tmp_path):
    d = write_leases(tmp_path / "d", "net", [
        {"ip-address": "192.168.1.2", "mac-address": "52:54:00:00:00:01", "hostname": "vm1", "expiry-time": 0},
        {"ip-address": "192.168.1.3", "mac-address": "52:54:00:00:00:66", "hostname": "VM1", "expiry-time": 0},
        {"ip-address": "192.168.1.4", "mac-address": "52:54:00:00:00:67", "hostname": "wpad", "expiry-time": 0},
    ], [{"domain": "vm1", "macs": ["52:54:00:00:00:01"]}])
    lines = cli("--lease-dir", d, "resolve", "--explain", "vm1").stdout.splitlines()
    assert "lease of 52:54:00:00:00:66 named VM1: refused: another domain's name" in lines, lines
    assert "libvirt answers SUCCESS" in lines, lines
    assert cli("--lease-dir", d, "resolve", "vm1").stdout.split() == ["192.168.1.2", "vm1"]
    r = cli("--lease-dir", d, "resolve", "--explain", "wpad")
    assert r.returncode == 2
    assert 'lease of 52:54:00:00:00:67 named wpad: refused: not a name dnsmasq gives a guest' in r.stdout.splitlines(), r.stdout


def test_explain_shows_skipped_entries(cli, tmp_path):
    d = write_leases(tmp_path / "d", "net", [{"ip-address": "192.168.1.2", "hostname": "broken"}])
    r = cli("--lease-dir", d, "resolve", "--explain", "broken")
    assert 'entry 0: skipped: no "expiry-time"' in r.stdout


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


def test_an_address_is_looked_up_backwards(cli, leases):
    r = cli("--lease-dir", leases, "resolve", "192.168.122.10")
    assert (r.returncode, r.stdout.split()) == (0, ["192.168.122.10", "web"])
    r = cli("--lease-dir", leases, "resolve", "-m", "libvirt_guest", "fd00::10")
    assert (r.returncode, r.stdout.split()) == (0, ["fd00::10", "webvm"])
    r = cli("--lease-dir", leases, "resolve", "192.168.122.11")  # expired
    assert (r.returncode, r.stdout) == (2, "")
