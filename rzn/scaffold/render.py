"""The texts ``rzn init`` writes: the commented event file, its schema, its ``.gitignore``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rzn.errors import RznError
from rzn.model.event import Format
from rzn.model.placeholder import PLACEHOLDER
from rzn.scaffold.program import PLENARY, SPEAKERS, WORKSHOP_ROOMS, budget_lines, plan_program
from rzn.scaffold.request import SCHEMA_FILE, Request
from rzn.scaffold.yaml_text import Comment, Plain, comment_lines, yaml_scalar


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
            for s in SPEAKERS
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
