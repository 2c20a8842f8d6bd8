"""`libvirt-nss resolve` answers what the module answers: every getent scenario
(integration/getent/scenarios.py), in the same namespace, through real getent with only one
module configured (`getent -s hosts:MODULE`), against the command with its default lease directory.

  getent -s hosts:M ahosts NAME    (getaddrinfo AF_UNSPEC: gethostbyname4_r)  <->  resolve -m M NAME
  getent -s hosts:M ahostsv4 NAME  (getaddrinfo AF_INET: gethostbyname3_r)    <->  resolve -m M -4 NAME
  getent -s hosts:M hosts ADDRESS  (gethostbyaddr_r)                          <->  resolve -m M ADDRESS

Addresses are compared as sets (getaddrinfo reorders them by RFC 6724); found / not found must agree;
a reverse answer must print the same line. getaddrinfo does not hand a non-ASCII name to any NSS
module (glibc refuses it first: with LIBVIRT_NSS_DEBUG set the module prints nothing), so such a
name is compared through `getent -s hosts:M hosts NAME` (gethostbyname2: IPv6, else IPv4), whose
addresses must be among the command's.
"""
import ipaddress
import os
import sys
import time

import pytest

from conftest import CLI, MODULE_DIR

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "getent"))
import leasefiles  # noqa: E402
import nsroot  # noqa: E402
from scenarios import SCENARIOS  # noqa: E402

MODULES = ("libvirt", "libvirt_guest")


def is_address(name):
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def pairs(name):
    for module in MODULES:
        if is_address(name) or not name.isascii():
            yield ["getent", "-s", f"hosts:{module}", "hosts", name], [CLI, "resolve", "-m", module, name]
        else:
            yield ["getent", "-s", f"hosts:{module}", "ahosts", name], [CLI, "resolve", "-m", module, name]
            yield ["getent", "-s", f"hosts:{module}", "ahostsv4", name], [CLI, "resolve", "-m", module, "-4", name]


def addresses(stdout):
    return sorted({line.split()[0] for line in stdout.splitlines() if line.strip()})


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_resolve_answers_what_the_module_answers(scenario):
    names = [n for n in scenario.names if isinstance(n, str) and n and "\0" not in n]
    compared = [pair for name in names for pair in pairs(name)]
    if not compared:
        pytest.skip("no name to look up")
    files = leasefiles.render(scenario.files, int(time.time()))
    results = nsroot.run(MODULE_DIR, scenario.root(files), [argv for pair in compared for argv in pair])
    for getent, ours in zip(results[0::2], results[1::2]):
        where = (scenario.id, getent.argv, ours.stdout, ours.stderr)
        assert (ours.returncode == 0) == (getent.returncode == 0), where
        if getent.argv[3] == "hosts" and is_address(getent.argv[4]):
            assert ours.stdout == getent.stdout, where
        elif getent.argv[3] == "hosts":
            assert set(addresses(getent.stdout)) <= set(addresses(ours.stdout)), where
        else:
            assert addresses(ours.stdout) == addresses(getent.stdout), where
