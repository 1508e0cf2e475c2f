"""``rzn init``'s core: a commented event file that walks through the vade-mecum.

The file is rendered from ``templates/init/event.yaml.j2``. Every value a
template prints goes through :func:`yaml_scalar` (Jinja's ``finalize``), so
a title full of colons, quotes, ``#`` or line breaks always lands as one
double-quoted YAML string: user input can never break the file or add keys.

Nothing here prints or prompts; :mod:`rzn.cli.init_cmd` does.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from rzn.errors import RznError, UsageError
from rzn.files import replace_file
from rzn.model.event import Format, ItemKind
from rzn.rules.placeholders import PLACEHOLDER  # the marker the placeholder-left rule finds

"""Marks every value the organisers still have to write; easy to search for."""

EVENT_FILE = "event.yaml"
GITIGNORE = ".gitignore"
SCHEMA_FILE = "event.schema.json"
"""Written beside the event so editors validate it offline, matching the installed rzn."""

MAX_TEXT = 300
"""Same bound as the model's ``Text`` fields: the scaffold must load cleanly."""
MIN_DAY_MINUTES = 60

FORMAT_ALIASES = {
    "in_person": Format.IN_PERSON,
    "presentiel": Format.IN_PERSON,
    "présentiel": Format.IN_PERSON,
    "online": Format.ONLINE,
    "distanciel": Format.ONLINE,
    "en_ligne": Format.ONLINE,
    "en-ligne": Format.ONLINE,
    "hybrid": Format.HYBRID,
    "hybride": Format.HYBRID,
}
FORMAT_LABELS = {
    Format.IN_PERSON: "en présentiel",
    Format.ONLINE: "en ligne",
    Format.HYBRID: "hybride (sur place et à distance)",
}


class ScaffoldError(RznError):
    """The scaffold cannot be written (file already there, folder unusable)."""


# --- Validating what the user typed -------------------------------------------------------


def clean_text(value: str, option: str, *, required: bool = True) -> str | None:
    """Trim and bound a free text; the model would strip it anyway."""
    text = value.strip()
    if not text:
        if required:
            raise UsageError(f"{option} : valeur vide ; indiquez-la.")
        return None
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        # Lone surrogates come from bytes that are not UTF-8 on the command line.
        raise UsageError(
            f"{option} : caractères illisibles (le terminal n'est pas en UTF-8) ; retapez la "
            "valeur."
        )
    if len(text) > MAX_TEXT:
        raise UsageError(
            f"{option} : {len(text)} caractères, c'est trop long ({MAX_TEXT} au plus)."
        )
    return text


def parse_event_date(value: str, option: str = "--date") -> dt.date:
    from pydantic_core import PydanticCustomError

    from rzn.model.types import parse_date

    try:
        parsed: dt.date = parse_date(value)
    except PydanticCustomError as exc:
        raise UsageError(f"{option} : {exc.message()}") from None
    return parsed


def parse_format(value: str, option: str = "--format") -> Format:
    key = value.strip().lower().replace(" ", "_")
    try:
        return FORMAT_ALIASES[key]
    except KeyError:
        raise UsageError(
            f"{option} : « {value} » inconnu ; choisissez in_person (présentiel), online (en "
            "ligne) ou hybrid (hybride)."
        ) from None


def parse_hour(value: str, option: str) -> dt.time:
    from pydantic_core import PydanticCustomError

    from rzn.model.types import parse_time

    try:
        parsed: dt.time = parse_time(value)
    except PydanticCustomError as exc:
        raise UsageError(f"{option} : {exc.message()}") from None
    return parsed


@dataclass(frozen=True)
class Request:
    """What ``rzn init`` was asked for, already validated."""

    title: str
    date: dt.date
    format: Format
    city: str | None = None
    region: str | None = None
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)

    def __post_init__(self) -> None:
        length = _minute(self.end) - _minute(self.start)
        if length <= 0:
            raise UsageError(
                f"La journée finit ({self.end:%H:%M}) avant de commencer ({self.start:%H:%M}) : "
                "corrigez --start ou --end."
            )
        if length < MIN_DAY_MINUTES:
            raise UsageError(
                f"La journée ne dure que {length} minutes : une rencontre demande au moins une "
                "heure (accueil, apport, échange, clôture). Corrigez --start ou --end."
            )


