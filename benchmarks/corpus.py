"""Realistic event files for the benchmark: varied, valid, ~180 lines, French text.

Every file is built from a seeded random generator, so a given ``index``
always gives the same file and two runs measure the same corpus. Valid
files are meant to pass ``rzn check`` without any finding when checked
with :data:`TODAY`, the way a careful organiser writes them: a weekday of
the 2027-2028 school year outside the region's school holidays and the AG
season, the Fondation EDF among the partners, a logo for every funder
(files written by :func:`write_logos` into ``logos/`` beside the events),
question time at a distance, every speaker on the programme, at least one
of them local. A few invalid files, one per kind of mistake users actually
make, exercise the error paths.

Events of one region at most 7 days apart collide (``date-collision``),
and only 17 or 18 dates a region fit in the one school year the checks
accept: the first :func:`corpus_dates.collision_free_count` files never collide, later
ones do when checked together (each one stays valid on its own).
"""

from __future__ import annotations

import functools
import random
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from corpus_dates import REGIONS, region_and_date
from corpus_words import (
    COMMENTS,
    FIRST,
    LAST,
    ORGS,
    SENTENCES,
    STEPS,
    TALKS,
    VENUES,
    WORKSHOPS,
)

TODAY = "2027-06-01"
"""``--today`` for every ``rzn check``: before every event and every mailing date."""

"""Days between two events of a region: rzn's date-collision flags 7 days or fewer."""

NATIONAL_PARTNER = "Fondation EDF"
"""Partner of every RéZolutions numériques day: each file lists it (national-partner-missing)."""
_FUNDERS = [NATIONAL_PARTNER, "Région", "Département", "Fondation Orange", "Crédit Coopératif"]
LOGO_FOLDER = "logos"
"""Beside the event files; logos are paths relative to the event file."""


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", f"{_ascii(first[0])}.{_ascii(last)}"


