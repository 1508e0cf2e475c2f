"""``opening-slides.pptx``: the vade-mecum's "masque de présentation PPT".

16:9 slides: the title slide (date and place), the common vision, the
programme, the organisers and partners with their logos, practical
information for the event's format, and a closing slide pointing to the
evaluation questionnaire and thanking the speakers.

Nothing may overflow a slide, and the text comes from an untrusted file of
any length. No program measures text here, so :func:`_lines` estimates
wrapped lines from generous per-character widths (at least those of DejaVu
Sans, the widest font LibreOffice falls back to for Calibri); lists and
the programme are split over as many slides as needed, and a single value
too long for its box is shortened with "…".

The slides are PresentationML written as strings, the very XML python-pptx
wrote for them: a deck built shape by shape with python-pptx took some
80 ms, 15 of them to open its template and save the package and the rest
in its XML object layer, about 0.7 ms per shape or table cell, for some
forty of each. ``rzn render`` on a hundred events spent most of its time
there; written directly, a deck takes about 4 ms. Every text is escaped
(:mod:`rzn.render.ooxml`) after :func:`clean` removed what XML cannot hold.
The parts every deck shares — theme, slide master and layouts stretched to
16:9, notes master, properties — still come from python-pptx's default
template, built once per process (:func:`_template`), so no copy of
template XML is kept here; python-pptx is imported then, and never for a
deck.

The file is byte-for-byte reproducible: core-properties dates come from
the event, and the zip has sorted entries and fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from rzn.load.logos import Logo
from rzn.model.event import (
    Event,
    Format,
    ItemKind,
    Online,
    Organizer,
    Partner,
    PartnerRole,
    RoomKind,
)
from rzn.model.partners import is_national_partner
from rzn.render import french
from rzn.render.context import RenderContext
from rzn.render.logos import resolve_logo
from rzn.render.ooxml import CONTENT_TYPES, XML_DECLARATION, Entry, clean, deflate, package
from rzn.render.ooxml import attr as xml_attr
from rzn.render.ooxml import inline as _inline
from rzn.render.ooxml import text as xml_text
from rzn.render.output import OutputFile
from rzn.render.registry import document

if TYPE_CHECKING:
    from pptx.presentation import Presentation

FILE_NAME = "opening-slides.pptx"

# --- Geometry, in points (1 inch = 72 pt = 12 700 EMU) --------------------------------------
EMU_PER_PT = 12_700
SLIDE_W, SLIDE_H = 960.0, 540.0  # 13.333 × 7.5 inches: 16:9
MARGIN_X = 43.0
CONTENT_W = SLIDE_W - 2 * MARGIN_X
TITLE_TOP, TITLE_H = 22.0, 66.0
BAR_TOP = TITLE_TOP + TITLE_H + 2
BODY_TOP = 104.0
BODY_BOTTOM = 494.0
BODY_H = BODY_BOTTOM - BODY_TOP
FOOTER_TOP, FOOTER_H = 504.0, 26.0
INSET = 5.0
"""Inner margin of every text box and table cell, on each side."""

TITLE_PT = 34
BODY_PT = 22
TABLE_PT = 16
SMALL_PT = 14
FOOTER_PT = 12
LINE = 1.25
"""Line height as a multiple of the font size (Calibri needs 1.22, DejaVu Sans 1.16)."""
WIDE_LINE = 1.5
"""Fallback fonts for CJK scripts and emoji have taller lines."""

# Colours as DrawingML writes them: RRGGBB.
ACCENT = "1F4E79"
HIGHLIGHT = "E36C0A"
TEXT = "222222"
MUTED = "4A4A4A"
WHITE = "FFFFFF"
PALE = "EAF1F8"
CARD = "F2F2F2"
TITLE_ON_DARK = "DDE8F3"


# --- Untrusted text --------------------------------------------------------------------------
# clean() and inline() live in rzn.render.ooxml: budget.xlsx needs the same XML-safe text.


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
def _char_em(char: str, bold: bool = False) -> float:
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
            return _char_em(base, bold)
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width = (1.3 if code >= 0x1F000 else 1.05) if wide else 0.9
    return width * (BOLD_FACTOR if bold else 1.0) * MARGIN


def _is_wide(text: str) -> bool:
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
        return _lines(self.runs, width - self.indent, self.size)

    def height(self, width: float, first: bool = False) -> float:
        spacing = 0 if first else self.space_before
        factor = WIDE_LINE if _is_wide(self.text) else LINE
        return self.lines(width) * self.size * factor + spacing


def para(*parts: str | Run, **options: object) -> Para:
    """A paragraph of untrusted text, made safe; headings are bold, and measured so.

    French spacing (no-break spaces before ``:``, inside guillemets…) is applied to each run,
    whose text is also measured with it: a line never breaks before a colon.
    """
    runs = tuple(p if isinstance(p, Run) else Run(p) for p in parts)
    bold = bool(options.get("heading"))
    runs = tuple(
        replace(r, text=_inline(french.typography(r.text)), bold=r.bold or bold) for r in runs
    )
    return Para(runs, **options)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=4096)
def _lines(runs: tuple[Run, ...], width: float, size: float) -> int:
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
            em = _char_em(char, run.bold)
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


def _clip(p: Para, width: float, max_lines: int) -> Para:
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


def _fit(text: str, width: float, height: float, sizes: Sequence[int], bold: bool = False) -> Para:
    """The largest of ``sizes`` at which ``text`` holds in the box, shortened at the smallest."""
    for size in sizes:
        p = para(Run(text, bold=bold), size=size, space_before=0)
        if p.height(width, first=True) <= height:
            return p
    p = para(Run(text, bold=bold), size=sizes[-1], space_before=0)
    factor = WIDE_LINE if _is_wide(text) else LINE
    return _clip(p, width, max(1, int(height // (sizes[-1] * factor))))


def _most_lines(p: Para, height: float) -> int:
    factor = WIDE_LINE if _is_wide(p.text) else LINE
    return max(1, int(height // (p.size * factor)) - 1)


def _paginate(paras: Sequence[Para], width: float, height: float) -> list[list[Para]]:
    """Paragraphs over as few pages as possible, as even as possible (see balanced_pages)."""
    # A paragraph longer than a page is shortened to leave room for a line above it.
    fitted = [_clip(p, width, _most_lines(p, height)) for p in paras]
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


# --- Writing slides --------------------------------------------------------------------------
Anchor = Literal["t", "ctr", "b"]
Align = Literal["l", "ctr"]

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_LAYOUT = RT + "slideLayout"
RT_NOTES = RT + "notesSlide"
RT_NOTES_MASTER = RT + "notesMaster"
RT_SLIDE = RT + "slide"
RT_IMAGE = RT + "image"
CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_SLIDE = CT + "slide+xml"
CT_NOTES = CT + "notesSlide+xml"
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
""""Medium Style 2 - Accent 1", built into every Office program: what python-pptx gives a table."""
_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def _xfrm(left: float, top: float, width: float, height: float, tag: str = "a:xfrm") -> str:
    return (
        f'<{tag}><a:off x="{_emu(left)}" y="{_emu(top)}"/>'
        f'<a:ext cx="{_emu(width)}" cy="{_emu(height)}"/></{tag}>'
    )


def _body(anchor: Anchor) -> str:
    """Wrapped text, never resized by the program, with the inner margin of every box."""
    inset = _emu(INSET)
    return (
        f'<a:bodyPr wrap="square" anchor="{anchor}" lIns="{inset}" rIns="{inset}" '
        f'tIns="{inset}" bIns="{inset}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
    )


def _paragraphs(paras: Sequence[Para], color: str = TEXT, align: Align | None = None) -> str:
    if not paras:
        return "<a:p/>"  # a text body holds at least one paragraph
    out = []
    for index, p in enumerate(paras):
        props = f' algn="{align}"' if align else ""
        inner = (
            f'<a:spcBef><a:spcPts val="{round(p.space_before * 100)}"/></a:spcBef>' if index else ""
        )
        if p.bullet:
            props += f' marL="{_emu(p.indent)}" indent="{-_emu(18)}"'
            char = "•" if p.bullet == 1 else "–"
            inner += f'<a:buClr><a:srgbClr val="{HIGHLIGHT}"/></a:buClr><a:buChar char="{char}"/>'
        if inner:
            out.append(f"<a:p><a:pPr{props}>{inner}</a:pPr>")
        else:
            out.append(f"<a:p><a:pPr{props}/>" if props else "<a:p>")
        fill = p.color or (ACCENT if p.heading else color)
        size = round(p.size * 100)
        for r in p.runs:
            out.append(
                f'<a:r><a:rPr sz="{size}" b="{int(r.bold)}" i="{int(r.italic)}" lang="fr-FR">'
                f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:rPr>'
                f"<a:t>{xml_text(r.text)}</a:t></a:r>"
            )
        out.append("</a:p>")
    return "".join(out)


class _Slide:
    """One slide's shapes as PresentationML, and the parts it relates to."""

    def __init__(self, number: int, layout: str, placeholders: Sequence[str] = ()) -> None:
        self.number = number
        self.shapes: list[str] = []
        self.background: str | None = None
        self.rels: list[tuple[str, str]] = [(RT_LAYOUT, layout)]
        """(type, target): ``rId1`` first."""
        self.placeholders = list(placeholders)
        """The layout's placeholders this slide fills, in order (their ``p:nvSpPr``)."""
        ids = re.findall(r'<p:cNvPr id="(\d+)"', "".join(placeholders))
        self._next_id = max(map(int, ids), default=1) + 1  # 1 is the shape tree itself

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def relate(self, reltype: str, target: str) -> str:
        """The relationship's id, the same one each time the same part is related."""
        if (reltype, target) not in self.rels:
            self.rels.append((reltype, target))
        return f"rId{self.rels.index((reltype, target)) + 1}"

    def placeholder(
        self,
        left: float,
        top: float,
        width: float,
        height: float,
        paras: Sequence[Para],
        color: str,
        anchor: Anchor,
    ) -> None:
        """The layout's next placeholder, placed and filled."""
        self.shapes.append(
            f"<p:sp>{self.placeholders.pop(0)}<p:spPr>{_xfrm(left, top, width, height)}</p:spPr>"
            f"<p:txBody>{_body(anchor)}{_paragraphs(paras, color, 'l')}</p:txBody></p:sp>"
        )

    def xml(self) -> str:
        background = (
            f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{self.background}"/></a:solidFill>'
            "<a:effectLst/></p:bgPr></p:bg>"
            if self.background
            else ""
        )
        return (
            f"{XML_DECLARATION}<p:sld {_NAMESPACES}><p:cSld>{background}<p:spTree>"
            '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f"<p:grpSpPr/>{''.join(self.shapes)}</p:spTree></p:cSld>"
            "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
        )


