"""`libvirt-nss list`: every lease with its domain, expiry and state; --json."""
import json
import os
import re

import pytest

from conftest import NOW, lease, write_leases


def table(stdout):
    """The header, the rows cut at the header's column offsets, and the lines."""
    lines = stdout.splitlines()
    header = lines[0]
    starts = [i for i in range(len(header)) if header[i] != " " and (i == 0 or header[i - 1] == " ")]
    cut = lambda line: [line[a:b].strip() for a, b in zip(starts, starts[1:] + [len(line)])]
    return header, [cut(line) for line in lines[1:]], lines


def test_table_rows_by_network_with_domain_expiry_and_state(cli, leases):
    r = cli("--lease-dir", leases, "list")
    assert r.returncode == 0
    header, rows, _ = table(r.stdout)
    assert header.split() == ["NETWORK", "HOSTNAME", "DOMAIN", "ADDRESS", "MAC", "EXPIRES", "RELATIVE", "STATE", "SOURCE", "AGE"]
    assert [(row[0], row[1], row[2], row[3], row[4], row[7]) for row in rows] == [
        ("default", "web", "webvm", "192.168.122.10", "52:54:00:00:00:01", "active"),
        ("default", "web", "webvm", "fd00::10", "52:54:00:00:00:01", "active"),
        ("default", "old", "-", "192.168.122.11", "52:54:00:00:00:02", "expired"),
        ("isolated", "db", "dbvm", "10.0.0.5", "52:54:00:00:00:03", "active"),
    ]
    # Human expiry (UTC) and relative time.
    # NOW is when the fixture was written; the command runs a few seconds later.
    assert rows[0][5].endswith("Z") and re.fullmatch(r"in (1h00m|59m[0-5]\ds)", rows[0][6]), rows[0]
    assert re.fullmatch(r"2h00m ago", rows[2][6]), rows[2]
    assert rows[3][5:7] == ["never", "-"]
    # Source and age are the publisher's: a libvirt lease has neither.
    assert all(row[8:] == ["-", "-"] for row in rows)


def test_table_columns_are_aligned(cli, leases):
    _, _, lines = table(cli("--lease-dir", leases, "list").stdout)
    # Each column starts at the same offset on every line.
    starts = lambda line: {i for i in range(len(line)) if line[i] != " " and (i == 0 or line[i - 1] == " ")}
    header = starts(lines[0])
    for line in lines[1:]:
        assert header <= starts(line), line


def test_json_for_scripts(cli, leases):
    r = cli("--lease-dir", leases, "list", "--json")
    assert r.returncode == 0
    rows = json.loads(r.stdout)
    assert len(rows) == 4
    assert rows[0] == {
        "network": "default", "hostname": "web", "domain": "webvm", "ip-address": "192.168.122.10",
        "mac-address": "52:54:00:00:00:01", "expiry-time": NOW + 3600,
        "expires": rows[0]["expires"], "expires-in-seconds": rows[0]["expires-in-seconds"], "state": "active",
        "source": None, "first-seen": None, "age-seconds": None}
    assert rows[0]["expires"].endswith("Z") and 0 < rows[0]["expires-in-seconds"] <= 3600
    assert rows[2]["state"] == "expired" and rows[2]["domain"] is None
    assert rows[3]["expiry-time"] == 0 and rows[3]["expires"] is None and rows[3]["expires-in-seconds"] is None


def test_guest_without_hostname_and_invalid_address(cli, tmp_path):
    d = write_leases(tmp_path / "d", "net", [
        lease("192.168.5.5", "52:54:00:00:00:09"),
        lease("not-an-ip", "52:54:00:00:00:0a", "weird"),
    ], [{"domain": "quiet", "macs": ["52:54:00:00:00:09"]}])
    rows = json.loads(cli("--lease-dir", d, "list", "--json").stdout)
    assert [(r["hostname"], r["domain"], r["state"]) for r in rows] == [(None, "quiet", "active"), ("weird", None, "invalid")]


def test_hostile_strings_are_printed_printable(cli, tmp_path):
    d = write_leases(tmp_path / "d", "net", [lease("192.168.5.6", "52:54:00:00:00:0b", "evil\u001b[31m\nname")])
    r = cli("--lease-dir", d, "list")
    assert "\x1b" not in r.stdout and len(r.stdout.splitlines()) == 2