def _ascii(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.lower().replace(" ", "-").replace("'", "")


def _logo_path(name: str) -> str:
    return f"{LOGO_FOLDER}/{_ascii(name)}.png"


def _png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A plain PNG image: rzn reads logos with Pillow, which checks every chunk's CRC."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    rows = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def write_logos(folder: Path) -> list[Path]:
    """Write the logos the events of ``folder`` name, into ``folder/logos/`` (~100 bytes each).

    Every event file written into a folder needs them beside it: logo-missing reads each
    logo, relative to the event file's folder.
    """
    target = folder / LOGO_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in [*_FUNDERS, *ORGS]:
        # A colour of its own for each organisation, the same on every run.
        red, green, blue = zlib.crc32(name.encode("utf-8")).to_bytes(4, "big")[:3]
        path = folder / _logo_path(name)
        path.write_bytes(_png(120, 40, (red, green, blue)))
        paths.append(path)
    return paths


def _q(text: str) -> str:
    """A YAML double-quoted scalar (titles may contain « : »)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@functools.cache
def event_text(index: int) -> str:
    """One valid event file, different for each ``index``."""
    rng = random.Random(index)
    fmt = ("in_person", "online", "hybrid")[index % 3]
    region_index, date = region_and_date(index, rng)
    region, city, station, _zone = REGIONS[region_index]
    lines: list[str] = []
    add = lines.append

    add(f"# RéZolutions numériques {region} ({fmt}) — fichier n° {index}.")
    add(f"# {rng.choice(COMMENTS)}")
    add(f"title: {_q(f'RéZolutions numériques {region} {date.year} n° {index}')}")
    add(f"slug: rzn-{_ascii(region)}-{index}")
    add(f"date: {date.isoformat()}")
    add('start: "09:00"')
    add('end: "17:00"')
    add("timezone: Europe/Paris")
    add(f"format: {fmt}")
    add(f"region: {_q(region)}")
    add(f"city: {_q(city)}")
    participants = rng.randrange(40, 150)
    add(f"expected_participants: {participants}")
    add("")
    # Each part draws from ``rng`` in turn: the same index always gives the same file.
    orgs = _organisers(rng, add, region, city)
    team_ids = _objectives_and_team(rng, add, region)
    rooms = _places(rng, add, index, fmt, city, station, participants)
    _speakers(rng, add, region, rooms, team_ids, fmt)
    _budget_and_communication(rng, add, index, fmt, region, orgs, participants)
    return "\n".join(lines) + "\n"


def _organisers(
    rng: random.Random, add: Callable[[str], None], region: str, city: str
) -> list[str]:
    add("organizers:")
    orgs = rng.sample(ORGS, rng.randrange(2, 4))
    for position, org in enumerate(orgs):
        add(f"  - name: {_q(f'{org} {region}')}")
        if position == 0:
            add("    lead: true")
        add(f"    email: contact@{_ascii(org)}.example.org")
        add(f"    website: https://{_ascii(org)}.example.org")
        if position == 0:
            add(f'    phone: "02 47 {rng.randrange(10, 99)} {rng.randrange(10, 99)} 00"')
            add(f"    contact: {_person(rng)[0]}")
        # Every organiser's logo, as the vade-mecum asks (organizer-logo-missing otherwise).
        add(f"    logo: {_logo_path(org)}")
    add("")

    add("partners:")
    # The national partner always, and one or two other funders; each funder with its logo.
    for funder in [NATIONAL_PARTNER, *rng.sample(_FUNDERS[1:], rng.randrange(1, 3))]:
        add(f"  - {{name: {_q(funder)}, role: funder, logo: {_logo_path(funder)}}}")
    add(f"  - name: {_q(f'Ville de {city}')}")
    add("    role: partner")
    add("")

    return orgs


def _objectives_and_team(rng: random.Random, add: Callable[[str], None], region: str) -> list[str]:
    add("objectives:")
    add("  - Faire connaître les outils numériques libres aux associations du territoire")
    add("  - Mettre en réseau les responsables associatifs et les acteurs du numérique local")
    add(f"  - {_q(rng.choice(SENTENCES))}")
    add("political_support:")
    add(f"  - {_q(f'Conseil régional {region}')}")
    add("")

    add("team:")
    team_ids = []
    for _ in range(2):
        name, ident = _person(rng)
        ident = f"{ident}-{len(team_ids)}"
        team_ids.append(ident)
        add(f"  - id: {ident}")
        add(f"    name: {name}")
        add(f"    role: {rng.choice(['Coordination', 'Logistique', 'Communication'])}")
        add(f"    email: {ident}@example.org")
    add("")

    return team_ids


def _places(
    rng: random.Random,
    add: Callable[[str], None],
    index: int,
    fmt: str,
    city: str,
    station: str,
    participants: int,
) -> list[str]:
    has_venue = fmt != "online"
    rooms: list[str] = []
    if has_venue:
        rooms = ["Grande salle", "Salle 1", "Salle 2"]
        add("venue:")
        add(f"  name: {_q(rng.choice(VENUES))}")
        add(f"  address: {_q(f'{rng.randrange(1, 120)} rue de la République, {city}')}")
        add(f"  nearest_station: {_q(station)}")
        add(f"  station_walk_minutes: {rng.randrange(3, 25)}")
        add("  public_transport: Tram A ou bus 12, arrêt « Mairie »")
        add("  parking: Parking gratuit de 80 places, dont 4 places PMR")
        add("  pmr_accessible: true")
        add("  accessibility: >")
        add("    Accès de plain-pied, ascenseur vers les salles d'atelier,")
        add("    boucle magnétique dans la grande salle et toilettes adaptées.")
        add("  rooms:")
        capacity = participants + rng.randrange(10, 80)
        add(f"    - {{name: Grande salle, capacity: {capacity}, kind: plenary, setup: théâtre}}")
        for room in rooms[1:]:
            capacity = rng.randrange(20, 40)
            add(f"    - {{name: {room}, capacity: {capacity}, kind: workshop, setup: îlots}}")
        add("  projector: true")
        add("  sound: true")
        add(f"  wifi: {_q('Invités-' + city)}")
        add(f"  booking_contact: {_person(rng)[0]}")
        add("")
    if fmt != "in_person":
        add("online:")
        add("  platform: BigBlueButton")
        add(f"  url: https://visio.example.org/rzn-{index}")
        add(f"  moderator: {_person(rng)[0]}")
        add("  breakout_rooms: true")
        add("")
    else:
        add("fallback:")
        add("  platform: BigBlueButton")
        add(f"  url: https://visio.example.org/secours-{index}")
        add("  notes: En cas d'alerte météo, bascule à distance annoncée la veille par mail.")
        add("")
    add(f"registration_url: https://example.org/inscription/{index}")
    add("")

    return rooms


def _speakers(
    rng: random.Random,
    add: Callable[[str], None],
    region: str,
    rooms: list[str],
    team_ids: list[str],
    fmt: str,
) -> None:
    speakers = []
    for _ in range(rng.randrange(3, 5)):
        name, ident = _person(rng)
        speakers.append((f"{ident}-{len(speakers)}", name))
    add("program:")
    _program(rng, add, [s[0] for s in speakers], rooms, team_ids, fmt)
    add("")

    add("speakers:")
    for ident, name in speakers:
        add(f"  - id: {ident}")
        add(f"    name: {name}")
        add(f"    organization: {_q(rng.choice(ORGS) + ' ' + region)}")
        add(f"    email: {ident}@example.org")
        # The first one gives the talk: a speaker from the territory, as the guide advises.
        add(f"    local: {'true' if ident == speakers[0][0] else rng.choice(['true', 'false'])}")
        add(f"    bio: {_q(rng.choice(SENTENCES))}")
        add(f"    referent: {rng.choice(team_ids)}")
    add("")


def _budget_and_communication(
    rng: random.Random,
    add: Callable[[str], None],
    index: int,
    fmt: str,
    region: str,
    orgs: list[str],
    participants: int,
) -> None:
    has_venue = fmt != "online"
    add("budget:")
    add("  lines:")
    if has_venue:
        add("    - {label: Location de la salle, category: venue, amount: 600}")
        add(f"    - label: Repas des participants  # {rng.choice(COMMENTS)}")
        add("      category: catering")
        add(f"      quantity: {participants}")
        add(f"      unit_cost: {rng.choice(['12.50', '15', '18.90'])}")
        add("    - {label: Signalétique, category: signage, amount: 150}")
        add("    - {label: Technicien son et vidéo, category: technician, amount: 450}")
    add("    - {label: Licence de visioconférence, category: videoconference, amount: 80}")
    add(f"    - {{label: Impressions, category: printing, amount: {rng.randrange(50, 300)}}}")
    add("  income:")
    add(f"    - {{source: {orgs[0]}, amount: 500, kind: own_funds, confirmed: true}}")
    add(f"    - {{source: Fondation EDF, amount: {rng.randrange(5, 30) * 100}, kind: subsidy}}")
    add(f"  volunteer_hours: {rng.randrange(20, 120)}")
    add("")

    add("communication:")
    add('  hashtag: "#ReZoNum"')
    add("  mailings: [30, 15, 7]")
    add("  sender:")
    add(f"    name: {_q(orgs[0] + ' ' + region)}")
    add(f"    email: contact@{_ascii(orgs[0])}.example.org")
    add(f"  website: https://example.org/rzn/{index}")
    add(f"  recording: {rng.choice(['true', 'false'])}")


def _program(
    rng: random.Random,
    add: Callable[[str], None],
    speakers: list[str],
    rooms: list[str],
    team: list[str],
    fmt: str,
) -> None:
    plenary = rooms[0] if rooms else None
    # Parallel workshops only where rooms keep them apart (online events compare everything).
    parallel = len(rooms) >= 3
    # At a distance, the guide asks for real question time: the talk and the round table
    # give a quarter of an hour each to questions (the day keeps its length).
    questions = fmt != "in_person"
    minute = 9 * 60
    # Speakers not yet on the programme come first: each one speaks somewhere.
    waiting = list(speakers)

    def who(count: int) -> list[str]:
        chosen = waiting[:count]
        del waiting[:count]
        others = [s for s in speakers if s not in chosen]
        return chosen + rng.sample(others, count - len(chosen))

    def item(
        kind: str, duration: int, title: str, *, room: str | None, extra: bool, count: int = 1
    ) -> None:
        start = f"{minute // 60:02d}:{minute % 60:02d}"
        if not extra:
            # Short items are written on one line, as in the documentation's examples.
            where = f", room: {room}" if room else ""
            fields = f'start: "{start}", duration: {duration}, title: {title}, kind: {kind}{where}'
            add(f"  - {{{fields}}}")
            return
        add(f'  - start: "{start}"')
        if rng.random() < 0.3:
            end = minute + duration
            add(f'    end: "{end // 60:02d}:{end % 60:02d}"')
        else:
            add(f"    duration: {duration}")
        add(f"    title: {_q(title)}")
        add(f"    kind: {kind}")
        if room:
            add(f"    room: {room}")
        add(f"    speakers: [{', '.join(who(count))}]")
        add(f"    description: {_q(' '.join(rng.sample(SENTENCES, 2)))}")
        add(f"    referent: {rng.choice(team)}")

    def workshops(duration: int) -> None:
        titles = rng.sample(WORKSHOPS, 2 if parallel else 1)
        for position, title in enumerate(titles):
            room = rooms[position + 1] if rooms else None
            item("workshop", duration, title, room=room, extra=True, count=rng.randrange(1, 3))
            add(f"    flow: [{', '.join(rng.sample(STEPS, 3))}]")
            if position == 0:
                add("    equipment: [paperboard, vidéoprojecteur]")

    item("welcome", 30, "Accueil café et émargement", room=plenary, extra=False)
    minute += 30
    talk = 45 if questions else 60
    item("talk", talk, rng.choice(TALKS), room=plenary, extra=True)
    minute += talk
    if questions:
        item("qa", 15, "Questions à l'intervenant", room=plenary, extra=False)
        minute += 15
    item("break", 15, "Pause", room=None, extra=False)
    minute += 15
    workshops(75)
    minute += 75
    item("meal", 90, "Déjeuner partagé", room=None, extra=False)
    minute += 90
    debate = 60 if questions else 75
    item("round_table", debate, "Retours d'expériences d'associations", room=plenary, extra=True,
         count=rng.randrange(2, 4))  # fmt: skip
    minute += debate
    if questions:
        item("qa", 15, "Questions du public", room=plenary, extra=False)
        minute += 15
    workshops(60)
    minute += 60
    item("testimony", 30, "Témoignage : une petite association passe au libre", room=plenary,
         extra=True)  # fmt: skip
    minute += 30
    item("closing", 30, "Clôture et évaluation", room=plenary, extra=False)
    minute += 30
    assert minute <= 17 * 60, "the generated programme must end by 17:00"


INVALID_KINDS = (
    "yaml-syntax",
    "unknown-key",
    "bad-time",
    "unknown-speaker",
    "french-date",
    "duplicate-key",
    "tab-indent",
    "overlap",
)


def invalid_text(index: int) -> str:
    """A realistic file with one mistake users make, cycling through :data:`INVALID_KINDS`."""
    text = event_text(index)
    kind = INVALID_KINDS[index % len(INVALID_KINDS)]
    if kind == "yaml-syntax":
        return text.replace("title: Pause,", "title: Pause : café,", 1)
    if kind == "unknown-key":
        return text.replace("\nregion:", "\nregoin:", 1)
    if kind == "bad-time":
        return text.replace('  - {start: "09:00"', '  - {start: "25:00"', 1)
    if kind == "unknown-speaker":
        return text.replace("    speakers: [", "    speakers: [inconnu, ", 1)
    if kind == "french-date":
        year, month, day = text.split("\ndate: ", 1)[1][:10].split("-")
        return text.replace(f"\ndate: {year}-{month}-{day}", f"\ndate: {day}/{month}/{year}", 1)
    if kind == "duplicate-key":
        return text.replace("\ncity:", "\ncity: Ailleurs\ncity:", 1)
    if kind == "tab-indent":
        return text.replace("\n  - name:", "\n\t- name:", 1)
    # A second welcome without a room concerns everyone, so it overlaps the first one.
    extra = '  - {start: "09:10", duration: 30, title: Mot du maire, kind: welcome}\n'
    return text.replace("program:\n", "program:\n" + extra, 1)


def write_corpus(folder: Path, count: int, invalid_every: int = 100) -> list[Path]:
    """Write ``count`` files into ``folder`` (one in ``invalid_every`` is invalid).

    The logos they name go into ``folder/logos/``, shared as in a repository of events.
    """
    folder.mkdir(parents=True, exist_ok=True)
    write_logos(folder)
    paths = []
    for index in range(count):
        bad = invalid_every and index % invalid_every == invalid_every - 1
        text = invalid_text(index) if bad else event_text(index)
        path = folder / f"e{index:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def iter_texts(count: int) -> Iterator[str]:
    for index in range(count):
        yield event_text(index)
