"""Shared setup of the getent suite: where the two modules are, and the closing table.

GETENT_OUR_LIB / GETENT_ORACLE_LIB override the module directories (defaults: build/lib and
build/oracle/lib); GETENT_COUNTS names the file that receives "<passed> <failed>".
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

_outcomes = collections.Counter()
_categories = collections.Counter()
_scenarios_collected = 0


@pytest.fixture(scope="session")
def modules():
    if os.geteuid() != 0:
        pytest.fail("the getent suite needs root (mount namespaces, overlay mounts)")
    for lib in (OUR_LIB, ORACLE_LIB):
        if not os.path.isfile(os.path.join(lib, "libnss_libvirt.so.2")):
            pytest.fail(f"{lib}/libnss_libvirt.so.2 is missing: run `make module oracle`")
    return {"ours": OUR_LIB, "debian": ORACLE_LIB}


def pytest_collection_modifyitems(items):
    global _scenarios_collected
    _scenarios_collected = sum(1 for item in items if item.originalname == "test_scenario")


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        category = dict(report.user_properties).get("category", "other")
        if report.outcome == "passed" and report.when == "call":
            _outcomes["passed"] += 1
            _categories[category] += 1
        elif report.outcome == "failed":
            _outcomes["failed"] += 1
        elif report.outcome == "skipped":
            _outcomes["skipped"] += 1


def pytest_terminal_summary(terminalreporter):
    write = terminalreporter.write_line
    extensions = sorted(c for c in _categories if c.startswith("extension:"))
    differing = sorted(c for c in _categories if c not in ("identical", "other") and c not in extensions)
    deliberate = sum(_categories[c] for c in differing)
    scenarios = _scenarios_collected
    write("")
    write("getent differential against Debian's libnss-libvirt 9.0.0")
    write(f"  {'scenarios run':<28}{scenarios:>5}")
    write(f"  {'identical':<28}{_categories['identical']:>5}")
    write(f"  {'deliberate differences':<28}{deliberate:>5}")
    for category in differing:
        write(f"    {category:<34}{_categories[category]:>3}")
    write(f"  {'beyond upstream (ours only)':<28}{sum(_categories[c] for c in extensions):>5}")
    for category in extensions:
        write(f"    {category:<34}{_categories[category]:>3}")
    write(f"  {'other checks passed':<28}{_categories['other']:>5}")
    write(f"  {'failures':<28}{_outcomes['failed']:>5}")


def pytest_sessionfinish(session, exitstatus):
    counts = os.environ.get("GETENT_COUNTS")
    if counts:
        failed = _outcomes["failed"]
        if exitstatus not in (0, 1) and failed == 0:
            failed = 1  # collection or internal error: never report a clean run
        with open(counts, "w") as f:
            f.write(f"{_outcomes['passed']} {failed}\n")
