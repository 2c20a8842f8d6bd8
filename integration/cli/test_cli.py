"""The `libvirt-nss` command against fake lease directories (no namespace needed: --lease-dir)."""
import json
import os
import subprocess
import time

import pytest

CLI = os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin", "libvirt-nss")
NOW = int(time.time())


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def leases(tmp_path):
    (tmp_path / "default.status").write_text(json.dumps([
        {"ip-address": "192.168.122.10", "mac-address": "52:54:00:00:00:01", "hostname": "web",
         "expiry-time": NOW + 3600},
        {"ip-address": "fd00::10", "mac-address": "52:54:00:00:00:01", "hostname": "web",
         "expiry-time": NOW + 600},
        {"ip-address": "192.168.122.11", "mac-address": "52:54:00:00:00:02", "hostname": "old",
         "expiry-time": NOW - 10},
        {"ip-address": "192.168.122.12", "hostname": "broken", "expiry-time": 0},
    ]))
    (tmp_path / "default.macs").write_text(json.dumps([{"domain": "webdom", "macs": ["52:54:00:00:00:01"]}]))
    return tmp_path


def test_resolve_hostname_prints_latest_expiry_first(leases):
    r = run("--lease-dir", str(leases), "resolve", "WEB")
    assert r.returncode == 0
    assert r.stdout.split() == ["192.168.122.10", "WEB", "fd00::10", "WEB"]


def test_resolve_domain_by_family(leases):
    r = run("--lease-dir", str(leases), "resolve", "--guest", "--family", "inet6", "webdom")
    assert (r.returncode, r.stdout.split()) == (0, ["fd00::10", "webdom"])


def test_resolve_expired_is_not_found(leases):
    r = run("--lease-dir", str(leases), "resolve", "old")
    assert r.returncode == 2
    assert "not found" in r.stderr


def test_resolve_verbose_explains_skipped_entry(leases):
    r = run("--lease-dir", str(leases), "-v", "resolve", "broken")
    assert r.returncode == 2
    assert 'entry 3: skipped: no "mac-address"' in r.stderr


def test_list_shows_domains_and_expiry(leases):
    r = run("--lease-dir", str(leases), "list")
    assert r.returncode == 0
    rows = [line.split() for line in r.stdout.splitlines()[1:]]
    assert rows[0][:5] == ["default", "web", "webdom", "192.168.122.10", "52:54:00:00:00:01"]
    assert rows[2][-1] == "expired"
    assert len(rows) == 3


def test_doctor_reports_missing_directory_and_bad_nsswitch(tmp_path):
    conf = tmp_path / "nsswitch.conf"
    conf.write_text("hosts: files resolve [!UNAVAIL=return] dns libvirt\n")
    r = run("--lease-dir", str(tmp_path / "absent"), "doctor", "--nsswitch", str(conf))
    assert r.returncode == 1
    assert "libvirt comes after \"resolve [!UNAVAIL=return]\"" in r.stdout
    assert "cannot read the lease directory" in r.stdout


def test_doctor_counts_leases_and_warns_on_skipped(leases, tmp_path):
    conf = tmp_path / "nsswitch.conf"
    conf.write_text("hosts: files libvirt libvirt_guest dns\n")
    r = run("--lease-dir", str(leases), "doctor", "--nsswitch", str(conf))
    assert "1 status files with 3 leases, 1 macs files with 1 domains" in r.stdout
    assert "libvirt_guest is enabled" in r.stdout
    assert 'warning: ' in r.stdout and 'no "mac-address"' in r.stdout