# --- The programme skeleton (the vade-mecum's "trame type") -------------------------------

PLENARY = "Salle plénière"
WORKSHOP_ROOMS = ("Salle atelier 1", "Salle atelier 2")


@dataclass(frozen=True)
class Seq:
    """One sequence of the skeleton; ``why`` becomes the comment above it."""

    title: str
    kind: ItemKind
    why: str
    speakers: tuple[str, ...] = ()
    room: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Slot:
    """Sequences that run side by side, with their length on a 09:00–17:00 day."""

    minutes: int
    seqs: tuple[Seq, ...]


def _one(minutes: int, seq: Seq) -> Slot:
    return Slot(minutes, (seq,))


def _welcome(fmt: Format) -> Seq:
    if fmt is Format.IN_PERSON:
        return Seq(
            "Accueil café et émargement",
            ItemKind.WELCOME,
            "Accueil : un moment convivial, qui facilite les échanges informels.",
        )
    return Seq(
        "Accueil sur place et en ligne, prise en main de l'outil"
        if fmt is Format.HYBRID
        else "Accueil et prise en main de l'outil",
        ItemKind.WELCOME,
        "Animation à distance : « indiquez les règles d'utilisation de l'outil » et faites "
        "un tour d'écran dans le tchat.",
        room=PLENARY if fmt is Format.HYBRID else None,
        description=(
            "Règles d'utilisation de l'outil : activer et couper micro et caméra, poser ses "
            "questions dans le tchat. Chacun se présente dans le tchat (tour d'écran). Toutes "
            "les questions peuvent être posées."
        ),
    )


def _room(fmt: Format, name: str) -> str | None:
    return None if fmt is Format.ONLINE else name


def _talk(fmt: Format) -> Seq:
    return Seq(
        "Conférence d'ouverture : état des lieux de la transition numérique des associations",
        ItemKind.TALK,
        "Apport théorique, pour lancer la journée (état des lieux, freins et leviers…).",
        ("ouverture",),
        _room(fmt, PLENARY),
    )


def _round_table(fmt: Format) -> Seq:
    return Seq(
        "Table ronde : menaces et opportunités du numérique pour les associations",
        ItemKind.ROUND_TABLE,
        "Apport théorique : un regard plus large, avec un expert et un acteur du territoire.",
        ("expert", "ouverture"),
        _room(fmt, PLENARY),
    )


def _qa(fmt: Format) -> Seq:
    return Seq(
        "Questions des participants",
        ItemKind.QA,
        "Animation à distance : « ouvrez plusieurs sessions de questions » et réservez un "
        "vrai temps pour y répondre.",
        room=_room(fmt, PLENARY),
        description=(
            "Questions posées dans le tchat et, sur place, au micro."
            if fmt is Format.HYBRID
            else "Questions posées dans le tchat ou au micro, lues par l'animateur."
        ),
    )


def _workshops(fmt: Format) -> tuple[Seq, ...]:
    why = "Apport pratique : zooms thématiques en sous-groupes, adaptés aux besoins."
    if fmt is Format.ONLINE:
        # Online, parallel items would overlap (no rooms): one item, several breakout rooms.
        return (
            Seq(
                "Ateliers en sous-groupes : mobiliser des bénévoles / collaborer à distance",
                ItemKind.WORKSHOP,
                why + " En ligne : un salon (sous-groupe) par atelier.",
                ("atelier-1", "atelier-2"),
                description="Un salon par thème ; restitution en plénière à la fin.",
            ),
        )
    remote = " Un salon en ligne accueille les participants à distance." if fmt.has_remote else ""
    return (
        Seq(
            "Atelier : mobiliser des bénévoles",
            ItemKind.WORKSHOP,
            why + remote,
            ("atelier-1",),
            WORKSHOP_ROOMS[0],
        ),
        Seq(
            "Atelier : communiquer sur les réseaux sociaux",
            ItemKind.WORKSHOP,
            why,
            ("atelier-2",),
            WORKSHOP_ROOMS[1],
        ),
    )


