"""``opening-slides.pptx``: the vade-mecum's "masque de présentation PPT".

Built in code with python-pptx, 16:9: the title slide (date and place),
the common vision, the programme, the organisers and partners with their
logos, practical information for the event's format, and a closing slide
pointing to the evaluation questionnaire and thanking the speakers.

Nothing may overflow a slide, and the text comes from an untrusted file of
any length. python-pptx cannot measure text, so :func:`_lines` estimates
wrapped lines from generous per-character widths (at least those of DejaVu
Sans, the widest font LibreOffice falls back to for Calibri); lists and
the programme are split over as many slides as needed, and a single value
too long for its box is shortened with "…".

The file is byte-for-byte reproducible: core-properties dates come from
the event, and the zip is rewritten with sorted entries and fixed
timestamps.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Pt

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
from rzn.render.logos import Logo, resolve_logo
from rzn.render.ooxml import normalise_zip
from rzn.render.output import OutputFile
from rzn.render.registry import document

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

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
HIGHLIGHT = RGBColor(0xE3, 0x6C, 0x0A)
TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x4A, 0x4A, 0x4A)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
PALE = RGBColor(0xEA, 0xF1, 0xF8)
CARD = RGBColor(0xF2, 0xF2, 0xF2)
TITLE_ON_DARK = RGBColor(0xDD, 0xE8, 0xF3)


# --- Untrusted text --------------------------------------------------------------------------
_NOT_XML = re.compile(
    "[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u0080-\u009f]"
)


def clean(text: object) -> str:
    """One line of displayable text: no character XML forbids, no control character.

    python-pptx escapes ``<`` and ``&`` itself; characters XML 1.0 cannot hold
    at all (``\\x00``, ``\\x1b``, lone surrogates…) would make it fail, and the
    C1 controls would show as ``_x0085_``.
    """
    return _inline("" if text is None else str(text)).strip()


def _inline(text: str) -> str:
    """Like :func:`clean`, keeping one space at the ends: runs are put side by side."""
    return re.sub(r"\s+", " ", _NOT_XML.sub(" ", text))


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
    color: RGBColor | None = None

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
    """A paragraph of untrusted text, made safe; headings are bold, and measured so."""
    runs = tuple(p if isinstance(p, Run) else Run(p) for p in parts)
    bold = bool(options.get("heading"))
    runs = tuple(replace(r, text=_inline(r.text), bold=r.bold or bold) for r in runs)
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


# --- Writing shapes --------------------------------------------------------------------------
def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))


def _frame(tf: TextFrame, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP) -> None:
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = _emu(INSET)


def _write(
    tf: TextFrame,
    paras: Sequence[Para],
    color: RGBColor = TEXT,
    align: PP_ALIGN | None = None,
) -> None:
    tf.clear()
    for index, p in enumerate(paras):
        paragraph = tf.paragraphs[0] if index == 0 else tf.add_paragraph()
        if index:
            paragraph.space_before = Pt(p.space_before)
        if align is not None:
            paragraph.alignment = align
        if p.bullet:
            _bullet(paragraph, p)
        for r in p.runs:
            run = paragraph.add_run()
            run.text = r.text
            font = run.font
            font.size = Pt(p.size)
            font.bold = r.bold
            font.italic = r.italic
            font.color.rgb = p.color or (ACCENT if p.heading else color)
            font.language_id = MSO_LANGUAGE_ID.FRENCH


def _bullet(paragraph: _Paragraph, p: Para) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(_emu(p.indent)))
    ppr.set("indent", str(-_emu(18)))
    color = ppr.makeelement(qn("a:buClr"), {})
    color.append(color.makeelement(qn("a:srgbClr"), {"val": str(HIGHLIGHT)}))
    ppr.append(color)
    ppr.append(ppr.makeelement(qn("a:buChar"), {"char": "•" if p.bullet == 1 else "–"}))


def _textbox(
    slide: Slide,
    left: float,
    top: float,
    width: float,
    height: float,
    paras: Sequence[Para],
    *,
    color: RGBColor = TEXT,
    align: PP_ALIGN | None = None,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    name: str | None = None,
) -> None:
    box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
    if name:
        box.name = name
    _frame(box.text_frame, anchor)
    _write(box.text_frame, paras, color, align)


def _rectangle(
    slide: Slide, left: float, top: float, width: float, height: float, fill: RGBColor
) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _emu(left), _emu(top), _emu(width), _emu(height)
    )
    shape.fill.solid()
    shape.fill.fore_color.rgb = fill
    shape.line.fill.background()
    # Without its theme style the shape has no shadow nor outline in any program.
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _notes(slide: Slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text  # type: ignore[union-attr]


# --- The deck --------------------------------------------------------------------------------
class Deck:
    def __init__(self, event: Event) -> None:
        self.event = event
        self.prs: PresentationType = Presentation()
        _widen(self.prs)
        self.footer = _fit(
            f"{clean(event.title)} · {french.day_long(event.date)}",
            CONTENT_W * 0.8 - 2 * INSET,
            FOOTER_H - 2 * INSET,
            [FOOTER_PT],
        )

    def title_slide(self, title: str, lines: Sequence[tuple[str, int]], notes: str) -> None:
        """``lines``: the subtitle's paragraphs, each with the most lines it may take."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        background = slide.background.fill
        background.solid()
        background.fore_color.rgb = ACCENT
        title_shape, subtitle = slide.placeholders[0], slide.placeholders[1]
        left, width = MARGIN_X + 14, CONTENT_W - 28
        _place(title_shape, left, 120, width, 190)
        _frame(title_shape.text_frame, MSO_ANCHOR.BOTTOM)
        heading = _fit(title, width - 2 * INSET, 190 - 2 * INSET, [44, 40, 36, 32, 28], bold=True)
        _write(title_shape.text_frame, [heading], WHITE, PP_ALIGN.LEFT)
        _rectangle(slide, left + INSET, 322, 120, 5, HIGHLIGHT)
        _place(subtitle, left, 340, width, 150)
        _frame(subtitle.text_frame)
        paras = [
            _clip(para(line, size=24, space_before=6), width - 2 * INSET, most)
            for line, most in lines
        ]
        _write(subtitle.text_frame, paras, TITLE_ON_DARK, PP_ALIGN.LEFT)
        _notes(slide, notes)

    def content_slide(self, title: str, notes: str | None = None, page: int = 0) -> Slide:
        """A titled slide with its footer; ``notes`` go on the first page of a section only."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        shape = slide.shapes.title
        assert shape is not None
        _place(shape, MARGIN_X, TITLE_TOP, CONTENT_W, TITLE_H)
        _frame(shape.text_frame, MSO_ANCHOR.BOTTOM)
        _write(
            shape.text_frame, [para(Run(title, bold=True), size=TITLE_PT)], ACCENT, PP_ALIGN.LEFT
        )
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
        if notes and page == 0:
            _notes(slide, notes)
        return slide

    def text_slides(self, title: str, paras: Sequence[Para], notes: str | None = None) -> None:
        width = CONTENT_W - 2 * INSET
        pages = _paginate(paras, width, BODY_H - 2 * INSET)
        for index, page in enumerate(pages):
            slide = self.content_slide(_numbered(title, index, len(pages)), notes, index)
            _textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, BODY_H, page)

    def save(self) -> bytes:
        _set_properties(self.prs, self.event)
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return normalise_zip(buffer.getvalue())


def _numbered(title: str, index: int, count: int) -> str:
    return title if count == 1 else f"{title} ({index + 1}/{count})"


def _place(shape: BaseShape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = _emu(left), _emu(top)
    shape.width, shape.height = _emu(width), _emu(height)


def _widen(prs: PresentationType) -> None:
    """16:9, with the master and layouts stretched too so that a slide added by hand fits."""
    old = prs.slide_width or Emu(9_144_000)
    new = _emu(SLIDE_W)
    prs.slide_width, prs.slide_height = new, _emu(SLIDE_H)
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


def _set_properties(prs: PresentationType, event: Event) -> None:
    # A date the event owns, so that the file does not change from one run to the next.
    moment = dt.datetime.combine(event.date, event.start)
    props = prs.core_properties
    props.title = clean(event.title)[:255]
    props.subject = "Ouverture de la rencontre RéZolutions numériques"
    lead = event.lead or event.organizers[0]
    props.author = clean(lead.name)[:255]
    props.last_modified_by = "rzn"
    props.keywords = f"RéZolutions numériques; {clean(event.communication.hashtag)[:100]}"
    props.comments = "Masque de présentation produit par rzn à partir du fichier d'événement."
    props.language = "fr-FR"
    props.revision = 1
    props.created = props.modified = props.last_printed = moment
    # The default template's thumbnail shows an empty 4:3 slide: better none than a wrong one.
    package = prs.part.package
    for r_id, rel in list(package._rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.drop_rel(r_id)


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
    pages = [
        [(rows[i], heights[i]) for i in page] for page in balanced_pages(heights, BODY_H - header_h)
    ]
    for index, page in enumerate(pages):
        slide = deck.content_slide(
            _numbered("Programme", index, len(pages)),
            "Parcourez le programme ; indiquez les salles des ateliers et les temps de pause.",
            index,
        )
        shape = slide.shapes.add_table(
            len(page) + 1,
            len(columns),
            _emu(MARGIN_X),
            _emu(BODY_TOP),
            _emu(CONTENT_W),
            _emu(MIN_ROW * (len(page) + 1)),
        )
        shape.name = "Programme"
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        for col_index, column in enumerate(columns):
            table.columns[col_index].width = _emu(column.width)
        all_rows = [(header, header_h), *page]
        for row_index, (row, _) in enumerate(all_rows):
            # A row's height is a minimum: programs grow it to fit its text, which the
            # estimate above already made sure fits on the slide.
            table.rows[row_index].height = _emu(MIN_ROW)
            for col_index, cell_paras in enumerate(row):
                cell = table.cell(row_index, col_index)
                cell.margin_left = cell.margin_right = _emu(INSET)
                cell.margin_top = cell.margin_bottom = _emu(INSET)
                cell.vertical_anchor = MSO_ANCHOR.TOP
                cell.fill.solid()
                if row_index == 0:
                    cell.fill.fore_color.rgb = ACCENT
                    _write(cell.text_frame, cell_paras, WHITE)
                else:
                    cell.fill.fore_color.rgb = PALE if row_index % 2 == 0 else WHITE
                    _write(cell.text_frame, cell_paras, TEXT)


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
"""Group names ("Co-organisé par"…) sit in a column left of their logos."""
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
        _Group("Organisé par" if len(event.organizers) == 1 else "Co-organisé par", (
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
                _textbox(slide, MARGIN_X, top, LABEL_W, CELL_H, [label], anchor=MSO_ANCHOR.MIDDLE)
            previous = group
            for position, member in enumerate(members):
                _member_cell(slide, ctx, member, CELL_LEFT + position * (CELL_W + CELL_GAP), top)
            top += ROW_PITCH


def _member_cell(
    slide: Slide, ctx: RenderContext, member: Organizer | Partner, left: float, top: float
) -> None:
    name = clean(member.name)
    logo = resolve_logo(ctx, member.logo)
    if logo is not None and _picture(slide, logo, name, left, top):
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
        align=PP_ALIGN.CENTER,
        anchor=MSO_ANCHOR.MIDDLE,
        name=f"Nom : {name[:80]}",
    )


def _picture(slide: Slide, logo: Logo, name: str, left: float, top: float) -> bool:
    """The logo, as large as fits in the cell and centred; False when it cannot be embedded."""
    if not logo.format.raster or not logo.width or not logo.height:
        return False  # PowerPoint needs a PNG copy of an SVG: the name is shown instead
    scale = min(CELL_W / logo.width, CELL_H / logo.height)
    width, height = logo.width * scale, logo.height * scale
    try:
        picture = slide.shapes.add_picture(
            io.BytesIO(logo.data),
            _emu(left + (CELL_W - width) / 2),
            _emu(top + (CELL_H - height) / 2),
            _emu(width),
            _emu(height),
        )
    except Exception:  # python-pptx reading an unusual image: show the name rather than fail
        return False
    picture.name = f"Logo : {name[:80]}"
    # The description is what a screen reader says: the organisation's name.
    picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", f"Logo de {name}")
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
