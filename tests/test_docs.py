"""The documentation stays true: CI runs the README's test command, every command is documented."""

import re
from pathlib import Path

from sitrep.cli.main import COMMANDS

REPO = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", text)


def test_readme_has_exactly_two_setup_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    assert "sitrep extract examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci


def test_every_cli_command_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"sitrep {name}" in readme, f"`sitrep {name}` is not documented in README.md"


def test_changelog_exists():
    assert "## [" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