def _testimony(fmt: Format) -> Seq:
    return Seq(
        "Retours d'expériences d'associations du territoire",
        ItemKind.TESTIMONY,
        "Apport pratique : donner la parole à une association pour un témoignage."
        + (" À distance, un·e participant·e peut aussi témoigner." if fmt.has_remote else ""),
        ("temoin",),
        _room(fmt, PLENARY),
    )


def _barcamp(fmt: Format) -> Seq:
    online = (
        " En ligne : les sous-groupes permettent de travailler à plusieurs."
        if fmt is Format.ONLINE
        else ""
    )
    return Seq(
        "Barcamp : les participants proposent les sujets",
        ItemKind.BARCAMP,
        "Apport pratique : varier les formats, pour s'adapter à la diversité des participants."
        + online,
        room=_room(fmt, PLENARY),
    )


def _break() -> Seq:
    return Seq("Pause", ItemKind.BREAK, "")


def _closing(fmt: Format) -> Seq:
    return Seq(
        "Clôture et évaluation à chaud",
        ItemKind.CLOSING,
        "Clôture : remerciements, suites de la rencontre et questionnaire d'évaluation.",
        room=_room(fmt, PLENARY),
    )


def _morning(fmt: Format) -> list[Slot]:
    slots = [_one(30, _welcome(fmt))]
    if fmt.has_remote:
        slots += [_one(45, _talk(fmt)), _one(15, _qa(fmt))]
    else:
        slots += [_one(60, _talk(fmt))]
    return [*slots, _one(15, _break()), Slot(75, _workshops(fmt))]


def _afternoon(fmt: Format) -> list[Slot]:
    if fmt.has_remote:
        slots = [_one(45, _round_table(fmt)), _one(15, _qa(fmt))]
    else:
        slots = [_one(60, _round_table(fmt))]
    return [
        *slots,
        _one(30, _testimony(fmt)),
        _one(15, _break()),
        _one(75, _barcamp(fmt)),
        _one(30, _closing(fmt)),
    ]


def _half_day(fmt: Format, minutes: int) -> list[Slot]:
    slots = [*_morning(fmt), _one(30, _testimony(fmt)), _one(30, _closing(fmt))]
    if minutes < 180:
        slots = [s for s in slots if s.seqs[0].kind is not ItemKind.BREAK]
    return slots


# Lunch windows to try, in order: a long lunch if the day allows it, else a shorter one.
_LUNCHES = ((12 * 60, 90), (12 * 60, 60), (12 * 60 + 30, 60))
_MIN_HALF = 120


@dataclass(frozen=True)
class Planned:
    """A skeleton sequence placed in the day."""

    start: dt.time
    duration: int
    seq: Seq


def plan_program(fmt: Format, start: dt.time, end: dt.time) -> list[Planned]:
    """The trame type fitted to the day's hours: lunch at noon when the day spans it."""
    first, last = _minute(start), _minute(end)
    for lunch, length in _LUNCHES:
        if lunch - first >= _MIN_HALF and last - (lunch + length) >= _MIN_HALF:
            meal = Seq("Déjeuner", ItemKind.MEAL, "Déjeuner : le temps des mises en réseau.")
            return [
                *_fit(_morning(fmt), first, lunch),
                Planned(_clock(lunch), length, meal),
                *_fit(_afternoon(fmt), lunch + length, last),
            ]
    return _fit(_half_day(fmt, last - first), first, last)


