"""`libvirt-nss publish --once` against libvirt's test driver (test:///), in a private network
namespace whose interfaces, addresses and neighbour entries the test sets up: the connection,
the domain listing, the guest agent's addresses (the test driver reports 192.168.0.<n+1>/24 for
a domain's n-th NIC), the netlink dumps, the rules, and files the module's code reads back
(`libvirt-nss resolve --lease-dir` on the publisher's directory)."""
import json
import os
import shutil
import subprocess
import time

import pytest

from conftest import BRIDGED_DOMAIN, CLI, NOW, lease, driver_domain, driver_node, write_leases

NODE = driver_node(BRIDGED_DOMAIN, driver_domain("twin", ("bridge", "52:54:00:dd:00:01", "bridge='brpub0'")),
                 driver_domain("other", ("bridge", "52:54:00:bb:00:01", "bridge='brother0'")))

# The host: brpub0 (bridge) 192.168.0.254/24; vethpub0 (a macvtap parent) 192.168.0.253/24;
# brother0 (bridge) 10.99.0.1/24 and 2001:db8:2::1/64. bridged's NICs get 192.168.0.1 and .2
# from their agent, twin's 192.168.0.1 too (claimed twice: published for neither), other's
# 192.168.0.1 is off brother0's subnet (refused), so other's neighbour entries stand. A
# neighbour entry confirms bridged's 192.168.0.2; a FAILED entry counts for nothing.
SETUP = """
set -e
ip link set lo up
ip link add brpub0 type bridge && ip link set brpub0 up && ip addr add 192.168.0.254/24 dev brpub0
ip link add vethpub0 type veth peer name vethpub1 && ip link set vethpub0 up && ip link set vethpub1 up
ip addr add 192.168.0.253/24 dev vethpub0
ip link add brother0 type bridge && ip link set brother0 up
ip addr add 10.99.0.1/24 dev brother0 && ip addr add 2001:db8:2::1/64 dev brother0 nodad
ip neigh add 192.168.0.2 lladdr 52:54:00:aa:00:02 dev vethpub0 nud permanent
ip neigh add 10.99.0.77 lladdr 52:54:00:bb:00:01 dev brother0 nud permanent
ip -6 neigh add 2001:db8:2::77 lladdr 52:54:00:bb:00:01 dev brother0 nud permanent
ip neigh add 10.99.0.78 dev brother0 nud failed 2>/dev/null || true
exec "$@"
"""


def have_namespaces():
    if os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def have_libvirt():
    return subprocess.run(["sh", "-c", "ldconfig -p | grep -q 'libvirt.so.0 '"]).returncode == 0


pytestmark = pytest.mark.skipif(not have_libvirt(), reason="libvirt.so.0 is not installed")


def publish(tmp_path, *args, leases=None):
    node = tmp_path / "node.xml"
    node.write_text(NODE)
    out = tmp_path / "run"
    leases = leases or tmp_path / "no-leases"
    command = [CLI, "publish", "--once", "--connect", f"test://{node}", "--directory", str(out),
               "--lease-dir", str(leases), "--interval", "10", *args]
    r = subprocess.run(["unshare", "-n", "sh", "-c", SETUP, "sh", *command], capture_output=True, text=True, timeout=60)
    return r, out


def read(out, name):
    return json.loads((out / name).read_text())


def test_help_names_the_options(cli):
    r = cli("publish", "--help")
    assert r.returncode == 0
    for option in ["--connect", "--directory", "--interval", "--once", "--lease-dir"]:
        assert option in r.stdout


def test_interval_is_checked(cli):
    r = cli("publish", "--once", "--interval", "0")
    assert r.returncode == 1 and "--interval must be between 1 and 3600 seconds" in r.stderr


def test_unreachable_uri_fails_once(cli, tmp_path):
    r = cli("publish", "--once", "--connect", "test:///nonexistent/node.xml", "--directory", tmp_path / "run")
    assert r.returncode == 1 and "cannot connect to test:///nonexistent/node.xml" in r.stderr
    assert not (tmp_path / "run").exists()


