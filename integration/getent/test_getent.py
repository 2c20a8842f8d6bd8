"""Real getent through our module and through Debian's C module (libnss-libvirt 9.0.0), one
private mount namespace per scenario and module, the same files for both.

A scenario without a fix must print exactly the same (exit code and stdout, every command) with
both modules, and our module must print what the scenario expects. A scenario of one of the three
deliberate fixes asserts our answer and the C module's old answer, so the difference shows. A
scenario of an extension (a feature upstream lacks) asserts our answers, and that they differ.
"""

import concurrent.futures
import hashlib
import os
import time

import pytest

import leasefiles
import nsroot
from scenarios import SCENARIOS, commands


def run_both(modules, scenario):
    files = leasefiles.render(scenario.files, int(time.time()))
    argvs = [argv for name in scenario.names for argv in commands(name)]
    root = scenario.root(files)
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
                       f"debian {(theirs.returncode, theirs.stdout)}")
    return out


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(modules, scenario, record_property):
    record_property("scenario", scenario.id)
    record_property("category", scenario.extension or scenario.fix or "identical")
    results = run_both(modules, scenario)
    ours, debian = results["ours"], results["debian"]

    problems = check_expectations(ours, scenario.expect, scenario.guest, scenario.ahosts, "ours")
    problems += check_reverse(ours, scenario.reverse, scenario.reverse_guest, "ours")
    if scenario.extension is not None:
        if not differences(ours, debian):
            problems.append(f"{scenario.extension}: no difference from Debian's module shows")
    elif scenario.fix is None:
        problems += [f"differs from Debian's module: {d}" for d in differences(ours, debian)]
    else:
        problems += check_expectations(debian, scenario.oracle or {}, scenario.oracle_guest or {},
                                       scenario.oracle_ahosts or {}, "debian")
        if not differences(ours, debian):
            problems.append(f"{scenario.fix}: no difference from Debian's module shows")
    assert not problems, "\n".join(problems)


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