def _fit(slots: Sequence[Slot], first: int, last: int) -> list[Planned]:
    """Scale the nominal lengths to [first, last], on 5-minute steps, never empty."""
    span, nominal, step = last - first, sum(s.minutes for s in slots), 5
    assert span >= step * len(slots), "the day is long enough by construction"
    bounds = [0]
    elapsed = 0
    for slot in slots[:-1]:
        elapsed += slot.minutes
        bounds.append(round(elapsed * span / nominal / step) * step)
    bounds.append(span)
    # Rounding may squeeze a slot to nothing: keep each at least one step long.
    for i in range(1, len(bounds) - 1):
        bounds[i] = max(bounds[i], bounds[i - 1] + step)
    for i in range(len(bounds) - 2, 0, -1):
        bounds[i] = min(bounds[i], bounds[i + 1] - step)
    planned = []
    for slot, begin, finish in zip(slots, bounds, bounds[1:], strict=False):
        for seq in slot.seqs:
            planned.append(Planned(_clock(first + begin), finish - begin, seq))
    return planned


# --- Speakers and budget ------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerSlot:
    id: str
    name: str
    local: bool
    why: str


_SPEAKERS = (
    SpeakerSlot(
        "ouverture",
        f"{PLACEHOLDER} : intervenant·e de la conférence d'ouverture",
        True,
        "Ancré sur le territoire : PANA, Hub connecté, CHATONS, établissement "
        "d'enseignement, agent de l'ANCT ou de la Banque des territoires…",
    ),
    SpeakerSlot(
        "expert",
        f"{PLACEHOLDER} : expert·e de la table ronde",
        False,
        "Une vision plus macro des enjeux : MedNum, Fing, Mission Société numérique, "
        "Le Mouton Numérique, membre du COPIL national…",
    ),
    SpeakerSlot(
        "atelier-1",
        f"{PLACEHOLDER} : animateur·rice du premier atelier",
        True,
        "Apports pratiques : de préférence un acteur du territoire (PANA, tête de réseau…).",
    ),
    SpeakerSlot(
        "atelier-2",
        f"{PLACEHOLDER} : animateur·rice du second atelier",
        True,
        "Pour faire remonter les idées inspirantes : PANA, têtes de réseau, Carrefour des "
        "innovations sociales.",
    ),
    SpeakerSlot(
        "temoin",
        f"{PLACEHOLDER} : association du territoire qui témoigne",
        True,
        "Un retour d'expérience concret, qui donne à voir les projets communs.",
    ),
)


@dataclass(frozen=True)
class BudgetSlot:
    label: str
    category: str
    why: str


_REMOTE_BUDGET = (
    BudgetSlot(
        "Licence du logiciel de visioconférence",
        "videoconference",
        "En distanciel : un logiciel performant, qui permet les sous-groupes.",
    ),
)
_VENUE_BUDGET = (
    BudgetSlot("Location de la salle", "venue", "En présentiel, avoir en tête :"),
    BudgetSlot("Régisseur (son, vidéoprojection)", "technician", ""),
    BudgetSlot("Agent de sécurité", "security", ""),
    BudgetSlot("Café, repas, collations et eau des intervenants et organisateurs", "catering", ""),
    BudgetSlot("Mesures sanitaires (gel, masques…)", "sanitary", ""),
    BudgetSlot("Signalétique et kakémonos", "signage", ""),
)
_HYBRID_BUDGET = (
    BudgetSlot(
        "Captation et retransmission (caméra, micros, connexion)",
        "equipment",
        "En hybride : les participants à distance doivent voir et entendre la salle.",
    ),
)
_ALWAYS_BUDGET = (
    BudgetSlot(
        "Mise en page et impression (flyers, programmes, comptes rendus)",
        "printing",
        "Dans tous les cas :",
    ),
    BudgetSlot("Déplacements des intervenants et organisateurs", "travel", ""),
    BudgetSlot("Hébergement des intervenants", "accommodation", ""),
)


def budget_lines(fmt: Format) -> list[BudgetSlot]:
    lines: list[BudgetSlot] = []
    if fmt.has_remote:
        lines += _REMOTE_BUDGET
    if fmt.has_venue:
        lines += _VENUE_BUDGET
    if fmt is Format.HYBRID:
        lines += _HYBRID_BUDGET
    return lines + list(_ALWAYS_BUDGET)


