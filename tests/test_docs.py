"""Docs are tests: every command has help with an example, and appears in the README."""

import re

import pytest
from typer.testing import CliRunner

from xmqw.cli import EXAMPLES, app
from conftest import REPO

COMMANDS = ["ingest", "articles", "show", "search", "projects", "rates", "stats", "query"]
README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_has_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert re.search(rf"e\.g\. xmqw .*{command}", " ".join(result.stdout.split())), result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_command_in_readme(command):
    assert re.search(rf"^#+ .*`?xmqw {command}", README, re.M), f"README has no section for xmqw {command}"


def test_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README, re.S)
    first = [line for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]
    assert len(first) == 2
    assert first[0].startswith("pip install .") and "xmqw " in first[0]
    assert first[1] == "pip install '.[test]' && python -m pytest"
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert first[1] in ci


def test_readme_lists_the_help_examples():
    for example, _ in EXAMPLES:
        assert example.split(" ~/")[0] in README
