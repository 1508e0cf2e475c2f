"""Publication drafts for social networks: before, on and after the day.

The vade-mecum: "Animation des réseaux sociaux. Se doter d'un hashtag
#ReZoNum — en amont pour mobiliser, le jour J pour rendre compte des
échanges en live, en aval pour continuer à animer votre communauté".

The wording lives in the template; this module gives it the dates, the
programme moments worth a live post, and :func:`fit`, which says on which
networks a text fits, counting as each network counts: X and Mastodon count
any link as 23 characters whatever its length; Bluesky, LinkedIn and
Facebook count it in full.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rzn.model.event import Event, ItemKind, ProgramItem
from rzn.render.context import RenderContext
from rzn.render.documents.mailings import meeting, where
from rzn.render.documents.run_sheet import hashtag, item_speakers, programme
from rzn.render.output import OutputFile
from rzn.render.registry import document

NETWORKS: tuple[tuple[str, int, bool], ...] = (
    # name, limit in characters, whether any link counts as LINK_LENGTH characters
    ("X (Twitter)", 280, True),
    ("Bluesky", 300, False),
    ("Mastodon", 500, True),
    ("LinkedIn", 3000, False),
    ("Facebook", 63206, False),
)
SHORT_LIMIT = NETWORKS[0][1]
LINK_LENGTH = 23
"""What X (t.co) and Mastodon count for any link, short or long."""
_LINK = re.compile(r"https?://\S+?(?=[.,;:!?)»\u00a0\u202f]*(?:\s|$))")

BEFORE = (("announce", -30), ("programme", -15), ("last-call", -7), ("tomorrow", -1))
AFTER = (("thanks", 1), ("resources", 7), ("community", 30))
LIVE_DELAY = 10
"""Minutes into an item before posting about it: time to take a photo of the speaker."""
LIVE_KINDS = frozenset(
    {ItemKind.TALK, ItemKind.ROUND_TABLE, ItemKind.WORKSHOP, ItemKind.BARCAMP, ItemKind.TESTIMONY}
)


@dataclass(frozen=True)
class Slot:
    id: str
    offset: int
    day: dt.date

    @property
    def label(self) -> str:
        return f"J{self.offset:+d}"


@dataclass(frozen=True)
class LiveMoment:
    """Items starting together (parallel workshops get one post), and when to post."""

    at: dt.time
    items: list[ProgramItem]
    speakers: list[list[str]]
    """Speaker names, item by item."""


@dataclass(frozen=True)
class Fit:
    length: int
    """Characters, links in full."""
    short_links: int
    """Characters with every link counted as 23, as X and Mastodon count them."""
    fits: list[str]
    too_long: list[str]
    """``Bluesky (343 caractères, 300 au plus)``: each network the text is too long for."""

    @property
    def over_short_limit(self) -> bool:
        return bool(self.too_long)


def fit(text: str) -> Fit:
    length = len(text)
    short_links = len(_LINK.sub("x" * LINK_LENGTH, text))
    fits: list[str] = []
    too_long: list[str] = []
    for name, limit, links_shortened in NETWORKS:
        counted = short_links if links_shortened else length
        if counted <= limit:
            fits.append(name)
        else:
            too_long.append(f"{name} ({counted} caractères, {limit} au plus)")
    return Fit(length, short_links, fits, too_long)


def slots(event: Event, plan: tuple[tuple[str, int], ...]) -> dict[str, Slot]:
    return {
        name: Slot(name, offset, event.date + dt.timedelta(days=offset)) for name, offset in plan
    }


def live_moments(event: Event) -> list[LiveMoment]:
    groups: dict[int, list[ProgramItem]] = {}
    for item in programme(event):
        if item.kind in LIVE_KINDS:
            groups.setdefault(item.start_minute, []).append(item)
    moments = []
    for minute, items in groups.items():
        shortest = min(item.minutes for item in items)
        at = minute + min(LIVE_DELAY, max(shortest - 1, 0))
        moments.append(
            LiveMoment(
                dt.time(*divmod(at, 60)),
                items,
                [[_one_line(s.name) for s in item_speakers(event, item)] for item in items],
            )
        )
    return moments


def _one_line(text: str) -> str:
    """A post is read as it is written: a name must not break its line."""
    return " ".join(text.split())


@document("social-posts")
def social_posts(ctx: RenderContext) -> Iterator[OutputFile]:
    event = ctx.event
    items = programme(event)
    closing = next((item for item in items if item.kind is ItemKind.CLOSING), None)
    text = ctx.render(
        "social-posts.md.j2",
        hashtag=hashtag(event),
        where=where(event),
        meeting=meeting(event),
        before=slots(event, BEFORE),
        after=slots(event, AFTER),
        live=live_moments(event),
        closing_at=closing.start if closing else event.end,
        theory=[item for item in items if item.kind.is_theory],
        workshops=[item for item in items if item.kind is ItemKind.WORKSHOP],
        speakers=[
            _one_line(speaker.name)
            for speaker in event.speakers
            if any(speaker.id in item.speakers for item in items)
        ],
        fit=fit,
        short_limit=SHORT_LIMIT,
    )
    yield OutputFile(
        "social-posts.md",
        text.encode("utf-8"),
        "Publications pour les réseaux sociaux (avant, pendant, après)",
    )
