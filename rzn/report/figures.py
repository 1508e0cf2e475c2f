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
    covers: frozenset[str] = frozenset()
    """The choices the bar adds up, when answers came in a coarser cut (« 45 ans et plus »)."""

    @property
    def codes(self) -> frozenset[str]:
        return self.covers or frozenset({self.code})

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

    def computable(self, codes: Iterable[str]) -> bool:
        """Whether the bars tell these choices apart from the others (no bar straddles them)."""
        wanted = set(codes)
        return all(bar.codes <= wanted or not bar.codes & wanted for bar in self.bars)

    def share_of(self, codes: Iterable[str]) -> float | None:
        wanted = set(codes)
        if not self.size or not self.computable(wanted):
            return None
        return self.count_of(wanted) / self.size

    def count_of(self, codes: Iterable[str]) -> int:
        wanted = set(codes)
        return sum(bar.count for bar in self.bars if bar.codes <= wanted)


def distribution(
    question: Question,
    responses: Sequence[Response],
    column: str | None = None,
    title: str | None = None,
) -> Distribution:
    """Answers to one column (a question, or one row of a grid), choice by choice.

    Answers given in a coarser cut (« 45 ans et plus ») merge the choices they cover into
    one bar, and every answer is counted in the groups the data allows.
    """
    column = column or question.id
    counts: Counter[str] = Counter()
    coarse: Counter[frozenset[str]] = Counter()
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
            covered = response.groups.get(column)
            if covered:
                size += 1
                coarse[covered] += 1
                continue
            code = response.choices.get(column)
            if code is None:
                continue
            if code in ABSTENTIONS:
                abstentions += 1
                continue
            size += 1
            counts[code] += 1
    choices = _opinions(question.choices)
    if coarse:
        groups = coarsest([c.code for c in choices], coarse)
        labels = {c.code: c.label for c in choices}
        bars = []
        for group in groups:
            count = sum(counts[c] for c in group) + sum(
                n for covered, n in coarse.items() if covered <= set(group)
            )
            code = "+".join(group)
            label = labels[group[0]] if len(group) == 1 else group_label(group, labels)
            covers = frozenset(group) if len(group) > 1 else frozenset()
            bars.append(Bar(code, label, count, count / size if size else 0.0, covers))
        return Distribution(column, title or question.heading, size, tuple(bars), abstentions)
    bars_ = tuple(
        Bar(c.code, c.label, counts[c.code], counts[c.code] / size if size else 0.0)
        for c in choices
    )
    return Distribution(column, title or question.heading, size, bars_, abstentions, multiple)


def coarsest(order: Sequence[str], cuts: Iterable[frozenset[str]]) -> list[tuple[str, ...]]:
    """The finest groups of consecutive choices such that every cut is a union of groups."""
    group_of = {code: index for index, code in enumerate(order)}
    for cut in cuts:
        members = [c for c in order if c in cut]
        if not members:
            continue
        # A cut covers consecutive choices: join every group it touches into the first one.
        target = group_of[members[0]]
        touched = {group_of[c] for c in members}
        for code in order:
            if group_of[code] in touched:
                group_of[code] = target
    groups: dict[int, list[str]] = {}
    for code in order:
        groups.setdefault(group_of[code], []).append(code)
    return [tuple(g) for g in groups.values()]


def group_label(group: Sequence[str], labels: dict[str, str]) -> str:
    """« 45 ans et plus », « 25 à 44 ans »: a group of age bands by its bounds."""
    from rzn.registrations.scales import age_label

    found = age_label(group)
    return found if found is not None else " ou ".join(labels[c] for c in group)


def _opinions(choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
    return tuple(c for c in choices if c.code not in ABSTENTIONS)


def merge(distributions: Sequence[Distribution]) -> Distribution:
    """One distribution adding up several (the same question over several events).

    When some were read in a coarser cut, all are brought to the groups every one allows.
    """
    first = distributions[0]
    size = sum(d.size for d in distributions)
    cuts = {bar.codes for d in distributions for bar in d.bars if bar.covers}
    labels: dict[str, str] = {}
    order: list[str] = []
    for d in distributions:
        for bar in d.bars:
            if not bar.covers:
                labels.setdefault(bar.code, bar.label)
            for code in sorted(bar.codes, key=lambda c: (c not in labels, c)):
                if code not in order:
                    order.append(code)
    if not cuts:
        counts: Counter[str] = Counter()
        for d in distributions:
            counts.update({bar.code: bar.count for bar in d.bars})
        bars = tuple(
            Bar(bar.code, bar.label, counts[bar.code], counts[bar.code] / size if size else 0)
            for bar in first.bars
        )
    else:
        from rzn.questionnaire import AGE_BANDS

        known = [c.code for c in AGE_BANDS]
        order = [c for c in known if c in order] + [c for c in order if c not in known]
        labels.update({c.code: c.label for c in AGE_BANDS if c.code not in labels})
        groups = coarsest(order, cuts)
        merged = []
        for group in groups:
            members = set(group)
            count = sum(bar.count for d in distributions for bar in d.bars if bar.codes <= members)
            covers = frozenset(group) if len(group) > 1 else frozenset()
            label = labels[group[0]] if len(group) == 1 else group_label(group, labels)
            merged.append(Bar("+".join(group), label, count, count / size if size else 0, covers))
        bars = tuple(merged)
    abstentions = sum(d.abstentions for d in distributions)
    return Distribution(first.id, first.title, size, bars, abstentions, first.multiple)
