"""What ``rzn init`` left for the organisers to fill in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from rzn.diagnostics import Severity
from rzn.load.yaml_tree import Path
from rzn.model.placeholder import PLACEHOLDER
from rzn.rules.registry import Finding, RuleContext, rule

__all__ = ["PLACEHOLDER", "placeholder_left"]


def _walk(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)))
    elif isinstance(value, str) and PLACEHOLDER in value.upper():
        yield path, value


@rule("RZN601", "placeholder-left", Severity.WARNING)
def placeholder_left(ctx: RuleContext) -> Iterator[Finding]:
    """Une valeur porte encore la mention « À COMPLÉTER » du modèle.

    ## Ce que la règle vérifie
    Qu'aucun texte du fichier ne contient « À COMPLÉTER », la mention que `rzn init` écrit
    dans chaque valeur restant à renseigner.

    ## Pourquoi
    Le vade-mecum demande, « après avoir défini la date de l'événement », de « se doter
    d'une liste des tâches à réaliser » : chaque « À COMPLÉTER » est une tâche encore
    ouverte, qui finirait sinon telle quelle dans les mailings et le programme.

    ## Exemple qui échoue
    ```yaml
    objectives:
      - "À COMPLÉTER : ce que les participants doivent retenir de la journée"
    ```

    ## Exemple qui passe
    ```yaml
    objectives:
      - Faire connaître les outils numériques libres aux associations du territoire
    ```
    """
    # Walking every value of the model costs more than this test ("COMPL" also matches an
    # escaped "\u00c0 COMPL\u00c9TER" in a double-quoted value).
    if ctx.source.text and "COMPL" not in ctx.source.text.upper():
        return
    for path, value in _walk(ctx.event, ()):
        shown = value if len(value) <= 70 else value[:69] + "…"
        yield Finding(
            path,
            f"Valeur à compléter : « {shown} ». Remplacez-la par l'information réelle (ou "
            "supprimez la ligne si elle ne s'applique pas).",
        )