def _textbox(
    slide: _Slide,
    left: float,
    top: float,
    width: float,
    height: float,
    paras: Sequence[Para],
    *,
    color: str = TEXT,
    align: Align | None = None,
    anchor: Anchor = "t",
    name: str | None = None,
) -> None:
    shape_id = slide.new_id()
    name = name or f"TextBox {shape_id - 1}"
    slide.shapes.append(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_attr(name)}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f"<p:spPr>{_xfrm(left, top, width, height)}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f"<p:txBody>{_body(anchor)}{_paragraphs(paras, color, align)}</p:txBody></p:sp>"
    )


def _rectangle(
    slide: _Slide, left: float, top: float, width: float, height: float, fill: str
) -> None:
    # No theme style (p:style): the shape has no shadow nor outline in any program.
    shape_id = slide.new_id()
    slide.shapes.append(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Rectangle {shape_id - 1}"/>'
        "<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
        f'<p:spPr>{_xfrm(left, top, width, height)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p>'
        "</p:txBody></p:sp>"
    )


def _table(
    slide: _Slide,
    name: str,
    widths: Sequence[float],
    rows: Sequence[Sequence[Sequence[Para]]],
) -> None:
    """A table under the title with its header row first; ``rows`` also hold the header."""
    shape_id = slide.new_id()
    frame = _xfrm(MARGIN_X, BODY_TOP, CONTENT_W, MIN_ROW * len(rows), "p:xfrm")
    out = [
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{xml_attr(name)}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f"</p:nvGraphicFramePr>{frame}"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        # The header row styled as such, rows not banded: the fills below alternate instead.
        f'<a:tbl><a:tblPr firstRow="1"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr>'
        "<a:tblGrid>",
        *(f'<a:gridCol w="{_emu(w)}"/>' for w in widths),
        "</a:tblGrid>",
    ]
    inset = _emu(INSET)
    margins = f'marL="{inset}" marR="{inset}" marT="{inset}" marB="{inset}" anchor="t"'
    for index, row in enumerate(rows):
        # A row's height is a minimum: programs grow it to fit its text, which the
        # estimate of the caller already made sure fits on the slide.
        out.append(f'<a:tr h="{_emu(MIN_ROW)}">')
        fill, color = (ACCENT, WHITE) if index == 0 else (PALE if index % 2 == 0 else WHITE, TEXT)
        for cell in row:
            out.append(
                f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{_paragraphs(cell, color)}</a:txBody>"
                f'<a:tcPr {margins}><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr>'
                "</a:tc>"
            )
        out.append("</a:tr>")
    out.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    slide.shapes.append("".join(out))


