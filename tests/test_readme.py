"""The README's two commands: one line each, runnable as pasted, and the one CI runs."""

from __future__ import annotations

import re
import shlex

from tests.conftest import ROOT


def _start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin = readme.index("## Démarrer")
    start = readme[begin : readme.index("\n## ", begin + 1)]
    return re.findall(r"```sh\n(.*?)\n```", start, flags=re.DOTALL)


def test_readme_gives_exactly_two_one_line_commands() -> None:
    commands = _start_commands()
    assert len(commands) == 2
    for command in commands:
        assert "\n" not in command


def test_readme_commands_make_and_use_their_own_virtual_environment() -> None:
    # A new Debian or Ubuntu machine refuses pip outside a virtual environment.
    for command in _start_commands():
        steps = [step.strip() for step in command.split("&&")]
        assert steps[:2] == ["python3 -m venv .venv", ". .venv/bin/activate"], command
        assert any(step.startswith("pip install") for step in steps[2:])


def test_readme_renders_an_example_that_exists() -> None:
    install, _ = _start_commands()
    render = shlex.split(install.split("&&")[-1])
    assert render[:2] == ["rzn", "render"]
    assert (ROOT / render[2]).is_file()


def test_ci_runs_the_readme_test_command_as_written() -> None:
    _, test_command = _start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", " "))]
    assert commands[-1] == test_command
    assert test_command.endswith("python -m pytest -q")
