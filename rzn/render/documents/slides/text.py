"""Text that must fit its box: widths estimated without measuring, lines, pages.

No program measures text here, so :func:`line_count` estimates wrapped lines
from generous per-character widths (at least those of DejaVu Sans, the
widest font LibreOffice falls back to for Calibri); lists are split over as
many slides as needed (:func:`paginate`), and a single value too long for
its box is shortened with "…" (:func:`clip`, :func:`fit`).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rzn.render import french
from rzn.render.documents.slides.geometry import BODY_PT, LINE, WIDE_LINE
from rzn.render.ooxml import inline as _inline

# --- Text measurement ------------------------------------------------------------------------
# Advance widths of DejaVu Sans and DejaVu Sans Bold for " " to "~", in thousandths of an em.
# DejaVu is what LibreOffice shows when Calibri is missing, and is wider than Calibri, Carlito
# or Liberation Sans: text measured with it fits in every program.
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)  # fmt: skip
_OTHER = {
    "–": 500, "—": 1000, "…": 1000, "«": 612, "»": 612, "‘": 318, "’": 318, "“": 521,
    "”": 521, "€": 636, "·": 318, "\xa0": 318, "\u202f": 318, "œ": 1023, "Œ": 1070,
    "æ": 982, "Æ": 1048, "ß": 630, "°": 500, "•": 590,
}  # fmt: skip
MARGIN = 1.05
"""Room for fonts with a few wider glyphs (Arial's "@") and for rounding."""
BOLD_FACTOR = 1.16
"""Bold letters outside the table: the widest ratio of DejaVu Sans Bold to Regular."""


@functools.cache
def char_em(char: str, bold: bool = False) -> float:
    """An upper bound of the advance width of ``char``, in em (cached: pagination asks often)."""
    code = ord(char)
    if 32 <= code < 127:
        return (_BOLD if bold else _REGULAR)[code - 32] / 1000 * MARGIN
    if unicodedata.combining(char):
        return 0.0
    if char in _OTHER:
        width = _OTHER[char] / 1000
    else:
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and 32 <= ord(base) < 127:  # é, Ç, ô: the width of their letter
            return char_em(base, bold)
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width = (1.3 if code >= 0x1F000 else 1.05) if wide else 0.9
    return width * (BOLD_FACTOR if bold else 1.0) * MARGIN


def is_wide(text: str) -> bool:
    # No wide or full-width character below U+1100 (Hangul Jamo): Latin text is decided at once.
    if not text or max(text) < "\u1100":
        return False
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    size: int = BODY_PT
    bullet: int = 0
    """0: no bullet; 1: bullet; 2: sub-bullet."""
    heading: bool = False
    """Shown in the accent colour and kept on the same slide as what follows."""
    space_before: int = 8
    color: str | None = None
    """RRGGBB; by default the text box's colour, or the accent for a heading."""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def indent(self) -> float:
        return (0.0, 22.0, 50.0)[self.bullet]

    def lines(self, width: float) -> int:
        return line_count(self.runs, width - self.indent, self.size)

    def height(self, width: float, first: bool = False) -> float:
        spacing = 0 if first else self.space_before
        factor = WIDE_LINE if is_wide(self.text) else LINE
        return self.lines(width) * self.size * factor + spacing


def para(*parts: str | Run, **options: object) -> Para:
    """A paragraph of untrusted text, made safe; headings are bold, and measured so.

    French spacing (no-break spaces before ``:``, inside guillemets…) is applied to each run,
    whose text is also measured with it: a line never breaks before a colon.
    """
    runs = tuple(p if isinstance(p, Run) else Run(p) for p in parts)
    bold = bool(options.get("heading"))
    runs = tuple(replace(r, text=_typeset(r.text), bold=r.bold or bold) for r in runs)
    return Para(runs, **options)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=4096)
def _typeset(text: str) -> str:
    """Once per text: the slides' labels are every deck's, and titles are measured often."""
    return _inline(french.typography(text))


