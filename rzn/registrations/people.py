"""Rows of a registrations export → the people expected, and their workshop choices.

Cancelled and waiting-list registrations are set apart (counted, not
listed); a person registered twice is listed once; a row that names nobody
or holds a value rzn cannot read is a :class:`RowProblem`, with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rzn.registrations.columns import NAME_FIELDS, ColumnMap, map_columns
from rzn.registrations.table import Row, RowProblem, Table
from rzn.registrations.text import collation_key, fold, quoted_list, words


class Mode(str, Enum):
    ON_SITE = "on_site"
    REMOTE = "remote"

    @property
    def label(self) -> str:
        return "sur place" if self is Mode.ON_SITE else "à distance"


@dataclass(frozen=True)
class Registration:
    line: int
    last_name: str = ""
    first_name: str = ""
    full_name: str = ""
    """The single-column name, when the export has one."""
    organization: str = ""
    email: str = ""
    choice_text: str = ""
    """The workshop-choice cell as written (split against the programme later)."""
    option_choices: tuple[str, ...] = ()
    """Workshops ticked in LimeSurvey-style columns (one column per workshop)."""
    attended: bool | None = None
    mode: Mode | None = None

    @property
    def name(self) -> str:
        """``Prénom Nom`` or the single-column name."""
        if self.full_name:
            return self.full_name
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def sort_key(self) -> tuple[object, ...]:
        """Family name, then first name, in French collation; the line breaks ties.

        Letters of both names come first, accents and case only break ties: « Le Goff
        Maëlys » comes before « Legoff Ronan ».
        """
        if self.last_name or self.first_name:
            family = collation_key(self.last_name or self.first_name)
            given = collation_key(self.first_name if self.last_name else "")
        else:
            family, given = collation_key(self.full_name), collation_key("")
        return (family[0], given[0], family[1], given[1], family[2], given[2], self.line)


@dataclass
class Registrations:
    table: Table
    columns: ColumnMap = field(default_factory=ColumnMap)
    people: list[Registration] = field(default_factory=list)
    """Valid registrations, one per person, in the file's order."""
    cancelled: int = 0
    waiting: int = 0
    duplicates: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    """Every row-level problem, the table's included, by line."""

    @property
    def fatal(self) -> str | None:
        return self.table.fatal

    @property
    def file(self) -> str:
        return self.table.file

    def has(self, name: str) -> bool:
        return name in self.columns.indices

    @property
    def has_workshops(self) -> bool:
        return self.has("workshops") or bool(self.columns.options)

    @property
    def split_names(self) -> bool:
        """Separate « Nom » and « Prénom » columns (the sheets then show both)."""
        return (self.has("last_name") or self.has("first_name")) and not self.has("full_name")

    @property
    def has_attendance(self) -> bool:
        return any(p.attended is not None for p in self.people)

    @property
    def attended(self) -> int:
        return sum(1 for p in self.people if p.attended)

    @property
    def has_modes(self) -> bool:
        return any(p.mode is not None for p in self.people)

    def sorted_people(self) -> list[Registration]:
        return sorted(self.people, key=lambda p: p.sort_key)


_YES = frozenset(
    words(v)
    for v in (
        "oui", "yes", "y", "o", "x", "1", "true", "vrai", "ok", "présent", "présente",
        "présent·e", "présent(e)", "émargé", "émargée", "a participé", "venu", "venue",
        "checked", "checked in", "✓", "✔", "☑",
    )
)  # fmt: skip
_NO = frozenset(
    words(v)
    for v in (
        "non", "no", "n", "0", "false", "faux", "absent", "absente", "absent·e", "absent(e)",
        "excusé", "excusée", "excusé·e", "pas venu", "pas venue",
    )
)  # fmt: skip
_TICKS = frozenset({"✓", "✔", "☑"})
_CANCELLED = ("annul", "rembours", "cancel", "refus", "abandon", "expir", "rejet")
_WAITING = ("attente", "waiting")
_ON_SITE = ("sur place", "presentiel", "en personne", "en salle", "physique", "on site")
_REMOTE = ("distance", "distanciel", "en ligne", "visio", "remote", "online", "zoom")


