"""Hypothesis strategies: valid event files as people write them, and their mutations.

``events()`` draws the data of a valid event (every field the model knows,
texts full of quotes, colons, ``#``, emoji and right-to-left scripts);
``event_files()`` writes it as YAML text in many styles (block or flow,
quoted or plain, 2 or 4 spaces, comments, CRLF, BOM); ``mutated_files()``
breaks such a file the way hands and attackers do.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import os
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from rzn.model.event import ItemKind

LONG = os.environ.get("RZN_FUZZ") == "long"
"""``RZN_FUZZ=long`` runs the long profile (see docs/troubleshooting.md)."""


def fuzz_settings(bounded: int, long: int = 20_000) -> settings:
    """Examples for one property: a few in the normal run, many in the long one."""
    return settings(
        max_examples=long if LONG else bounded,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )


# -- texts ---------------------------------------------------------------

_TRICKY = [
    "'", '"', ":", ": ", " #", "#", "-", "- ", "?", "&", "*", "!", "%", "@", "`", "|", ">",
    "{", "}", "[", "]", ",", "\\", "€", "«\u00a0", "\u00a0»", "’", "œ", "É", "ß", "…",
    "🎉", "👩🏽‍💻", "🇫🇷", "שלום", "مرحبا", "\u200f", "\u200b", "日本", "null", "~", "yes",
    "no", "14:30", "01000", "1e3", "0x1F", ".inf", "<<", "---", "...", "{{ 7*7 }}",
    "<script>", "=SUM(A1)", "\t",
]  # fmt: skip
_SAFE_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"),
    exclude_characters="\ufeff\ufffe\uffff",
)


_TEXT_PARTS = st.lists(
    st.one_of(
        st.text(_SAFE_CHARACTERS, min_size=1, max_size=8),
        st.sampled_from(_TRICKY),
        st.sampled_from(["Atelier", "RéZolutions", "numérique", "Joué-lès-Tours"]),
    ),
    min_size=1,
    max_size=4,
)


def _join(parts: list[str], max_size: int) -> str:
    text = " ".join(parts)[:max_size]
    return text if text.strip() else "Rencontre " + text


@functools.cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """A non-blank single-line text mixing letters and YAML-significant pieces."""
    return _TEXT_PARTS.map(lambda parts: _join(parts, max_size))


_LOWER = "abcdefghijklmnopqrstuvwxyz"
_WORD = st.text(_LOWER, min_size=1, max_size=10)
identifiers = st.builds(lambda a, b: a + b, _WORD, st.text(_LOWER + "0123456789_-", max_size=8))
emails = st.builds(lambda user, domain: f"{user}@{domain}.org", _WORD, _WORD)
urls = st.builds(
    lambda path: f"https://example.org/{path}", st.text(_LOWER + "0123456789/_-", max_size=20)
)


def _time_text(minute: int, style: int) -> str:
    hour, minute = divmod(minute, 60)
    return (f"{hour:02d}:{minute:02d}", f"{hour}:{minute:02d}", f"{hour}h{minute:02d}")[style]


def times(minute: int) -> st.SearchStrategy[str]:
    return st.sampled_from([_time_text(minute, style) for style in range(3)])


def _money(cents: int, whole: bool) -> Any:
    if whole and cents % 100 == 0:
        return cents // 100
    return f"{cents // 100}.{cents % 100:02d}"


money = st.builds(_money, st.integers(0, 100_000_000), st.booleans())
_KINDS = st.sampled_from([kind.value for kind in ItemKind])


booleans = st.one_of(st.booleans(), st.sampled_from(["oui", "non", "true", "false", "yes", "no"]))


# -- the event ------------------------------------------------------------


@st.composite
def program_items(draw: st.DrawFn, speaker_ids: list[str], rooms: list[str]) -> dict[str, Any]:
    start = draw(st.integers(0, 23 * 60))
    length = draw(st.integers(1, min(720, 24 * 60 - start)))
    item: dict[str, Any] = {
        "start": draw(times(start)),
        "title": draw(texts()),
        "kind": draw(_KINDS),
    }
    if start + length < 24 * 60 and draw(st.booleans()):
        item["end"] = draw(times(start + length))
    else:
        item["duration"] = length
    if speaker_ids and draw(st.booleans()):
        item["speakers"] = draw(st.lists(st.sampled_from(speaker_ids), min_size=1, max_size=3))
    if rooms and draw(st.booleans()):
        item["room"] = draw(st.sampled_from(rooms))
    if draw(st.booleans()):
        item["description"] = draw(texts(max_size=120))
    return item


_DATES = st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))
_ORGANIZERS = st.lists(
    st.fixed_dictionaries(
        {"name": texts()}, optional={"lead": booleans, "email": emails, "website": urls}
    ),
    min_size=1,
    max_size=3,
)
_OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "timezone": st.sampled_from(["Europe/Paris", "America/Cayenne", "Indian/Reunion"]),
    "region": texts(),
    "city": texts(),
    "expected_participants": st.integers(1, 100_000),
    "objectives": st.lists(texts(max_size=120), max_size=3),
    "partners": st.lists(
        st.fixed_dictionaries(
            {"name": texts()}, optional={"role": st.sampled_from(["funder", "partner"])}
        ),
        max_size=3,
    ),
    "registration_url": urls,
    "communication": st.fixed_dictionaries(
        {},
        optional={
            "hashtag": texts(max_size=20),
            "mailings": st.lists(st.integers(1, 365), max_size=4, unique=True),
            "recording": booleans,
        },
    ),
}


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """The data of an event that the loader and the model accept."""
    fmt = draw(st.sampled_from(["in_person", "online", "hybrid"]))
    start = draw(st.integers(0, 22 * 60))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    event: dict[str, Any] = {
        "title": draw(texts(max_size=80)),
        "date": draw(st.one_of(_DATES, _DATES.map(dt.date.isoformat))),
        "format": fmt,
        "organizers": draw(_ORGANIZERS),
    }
    if draw(st.booleans()):  # both or neither: the defaults are 09:00 and 17:00
        event["start"], event["end"] = draw(times(start)), draw(times(end))
    for key, strategy in _OPTIONAL.items():
        if draw(st.booleans()):
            event[key] = draw(strategy)
    rooms: list[str] = []
    if fmt != "online" and draw(st.integers(0, 4)):
        rooms = draw(st.lists(texts(max_size=20), max_size=3, unique_by=str.strip))
        event["venue"] = {
            "name": draw(texts()),
            "nearest_station": draw(texts()),
            "station_walk_minutes": draw(st.integers(0, 600)),
            "pmr_accessible": draw(booleans),
            "rooms": [
                {
                    "name": name,
                    "capacity": draw(st.integers(1, 100_000)),
                    "kind": draw(st.sampled_from(["plenary", "workshop"])),
                }
                for name in rooms
            ],
        }
    if fmt != "in_person" and draw(st.integers(0, 4)):
        event["online"] = {"platform": draw(texts(max_size=20)), "url": draw(urls)}
    speaker_ids = draw(st.lists(identifiers, max_size=4, unique=True))
    if speaker_ids:
        event["speakers"] = [
            {"id": sid, "name": draw(texts()), "local": draw(booleans)} for sid in speaker_ids
        ]
    if draw(st.booleans()):
        event["program"] = draw(st.lists(program_items(speaker_ids, rooms), max_size=6))
    if draw(st.booleans()):
        lines = []
        for _ in range(draw(st.integers(0, 4))):
            line: dict[str, Any] = {
                "label": draw(texts()),
                "category": draw(st.sampled_from(["venue", "catering", "travel", "other"])),
            }
            if draw(st.booleans()):
                line["amount"] = draw(money)
            else:
                line["quantity"] = draw(st.integers(0, 1000))
                line["unit_cost"] = draw(money)
            lines.append(line)
        event["budget"] = {
            "lines": lines,
            "income": [{"source": draw(texts()), "amount": draw(money)}],
            "volunteer_hours": draw(st.integers(0, 1000)),
        }
    return event


# -- writing it as YAML ---------------------------------------------------


@dataclass(frozen=True)
class EventFile:
    data: dict[str, Any]
    """The event as generated (dates as dates, numbers as numbers)."""
    content: bytes
    """The file as saved: UTF-8 (maybe with a BOM) or UTF-16 with a BOM."""
    text: str
    """The decoded text, BOM removed: what positions refer to."""


@st.composite
def event_files(draw: st.DrawFn) -> EventFile:
    data = draw(events())
    line_break = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = yaml.safe_dump(
        data,
        default_flow_style=draw(st.sampled_from([False, None, True])),
        default_style=draw(st.sampled_from([None, None, "'", '"'])),
        indent=draw(st.sampled_from([2, 3, 4])),
        width=draw(st.sampled_from([40, 80, 10_000])),
        allow_unicode=draw(st.booleans()),
        sort_keys=draw(st.booleans()),
        explicit_start=draw(st.booleans()),
        line_break=line_break,
    )
    if draw(st.booleans()):
        text = _with_comments(text, line_break, draw(texts(max_size=30)))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-bom", "utf-16"]))
    bom = encoding == "utf-8-bom"
    content = codecs.BOM_UTF8 + text.encode() if bom else text.encode(encoding)
    return EventFile(data, content, text)


def _with_comments(text: str, line_break: str, comment: str) -> str:
    """A comment line before each top-level key, as the scaffold has."""
    out = []
    for line in text.split(line_break):
        if line[:1].isalpha() and ":" in line:
            out.append(f"# {comment}")
        out.append(line)
    return line_break.join(out)


def expected_data(value: Any) -> Any:
    """What the loader must read back: every scalar as the text written, None kept."""
    if isinstance(value, dict):
        return {key: expected_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [expected_data(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    return str(value)


# -- breaking it ----------------------------------------------------------

_INSERTS = [
    "\t", ":", ": ", '"', "'", "#", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a",
    "!!python/object:os.system ", "!x ", "%", "@", "`", "|", ">", "\n", "\n  ", "  ", "\r",
    "<<: ", "? ", "---\n", "...\n", "\\",
    "\ufeff", "\u2028", "\x00", "\x01", "\x85", "é", "🎉",
]  # fmt: skip
_RETYPED = [
    None,
    "",
    "texte",
    0,
    -5,
    10**12,
    1.5,
    True,
    [],
    {},
    ["a", "b"],
    {"x": "y"},
    "2027-02-30",
]


@st.composite
def mutated_data(draw: st.DrawFn, data: Any) -> Any:
    """Delete, retype or nest one value somewhere in the event data."""
    if not isinstance(data, (dict, list)) or not data:
        return draw(st.sampled_from(_RETYPED))
    if isinstance(data, dict):
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.sampled_from(["delete", "retype", "descend", "descend", "rename"]))
        copy = dict(data)
        if action == "delete":
            del copy[key]
        elif action == "retype":
            copy[key] = draw(st.sampled_from(_RETYPED))
        elif action == "rename":
            copy[key[:-1] or "x"] = copy.pop(key)
        else:
            copy[key] = draw(mutated_data(data[key]))
        return copy
    index = draw(st.integers(0, len(data) - 1))
    items = list(data)
    items[index] = draw(mutated_data(items[index]))
    return items


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A valid event file broken once or a few times, in its data, text or bytes."""
    source = draw(event_files())
    if draw(st.booleans()):
        data = draw(mutated_data(source.data))
        text = yaml.safe_dump(data, default_flow_style=draw(st.sampled_from([False, None])))
    else:
        text = source.text
    for _ in range(draw(st.integers(1, 4))):
        text = draw(_mutated_text(text))
    content = text.encode("utf-8", errors="surrogatepass")
    action = draw(st.sampled_from(["none", "none", "bytes", "latin-1", "utf-16", "truncate"]))
    if action == "bytes":
        at = draw(st.integers(0, len(content)))
        content = content[:at] + draw(st.binary(min_size=1, max_size=4)) + content[at:]
    elif action == "latin-1":
        content = text.encode("latin-1", errors="replace")
    elif action == "utf-16":
        content = text.encode(draw(st.sampled_from(["utf-16", "utf-16-le"])), errors="replace")
    elif action == "truncate":
        content = content[: draw(st.integers(0, len(content)))]
    return content


