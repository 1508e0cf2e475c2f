"""Preparing the speakers: each one has a referent among the organisers."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.model.event import Event, Speaker
from rzn.rules.registry import Finding, RuleContext, rule

SHOWN_MEMBERS = 5
"""Beyond this, listing the team's ids in a message would drown the advice."""


def in_team(event: Event, reference: str) -> bool:
    """Does ``reference`` name a team member, by id or by name (case aside)?"""
    folded = reference.casefold()
    return any(reference == m.id or folded == m.name.casefold() for m in event.team)


def _session_referent(event: Event, speaker: Speaker) -> bool:
    """One of the speaker's sessions has its own referent (``program[].referent``)."""
    return any(speaker.id in item.speakers and item.referent for item in event.program)


@rule("RZN409", "speaker-referent-missing", Severity.WARNING)
def speaker_referent_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Un intervenant n'a pas de référent parmi les organisateurs.

    ## Ce que la règle vérifie
    Que chaque intervenant a un `referent`, ou intervient dans au moins une séquence qui a
    le sien (`program[].referent`). Quand l'équipe est décrite dans `team`, le référent d'un
    intervenant doit en être membre, désigné par son `id` ou par son nom.

    ## Pourquoi
    Pour préparer les intervenants, le vade-mecum demande de « nommer un référent parmi les
    organisateurs » et d'« organiser des échanges bilatéraux ». C'est ce référent qui
    invite l'intervenant à l'échange, lui envoie le conducteur et la fiche technique, et
    dont le contact figure dans les informations pratiques (`speakers/` de `rzn render`).

    ## Exemple qui échoue
    ```yaml
    speakers:
      - {id: dupont, name: Claire Dupont}
    ```

    ## Exemple qui passe
    ```yaml
    team:
      - {id: claire, name: Claire Martin, phone: 06 12 34 56 78}
    speakers:
      - {id: dupont, name: Claire Dupont, referent: claire}
    ```
    """
    event = ctx.event
    ids = [m.id for m in event.team]
    shown = ", ".join(ids[:SHOWN_MEMBERS]) + ("…" if len(ids) > SHOWN_MEMBERS else "")
    for index, speaker in enumerate(event.speakers):
        reference = speaker.referent
        if reference is None:
            if _session_referent(event, speaker):
                continue
            if ids:
                how = f"l'id ou le nom d'un membre de team ({shown})"
            else:
                how = (
                    "le nom de l'organisateur qui le ou la suit, et décrivez cette personne "
                    "dans team (id, name, email, phone) pour que les mails de préparation "
                    "donnent son contact"
                )
            yield Finding(
                ("speakers", index),
                f"{speaker.name} n'a pas de référent : ajoutez referent: avec {how}. C'est le "
                "référent qui organise l'échange bilatéral et suit la préparation.",
            )
        elif ids and not in_team(event, reference):
            names = ids + [m.name for m in event.team]
            close = difflib.get_close_matches(reference, names, n=1, cutoff=0.6)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            yield Finding(
                ("speakers", index, "referent"),
                f"Le référent « {reference} » de {speaker.name} n'est pas dans team : écrivez "
                f"l'id ou le nom d'un membre ({shown}), ou ajoutez cette personne à team avec "
                f"son téléphone et son e-mail.{hint}",
            )