def test_default_test_driver_publishes_nothing_off_link(cli, tmp_path):
    # test:///default's domain has a NIC on network "default" with no bridge: its agent address
    # has no subnet to lie in and no neighbour entry confirms it.
    out = tmp_path / "run"
    r = cli("publish", "--once", "--connect", "test:///default", "--directory", out, "--lease-dir", tmp_path / "none")
    assert r.returncode == 0, r.stderr
    assert "192.168.122.3 (agent) not published: outside the subnets" in r.stderr
    assert [read(out, n) for n in ["publisher.status", "publisher.macs", "publisher.sources"]] == [[], [], []]
    assert oct(os.stat(out).st_mode & 0o777) == "0o755"
    for name in ["publisher.status", "publisher.macs", "publisher.sources"]:
        assert oct(os.stat(out / name).st_mode & 0o777) == "0o644"
    assert sorted(os.listdir(out)) == ["publisher.macs", "publisher.sources", "publisher.status"]


@pytest.mark.skipif(not have_namespaces(), reason="needs root and network namespaces")
def test_agent_and_neighbour_sources_ranked_and_checked(tmp_path):
    r, out = publish(tmp_path)
    assert r.returncode == 0, r.stderr
    status = read(out, "publisher.status")
    assert sorted((s["ip-address"], s["mac-address"]) for s in status) == [
        ("10.99.0.77", "52:54:00:bb:00:01"),      # other: its agent's address is off-link, its neighbour entries stand
        ("192.168.0.2", "52:54:00:aa:00:02"),     # bridged's macvtap NIC: agent, confirmed by a neighbour entry
        ("2001:db8:2::77", "52:54:00:bb:00:01"),
    ]
    assert all(set(s) == {"ip-address", "mac-address", "expiry-time"} for s in status)
    # Three intervals ahead, two seconds more for a confirmed agent address than for a neighbour entry's.
    expiry = {s["ip-address"]: s["expiry-time"] for s in status}
    assert expiry["192.168.0.2"] == expiry["10.99.0.77"] + 2
    assert 30 <= expiry["10.99.0.77"] - NOW <= 90
    assert read(out, "publisher.macs") == [
        {"domain": "bridged", "macs": ["52:54:00:aa:00:02"]},
        {"domain": "other", "macs": ["52:54:00:bb:00:01"]},
    ]
    sources = {s["ip-address"]: (s["domain"], s["source"]) for s in read(out, "publisher.sources")}
    assert sources == {"192.168.0.2": ("bridged", "agent+neighbour"), "10.99.0.77": ("other", "neighbour"),
                       "2001:db8:2::77": ("other", "neighbour")}
    assert "domain bridged, MAC 52:54:00:aa:00:01: 192.168.0.1 (agent) not published: another domain claims it too" in r.stderr
    assert "domain twin, MAC 52:54:00:dd:00:01: 192.168.0.1 (agent) not published: another domain claims it too" in r.stderr
    assert "domain other, MAC 52:54:00:bb:00:01: 192.168.0.1 (agent) not published: outside the subnets" in r.stderr

    # The module's own code reads the files as libvirt's: the domain names resolve.
    resolve = subprocess.run([CLI, "--lease-dir", str(out), "resolve", "--module", "libvirt_guest", "other"],
                             capture_output=True, text=True)
    assert (resolve.returncode, sorted(resolve.stdout.split())) == (0, sorted(["10.99.0.77", "other", "2001:db8:2::77", "other"]))
    resolve = subprocess.run([CLI, "--lease-dir", str(out), "resolve", "--module", "libvirt_guest", "bridged"],
                             capture_output=True, text=True)
    assert resolve.stdout.split() == ["192.168.0.2", "bridged"]
    assert subprocess.run([CLI, "--lease-dir", str(out), "resolve", "--module", "libvirt_guest", "twin"],
                          capture_output=True).returncode == 2
    # No host name is published: the libvirt module (DHCP host names) knows none of them.
    assert subprocess.run([CLI, "--lease-dir", str(out), "resolve", "bridged"], capture_output=True).returncode == 2


