"""Counting answers: distributions, satisfaction shares, percentages said in French."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rzn.questionnaire import ABSTENTIONS, SATISFIED, Choice, Question
from rzn.registrations.answers import Response
from rzn.report.privacy import MIN_GROUP


def percent(share: float) -> str:
    """``0.4`` → ``40 %`` (rounded half up; a no-break space keeps « % » with its number)."""
    value = Decimal(str(share * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{value}\u00a0%"


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    count: int
    share: float
    """``count`` over the group's size (for several answers, shares add up to more than 1)."""

    @property
    def percent(self) -> str:
        return percent(self.share)

    def blocks(self, width: int = 20) -> str:
        """A text bar for Markdown: ``██████████`` is 50 %."""
        return "█" * round(self.share * width)


@dataclass(frozen=True)
class Distribution:
    id: str
    title: str
    size: int
    """People who gave an opinion (abstentions such as « Sans objet » left out)."""
    bars: tuple[Bar, ...]
    abstentions: int = 0
    multiple: bool = False

    @property
    def suppressed(self) -> bool:
        """Fewer than :data:`MIN_GROUP` people: shown as a count only."""
        return self.size < MIN_GROUP

    @property
    def satisfied(self) -> float | None:
        """Share of « très » and « plutôt satisfait·e », when the scale is one of satisfaction."""
        codes = {bar.code for bar in self.bars}
        if not codes & SATISFIED or not self.size:
            return None
        return sum(bar.count for bar in self.bars if bar.code in SATISFIED) / self.size

    @property
    def satisfied_percent(self) -> str | None:
        share = self.satisfied
        return percent(share) if share is not None else None

    def satisfied_blocks(self, width: int = 20) -> str:
        return "█" * round((self.satisfied or 0.0) * width)

    def share_of(self, codes: Iterable[str]) -> float | None:
        wanted = set(codes)
        if not self.size:
            return None
        return sum(bar.count for bar in self.bars if bar.code in wanted) / self.size

    def count_of(self, codes: Iterable[str]) -> int:
        wanted = set(codes)
        return sum(bar.count for bar in self.bars if bar.code in wanted)


def distribution(
    question: Question,
    responses: Sequence[Response],
    column: str | None = None,
    title: str | None = None,
) -> Distribution:
    """Answers to one column (a question, or one row of a grid), choice by choice."""
    column = column or question.id
    counts: Counter[str] = Counter()
    size = abstentions = 0
    multiple = question.kind == "multiple"
    for response in responses:
        if multiple:
            codes = response.multiple.get(column)
            if not codes:
                continue
            size += 1
            counts.update(codes)
        else:
            code = response.choices.get(column)
            if code is None:
                continue
            if code in ABSTENTIONS:
                abstentions += 1
                continue
            size += 1
            counts[code] += 1
    bars = tuple(
        Bar(c.code, c.label, counts[c.code], counts[c.code] / size if size else 0.0)
        for c in _opinions(question.choices)
    )
    return Distribution(column, title or question.heading, size, bars, abstentions, multiple)


def _opinions(choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
    return tuple(c for c in choices if c.code not in ABSTENTIONS)


def merge(distributions: Sequence[Distribution]) -> Distribution:
    """One distribution adding up several (the same question over several events)."""
    first = distributions[0]
    size = sum(d.size for d in distributions)
    counts: Counter[str] = Counter()
    for d in distributions:
        counts.update({bar.code: bar.count for bar in d.bars})
    bars = tuple(
        Bar(bar.code, bar.label, counts[bar.code], counts[bar.code] / size if size else 0)
        for bar in first.bars
    )
    abstentions = sum(d.abstentions for d in distributions)
    return Distribution(first.id, first.title, size, bars, abstentions, first.multiple)