@functools.lru_cache(maxsize=4096)
def line_count(runs: tuple[Run, ...], width: float, size: float) -> int:
    """How many lines ``runs`` wrap to in ``width`` points.

    Lines break at spaces and after hyphens, as LibreOffice and PowerPoint do.
    Greedy filling with widths at least the real ones never needs fewer lines
    than the real layout, as long as no break is assumed where a program would
    not make one: so a word longer than a line, which programs cut at different
    places, is assumed to end its last line.
    """
    limit = width / size
    words: list[tuple[float, list[float]]] = []  # (width of the spaces before, glyph widths)
    space = 0.0
    current: list[float] = []
    for run in runs:
        for char in run.text:
            em = char_em(char, run.bold)
            if char == " ":
                if current:
                    words.append((space, current))
                    current, space = [], 0.0
                space += em
                continue
            current.append(em)
            if char == "-":  # "Centre-Val": a break may follow, with no space
                words.append((space, current))
                current, space = [], 0.0
    if current:
        words.append((space, current))
    lines, x = 1, 0.0
    for lead, glyphs in words:
        total = sum(glyphs)
        if x > 0 and x + lead + total <= limit:
            x += lead + total
            continue
        if x > 0:
            lines, x = lines + 1, 0.0
        if total <= limit:
            x = total
            continue
        for em in glyphs:  # a word longer than the line is cut anywhere
            if x > 0 and x + em > limit:
                lines, x = lines + 1, 0.0
            x += em
        x = limit
    return lines


def clip(p: Para, width: float, max_lines: int) -> Para:
    """``p`` shortened with "…" (its last run) so that it holds in ``max_lines`` lines."""
    if p.lines(width) <= max_lines or not p.runs:
        return p
    head, last = p.runs[:-1], p.runs[-1]
    low, high = 0, len(last.text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        trial = replace(p, runs=(*head, replace(last, text=_cut(last.text, middle))))
        if trial.lines(width) <= max_lines:
            low = middle
        else:
            high = middle - 1
    return replace(p, runs=(*head, replace(last, text=_cut(last.text, low))))


def _cut(text: str, length: int) -> str:
    return text if length >= len(text) else text[:length].rstrip() + "…"


def fit(text: str, width: float, height: float, sizes: Sequence[int], bold: bool = False) -> Para:
    """The largest of ``sizes`` at which ``text`` holds in the box, shortened at the smallest."""
    for size in sizes:
        p = para(Run(text, bold=bold), size=size, space_before=0)
        if p.height(width, first=True) <= height:
            return p
    p = para(Run(text, bold=bold), size=sizes[-1], space_before=0)
    factor = WIDE_LINE if is_wide(text) else LINE
    return clip(p, width, max(1, int(height // (sizes[-1] * factor))))


def _most_lines(p: Para, height: float) -> int:
    factor = WIDE_LINE if is_wide(p.text) else LINE
    return max(1, int(height // (p.size * factor)) - 1)


def paginate(paras: Sequence[Para], width: float, height: float) -> list[list[Para]]:
    """Paragraphs over as few pages as possible, as even as possible (see balanced_pages)."""
    # A paragraph longer than a page is shortened to leave room for a line above it.
    fitted = [clip(p, width, _most_lines(p, height)) for p in paras]
    # Each height measured once: the bisection below fills the pages thirty times.
    sizes = [(p.height(width, first=True), p.height(width), p.heading) for p in fitted]
    fewest = len(_fill(sizes, height))
    low, high = 0.0, height
    for _ in range(30):
        middle = (low + high) / 2
        if len(_fill(sizes, middle)) <= fewest:
            high = middle
        else:
            low = middle
    return [[fitted[i] for i in page] for page in _fill(sizes, high)]


def _fill(sizes: Sequence[tuple[float, float, bool]], height: float) -> list[list[int]]:
    """Pages filled in turn; a heading goes to the next page with what follows it.

    ``sizes``: each paragraph's height at the top of a page, below another, and whether
    it is a heading. Returns the paragraphs' indexes, page by page.
    """
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, (top, below, heading) in enumerate(sizes):
        needed = below if pages[-1] else top
        if heading and index + 1 < len(sizes):
            needed += sizes[index + 1][1]
        if pages[-1] and used + needed > height:
            pages.append([])
            used = 0.0
        used += below if pages[-1] else top
        pages[-1].append(index)
    return pages
