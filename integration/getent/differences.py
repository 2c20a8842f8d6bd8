"""Each scenario's relation to each upstream module, and the table of docs/upstream-differences.md
that lists every scenario not identical with both (the suite checks that the document holds it).

    python3 integration/getent/differences.py    # prints the table
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import IDENTICAL, SCENARIOS  # noqa: E402

DOCUMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "upstream-differences.md")
BEGIN, END = "<!-- scenario table: begin -->", "<!-- scenario table: end -->"


def upstream_relation(scenario, oracle):
    """(category, getent hosts, libvirt_guest, ahosts answers) of an upstream module ("debian" or
    "newest") in a scenario."""
    if oracle == "newest" and scenario.newest is not None:
        n = scenario.newest
        return n.category, n.oracle or {}, n.oracle_guest or {}, n.oracle_ahosts or {}
    return (scenario.extension or scenario.fix or IDENTICAL,
            scenario.oracle or {}, scenario.oracle_guest or {}, scenario.oracle_ahosts or {})


def table():
    """The markdown table: one row per scenario that some upstream module does not answer identically."""
    lines = ["| Scenario (`integration/getent/scenarios.py`) | Debian 12's 9.0.0 | the newest (`build/oracle-newest`) |",
             "|---|---|---|"]
    # The scenario named after the host's own name is named for any host.
    own = f"not-a-guests-name-{os.uname().nodename.split('.')[0]}"
    for scenario in SCENARIOS:
        debian, newest = (upstream_relation(scenario, oracle)[0] for oracle in ("debian", "newest"))
        if (debian, newest) != (IDENTICAL, IDENTICAL):
            name = "not-a-guests-name-<node name>" if scenario.id == own else scenario.id
            lines.append(f"| `{name}` | {debian} | {newest} |")
    return "\n".join(lines) + "\n"


def documented():
    """The table as docs/upstream-differences.md holds it, between its markers."""
    text = open(DOCUMENT, encoding="utf-8").read()
    return text[text.index(BEGIN) + len(BEGIN):text.index(END)].strip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(table())
