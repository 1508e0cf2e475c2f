"""``docs/regles.md`` and ``docs/commandes.md``: the code's own words, never stale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rzn.cli.reference import PAGES, commands_page, rules_page
from rzn.rules.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_the_code(name: str):
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == PAGES[name](), (
        f"docs/{name} no longer matches the code: run `make docs` "
        "(python -m rzn.cli.reference) and commit the result"
    )


def test_every_rule_has_its_section_with_the_four_parts():
    page = rules_page()
    for rule in all_rules().values():
        section = page.split(f"\n## {rule.code} {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"**Sévérité** : {rule.severity.label}" in section, rule.name
        titles = re.findall(r"^### (.+)$", section, flags=re.M)
        assert titles == [
            "Ce que la règle vérifie",
            "Pourquoi",
            "Exemple qui échoue",
            "Exemple qui passe",
        ], rule.name


def test_every_command_and_option_is_documented():
    import typer.main

    from rzn.cli.app import app

    page = commands_page()
    seen = 0

    def walk(command, path):
        nonlocal seen
        block = page.split(f"\n## {' '.join(path)}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            if type(param).__name__.endswith("Option") and not param.hidden:
                assert param.opts[0] in block, (" ".join(path), param.opts[0])
        seen += 1
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), ["rzn"])
    assert seen == page.count("\n## ")


def test_pages_do_not_depend_on_the_terminal(tmp_path: Path):
    # Help wraps to the terminal's width; the generated pages must not.
    env = {**os.environ, "COLUMNS": "41"}
    subprocess.run(
        [sys.executable, "-m", "rzn.cli.reference", str(tmp_path)],
        check=True,
        env=env,
        capture_output=True,
    )
    for name, page in PAGES.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == page()


def test_readme_links_to_both_pages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in PAGES if f"docs/{name}" not in readme] == []
