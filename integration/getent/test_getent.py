"""Real getent through our module and through two upstream C modules, Debian 12's
(libnss-libvirt 9.0.0) and the newest the Debian archive serves (build/oracle-newest), one private
mount namespace per scenario and module, the same files for all three.

Our module must print what the scenario expects. Against each upstream module, by the scenario's
category for that module: identical, every command prints exactly the same (exit code and
stdout); a deliberate fix or documented difference, the upstream module prints the answers the
scenario gives for it, and some command differs; an extension (a feature upstream lacks), some
command differs.
"""

import concurrent.futures
import hashlib
import os
import time

import pytest

import leasefiles
import nsroot
from conftest import UPSTREAM
import differences as scenario_table
from differences import upstream_relation
from scenarios import IDENTICAL, SCENARIOS, commands, net


def run_all(modules, scenario):
    now = int(time.time())
    files = leasefiles.render(scenario.files, now)
    published = None if scenario.published is None else leasefiles.render(scenario.published, now)
    argvs = [argv for name in scenario.names for argv in commands(name)]
    root = scenario.root(files, published)
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(modules)) as pool:
        futures = {which: pool.submit(nsroot.run, lib, root, argvs) for which, lib in modules.items()}
        return {which: {tuple(r.argv): r for r in future.result()} for which, future in futures.items()}


def hosts_output(name, addresses):
    """What `getent hosts NAME` prints: one "%-15s %s" line per address, or exit code 2."""
    if addresses is None:
        return 2, ""
    return 0, "".join(f"{address:<15} {name}\n" for address in addresses)


def reverse_output(address, names):
    """What `getent hosts ADDRESS` prints: the address, h_name and the aliases, or exit code 2."""
    if names is None:
        return 2, ""
    return 0, f"{address:<15} {' '.join(names)}\n"


def check_reverse(results, reverse, reverse_guest, who):
    problems = []
    for argv_prefix, expected in ((("getent", "hosts"), reverse),
                                  (("getent", "-s", "hosts:libvirt_guest", "hosts"), reverse_guest)):
        for address, names in expected.items():
            got = results[(*argv_prefix, address)]
            if (got.returncode, got.stdout) != reverse_output(address, names):
                problems.append(f"{who}: {' '.join(argv_prefix)} {address}: expected {reverse_output(address, names)}, "
                                f"got {(got.returncode, got.stdout)}")
    return problems


def check_expectations(results, expect, guest, ahosts, who):
    problems = []
    for name, addresses in expect.items():
        if addresses is ...:
            continue  # compared with Debian's module only
        got = results[("getent", "hosts", name)]
        if (got.returncode, got.stdout) != hosts_output(name, addresses):
            problems.append(f"{who}: getent hosts {name!r}: expected {hosts_output(name, addresses)}, "
                            f"got {(got.returncode, got.stdout)} {got.stderr!r}")
    for name, addresses in ahosts.items():
        got = results[("getent", "ahosts", name)]
        listed = sorted({line.split()[0] for line in got.stdout.splitlines()}) if got.returncode == 0 else None
        if listed != (None if addresses is None else sorted(addresses)):
            problems.append(f"{who}: getent ahosts {name!r}: expected {addresses}, got {listed} (exit {got.returncode})")
    for name, addresses in guest.items():
        got = results[("getent", "-s", "hosts:libvirt_guest", "hosts", name)]
        if (got.returncode, got.stdout) != hosts_output(name, addresses):
            problems.append(f"{who}: getent -s hosts:libvirt_guest hosts {name!r}: expected "
                            f"{hosts_output(name, addresses)}, got {(got.returncode, got.stdout)}")
    return problems


def differences(ours, debian):
    out = []
    for argv, mine in ours.items():
        theirs = debian[argv]
        if (mine.returncode, mine.stdout) != (theirs.returncode, theirs.stdout):
            out.append(f"{' '.join(argv)!r}: ours {(mine.returncode, mine.stdout)} "
                       f"upstream {(theirs.returncode, theirs.stdout)}")
    return out