@st.composite
def _mutated_text(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    action = draw(
        st.sampled_from(["insert", "insert", "duplicate", "delete", "indent", "truncate", "swap"])
    )
    if action == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(_INSERTS)) + text[at:]
    if action == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    index = draw(st.integers(0, len(lines) - 1))
    if action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "delete":
        del lines[index]
    elif action == "indent":
        lines[index] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + lines[index]
    else:
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


# -- any YAML, with shared values (anchors and aliases) -------------------

_NULL_TEXTS = frozenset(("", "~", "null", "Null", "NULL"))
_plain_texts = st.text(_SAFE_CHARACTERS, max_size=12).filter(lambda t: t not in _NULL_TEXTS)
_keys = _plain_texts.filter(lambda t: t != "<<")
_trees = st.recursive(
    st.one_of(st.none(), _plain_texts, st.sampled_from(sorted(set(_TRICKY) - _NULL_TEXTS))),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def shared_documents(draw: st.DrawFn) -> tuple[Any, str]:
    """Nested data where some values are the same object, and its YAML text.

    PyYAML writes a value used twice once, with an anchor, then as aliases:
    the text has ``&id001`` and ``*id001`` wherever the data shares.
    """
    pool = draw(st.lists(_trees, min_size=1, max_size=4))
    data = {
        key: [draw(st.sampled_from(pool)) for _ in range(draw(st.integers(1, 3)))]
        for key in draw(st.lists(_keys, min_size=1, max_size=4, unique=True))
    }
    text = yaml.safe_dump(
        data,
        default_flow_style=draw(st.sampled_from([False, None, True])),
        allow_unicode=draw(st.booleans()),
        line_break=draw(st.sampled_from(["\n", "\r\n"])),
    )
    return data, text