# --- The deck --------------------------------------------------------------------------------
class Deck:
    def __init__(self, event: Event) -> None:
        self.event = event
        self.template = _template()
        self.slides: list[_Slide] = []
        self.notes: list[tuple[int, str]] = []
        """(slide number, text) of each notes slide, in order."""
        self.media: dict[bytes, str] = {}
        """Each distinct image once, by content: its part name."""
        self.footer = _fit(
            f"{clean(event.title)} · {french.day_long(event.date)}",
            CONTENT_W * 0.8 - 2 * INSET,
            FOOTER_H - 2 * INSET,
            [FOOTER_PT],
        )

    def _add(self, layout: str, placeholders: Sequence[str], notes: str | None) -> _Slide:
        slide = _Slide(len(self.slides) + 1, layout, placeholders)
        self.slides.append(slide)
        if notes:
            self.notes.append((slide.number, french.typography(notes)))
            slide.relate(RT_NOTES, f"../notesSlides/notesSlide{len(self.notes)}.xml")
        return slide

    def title_slide(self, title: str, lines: Sequence[tuple[str, int]], notes: str) -> None:
        """``lines``: the subtitle's paragraphs, each with the most lines it may take."""
        template = self.template
        slide = self._add(template.title_layout, template.title_placeholders, notes)
        slide.background = ACCENT
        left, width = MARGIN_X + 14, CONTENT_W - 28
        heading = _fit(title, width - 2 * INSET, 190 - 2 * INSET, [44, 40, 36, 32, 28], bold=True)
        slide.placeholder(left, 120, width, 190, [heading], WHITE, "b")
        paras = [
            _clip(para(line, size=24, space_before=6), width - 2 * INSET, most)
            for line, most in lines
        ]
        slide.placeholder(left, 340, width, 150, paras, TITLE_ON_DARK, "t")
        _rectangle(slide, left + INSET, 322, 120, 5, HIGHLIGHT)

    def content_slide(self, title: str, notes: str | None = None, page: int = 0) -> _Slide:
        """A titled slide with its footer; ``notes`` go on the first page of a section only."""
        template = self.template
        slide = self._add(
            template.content_layout, template.content_placeholders, notes if page == 0 else None
        )
        heading = para(Run(title, bold=True), size=TITLE_PT)
        slide.placeholder(MARGIN_X, TITLE_TOP, CONTENT_W, TITLE_H, [heading], ACCENT, "b")
        _rectangle(slide, MARGIN_X + INSET, BAR_TOP, 110, 4, HIGHLIGHT)
        _textbox(
            slide,
            MARGIN_X,
            FOOTER_TOP,
            CONTENT_W * 0.8,
            FOOTER_H,
            [self.footer],
            color=MUTED,
            name="Pied de page",
        )
        return slide

    def text_slides(self, title: str, paras: Sequence[Para], notes: str | None = None) -> None:
        width = CONTENT_W - 2 * INSET
        pages = _paginate(paras, width, BODY_H - 2 * INSET)
        for index, page in enumerate(pages):
            slide = self.content_slide(_numbered(title, index, len(pages)), notes, index)
            _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, BODY_H, page)

    def image(self, slide: _Slide, logo: Logo) -> str:
        """The relationship id of ``logo`` from ``slide``, the image stored once per deck."""
        name = self.media.get(logo.data)
        if name is None:
            name = f"ppt/media/image{len(self.media) + 1}.{logo.format.extension}"
            self.media[logo.data] = name
        return slide.relate(RT_IMAGE, "../" + name.removeprefix("ppt/"))

    def save(self) -> bytes:
        template = self.template
        entries = list(template.entries)
        overrides = dict(template.overrides)
        relations = list(template.presentation_rels)
        used = {r_id for r_id, _, _ in relations}
        free = (f"rId{n}" for n in itertools.count(1) if f"rId{n}" not in used)
        slide_ids = []
        for slide in self.slides:
            name = f"ppt/slides/slide{slide.number}.xml"
            overrides["/" + name] = CT_SLIDE
            entries.append(deflate(name, slide.xml().encode()))
            entries.append(_shared(_rels_name(name), _rels(_ids(slide.rels)).encode()))
            r_id = next(free)
            relations.append((r_id, RT_SLIDE, name.removeprefix("ppt/")))
            slide_ids.append(f'<p:sldId id="{255 + slide.number}" r:id="{r_id}"/>')
        for number, (slide_number, notes) in enumerate(self.notes, start=1):
            name = f"ppt/notesSlides/notesSlide{number}.xml"
            overrides["/" + name] = CT_NOTES
            head, tail = template.notes
            entries.append(_shared(name, f"{head}{xml_text(notes)}{tail}".encode()))
            rels = [
                (RT_NOTES_MASTER, template.notes_master),
                (RT_SLIDE, f"../slides/slide{slide_number}.xml"),
            ]
            entries.append(_shared(_rels_name(name), _rels(_ids(rels)).encode()))
        defaults = dict(template.defaults)
        for data, name in self.media.items():
            extension = name.rpartition(".")[2]
            defaults[extension] = "image/jpeg" if extension == "jpg" else f"image/{extension}"
            entries.append(deflate(name, data))
        head, tail = template.presentation
        entries += [
            deflate("ppt/presentation.xml", f"{head}{''.join(slide_ids)}{tail}".encode()),
            deflate(
                "ppt/_rels/presentation.xml.rels", _rels(sorted(relations, key=_rank)).encode()
            ),
            deflate("docProps/core.xml", _core_properties(self.event).encode()),
            deflate(CONTENT_TYPES, _content_types(defaults, overrides).encode()),
        ]
        return package(entries)