def read_registrations(table: Table, overrides: dict[str, str] | None = None) -> Registrations:
    result = Registrations(table)
    if table.fatal is not None:
        return result
    result.columns = columns = map_columns(table.header, overrides)
    result.problems = list(table.problems)
    if not any(name in columns.indices for name in NAME_FIELDS):
        overridden = [n for n, _ in columns.problems if n in NAME_FIELDS]
        if not overridden:
            table.fatal = (
                "Aucune colonne de nom reconnue (ni « Nom », ni « Prénom », ni « Nom et prénom ») "
                f"parmi {quoted_list(h for h in table.header if h)}. Indiquez-la dans le fichier "
                "d'événement, par exemple registration_columns: {last_name: \"Nom du "
                'participant"} (voir docs/colonnes.md).'
            )
        return result
    attendance_filled = "attended" in columns.indices and any(
        row.get(columns.indices["attended"]) for row in table.rows
    )
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        person = _person(row, table, columns, attendance_filled, result.problems)
        if person is None:
            continue
        status = fold(_cell(row, columns, "status"))
        if any(word in status for word in _CANCELLED):
            result.cancelled += 1
            continue
        if any(word in status for word in _WAITING):
            result.waiting += 1
            continue
        key = (collation_key(person.name)[0], fold(person.email or person.organization))
        if key in seen:
            result.duplicates += 1
            continue
        seen[key] = person.line
        result.people.append(person)
    result.problems.sort(key=lambda p: p.line)
    return result


def _cell(row: Row, columns: ColumnMap, name: str) -> str:
    index = columns.indices.get(name)
    return " ".join(row.get(index).split()) if index is not None else ""


def _person(
    row: Row,
    table: Table,
    columns: ColumnMap,
    attendance_filled: bool,
    problems: list[RowProblem],
) -> Registration | None:
    names = {name: _cell(row, columns, name) for name in NAME_FIELDS}
    if not any(names.values()):
        problems.append(
            RowProblem(
                row.line,
                "aucun nom sur cette ligne : complétez-la, ou supprimez-la si ce n'est pas une "
                "inscription.",
            )
        )
        return None
    attended: bool | None = None
    if attendance_filled:
        raw = _cell(row, columns, "attended")
        attended = _yes_no(raw)
        if attended is None:
            header = columns.header_of("attended", table.header)
            problems.append(
                RowProblem(
                    row.line,
                    f"« {raw} » dans la colonne « {header} » : écrivez oui (ou x) pour une "
                    "personne présente, non ou rien pour une absente.",
                )
            )
    mode: Mode | None = None
    raw_mode = _cell(row, columns, "mode")
    if raw_mode:
        mode = _mode(raw_mode)
        if mode is None:
            header = columns.header_of("mode", table.header)
            problems.append(
                RowProblem(
                    row.line,
                    f"« {raw_mode} » dans la colonne « {header} » : écrivez « sur place » ou "
                    "« à distance ».",
                )
            )
    ticked = tuple(
        option for index, option in columns.options if _yes_no(row.get(index), option) is True
    )
    return Registration(
        line=row.line,
        last_name=names["last_name"],
        first_name=names["first_name"],
        full_name=names["full_name"],
        organization=_cell(row, columns, "organization"),
        email=_cell(row, columns, "email"),
        choice_text=row.get(columns.indices["workshops"]) if "workshops" in columns.indices else "",
        option_choices=ticked,
        attended=attended,
        mode=mode,
    )


def _yes_no(value: str, option: str | None = None) -> bool | None:
    text = value.strip()
    if not text:
        return False
    if text in _TICKS:
        return True
    key = words(text)
    if key in _YES or (option is not None and key == words(option)):
        return True
    if key in _NO:
        return False
    return None


def _mode(value: str) -> Mode | None:
    text = fold(value)
    on_site = any(word in text for word in _ON_SITE)
    remote = any(word in text for word in _REMOTE)
    if on_site == remote:
        return None
    return Mode.ON_SITE if on_site else Mode.REMOTE
