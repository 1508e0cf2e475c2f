"""``rzn rules``: list the rules, or show one rule's documentation."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rzn.errors import InputError


def rules(
    name: Annotated[
        str | None,
        typer.Argument(help="Nom ou code d'une règle (ag-season, RZN101) pour sa documentation."),
    ] = None,
) -> None:
    """Lister les règles, ou afficher la documentation de l'une d'elles."""
    from rzn.rules.registry import all_rules, find

    out = sys.stdout
    if name is None:
        registry = all_rules()
        width = max(len(r.name) for r in registry.values())
        for rule in sorted(registry.values(), key=lambda r: r.code):
            out.write(
                f"{rule.code}  {rule.name:<{width}}  {rule.severity.label:<13}  {rule.summary}\n"
            )
        return
    found = find(name)
    if found is None:
        import difflib

        close = difflib.get_close_matches(name, list(all_rules()), n=1)
        hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
        raise InputError(f"Règle inconnue « {name} ».{hint} « rzn rules » les liste toutes.")
    out.write(f"{found.code} {found.name} ({found.severity.label})\n\n{found.doc}\n")
