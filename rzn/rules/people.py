"""Organisers and speakers."""

from __future__ import annotations

from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.rules.registry import Finding, RuleContext, rule


@rule("RZN401", "lead-missing", Severity.ERROR)
def lead_missing(ctx: RuleContext) -> Iterator[Finding]:
    """Aucune organisation n'est désignée comme tête de file.

    ## Ce que la règle vérifie
    Qu'exactement une organisation de `organizers` a `lead: true`.

    ## Pourquoi
    Avant de se lancer, le vade-mecum demande d'« identifier une tête de file, ou un groupe
    d'initiative » : c'est elle qui signe les mailings et tient le rétroplanning.

    ## Exemple qui échoue
    ```yaml
    organizers:
      - name: Le Mouvement associatif Bretagne
    ```

    ## Exemple qui passe
    ```yaml
    organizers:
      - name: Le Mouvement associatif Bretagne
        lead: true
    ```
    """
    leads = [i for i, o in enumerate(ctx.event.organizers) if o.lead]
    if not leads:
        yield Finding(
            ("organizers",),
            "Aucune tête de file : ajoutez « lead: true » à l'organisation qui porte la rencontre.",
            key=True,
        )
    for index in leads[1:]:
        yield Finding(
            ("organizers", index, "lead"),
            f"Plusieurs têtes de file ({len(leads)}) : gardez « lead: true » sur une seule "
            "organisation, les autres sont co-organisatrices.",
        )


@rule("RZN402", "unknown-speaker", Severity.ERROR)
def unknown_speaker(ctx: RuleContext) -> Iterator[Finding]:
    """Une séquence nomme un intervenant qui n'est pas défini.

    ## Ce que la règle vérifie
    Que chaque identifiant de `program[].speakers` correspond à un `id` de `speakers`.

    ## Pourquoi
    Chaque intervenant doit être préparé (« organiser des échanges bilatéraux », lui envoyer
    le conducteur minuté) : il faut savoir qui il est et comment le joindre.

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupond]}
    speakers:
      - {id: dupont, name: Claire Dupont}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk, speakers: [dupont]}
    speakers:
      - {id: dupont, name: Claire Dupont}
    ```
    """
    import difflib

    known = [s.id for s in ctx.event.speakers]
    known_set = set(known)
    for index, item in enumerate(ctx.event.program):
        for position, speaker in enumerate(item.speakers):
            if speaker in known_set:
                continue
            close = difflib.get_close_matches(speaker, known, n=1, cutoff=0.6)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            yield Finding(
                ("program", index, "speakers", position),
                f"Intervenant « {speaker} » inconnu dans « {item.title} » : ajoutez-le dans "
                f"speakers (avec id: {speaker}) ou corrigez l'identifiant.{hint}",
            )
