"""Bar charts as HTML tables, built in code.

The report is sent by e-mail and opened anywhere, often offline and on a
phone. A chart is a data table first: one row per answer with its label,
its count and its share as text, read by a screen reader like any table,
wrapped rather than cut, and reflowing on a narrow screen; each row also
draws its bar as a small inline SVG (no script, no font, no network),
hidden from assistive technology since the row's text already says it.
Every row carries its data (``data-label``, ``data-value``, ``data-count``)
so that tests — and anyone curious — read the chart's numbers, not its
pixels. Every text is escaped: labels come from event files and exports.

Colours are at least 3:1 against white (WCAG 1.4.11), and the answers of a
scale stay apart in grey print: the favourable ones are solid, the others
hatched, and in each pair the stronger answer is the darker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from rzn.report.figures import Distribution, percent

BAR_WIDTH = 100
"""The bar's SVG user units; the drawing stretches to the width of its cell."""
BAR_HEIGHT = 12
_NUM = ' class="num"'


@dataclass(frozen=True)
class Colour:
    fill: str
    hatched: bool = False


_STRONG_GOOD = Colour("#14532d")
_GOOD = Colour("#2f8a55")
_BAD = Colour("#c2410c", hatched=True)
_STRONG_BAD = Colour("#9b1c1c", hatched=True)
DEFAULT_COLOUR = Colour("#2b6594")
OVER_CAPACITY = _STRONG_BAD

_COLOURS = {
    # Satisfaction and quality scales, from best to worst: a reader sees the balance at once.
    "very-satisfied": _STRONG_GOOD,
    "satisfied": _GOOD,
    "dissatisfied": _BAD,
    "very-dissatisfied": _STRONG_BAD,
    "very-useful": _STRONG_GOOD,
    "useful": _GOOD,
    "not-very-useful": _BAD,
    "useless": _STRONG_BAD,
    "very-good": _STRONG_GOOD,
    "good": _GOOD,
    "poor": _BAD,
    "very-poor": _STRONG_BAD,
}
PALETTE = (_STRONG_GOOD, _GOOD, _BAD, _STRONG_BAD, DEFAULT_COLOUR)
"""Every colour a chart may use (tests check their contrast)."""


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float
    """What the bar's length shows: a share (0 to 1) or a count."""
    count: int
    cells: tuple[str, ...]
    """The row's figures, one per column after the label: « 12 », « 40 % »."""
    colour: Colour = DEFAULT_COLOUR


def bars_of(distribution: Distribution) -> list[ChartBar]:
    return [
        ChartBar(
            bar.label,
            bar.share,
            bar.count,
            (str(bar.count), bar.percent),
            _COLOURS.get(bar.code, DEFAULT_COLOUR),
        )
        for bar in distribution.bars
    ]


def distribution_chart(distribution: Distribution, chart_id: str) -> str:
    return bar_chart(
        ("Réponse", "Nombre", "Part"), bars_of(distribution), chart_id, bar_column=1, scale=1.0
    )


def bar_chart(
    columns: Sequence[str],
    bars: Sequence[ChartBar],
    chart_id: str,
    bar_column: int = 0,
    scale: float | None = None,
) -> str:
    """A table, one row per bar; the bar is drawn in the figure column ``bar_column``.

    Bar lengths are ``value / scale`` of the cell; ``scale`` defaults to the largest value,
    so counts fill the width; shares use 1. The table is labelled by the element whose id
    is ``<chart_id>-title`` (the question's heading in the report).
    """
    top = max((b.value for b in bars), default=0.0)
    scale = scale if scale is not None else top
    head = "".join(
        f'<th scope="col"{_NUM if i else ""}>{escape(c)}</th>' for i, c in enumerate(columns)
    )
    rows = []
    for bar in bars:
        share = 0.0 if scale <= 0 else max(0.0, min(1.0, bar.value / scale))
        cells = []
        for i, text in enumerate(bar.cells):
            if i == bar_column:
                drawing = _bar(share, bar.colour)
                cells.append(
                    f'<td class="num with-bar"><span class="bar-row">{drawing}'
                    f'<span class="figure">{escape(text)}</span></span></td>'
                )
            else:
                cells.append(f'<td class="num">{escape(text)}</td>')
        rows.append(
            f'<tr data-label="{escape(bar.label)}" data-value="{bar.value:.4f}" '
            f'data-count="{bar.count}" data-length="{share * BAR_WIDTH:.1f}">'
            f'<th scope="row">{escape(bar.label)}</th>' + "".join(cells) + "</tr>"
        )
    return (
        f'<table class="chart" id="{escape(chart_id)}" '
        f'aria-labelledby="{escape(chart_id)}-title">'
        f"<thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _bar(share: float, colour: Colour) -> str:
    length = share * BAR_WIDTH
    bar = f'<rect class="fill" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{colour.fill}"/>'
    if colour.hatched and length > 0:
        # White stripes over the colour, kept inside the bar by a nested viewport (no url()
        # reference: the report loads nothing): hatched bars stay apart in grey print.
        stripes = " ".join(
            f"M{x} {BAR_HEIGHT}L{x + BAR_HEIGHT} 0" for x in range(-BAR_HEIGHT, BAR_WIDTH, 4)
        )
        bar = (
            f'<svg width="{length:.1f}" height="{BAR_HEIGHT}">{bar}'
            f'<path d="{stripes}" stroke="#ffffff" stroke-width="1.2"/></svg>'
        )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar" aria-hidden="true" '
        f'focusable="false" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" '
        f'viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}" preserveAspectRatio="none">{bar}</svg>'
    )


def shares_chart(items: Sequence[tuple[str, float, int]], chart_id: str) -> str:
    """Satisfied shares, one row per item: ``(label, share, group size)``."""
    bars = [
        ChartBar(label, share, size, (percent(share), str(size)), _GOOD)
        for label, share, size in items
    ]
    return bar_chart(("Séquence", "Satisfaits", "Réponses"), bars, chart_id, scale=1.0)


def counts_chart(items: Sequence[tuple[str, int, int | None]], chart_id: str) -> str:
    """Counts against a limit: ``(label, count, capacity or None)``."""
    bars = [
        ChartBar(
            label,
            float(count),
            count,
            (str(count), "—" if capacity is None else str(capacity)),
            OVER_CAPACITY if capacity is not None and count > capacity else DEFAULT_COLOUR,
        )
        for label, count, capacity in items
    ]
    return bar_chart(("Atelier", "Inscrits", "Places"), bars, chart_id)
