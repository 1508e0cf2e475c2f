"""Who signed up for which workshop of the programme.

A workshop is identified by its title: the registration form offered the
titles, so the export holds them. A title given to several programme items
(the same workshop morning and afternoon) is one choice, whose seats are
those of all its rooms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rzn.model.event import Event, ItemKind, ProgramItem
from rzn.registrations.choices import Matcher
from rzn.registrations.people import Mode, Registration, Registrations
from rzn.registrations.text import did_you_mean, fold, lines_phrase
from rzn.slugs import unique_slugs


@dataclass
class Workshop:
    title: str
    slug: str
    indices: tuple[int, ...]
    """Positions of its items in ``event.program``."""
    items: tuple[ProgramItem, ...]
    people: list[Registration] = field(default_factory=list)

    def capacity(self, event: Event) -> int | None:
        """Seats in its rooms, or ``None`` when a room is unknown (online, or not described)."""
        if event.venue is None:
            return None
        total = 0
        for item in self.items:
            room = event.venue.room(item.room) if item.room else None
            if room is None:
                return None
            total += room.capacity
        return total

    def seated(self, hybrid: bool) -> list[Registration]:
        """People who take a seat: in a hybrid event, not those who follow from a distance."""
        if not hybrid:
            return list(self.people)
        return [p for p in self.people if p.mode is not Mode.REMOTE]


@dataclass(frozen=True)
class UnknownChoice:
    text: str
    """As first written."""
    lines: tuple[int, ...]


@dataclass
class Signups:
    workshops: list[Workshop]
    unknown: list[UnknownChoice]


def workshops_of(event: Event) -> list[Workshop]:
    """The programme's workshops, one per distinct title, in programme order."""
    groups: dict[str, list[tuple[int, ProgramItem]]] = {}
    for index, item in enumerate(event.program):
        if item.kind is ItemKind.WORKSHOP:
            groups.setdefault(fold(item.title), []).append((index, item))
    titles = [entries[0][1].title for entries in groups.values()]
    return [
        Workshop(
            entries[0][1].title,
            slug,
            tuple(i for i, _ in entries),
            tuple(item for _, item in entries),
        )
        for entries, slug in zip(groups.values(), unique_slugs(titles), strict=True)
    ]


def signups(event: Event, registrations: Registrations) -> Signups:
    workshops = workshops_of(event)
    matcher = Matcher((w.title, i) for i, w in enumerate(workshops))
    unknown: dict[str, tuple[str, list[int]]] = {}
    for person in registrations.people:
        chosen: list[int] = []
        pieces: list[str] = []
        if person.choice_text:
            match = matcher.split(person.choice_text)
            chosen.extend(match.found)
            pieces.extend(match.unknown)
        for option in person.option_choices:
            found = matcher.one(option)
            if found is None:
                pieces.append(option)
            elif found not in chosen:
                chosen.append(found)
        for index in chosen:
            workshops[index].people.append(person)
        for piece in pieces:
            entry = unknown.setdefault(fold(piece), (piece, []))
            entry[1].append(person.line)
    return Signups(
        workshops,
        [UnknownChoice(text, tuple(lines)) for text, lines in unknown.values()],
    )


def unknown_choice_message(unknown: UnknownChoice, titles: list[str]) -> str:
    """``ligne 9 : « … » n'est l'intitulé d'aucun atelier…`` (the file name goes before)."""
    if titles:
        close = did_you_mean(unknown.text, titles, cutoff=0.5)
        hint = (
            f"Vouliez-vous dire « {close} » ? "
            if close
            else "Ateliers du programme : " + ", ".join(f"« {t} »" for t in titles) + ". "
        )
        advice = "Corrigez l'intitulé dans l'export ou dans le programme (le même des deux côtés)."
    else:
        hint = "Le programme n'a aucun atelier (kind: workshop). "
        advice = "Ajoutez les ateliers au programme avec les intitulés du formulaire."
    counted = (
        "cette inscription n'est comptée"
        if len(unknown.lines) == 1
        else f"ces {len(unknown.lines)} inscriptions ne sont comptées"
    )
    return (
        f"{lines_phrase(unknown.lines)} : « {unknown.text} » n'est l'intitulé d'aucun atelier "
        f"du programme : {counted} dans aucun atelier. {hint}{advice}"
    )