# --- Rendering ------------------------------------------------------------------------------


class Plain(str):
    """A word the code chose (an id, an enum value) that YAML reads as plain text."""

    _SAFE = re.compile(r"[a-z][a-z0-9_-]*\Z")
    # YAML 1.1 would read these as booleans or null; rzn would not, but other tools might.
    _RESERVED = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null"))

    def __new__(cls, value: str) -> Plain:
        if not cls._SAFE.match(value) or value in cls._RESERVED:
            raise ValueError(f"not a plain YAML word: {value!r}")
        return super().__new__(cls, value)


class Comment(str):
    """French text the code wrote for a ``#`` comment: one line, nothing to escape."""

    def __new__(cls, value: str) -> Comment:
        # No quote nor backslash either: the template may print it inside "…".
        if any(not ch.isprintable() or ch in '"\\' for ch in value):
            raise ValueError(f"a comment must be one printable line: {value!r}")
        return super().__new__(cls, value)


def comment_lines(text: str, width: int = 84) -> list[Comment]:
    import textwrap

    return [Comment(line) for line in textwrap.wrap(text, width, break_on_hyphens=False)]


def yaml_scalar(value: object) -> str:
    """Any value the template prints, as YAML text that reads back to exactly that value."""
    if isinstance(value, Plain | Comment):
        return str(value)
    if isinstance(value, Enum):
        return yaml_scalar(Plain(str(value.value)))
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return quote(value.strftime("%H:%M"))
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    raise TypeError(f"the init template cannot print a {type(value).__name__}")