@pytest.mark.skipif(not have_namespaces(), reason="needs root and network namespaces")
def test_a_libvirt_lease_leaves_the_nic_to_the_module(tmp_path):
    leases = write_leases(tmp_path / "dnsmasq", "virbr0", [lease("192.168.0.2", "52:54:00:aa:00:02", "bridged")])
    r, out = publish(tmp_path, leases=leases)
    assert r.returncode == 0, r.stderr
    assert sorted(s["ip-address"] for s in read(out, "publisher.status")) == ["10.99.0.77", "2001:db8:2::77"]
    assert [m["domain"] for m in read(out, "publisher.macs")] == ["other"]


@pytest.mark.skipif(not have_namespaces(), reason="needs root and network namespaces")
def test_an_address_leased_to_another_mac_is_refused(tmp_path):
    leases = write_leases(tmp_path / "dnsmasq", "virbr0", [lease("10.99.0.77", "52:54:00:99:99:99", "someone")])
    r, out = publish(tmp_path, leases=leases)
    assert r.returncode == 0, r.stderr
    assert "10.99.0.77 (neighbour) not published: libvirt's dnsmasq leases or reserves it for another MAC" in r.stderr
    assert sorted(s["ip-address"] for s in read(out, "publisher.status")) == ["192.168.0.2", "2001:db8:2::77"]


@pytest.mark.skipif(not have_namespaces(), reason="needs root and network namespaces")
def test_first_seen_survives_a_restart(tmp_path):
    r, out = publish(tmp_path)
    first = {s["ip-address"]: s["first-seen"] for s in read(out, "publisher.sources")}
    sources = read(out, "publisher.sources")
    for s in sources:
        s["first-seen"] = 1000
    (out / "publisher.sources").write_text(json.dumps(sources))
    r, out = publish(tmp_path)
    assert r.returncode == 0, r.stderr
    assert {s["ip-address"]: s["first-seen"] for s in read(out, "publisher.sources")} == {ip: 1000 for ip in first}


def test_runs_until_sigterm_and_leaves_the_files(tmp_path):
    out = tmp_path / "run"
    p = subprocess.Popen([CLI, "publish", "--connect", "test:///default", "--directory", str(out),
                          "--lease-dir", str(tmp_path / "none"), "--interval", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            if (out / "publisher.sources").exists():
                break
            time.sleep(0.05)
        time.sleep(1.5)  # a second pass
    finally:
        p.terminate()
        _, stderr = p.communicate(timeout=20)
    assert p.returncode == 0, stderr
    assert stderr.count("connected to test:///default") == 1
    # Each refusal is logged once, however many passes repeat it.
    assert stderr.count("192.168.122.3 (agent) not published") == 1
    assert sorted(os.listdir(out)) == ["publisher.macs", "publisher.sources", "publisher.status"]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root for a mount namespace")
def test_without_libvirt_only_publish_needs_it(tmp_path):
    # libvirt.so.0 hidden behind /dev/null in a private mount namespace: the imports are bound
    # on first call, so the other subcommands run and publish says what is missing.
    library = subprocess.run(["sh", "-c", "ldconfig -p | sed -n 's/^\\s*libvirt.so.0 .*=> //p' | head -1"],
                             capture_output=True, text=True).stdout.strip()
    script = 'mount --bind /dev/null "$1" && shift && "$@"'
    hidden = lambda *args: subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", library, CLI, *map(str, args)],
                                          capture_output=True, text=True, timeout=60)
    r = hidden("--lease-dir", tmp_path, "resolve", "nothing")
    assert (r.returncode, r.stderr) == (2, "libvirt-nss: nothing: not found\n")
    r = hidden("publish", "--once", "--directory", tmp_path / "run")
    assert (r.returncode, r.stderr) == (1, "libvirt-nss: publish needs libvirt's library, libvirt.so.0 (Debian: libvirt0; Fedora: libvirt-libs)\n")
    assert not (tmp_path / "run").exists()