def test_empty_directory_prints_the_header(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    r = cli("--lease-dir", tmp_path / "empty", "list")
    assert (r.returncode, len(r.stdout.splitlines())) == (0, 1)
    assert cli("--lease-dir", tmp_path / "empty", "list", "--json").stdout.strip() == "[]"


def test_unreadable_directory(cli, tmp_path):
    r = cli("--lease-dir", tmp_path / "absent", "list")
    assert r.returncode == 1 and r.stderr.startswith("libvirt-nss: cannot read the lease directory") and r.stderr.count("\n") == 1


def test_reserved_hosts_are_listed(cli, tmp_path):
    d = write_leases(tmp_path / "d", "virbr0", [lease("192.168.122.10", "52:54:00:00:00:01", "web")],
                     [{"domain": "resdom", "macs": ["52:54:00:00:00:63"]}])
    (d / "default.hostsfile").write_text("52:54:00:00:00:63,192.168.122.99,resvm\n")
    (d / "default.addnhosts").write_text("192.168.122.200\tgateway\n")
    rows = json.loads(cli("--lease-dir", d, "list", "--json").stdout)
    assert [(r["network"], r["hostname"], r["domain"], r["ip-address"], r["mac-address"], r["state"]) for r in rows] == [
        ("default", "resvm", "resdom", "192.168.122.99", "52:54:00:00:00:63", "reserved"),
        ("default", "gateway", None, "192.168.122.200", "-", "reserved"),
        ("virbr0", "web", None, "192.168.122.10", "52:54:00:00:00:01", "active"),
    ]
    assert rows[0]["expiry-time"] == 0 and rows[0]["expires"] is None


@pytest.fixture
def published(tmp_path):
    """A publisher's directory as the service leaves it (root's, 0755; files 0644) with publisher.sources."""
    d = write_leases(tmp_path / "run", "publisher", [
        lease("192.168.100.20", "52:54:00:3c:11:02", expiry=NOW + 30),
        lease("2001:db8::20", "52:54:00:3c:11:02", expiry=NOW + 31),
        lease("10.99.0.77", "52:54:00:3c:11:03", expiry=NOW - 600),
    ], [{"domain": "bridged", "macs": ["52:54:00:3c:11:02"]}, {"domain": "quiet", "macs": ["52:54:00:3c:11:03"]}])
    (d / "publisher.sources").write_text(json.dumps([
        {"domain": "bridged", "ip-address": "192.168.100.20", "mac-address": "52:54:00:3c:11:02",
         "source": "agent+neighbour", "first-seen": NOW - 3 * 3600 - 5 * 60},
        {"domain": "bridged", "ip-address": "2001:db8::20", "mac-address": "52:54:00:3c:11:02", "source": "agent",
         "first-seen": NOW - 45 * 60},
    ]))
    os.chmod(d, 0o755)
    return d


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="the module trusts a published directory only root owns")


@needs_root
def test_published_records_with_source_and_age(cli, leases, published):
    r = cli("--lease-dir", leases, "--published-dir", published, "list")
    assert r.returncode == 0, r.stderr
    _, rows, _ = table(r.stdout)
    assert [(row[0], row[2], row[3], row[7], row[8]) for row in rows if row[0].startswith("published:")] == [
        ("published:publisher", "bridged", "192.168.100.20", "active", "agent+neighbour"),
        ("published:publisher", "bridged", "2001:db8::20", "active", "agent"),
        # Not in publisher.sources: "-".
        ("published:publisher", "quiet", "10.99.0.77", "expired", "-"),
    ]
    ages = [row[9] for row in rows if row[0].startswith("published:")]
    assert re.fullmatch(r"3h0[56]m", ages[0]) and re.fullmatch(r"4[56]m\d\ds", ages[1]) and ages[2] == "-", ages

    records = [row for row in json.loads(cli("--lease-dir", leases, "--published-dir", published, "list", "--json").stdout)
               if row["network"].startswith("published:")]
    assert [(row["source"], row["first-seen"]) for row in records] == [
        ("agent+neighbour", NOW - 3 * 3600 - 5 * 60), ("agent", NOW - 45 * 60), (None, None)]
    assert 45 * 60 <= records[1]["age-seconds"] <= 45 * 60 + 60 and records[2]["age-seconds"] is None


@needs_root
def test_sources_of_a_file_the_module_would_not_trust_are_not_shown(cli, leases, published):
    # Anybody could have written it: the records stay (the module reads publisher.status), their sources do not.
    os.chmod(published / "publisher.sources", 0o666)
    rows = [row for row in json.loads(cli("--lease-dir", leases, "--published-dir", published, "list", "--json").stdout)
            if row["network"].startswith("published:")]
    assert len(rows) == 3 and all(row["source"] is None for row in rows)