@functools.lru_cache(maxsize=1024)
def _shared(name: str, content: bytes) -> Entry:
    """A part that decks hold alike (notes slides, relationships): compressed once."""
    return deflate(name, content)


def _numbered(title: str, index: int, count: int) -> str:
    return title if count == 1 else f"{title} ({index + 1}/{count})"


def _rels_name(name: str) -> str:
    folder, _, file = name.rpartition("/")
    return f"{folder}/_rels/{file}.rels"


def _rels(relations: Iterable[tuple[str, str, str]]) -> str:
    """A relationships part of (id, type, target)."""
    out = [
        f'{XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">'
    ]
    for r_id, reltype, target in relations:
        out.append(
            f'<Relationship Id="{r_id}" Type="{xml_attr(reltype)}" Target="{xml_attr(target)}"/>'
        )
    out.append("</Relationships>")
    return "".join(out)


def _rank(relation: tuple[str, str, str]) -> tuple[int, str]:
    """rId2 before rId10, as python-pptx lists them."""
    return len(relation[0]), relation[0]


def _ids(relations: Sequence[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(type, target) numbered ``rId1``, ``rId2``… in order."""
    return ((f"rId{i}", reltype, target) for i, (reltype, target) in enumerate(relations, 1))


def _content_types(defaults: dict[str, str], overrides: dict[str, str]) -> str:
    return "".join(
        [
            f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types">',
            *(
                f'<Default Extension="{xml_attr(e)}" ContentType="{xml_attr(t)}"/>'
                for e, t in sorted(defaults.items())
            ),
            *(
                f'<Override PartName="{xml_attr(n)}" ContentType="{xml_attr(t)}"/>'
                for n, t in sorted(overrides.items())
            ),
            "</Types>",
        ]
    )


def _core_properties(event: Event) -> str:
    # A date the event owns, so that the file does not change from one run to the next.
    moment = dt.datetime.combine(event.date, event.start).strftime("%Y-%m-%dT%H:%M:%SZ")
    lead = event.lead or event.organizers[0]
    fields = [
        ("dc:title", clean(event.title)[:255]),
        ("dc:subject", "Ouverture de la rencontre RéZolutions numériques"),
        ("dc:creator", clean(lead.name)[:255]),
        ("cp:keywords", f"RéZolutions numériques; {clean(event.communication.hashtag)[:100]}"),
        (
            "dc:description",
            "Masque de présentation produit par rzn à partir du fichier d'événement.",
        ),
        ("cp:lastModifiedBy", "rzn"),
        ("cp:revision", "1"),
    ]
    dates = "".join(
        f'<dcterms:{tag} xsi:type="dcterms:W3CDTF">{moment}</dcterms:{tag}>'
        for tag in ("created", "modified")
    )
    return (
        f"{XML_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(f"<{tag}>{xml_text(value)}</{tag}>" for tag, value in fields)
        + f"{dates}<cp:category/><dc:language>fr-FR</dc:language>"
        f"<cp:lastPrinted>{moment}</cp:lastPrinted></cp:coreProperties>"
    )


# --- The parts every deck shares -------------------------------------------------------------
_MARKER = "RZN-NOTES-MARKER"


@dataclass(frozen=True)
class _Template:
    """python-pptx's default template, 16:9, as parts ready for any deck."""

    entries: tuple[Entry, ...]
    """Theme, masters, layouts, properties…: compressed once."""
    defaults: dict[str, str]
    overrides: dict[str, str]
    """[Content_Types].xml without the slides and notes slides."""
    presentation: tuple[str, str]
    """presentation.xml around its slide list."""
    presentation_rels: tuple[tuple[str, str, str], ...]
    """(id, type, target) of the presentation's relationships but its slides."""
    title_layout: str
    content_layout: str
    """Targets from a slide of the layouts "Title Slide" and "Title Only"."""
    title_placeholders: tuple[str, ...]
    content_placeholders: tuple[str, ...]
    """The ``p:nvSpPr`` python-pptx gives a slide's placeholders on each layout."""
    notes_master: str
    """Target from a notes slide."""
    notes: tuple[str, str]
    """A notes slide around its text."""


@functools.cache
def _template() -> _Template:
    """python-pptx's default template, 16:9, with a slide of each layout rzn uses and notes.

    Built once per process (some 40 ms, python-pptx imported): a deck reuses its parts as
    they are, and the XML python-pptx writes for a placeholder and a notes slide around rzn's
    own content.
    """
    from xml.etree import ElementTree

    from pptx import Presentation

    prs = Presentation()
    _widen(prs)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    title_slide = prs.slides.add_slide(layouts["Title Slide"])
    notes_slide = title_slide.notes_slide  # the notes master exists once a slide has notes
    notes_slide.notes_text_frame.text = _MARKER
    content_slide = prs.slides.add_slide(layouts["Title Only"])
    # The default template's thumbnail shows an empty 4:3 slide: better none than a wrong one.
    package_ = prs.part.package
    for r_id, rel in list(package_._rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package_.drop_rel(r_id)
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        parts = {name: source.read(name) for name in source.namelist()}

    def part(name: str) -> str:
        return parts.pop(name).decode("utf-8")

    def partname(obj: object) -> str:
        return str(obj.part.partname).lstrip("/")  # type: ignore[attr-defined]

    def nv(name: str, types: Sequence[str]) -> tuple[str, ...]:
        found = tuple(re.findall(r"<p:nvSpPr>.*?</p:nvSpPr>", part(name), re.DOTALL))
        kinds = [re.search(r'<p:ph type="(\w+)"', xml) for xml in found]
        _expect([k.group(1) if k else "" for k in kinds] == list(types), f"{name} : {found}")
        return found

    slide_names = [partname(title_slide), partname(content_slide)]
    per_deck = [
        *slide_names,
        partname(notes_slide),
        *map(_rels_name, [*slide_names, partname(notes_slide)]),
    ]
    title_placeholders = nv(slide_names[0], ["ctrTitle", "subTitle"])
    content_placeholders = nv(slide_names[1], ["title"])
    head, marker, tail = part(partname(notes_slide)).partition(f"<a:t>{_MARKER}</a:t>")
    _expect(bool(marker), "page de commentaires sans son texte")
    presentation = part("ppt/presentation.xml")
    lists = re.findall(r"<p:sldIdLst>.*?</p:sldIdLst>", presentation)
    _expect(len(lists) == 1, "liste des diapositives introuvable dans presentation.xml")
    before, _, after = presentation.partition(lists[0])

    relationships = ElementTree.fromstring(parts.pop("ppt/_rels/presentation.xml.rels"))
    kept = tuple(
        (r.attrib["Id"], r.attrib["Type"], r.attrib["Target"])
        for r in relationships
        if r.attrib["Type"] != RT_SLIDE
    )
    types = ElementTree.fromstring(parts.pop(CONTENT_TYPES))
    defaults, overrides = {}, {}
    for item in types:
        if item.tag.endswith("}Default"):
            defaults[item.attrib["Extension"]] = item.attrib["ContentType"]
        elif item.attrib["ContentType"] not in (CT_SLIDE, CT_NOTES):
            overrides[item.attrib["PartName"]] = item.attrib["ContentType"]
    for name in [*per_deck, "docProps/core.xml"]:
        parts.pop(name, None)

    def target(obj: object, source: str) -> str:
        return posixpath.relpath(partname(obj), posixpath.dirname(source))

    return _Template(
        entries=tuple(deflate(name, data) for name, data in parts.items()),
        defaults=defaults,
        overrides=overrides,
        presentation=(before + "<p:sldIdLst>", "</p:sldIdLst>" + after),
        presentation_rels=kept,
        title_layout=target(layouts["Title Slide"], slide_names[0]),
        content_layout=target(layouts["Title Only"], slide_names[1]),
        title_placeholders=title_placeholders,
        content_placeholders=content_placeholders,
        notes_master=target(prs.notes_master, partname(notes_slide)),
        notes=(head + "<a:t>", "</a:t>" + tail),
    )


def _expect(condition: bool, what: str) -> None:
    # python-pptx's template is what _template() reads: a new version could change it.
    if not condition:
        raise RuntimeError(f"modèle par défaut de python-pptx inattendu : {what}")


def _widen(prs: Presentation) -> None:
    """16:9, with the master and layouts stretched too so that a slide added by hand fits."""
    from pptx.util import Emu

    old = prs.slide_width or 9_144_000
    new = _emu(SLIDE_W)
    prs.slide_width, prs.slide_height = Emu(new), Emu(_emu(SLIDE_H))
    shapes = list(prs.slide_master.shapes)
    for layout in prs.slide_layouts:
        shapes.extend(layout.shapes)
    for shape in shapes:
        xfrm = shape._element.xpath("./p:spPr/a:xfrm")
        if not xfrm or xfrm[0].off is None:
            continue  # inherits its position from the master
        off, ext = xfrm[0].off, xfrm[0].ext
        off.x = round(off.x * new / old)
        ext.cx = round(ext.cx * new / old)


# --- Slides ----------------------------------------------------------------------------------
def _place_text(event: Event) -> str:
    venue = event.venue
    city = clean(event.city)
    if venue is not None:
        name = clean(venue.name)
        place = name if not city or city.casefold() in name.casefold() else f"{name}, {city}"
    else:
        place = city
    platform = clean(event.online.platform) if event.online else ""
    if event.format is Format.ONLINE:
        return f"En ligne · {platform}" if platform else "En ligne"
    if event.format is Format.HYBRID:
        remote = f"et en ligne ({platform})" if platform else "et en ligne"
        return f"{place} {remote}" if place else f"Sur place {remote}"
    return place


def _title_slide(deck: Deck, event: Event) -> None:
    day = french.day_long(event.date)
    when = f"{day[0].upper()}{day[1:]}, de {french.hour(event.start)} à {french.hour(event.end)}"
    # At most four lines of 24 pt: what the subtitle box holds.
    lines = [(when, 1)]
    place = _place_text(event)
    if place:
        lines.append((place, 2))
    lines.append((clean(event.communication.hashtag), 1))
    deck.title_slide(
        clean(event.title),
        lines,
        "Accueillez les participants et rappelez le cadre : RéZolutions numériques est un cycle "
        "de rencontres territoriales, ouvertes à tous, pour accompagner les associations dans "
        "leur transition numérique.",
    )


def _vision_slides(deck: Deck, event: Event) -> None:
    paras = [
        para(
            "RéZolutions numériques : des rencontres territoriales pour accompagner les "
            "associations dans leur transition numérique.",
            color=MUTED,
            size=20,
        )
    ]
    if event.objectives:
        paras.append(para("Nos objectifs pour cette journée", heading=True, space_before=18))
        paras.extend(para(o, bullet=1) for o in event.objectives)
    deck.text_slides(
        "Notre vision commune",
        paras,
        "Présentez les enjeux et les objectifs partagés par les organisateurs.",
    )


@dataclass(frozen=True)
class _Column:
    header: str
    width: float


def _program_slides(deck: Deck, event: Event) -> None:
    items = sorted(event.program, key=lambda i: (i.start_minute, i.end_minute))
    if not items:
        return
    with_room = any(i.room for i in items)
    with_speakers = any(i.speakers for i in items)
    columns = [_Column("Horaire", 152.0)]
    side = (140.0 if with_room else 0.0) + (220.0 if with_speakers else 0.0)
    columns.append(_Column("Séquence", CONTENT_W - columns[0].width - side))
    if with_room:
        columns.append(_Column("Salle", 140.0))
    if with_speakers:
        columns.append(_Column("Intervenants", 220.0))

    rows: list[list[list[Para]]] = []
    for item in items:
        pause = item.kind.is_pause
        time = f"{french.hhmm(item.start)} – {french.hhmm(item.end_time)}"
        cells = [[para(time, size=TABLE_PT, space_before=0)]]
        title = Run(item.title, bold=not pause, italic=pause)
        cells.append([para(title, size=TABLE_PT, space_before=0)])
        if with_room:
            cells.append([para(item.room or "", size=TABLE_PT, space_before=0)])
        if with_speakers:
            names = [_speaker_name(event, s) for s in item.speakers]
            cells.append([para(n, size=SMALL_PT, space_before=2) for n in names if n])
        rows.append([_fit_cell(c, col.width) for c, col in zip(cells, columns, strict=True)])

    header = [[para(Run(c.header, bold=True), size=TABLE_PT, space_before=0)] for c in columns]
    header_h = _row_height(header, columns)
    heights = [_row_height(row, columns) for row in rows]
    pages = [[rows[i] for i in page] for page in balanced_pages(heights, BODY_H - header_h)]
    for index, page in enumerate(pages):
        slide = deck.content_slide(
            _numbered("Programme", index, len(pages)),
            "Parcourez le programme ; indiquez les salles des ateliers et les temps de pause.",
            index,
        )
        _table(slide, "Programme", [c.width for c in columns], [header, *page])


def balanced_pages(heights: Sequence[float], room: float) -> list[range]:
    """Consecutive items split over as few pages as possible, the pages as even as possible.

    Nine rows make two slides of five and four, not of eight and one.
    """

    def greedy(limit: float) -> list[range]:
        pages, start, used = [], 0, 0.0
        for index, height in enumerate(heights):
            if index > start and used + height > limit:
                pages.append(range(start, index))
                start, used = index, 0.0
            used += height
        pages.append(range(start, len(heights)))
        return pages

    fewest = len(greedy(room))
    low, high = max(heights, default=0.0), room
    for _ in range(40):  # bisect the smallest page height that needs no more pages
        middle = (low + high) / 2
        if len(greedy(middle)) <= fewest:
            high = middle
        else:
            low = middle
    return greedy(high)


MAX_CELL_LINES = 6
MIN_ROW = TABLE_PT * 1.2 + 2 * INSET


def _fit_cell(paras: list[Para], width: float) -> list[Para]:
    inner = width - 2 * INSET
    if len(paras) <= 1:
        return [_clip(p, inner, MAX_CELL_LINES) for p in paras]
    # A list of speakers: as many as fit, then how many more.
    kept: list[Para] = []
    for index, p in enumerate(paras):
        p = _clip(p, inner, 2)
        more = len(paras) - index - 1
        tail = para(f"et {more} autres", size=p.size, space_before=2) if more else None
        lines = sum(k.lines(inner) for k in kept) + p.lines(inner)
        if lines + (tail.lines(inner) if tail else 0) > MAX_CELL_LINES:
            rest = len(paras) - index
            kept.append(para(f"et {rest} autres" if rest > 1 else "et 1 autre", size=p.size))
            break
        kept.append(p)
    return kept


def _row_height(row: list[list[Para]], columns: Sequence[_Column]) -> float:
    tallest = 0.0
    for cell, column in zip(row, columns, strict=True):
        inner = column.width - 2 * INSET
        height = sum(p.height(inner, first=i == 0) for i, p in enumerate(cell))
        tallest = max(tallest, height)
    return max(tallest, TABLE_PT * LINE) + 2 * INSET


def _speaker_name(event: Event, speaker_id: str) -> str:
    speaker = event.speaker(speaker_id)
    if speaker is None:
        return ""
    name = clean(speaker.name)
    return f"{name} ({clean(speaker.organization)})" if speaker.organization else name


# --- Organisers and partners -----------------------------------------------------------------
@dataclass(frozen=True)
class _Group:
    label: str
    members: tuple[Organizer | Partner, ...]


LABEL_W = 210.0
"""Group names ("Coorganisé par"…) sit in a column left of their logos."""
CELLS_PER_ROW = 3
CELL_GAP = 16.0
CELL_LEFT = MARGIN_X + LABEL_W + CELL_GAP
CELL_W = (CONTENT_W - LABEL_W - CELLS_PER_ROW * CELL_GAP) / CELLS_PER_ROW
CELL_H = 80.0
ROW_PITCH = CELL_H + 14.0


def _groups(event: Event) -> list[_Group]:
    national = tuple(p for p in event.partners if is_national_partner(p.name))
    others = [p for p in event.partners if not is_national_partner(p.name)]
    funders = tuple(p for p in others if p.role is PartnerRole.FUNDER)
    partners = tuple(p for p in others if p.role is not PartnerRole.FUNDER)
    groups = [
        _Group("Organisé par" if len(event.organizers) == 1 else "Coorganisé par", (
            *sorted(event.organizers, key=lambda o: not o.lead),
        )),
        _Group("Partenaire national", national),
        _Group("Avec le soutien financier de", funders),
        _Group("En partenariat avec", partners),
    ]  # fmt: skip
    return [g for g in groups if g.members]


def _partner_slides(deck: Deck, ctx: RenderContext) -> None:
    event = ctx.event
    rows: list[tuple[_Group, tuple[Organizer | Partner, ...]]] = []
    for group in _groups(event):
        for start in range(0, len(group.members), CELLS_PER_ROW):
            rows.append((group, group.members[start : start + CELLS_PER_ROW]))
    # One size for every group name, the largest at which the longest holds in its box.
    label_size = next(
        (
            size
            for size in (20, 18, 16)
            if all(
                para(g.label, size=size, heading=True).height(LABEL_W - 2 * INSET, first=True)
                <= CELL_H - 2 * INSET
                for g, _ in rows
            )
        ),
        14,
    )
    per_slide = max(1, int(BODY_H // ROW_PITCH))
    pages = [rows[i : i + per_slide] for i in range(0, len(rows), per_slide)]
    title = "Organisateurs et partenaires" if event.partners else "Organisateurs"
    notes = "Remerciez les organisateurs et les partenaires."
    if any(is_national_partner(p.name) for p in event.partners):
        notes += " Citez la Fondation EDF, partenaire national de RéZolutions numériques."
    for index, page in enumerate(pages):
        slide = deck.content_slide(_numbered(title, index, len(pages)), notes, index)
        top = BODY_TOP
        previous: _Group | None = None
        for group, members in page:
            if group is not previous:  # the group's name on its first row of each slide
                label = para(group.label, size=label_size, heading=True, space_before=0)
                _textbox(slide, MARGIN_X, top, LABEL_W, CELL_H, [label], anchor="ctr")
            previous = group
            for position, member in enumerate(members):
                left = CELL_LEFT + position * (CELL_W + CELL_GAP)
                _member_cell(deck, slide, ctx, member, left, top)
            top += ROW_PITCH


def _member_cell(
    deck: Deck,
    slide: _Slide,
    ctx: RenderContext,
    member: Organizer | Partner,
    left: float,
    top: float,
) -> None:
    name = clean(member.name)
    logo = resolve_logo(ctx.event_dir, member.logo)
    if logo is not None and _picture(deck, slide, logo, name, left, top):
        return
    _rectangle(slide, left, top, CELL_W, CELL_H, CARD)
    inner_w, inner_h = CELL_W - 2 * INSET, CELL_H - 2 * INSET
    label = _fit(name, inner_w, inner_h, [20, 18, 16, 14], bold=True)
    _textbox(
        slide,
        left,
        top,
        CELL_W,
        CELL_H,
        [label],
        color=ACCENT,
        align="ctr",
        anchor="ctr",
        name=f"Nom : {name[:80]}",
    )


def _picture(deck: Deck, slide: _Slide, logo: Logo, name: str, left: float, top: float) -> bool:
    """The logo, as large as fits in the cell and centred; False when it cannot be embedded."""
    if not logo.format.raster or not logo.width or not logo.height:
        return False  # PowerPoint needs a PNG copy of an SVG: the name is shown instead
    scale = min(CELL_W / logo.width, CELL_H / logo.height)
    width, height = logo.width * scale, logo.height * scale
    box = _xfrm(left + (CELL_W - width) / 2, top + (CELL_H - height) / 2, width, height)
    shape_id, r_id = slide.new_id(), deck.image(slide, logo)
    # The description is what a screen reader says: the organisation's name.
    slide.shapes.append(
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{xml_attr(f"Logo : {name[:80]}")}" '
        f'descr="{xml_attr(f"Logo de {name}")}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
        f'</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{r_id}"/>'
        f"<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{box}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    return True


# --- Practical information and closing -------------------------------------------------------
def _label(label: str, value: str, bullet: int = 1) -> Para:
    return para(Run(f"{label} : ", bold=True), value, bullet=bullet)


def _practical_slides(deck: Deck, event: Event) -> None:
    on_site = _on_site_paras(event) if event.format.has_venue else []
    remote = list(_remote_paras(event.online)) if event.format.has_remote else []
    common: list[Para] = []
    questions = sorted((i for i in event.program if i.kind is ItemKind.QA), key=lambda i: i.start)
    if questions:
        times = ", ".join(french.hour(i.start) for i in questions)
        common.append(_label("Temps de questions", times))
    common.append(
        _label("Réseaux sociaux", f"partagez la journée avec {event.communication.hashtag}")
    )
    if event.communication.recording:
        common.append(
            para(
                "Les échanges sont enregistrés ; l'enregistrement sera envoyé aux participants.",
                bullet=1,
            )
        )
    on_site_notes = "Rappelez le Wi-Fi, les salles et le mot-dièse de la journée."
    remote_notes = (
        "Indiquez les règles d'utilisation de l'outil : se présenter dans le tchat, repérer "
        "comment activer et couper micro et caméra. Rappelez régulièrement que toutes les "
        "questions peuvent être posées."
    )
    if event.format is Format.HYBRID:
        # One slide for the room, one for those online: each shown to its audience.
        deck.text_slides("Infos pratiques : sur place", on_site + common, on_site_notes)
        deck.text_slides("Infos pratiques : à distance", remote + common, remote_notes)
    elif event.format is Format.ONLINE:
        deck.text_slides("Informations pratiques", remote + common, remote_notes)
    else:
        deck.text_slides("Informations pratiques", on_site + common, on_site_notes)


def _on_site_paras(event: Event) -> list[Para]:
    venue = event.venue
    if venue is None:
        return [_label("Lieu", clean(event.city) or "à préciser")]
    where = clean(venue.name)
    if venue.address:
        where = f"{where} — {clean(venue.address)}"
    paras = [_label("Lieu", where)]
    if venue.wifi:
        paras.append(_label("Wi-Fi", clean(venue.wifi)))
    # The rooms the programme uses (all of them when it names none), by use.
    used = {item.room for item in event.program if item.room}
    rooms = [r for r in venue.rooms if r.name in used] or list(venue.rooms)
    for label, kind in (("Plénière", RoomKind.PLENARY), ("Ateliers", RoomKind.WORKSHOP)):
        names = [clean(r.name) for r in rooms if r.kind is kind]
        if names:
            paras.append(_label(label, ", ".join(names)))
    if venue.pmr_accessible:
        paras.append(para("Lieu accessible aux personnes à mobilité réduite.", bullet=1))
    if venue.accessibility:
        paras.append(_label("Accessibilité", venue.accessibility))
    return paras


def _remote_paras(online: Online | None) -> Iterator[Para]:
    platform = clean(online.platform) if online and online.platform else ""
    if online and online.url:
        value = f"{online.url} ({platform})" if platform else online.url
        yield _label("Connexion", value)
    elif platform:
        yield _label("Connexion", platform)
    if online and online.dial_in:
        yield _label("Par téléphone", online.dial_in)
    where = f"le tchat de {platform}" if platform else "le tchat"
    relay = (
        f" ; {clean(online.moderator)} les relaie aux intervenants"
        if online and online.moderator
        else " ; elles sont relayées aux intervenants"
    )
    yield _label("Vos questions", f"écrivez-les à tout moment dans {where}{relay}.")
    yield _label(
        "Pour bien suivre",
        "présentez-vous dans le tchat, coupez votre micro quand vous ne parlez pas, "
        "allumez votre caméra si vous le souhaitez.",
    )
    if online and online.breakout_rooms:
        yield para(
            "Les ateliers se déroulent en sous-groupes (salons) : suivez les indications "
            "de l'animation.",
            bullet=1,
        )


def _closing_slides(deck: Deck, event: Event) -> None:
    paras = [
        para("Votre avis compte", heading=True, space_before=0),
        para(
            "Un questionnaire d'évaluation vous sera envoyé après la rencontre : quelques "
            "minutes pour nous aider à améliorer les prochaines rencontres RéZolutions "
            "numériques.",
        ),
    ]
    speakers = [s for s in event.speakers if s.name]
    if speakers:
        paras.append(para("Merci à nos intervenantes et intervenants", heading=True))
        for speaker in speakers:
            name = clean(speaker.name)
            org = clean(speaker.organization)
            paras.append(para(f"{name} ({org})" if org else name, bullet=1, space_before=2))
    follow = f"Continuons l'échange avec {event.communication.hashtag}"
    if event.communication.website:
        follow += f" et sur {event.communication.website}"
    paras.append(para(follow + ".", space_before=16))
    deck.text_slides(
        "Merci !",
        paras,
        "Rappelez le questionnaire d'évaluation, remerciez intervenants et partenaires, "
        "annoncez l'envoi des supports de présentation"
        + (" et de l'enregistrement." if event.communication.recording else "."),
    )


def build_deck(ctx: RenderContext) -> bytes:
    event = ctx.event
    deck = Deck(event)
    _title_slide(deck, event)
    _vision_slides(deck, event)
    _program_slides(deck, event)
    _partner_slides(deck, ctx)
    _practical_slides(deck, event)
    _closing_slides(deck, event)
    return deck.save()


@document("opening-slides")
def opening_slides(ctx: RenderContext) -> Iterable[OutputFile]:
    yield OutputFile(
        FILE_NAME,
        build_deck(ctx),
        "Diaporama d'ouverture (masque de présentation PowerPoint)",
    )
