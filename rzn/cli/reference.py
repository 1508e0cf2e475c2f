"""The reference pages ``docs/regles.md`` and ``docs/commandes.md``, generated from the code.

The rule registry (each rule's docstring is its documentation) and the Typer
app (each option's French help) are the only sources: ``make docs`` (or
``python -m rzn.cli.reference``) rewrites both pages, and
``tests/test_docs_reference.py`` fails when a page no longer matches the code.
The output depends on nothing but the code: no terminal width, no date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

WIDTH = 100
"""Help is wrapped as on a 100-column terminal, whatever the terminal generating it."""

_SCOPES = {
    "file": "le fichier (lecture, encodage, schéma)",
    "event": "un événement",
    "project": "plusieurs événements comparés entre eux",
}

_NOTICE = (
    "<!-- Page générée à partir du code par « make docs » (python -m rzn.cli.reference) :"
    " ne pas la modifier à la main. -->"
)


def rules_page() -> str:
    """``docs/regles.md``: every rule, in code order, with its whole documentation."""
    from rzn.rules.registry import RETIRED, all_rules

    rules = sorted(all_rules().values(), key=lambda r: r.code)
    lines = [
        _NOTICE,
        "",
        "# Règles de rzn check",
        "",
        "Chaque règle a un code stable (`RZNnnn`, jamais réutilisé), un nom et une sévérité par"
        " défaut, que `rzn.toml` ou `[tool.rzn]` peuvent changer. `rzn rules NOM` affiche la même"
        " documentation dans le terminal ; `--select` et `--ignore` acceptent le nom ou le code.",
        "",
        "| code | nom | sévérité | ce qu'elle signale |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| [{r.code}](#{_anchor(r.code, r.name)}) | `{r.name}` | {r.severity.label}"
        f" | {_cell(r.summary)} |"
        for r in rules
    ]
    for r in rules:
        body = r.doc.split("\n", 1)[1].strip() if "\n" in r.doc else ""
        lines += [
            "",
            f"## {r.code} {r.name}",
            "",
            f"**Sévérité** : {r.severity.label} · **Portée** : {_SCOPES[r.scope]}",
            "",
            r.summary,
            "",
            _demote(body),
        ]
    if RETIRED:
        lines += ["", "## Codes retirés", "", "| code | ancien nom |", "|---|---|"]
        lines += [f"| {code} | `{name}` |" for code, name in sorted(RETIRED.items())]
    return "\n".join(lines).rstrip() + "\n"


def commands_page() -> str:
    """``docs/commandes.md``: the French help of every command and subcommand."""
    import typer.main

    from rzn.cli.app import app
    from rzn.cli.help import render_help

    lines = [
        _NOTICE,
        "",
        "# Commandes de rzn",
        "",
        "L'aide de chaque commande, telle que l'affiche `rzn COMMANDE --help`.",
    ]
    for argv in _command_paths(typer.main.get_command(app), []):
        lines += [
            "",
            f"## {' '.join(['rzn', *argv])}",
            "",
            "```text",
            render_help(argv, width=WIDTH).rstrip(),
            "```",
        ]
    return "\n".join(lines) + "\n"


PAGES = {"regles.md": rules_page, "commandes.md": commands_page}
"""Each generated page of ``docs/`` and the function that writes it."""


def _command_paths(command: Any, prefix: list[str]) -> list[list[str]]:
    paths = [prefix]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not getattr(sub, "hidden", False):
            paths += _command_paths(sub, [*prefix, name])
    return paths


def _anchor(code: str, name: str) -> str:
    # The anchor GitHub and most Markdown renderers give to "## RZN101 ag-season".
    return f"{code.lower()}-{name}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _demote(doc: str) -> str:
    """The docstring's ``## `` sections become ``### `` under the rule's own heading."""
    out = []
    fenced = False
    for line in doc.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and re.match(r"#{1,5} ", line):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Write the pages into ``docs/`` of the current folder (or the folder given), if changed."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "docs")
    for name, page in PAGES.items():
        target = folder / name
        text = page()
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_bytes(text.encode("utf-8"))
            sys.stdout.write(f"{target} mis à jour\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
