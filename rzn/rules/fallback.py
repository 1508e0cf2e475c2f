"""The remote plan B of an in-person event."""

from __future__ import annotations

from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.model.event import Format
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN211", "remote-fallback-missing", Severity.INFO)
def remote_fallback_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Une rencontre en présentiel n'a pas de plan B à distance.

    ## Ce que la règle vérifie
    Qu'un événement en présentiel (`format: in_person`) décrit dans `fallback` comment il
    basculerait en ligne, avec au moins le lien de connexion (`fallback.url`).

    ## Pourquoi
    Le vade-mecum recommande : « Dans le doute, veiller à ce que la rencontre physique
    puisse être transposable à distance ». Avec l'outil et le lien du plan B, `rzn render`
    prépare le mail de bascule (`mailings/switch-online.eml`) et la liste de tâches du plan B.

    ## Exemple qui échoue
    ```yaml
    format: in_person
    venue:
      name: Espace Malraux
    ```

    ## Exemple qui passe
    ```yaml
    format: in_person
    venue:
      name: Espace Malraux
    fallback:
      platform: BigBlueButton
      url: https://visio.example.org/rzn
    ```
    """
    event = ctx.event
    if event.format is not Format.IN_PERSON:
        return  # online and hybrid events are already reachable at a distance
    if event.fallback is None:
        yield Finding(
            ("format",),
            "Pas de plan B à distance : décrivez dans fallback l'outil de visioconférence "
            "(platform) et le lien (url) qui permettraient de tenir la rencontre en ligne ; "
            "rzn prépare alors le mail de bascule (mailings/switch-online.eml).",
        )
    elif event.fallback.url is None:
        yield Finding(
            ("fallback",),
            "Le plan B n'a pas de lien de connexion : ajoutez fallback.url, le lien que le mail "
            "de bascule donnera aux participants et aux intervenants.",
            key=True,
        )