def check_upstream(ours, theirs, scenario, oracle):
    """The problems of one upstream module against its category in the scenario."""
    category, hosts, guest, ahosts = upstream_relation(scenario, oracle)
    who = UPSTREAM[oracle]
    if category == IDENTICAL:
        return [f"differs from {who}: {d}" for d in differences(ours, theirs)]
    problems = [] if category.startswith("extension:") else check_expectations(theirs, hosts, guest, ahosts, who)
    if not differences(ours, theirs):
        problems.append(f"{category}: no difference from {who} shows")
    return problems


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(modules, scenario, record_property):
    record_property("scenario", scenario.id)
    results = run_all(modules, scenario)
    ours = results["ours"]

    problems = check_expectations(ours, scenario.expect, scenario.guest, scenario.ahosts, "ours")
    problems += check_reverse(ours, scenario.reverse, scenario.reverse_guest, "ours")
    for oracle in UPSTREAM:
        found = check_upstream(ours, results[oracle], scenario, oracle)
        record_property(f"category:{oracle}", upstream_relation(scenario, oracle)[0])
        record_property(f"failed:{oracle}", bool(found))
        problems += found
    assert not problems, "\n".join(problems)


def test_the_newest_module_kills_its_host_where_ours_answers(modules):
    """A `*.macs` entry whose "macs" is a string, beside a healthy network, and one host process
    (getent) that asks for that entry's domain, then for the healthy one's: the newest upstream
    module's json-c asserts and the process dies of SIGABRT before its second lookup; ours skips
    the entry (fix 2), finds nothing for it and answers the healthy domain."""
    files = leasefiles.render({
        "default.status": leasefiles.status(leasefiles.lease(net(0, 10), leasefiles.mac(0, 10), "myvm")),
        "default.macs": leasefiles.macs({"dom": [leasefiles.mac(0, 10)]}),
        "hostile.macs": '[{"domain":"evil","macs":"52:54:00:00:00:0b"}]'}, int(time.time()))
    argv = ["getent", "-s", "hosts:libvirt_guest", "hosts", "evil", "dom"]
    [ours] = nsroot.run(modules["ours"], nsroot.Root(files=files), [argv])
    [newest] = nsroot.run(modules["newest"], nsroot.Root(files=files), [argv])
    assert (ours.returncode, ours.stdout) == (2, f"{net(0, 10)}  dom\n")   # 2: one key was not found
    assert (newest.returncode, newest.stdout) in ((-6, ""), (128 + 6, "")), (newest.returncode, newest.stdout)   # SIGABRT


def test_namespace_loads_the_module_under_test(modules):
    """Inside the namespace, glibc's library directory holds exactly the module being tested."""
    for lib in modules.values():
        for name in ("libnss_libvirt.so.2", "libnss_libvirt_guest.so.2"):
            argv = ["cmp", f"{nsroot.SYSTEM_LIBDIR}/{name}", os.path.realpath(os.path.join(lib, name))]
            [result] = nsroot.run(lib, nsroot.Root(files={}), [argv])
            assert result.returncode == 0, f"{lib}: {result.stdout}{result.stderr}"


def test_host_files_stay_untouched(modules):
    """The namespaces change nothing the host sees."""
    watched = ["/etc/nsswitch.conf", "/etc/hosts"]
    before = {path: _digest(path) for path in watched}
    lease_dir_existed = os.path.exists(nsroot.LEASE_DIR)
    nsroot.run(modules["ours"], nsroot.Root(files={"x.status": "[]"}, hosts="192.0.2.9 changed\n"),
               [["getent", "hosts", "changed"]])
    assert {path: _digest(path) for path in watched} == before
    assert os.path.exists(nsroot.LEASE_DIR) == lease_dir_existed


def _digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_the_differences_document_lists_every_scenario_that_differs():
    """docs/upstream-differences.md lists every scenario not identical with both upstream modules,
    with its category for each (`python3 integration/getent/differences.py` prints the table)."""
    assert scenario_table.documented() == scenario_table.table()
