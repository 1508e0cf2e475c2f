"""The programme: timing, rooms and the vade-mecum's "trame type"."""

from __future__ import annotations

from collections.abc import Iterator

from rzn.diagnostics import Severity
from rzn.model.event import Event, Format, ProgramItem
from rzn.rules.registry import Finding, RuleContext, rule


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _shares_space(event: Event, a: ProgramItem, b: ProgramItem) -> bool:
    rooms = event.venue.rooms if event.venue is not None else []
    if event.format is Format.ONLINE or len(rooms) <= 1:
        return True
    # An item without a room concerns everyone (welcome, lunch, closing).
    return a.room is None or b.room is None or a.room == b.room


@rule("RZN301", "program-overlap", Severity.ERROR)
def program_overlap(ctx: RuleContext) -> Iterator[Finding]:
    """Deux séquences du programme se chevauchent au même endroit.

    ## Ce que la règle vérifie
    Que deux séquences dans la même salle ne se chevauchent pas. Quand l'événement est en
    ligne ou n'a qu'une salle, toutes les séquences sont comparées ; une séquence sans salle
    (accueil, déjeuner) concerne tout le monde.

    ## Pourquoi
    Le vade-mecum demande un « conducteur minuté » envoyé aux intervenants : un programme
    qui se chevauche ne peut pas être tenu.

    ## Exemple qui échoue
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk}
      - {start: "10:00", duration: 60, title: Atelier, kind: workshop}
    ```

    ## Exemple qui passe
    ```yaml
    program:
      - {start: "09:30", duration: 60, title: Conférence, kind: talk}
      - {start: "10:45", duration: 60, title: Atelier, kind: workshop}
    ```
    """
    event = ctx.event
    items = sorted(enumerate(event.program), key=lambda pair: pair[1].start_minute)
    for position, (_, first) in enumerate(items):
        for index, second in items[position + 1 :]:
            if second.start_minute >= first.end_minute:
                break
            if _shares_space(event, first, second):
                where = f" dans « {second.room} »" if second.room and first.room else ""
                yield Finding(
                    ("program", index, "start"),
                    f"« {second.title} » ({_hhmm(second.start_minute)}–"
                    f"{_hhmm(second.end_minute)}) chevauche « {first.title} » "
                    f"({_hhmm(first.start_minute)}–{_hhmm(first.end_minute)}){where} : "
                    "décalez l'une des deux séquences ou placez-les dans des salles différentes.",
                )


@rule("RZN302", "program-outside-hours", Severity.ERROR)
def program_outside_hours(ctx: RuleContext) -> Iterator[Finding]:
    """Une séquence commence avant le début ou finit après la fin de la journée.

    ## Ce que la règle vérifie
    Que chaque séquence tient entre `start` et `end` de l'événement (09:00–17:00 par
    défaut).

    ## Pourquoi
    Les horaires annoncés dans les mailings et le programme doivent être ceux du
    « conducteur minuté » : une séquence hors horaires ne sera vue de personne.

    ## Exemple qui échoue
    ```yaml
    end: "17:00"
    program:
      - {start: "16:30", duration: 60, title: Clôture, kind: closing}
    ```

    ## Exemple qui passe
    ```yaml
    end: "17:00"
    program:
      - {start: "16:30", duration: 30, title: Clôture, kind: closing}
    ```
    """
    event = ctx.event
    day_start = event.start.hour * 60 + event.start.minute
    day_end = event.end.hour * 60 + event.end.minute
    for index, item in enumerate(event.program):
        if item.start_minute < day_start:
            yield Finding(
                ("program", index, "start"),
                f"« {item.title} » commence à {_hhmm(item.start_minute)}, avant le début de la "
                f"journée ({_hhmm(day_start)}) : décalez la séquence ou avancez start.",
            )
        elif item.end_minute > day_end:
            field = "end" if item.end is not None else "duration"
            yield Finding(
                ("program", index, field),
                f"« {item.title} » finit à {_hhmm(item.end_minute)}, après la fin de la journée "
                f"({_hhmm(day_end)}) : raccourcissez la séquence ou repoussez end.",
            )
