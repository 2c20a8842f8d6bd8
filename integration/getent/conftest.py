"""Shared setup of the getent suite: where the three modules are, and the closing tables.

GETENT_OUR_LIB / GETENT_ORACLE_LIB / GETENT_NEWEST_LIB override the module directories (defaults:
build/lib, build/oracle/lib, build/oracle-newest/lib); GETENT_COUNTS names the file that
receives "<passed> <failed>".
"""

import collections
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

OUR_LIB = os.environ.get("GETENT_OUR_LIB", os.path.join(TOP, "build", "lib"))
ORACLE_LIB = os.environ.get("GETENT_ORACLE_LIB", os.path.join(TOP, "build", "oracle", "lib"))
NEWEST_LIB = os.environ.get("GETENT_NEWEST_LIB", os.path.join(TOP, "build", "oracle-newest", "lib"))


def _version(lib):
    """The upstream version of the package a module directory was unpacked from (its VERSION)."""
    try:
        with open(os.path.join(os.path.dirname(lib), "VERSION")) as f:
            return f.read().strip().split("-")[0]
    except OSError:
        return "?"


# The upstream modules, by the names results are kept under, as the tables call them.
UPSTREAM = {"debian": f"Debian 12's libnss-libvirt {_version(ORACLE_LIB)}",
            "newest": f"the newest libnss-libvirt {_version(NEWEST_LIB)}"}

_outcomes = collections.Counter()
_categories = {oracle: collections.Counter() for oracle in UPSTREAM}
_failures = collections.Counter()
_scenarios_collected = 0


@pytest.fixture(scope="session")
def modules():
    if os.geteuid() != 0:
        pytest.fail("the getent suite needs root (mount namespaces, overlay mounts)")
    for lib in (OUR_LIB, ORACLE_LIB, NEWEST_LIB):
        if not os.path.isfile(os.path.join(lib, "libnss_libvirt.so.2")):
            pytest.fail(f"{lib}/libnss_libvirt.so.2 is missing: run `make module oracle`")
    return {"ours": OUR_LIB, "debian": ORACLE_LIB, "newest": NEWEST_LIB}


def pytest_collection_modifyitems(items):
    global _scenarios_collected
    _scenarios_collected = sum(1 for item in items if item.originalname == "test_scenario")


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        properties = dict(report.user_properties)
        if report.outcome == "passed" and report.when == "call":
            _outcomes["passed"] += 1
        elif report.outcome == "failed":
            _outcomes["failed"] += 1
        elif report.outcome == "skipped":
            _outcomes["skipped"] += 1
        if report.when == "call":
            for oracle in UPSTREAM:
                if f"category:{oracle}" not in properties:
                    continue
                if properties.get(f"failed:{oracle}"):
                    _failures[oracle] += 1
                else:
                    _categories[oracle][properties[f"category:{oracle}"]] += 1


def pytest_terminal_summary(terminalreporter):
    write = terminalreporter.write_line
    for oracle, name in UPSTREAM.items():
        categories = _categories[oracle]
        extensions = sorted(c for c in categories if c.startswith("extension:"))
        differing = sorted(c for c in categories if c != "identical" and c not in extensions)
        write("")
        write(f"getent differential against {name}")
        write(f"  {'scenarios run':<30}{_scenarios_collected:>5}")
        write(f"  {'identical':<30}{categories['identical']:>5}")
        write(f"  {'fixes and documented':<30}{sum(categories[c] for c in differing):>5}")
        for category in differing:
            write(f"    {category:<36}{categories[category]:>3}")
        write(f"  {'beyond upstream (ours only)':<30}{sum(categories[c] for c in extensions):>5}")
        for category in extensions:
            write(f"    {category:<36}{categories[category]:>3}")
        write(f"  {'failures':<30}{_failures[oracle]:>5}")
    write(f"other checks: {_outcomes['passed'] - sum(sum(c.values()) for c in _categories.values()) // len(UPSTREAM)} passed")
    write(f"failures in all: {_outcomes['failed']}")


def pytest_sessionfinish(session, exitstatus):
    counts = os.environ.get("GETENT_COUNTS")
    if counts:
        failed = _outcomes["failed"]
        if exitstatus not in (0, 1) and failed == 0:
            failed = 1  # collection or internal error: never report a clean run
        with open(counts, "w") as f:
            f.write(f"{_outcomes['passed']} {failed}\n")
