"""--help on every command; the version."""
import pytest


@pytest.mark.parametrize("command, words", [
    ([], ["resolve", "list", "doctor", "enable", "disable", "--lease-dir"]),
    (["resolve"], ["--module", "-4", "-6", "--explain"]),
    (["list"], ["--json"]),
    (["doctor"], ["--nsswitch", "--module-dir", "--connect"]),
    (["enable"], ["--nsswitch", "authselect"]),
    (["disable"], ["--nsswitch", "authselect"]),
])
def test_help(cli, command, words):
    r = cli(*command, "--help")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("Description:")
    for word in words:
        assert word in r.stdout


def test_unknown_command_is_one_line_error(cli):
    r = cli("frobnicate")
    assert r.returncode == 1 and r.stdout == "" and r.stderr.count("\n") == 1 and "frobnicate" in r.stderr
