"""Horizontal bar charts as inline SVG, built in code.

The report is sent by e-mail and opened anywhere, often offline: charts
are plain SVG inside the HTML (no script, no font, no network). Every bar
carries its data (``data-label``, ``data-value``, ``data-count``) so that
tests — and anyone curious — read the chart's numbers, not its pixels.
Every text is escaped: labels come from event files and exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from rzn.report.figures import Distribution, percent

WIDTH = 680
LABEL_WIDTH = 240
BAR_AREA = 250
LINE_HEIGHT = 15
ROW_PADDING = 10
CHARS_PER_LINE = 34
"""About what 12-pixel text fits in :data:`LABEL_WIDTH`."""

_COLOURS = {
    # Satisfaction and quality scales, from best to worst: a reader sees the balance at once.
    "very-satisfied": "#1b7a4a",
    "satisfied": "#74b98a",
    "dissatisfied": "#e7a35a",
    "very-dissatisfied": "#c8433b",
    "very-useful": "#1b7a4a",
    "useful": "#74b98a",
    "not-very-useful": "#e7a35a",
    "useless": "#c8433b",
    "very-good": "#1b7a4a",
    "good": "#74b98a",
    "poor": "#e7a35a",
    "very-poor": "#c8433b",
}
DEFAULT_COLOUR = "#2b6594"


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float
    """What the bar's length shows: a share (0 to 1) or a count."""
    count: int
    text: str
    """Written after the bar: « 12 (40 %) »."""
    colour: str = DEFAULT_COLOUR


def bars_of(distribution: Distribution) -> list[ChartBar]:
    return [
        ChartBar(
            bar.label,
            bar.share,
            bar.count,
            f"{bar.count} ({bar.percent})",
            _COLOURS.get(bar.code, DEFAULT_COLOUR),
        )
        for bar in distribution.bars
    ]


def distribution_chart(distribution: Distribution, chart_id: str) -> str:
    return bar_chart(distribution.title, bars_of(distribution), chart_id, scale=1.0)


def bar_chart(
    title: str, bars: Sequence[ChartBar], chart_id: str, scale: float | None = None
) -> str:
    """An SVG bar chart; bar lengths are ``value / scale`` of the bar area.

    ``scale`` defaults to the largest value, so counts fill the width; shares use 1.
    """
    top = max((b.value for b in bars), default=0.0)
    scale = scale if scale is not None else top
    rows = []
    y = 0
    for bar in bars:
        lines = _wrap(bar.label)
        height = max(len(lines) * LINE_HEIGHT, 18) + ROW_PADDING
        length = 0.0 if scale <= 0 else max(0.0, min(1.0, bar.value / scale)) * BAR_AREA
        middle = y + height / 2
        first_line = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
        label = "".join(
            f'<tspan x="{LABEL_WIDTH - 8}" y="{first_line + i * LINE_HEIGHT:.1f}">'
            f"{escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        rows.append(
            f'<g class="bar" data-label="{escape(bar.label)}" data-value="{bar.value:.4f}" '
            f'data-count="{bar.count}">'
            f"<title>{escape(bar.label)} : {escape(bar.text)}</title>"
            f'<text class="label" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{middle - 9:.1f}" width="{length:.1f}" height="18" '
            f'fill="{bar.colour}"/>'
            f'<text class="value" x="{LABEL_WIDTH + length + 6:.1f}" y="{middle + 4:.1f}">'
            f"{escape(bar.text)}</text>"
            "</g>"
        )
        y += height
    height = max(y, 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}" stroke="#999"/>'
        + "".join(rows)
        + "</svg>"
    )


def _wrap(label: str) -> list[str]:
    """At most two lines; a longer label ends with « … » (the full text is in its title)."""
    words = label.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= CHARS_PER_LINE or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > 2:
        second = " ".join(lines[1:])
        lines = [lines[0], second[: CHARS_PER_LINE - 1].rstrip() + "…"]
    return lines or [""]


def shares_chart(title: str, items: Sequence[tuple[str, float, int]], chart_id: str) -> str:
    """Satisfied shares, one bar per item: ``(label, share, group size)``."""
    bars = [
        ChartBar(label, share, size, f"{percent(share)} ({size} réponses)", _COLOURS["satisfied"])
        for label, share, size in items
    ]
    return bar_chart(title, bars, chart_id, scale=1.0)


def counts_chart(title: str, items: Sequence[tuple[str, int, int | None]], chart_id: str) -> str:
    """Counts against a limit: ``(label, count, capacity or None)``."""
    bars = [
        ChartBar(
            label,
            float(count),
            count,
            f"{count} / {capacity} places" if capacity is not None else str(count),
            "#c8433b" if capacity is not None and count > capacity else DEFAULT_COLOUR,
        )
        for label, count, capacity in items
    ]
    return bar_chart(title, bars, chart_id)
