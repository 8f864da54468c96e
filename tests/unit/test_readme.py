"""The README's set-up commands are the ones CI really runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), flags=re.S)


def test_readme_has_exactly_two_setup_commands():
    setup = (ROOT / "README.md").read_text().split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, flags=re.S)
    assert len(commands) == 2
    assert commands[0].endswith("smarkmeet demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    test_command = shell_blocks()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci_lines
