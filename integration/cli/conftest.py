"""Fixtures for the `libvirt-nss` command tests: the built binary, lease directories, nsswitch.conf files."""
import json
import os
import stat
import subprocess
import time

import pytest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.path.join(TOP, "build", "bin", "libvirt-nss")
MODULE_DIR = os.path.join(TOP, "build", "lib")
NOW = int(time.time())


class Cli:
    """Runs the built binary; `env` adds to (or, with None values, removes from) the environment."""

    def __init__(self, env=None):
        self.env = dict(os.environ)
        self.env.pop("LIBVIRT_NSS_DEBUG", None)
        for key, value in (env or {}).items():
            if value is None:
                self.env.pop(key, None)
            else:
                self.env[key] = value

    def __call__(self, *args):
        return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=60, env=self.env)


@pytest.fixture
def cli():
    # No authselect on PATH: the machine has none, but the outcome must not depend on that.
    # check-authselect runs the command against the real authselect (authselect/README.md).
    return Cli({"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})


def driver_domain(name, *interfaces):
    """A domain of libvirt's test driver (test:///FILE) with `interfaces`, each (type, MAC, source
    attributes as XML)."""
    nics = "".join(f"\n      <interface type='{kind}'><mac address='{mac}'/><source {source}/></interface>"
                   for kind, mac, source in interfaces)
    return (f"  <domain type='test'>\n    <name>{name}</name><memory>65536</memory><os><type>hvm</type></os>\n"
            f"    <devices>{nics}\n    </devices>\n  </domain>\n")


# The guest test_publish.py and test_doctor.py share: a bridged NIC on brpub0 and a macvtap NIC
# on vethpub0.
BRIDGED_DOMAIN = driver_domain("bridged", ("bridge", "52:54:00:aa:00:01", "bridge='brpub0'"),
                             ("direct", "52:54:00:aa:00:02", "dev='vethpub0' mode='bridge'"))


def driver_node(*domains):
    """The node file libvirt's test driver reads: `domains`, driver_domain()'s."""
    return "<node>\n" + "".join(domains) + "</node>\n"


def write_leases(directory, network, leases, macs=None):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{network}.status").write_text(json.dumps(leases))
    if macs is not None:
        (directory / f"{network}.macs").write_text(json.dumps(macs))
    return directory


def lease(ip, mac, hostname=None, expiry=None):
    entry = {"ip-address": ip, "mac-address": mac, "expiry-time": NOW + 3600 if expiry is None else expiry}
    if hostname is not None:
        entry["hostname"] = hostname
    return entry


@pytest.fixture
def leases(tmp_path):
    """Two networks: web (IPv4 + IPv6, domain webvm), an expired lease, a never-expiring one."""
    d = tmp_path / "dnsmasq"
    write_leases(d, "default", [
        lease("192.168.122.10", "52:54:00:00:00:01", "web", NOW + 3600),
        lease("fd00::10", "52:54:00:00:00:01", "web", NOW + 600),
        lease("192.168.122.11", "52:54:00:00:00:02", "old", NOW - 7200),
    ], [{"domain": "webvm", "macs": ["52:54:00:00:00:01"]}])
    write_leases(d, "isolated", [
        lease("10.0.0.5", "52:54:00:00:00:03", "db", 0),
    ], [{"domain": "dbvm", "macs": ["52:54:00:00:00:03"]}])
    return d


def write_nsswitch(path, hosts_line, header=""):
    path.write_text(f"{header}# Name Service Switch\npasswd:         files\n{hosts_line}\nnetworks:       files\n")
    return path


@pytest.fixture
def good_nsswitch(tmp_path):
    return write_nsswitch(tmp_path / "nsswitch.conf", "hosts:          files libvirt libvirt_guest dns")


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)