def quote(text: str) -> str:
    """A YAML double-quoted scalar; anything unusual is escaped, so it stays on one line.

    Invisible characters (zero-width spaces, bidi overrides, BOM) are escaped too,
    so the file shows what it holds.
    """
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == " " or (ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Co")):
            out.append(ch)
        else:
            code = ord(ch)
            if code <= 0xFF:
                out.append(f"\\x{code:02X}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04X}")
            else:
                out.append(f"\\U{code:08X}")
    out.append('"')
    return "".join(out)


def template_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    # Installed wheels carry the templates inside the package; a checkout keeps them beside it.
    for candidate in (package / "templates" / "init", package.parent / "templates" / "init"):
        if candidate.is_dir():
            return candidate
    raise RznError("Modèles de rzn init introuvables : réinstallez rzn (pip install rzn).")


def _environment(folder: Path):  # type: ignore[no-untyped-def]
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        finalize=yaml_scalar,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_event(request: Request) -> str:
    """The commented ``event.yaml`` text for ``request``."""
    fmt = request.format
    program = plan_program(fmt, request.start, request.end)
    used = {speaker for planned in program for speaker in planned.seq.speakers}
    context = {
        "title": request.title,
        "date": request.date,
        "format": fmt,
        "city": request.city,
        "region": request.region,
        "start": request.start,
        "end": request.end,
        "has_venue": fmt.has_venue,
        "has_remote": fmt.has_remote,
        "hybrid": fmt is Format.HYBRID,
        "in_ag_season": (3, 1) <= (request.date.month, request.date.day) <= (6, 30),
        "rooms": [PLENARY, *WORKSHOP_ROOMS],
        "program": [
            {
                "id": Plain(key),
                "start": p.start,
                "duration": p.duration,
                "title": p.seq.title,
                "kind": p.seq.kind,
                "why": comment_lines(p.seq.why),
                "speakers": [Plain(s) for s in p.seq.speakers],
                "room": p.seq.room,
                "description": p.seq.description,
            }
            for p, key in zip(program, _item_ids(program), strict=True)
        ],
        "speakers": [
            {"id": Plain(s.id), "name": s.name, "local": s.local, "why": comment_lines(s.why)}
            for s in _SPEAKERS
            if s.id in used
        ],
        "budget": [
            {"label": b.label, "category": Plain(b.category), "why": comment_lines(b.why)}
            for b in budget_lines(fmt)
        ],
        "placeholder": Comment(PLACEHOLDER),
        "modeline": Comment(schema_modeline(SCHEMA_FILE)),
        "slug": Plain(event_slug(request.title, request.date)),
    }
    template = _environment(template_dir()).get_template("event.yaml.j2")
    text: str = template.render(context)
    return text


def event_slug(title: str, day: dt.date) -> str:
    """A stable identifier written in the file: calendar entries keep it when the title changes."""
    from rzn.slugs import slugify

    slug = slugify(title, fallback="rencontre", max_length=54)
    if not slug[0].isalpha():
        slug = f"rzn-{slug}"
    return slug if str(day.year) in slug else f"{slug}-{day.year}"


def schema_modeline(url: str) -> str:
    from rzn.schema import modeline

    return modeline(url)


def render_schema() -> str:
    from rzn.schema import schema_text

    return schema_text()


def _item_ids(program: Sequence[Any]) -> list[str]:
    """Short stable ids for the skeleton's sequences (they keep calendar entries on renames)."""
    from rzn.slugs import unique_slugs

    small = {"a", "à", "au", "aux", "d", "de", "des", "du", "et", "l", "la", "le", "les", "sur"}
    short = []
    for p in program:
        words = p.seq.title.split(":")[-1].split()[:4]  # "Atelier : mobiliser…" → "mobiliser…"
        while len(words) > 1 and words[-1].lower().rstrip("'’") in small:
            words.pop()
        short.append(" ".join(words))
    return unique_slugs(short)


def render_gitignore() -> str:
    return (template_dir() / "gitignore").read_text(encoding="utf-8")


# --- Writing --------------------------------------------------------------------------------


@dataclass
class Written:
    """What :func:`write_scaffold` did, for the summary."""

    folder: str
    event_file: str
    replaced: bool = False
    gitignore: str = ""
    gitignore_written: bool = False
    created_folder: bool = False


def write_scaffold(folder: str, request: Request, *, force: bool = False) -> Written:
    """Write ``folder/event.yaml`` (and ``.gitignore`` if absent); never delete anything else."""
    event_file = os.path.join(folder, EVENT_FILE)
    gitignore = os.path.join(folder, GITIGNORE)
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise ScaffoldError(
            f"{folder} existe déjà et n'est pas un dossier : choisissez un autre nom."
        )
    exists = os.path.lexists(event_file)
    if exists and not force:
        raise ScaffoldError(
            f"{event_file} existe déjà : rzn init ne l'écrase pas. Choisissez un autre dossier, "
            "ou relancez avec --force pour le remplacer par un modèle vierge."
        )
    if exists and os.path.isdir(event_file):
        raise ScaffoldError(
            f"{event_file} est un dossier : rzn init ne le remplace pas. Choisissez un autre "
            "dossier pour la rencontre (rzn init DOSSIER)."
        )
    text = render_event(request)  # render first: a template problem writes nothing
    created = not os.path.isdir(folder)
    try:
        os.makedirs(folder, exist_ok=True)
        _write_atomically(event_file, text)
        # rzn's own file, refreshed at every init: it follows the installed version of rzn.
        _write_atomically(os.path.join(folder, SCHEMA_FILE), render_schema())
        wrote_ignore = False
        if not os.path.lexists(gitignore):
            _write_atomically(gitignore, render_gitignore())
            wrote_ignore = True
    except OSError as exc:
        raise ScaffoldError(
            f"Écriture impossible dans {folder} ({exc.strerror or exc}) : vérifiez les droits "
            "d'accès au dossier."
        ) from None
    return Written(folder, event_file, exists, gitignore, wrote_ignore, created)


def _write_atomically(path: str, text: str) -> None:
    replace_file(path, text.encode("utf-8"))


def _minute(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _clock(minute: int) -> dt.time:
    return dt.time(*divmod(minute, 60))
