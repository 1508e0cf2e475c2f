"""Slides written as PresentationML strings, and the parts every deck shares.

The slides are the very XML python-pptx wrote for them: a deck built shape
by shape with python-pptx took some 80 ms, 15 of them to open its template
and save the package and the rest in its XML object layer, about 0.7 ms per
shape or table cell, for some forty of each. ``rzn render`` on a hundred
events spent most of its time there; written directly, a deck takes about
4 ms. Every text is escaped (:mod:`rzn.render.ooxml`) after :func:`clean`
removed what XML cannot hold. The parts every deck shares come from
python-pptx's default template (:mod:`.template`).

The file is byte-for-byte reproducible: core-properties dates come from
the event, and the zip has sorted entries and fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from rzn.load.logos import Logo
from rzn.model.event import Event
from rzn.render import french
from rzn.render.documents.slides.geometry import (
    BAR_TOP,
    BODY_H,
    BODY_TOP,
    CONTENT_W,
    FOOTER_H,
    FOOTER_PT,
    FOOTER_TOP,
    INSET,
    MARGIN_X,
    MIN_ROW,
    MUTED,
    TEXT,
    TITLE_H,
    TITLE_PT,
    TITLE_TOP,
    WHITE,
    Palette,
    emu,
)
from rzn.render.documents.slides.template import (
    CT_NOTES,
    CT_SLIDE,
    RT_IMAGE,
    RT_LAYOUT,
    RT_NOTES,
    RT_NOTES_MASTER,
    RT_SLIDE,
    rels_name,
    template,
)
from rzn.render.documents.slides.text import Para, Run, clip, fit, paginate, para
from rzn.render.ooxml import CONTENT_TYPES, XML_DECLARATION, Entry, clean, deflate, package
from rzn.render.ooxml import attr as xml_attr
from rzn.render.ooxml import text as xml_text

if TYPE_CHECKING:
    pass

# --- Writing slides --------------------------------------------------------------------------
Anchor = Literal["t", "ctr", "b"]
Align = Literal["l", "ctr"]

TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"
""""Medium Style 2 - Accent 1", built into every Office program: what python-pptx gives a table."""
_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def xfrm(left: float, top: float, width: float, height: float, tag: str = "a:xfrm") -> str:
    return (
        f'<{tag}><a:off x="{emu(left)}" y="{emu(top)}"/>'
        f'<a:ext cx="{emu(width)}" cy="{emu(height)}"/></{tag}>'
    )


def _body(anchor: Anchor) -> str:
    """Wrapped text, never resized by the program, with the inner margin of every box."""
    inset = emu(INSET)
    return (
        f'<a:bodyPr wrap="square" anchor="{anchor}" lIns="{inset}" rIns="{inset}" '
        f'tIns="{inset}" bIns="{inset}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
    )


def paragraphs(
    paras: Sequence[Para], palette: Palette, color: str = TEXT, align: Align | None = None
) -> str:
    if not paras:
        return "<a:p/>"  # a text body holds at least one paragraph
    out = []
    for index, p in enumerate(paras):
        props = f' algn="{align}"' if align else ""
        inner = (
            f'<a:spcBef><a:spcPts val="{round(p.space_before * 100)}"/></a:spcBef>' if index else ""
        )
        if p.bullet:
            props += f' marL="{emu(p.indent)}" indent="{-emu(18)}"'
            char = "•" if p.bullet == 1 else "–"
            inner += (
                f'<a:buClr><a:srgbClr val="{palette.highlight}"/></a:buClr>'
                f'<a:buChar char="{char}"/>'
            )
        if inner:
            out.append(f"<a:p><a:pPr{props}>{inner}</a:pPr>")
        else:
            out.append(f"<a:p><a:pPr{props}/>" if props else "<a:p>")
        fill = p.color or (palette.accent if p.heading else color)
        font = f'<a:latin typeface="{xml_attr(palette.font)}"/>' if palette.font else ""
        size = round(p.size * 100)
        for r in p.runs:
            out.append(
                f'<a:r><a:rPr sz="{size}" b="{int(r.bold)}" i="{int(r.italic)}" lang="fr-FR">'
                f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>{font}</a:rPr>'
                f"<a:t>{xml_text(r.text)}</a:t></a:r>"
            )
        out.append("</a:p>")
    return "".join(out)


class Slide:
    """One slide's shapes as PresentationML, and the parts it relates to."""

    def __init__(
        self, number: int, layout: str, palette: Palette, placeholders: Sequence[str] = ()
    ) -> None:
        self.number = number
        self.palette = palette
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
            f"<p:sp>{self.placeholders.pop(0)}<p:spPr>{xfrm(left, top, width, height)}</p:spPr>"
            f"<p:txBody>{_body(anchor)}{paragraphs(paras, self.palette, color, 'l')}"
            "</p:txBody></p:sp>"
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


def textbox(
    slide: Slide,
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
        f"<p:spPr>{xfrm(left, top, width, height)}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f"<p:txBody>{_body(anchor)}{paragraphs(paras, slide.palette, color, align)}"
        "</p:txBody></p:sp>"
    )


def rectangle(
    slide: Slide, left: float, top: float, width: float, height: float, fill: str
) -> None:
    # No theme style (p:style): the shape has no shadow nor outline in any program.
    shape_id = slide.new_id()
    slide.shapes.append(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Rectangle {shape_id - 1}"/>'
        "<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
        f'<p:spPr>{xfrm(left, top, width, height)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p>'
        "</p:txBody></p:sp>"
    )


def table(
    slide: Slide,
    name: str,
    widths: Sequence[float],
    rows: Sequence[Sequence[Sequence[Para]]],
) -> None:
    """A table under the title with its header row first; ``rows`` also hold the header."""
    shape_id = slide.new_id()
    frame = xfrm(MARGIN_X, BODY_TOP, CONTENT_W, MIN_ROW * len(rows), "p:xfrm")
    out = [
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{xml_attr(name)}"/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f"</p:nvGraphicFramePr>{frame}"
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        # The header row styled as such, rows not banded: the fills below alternate instead.
        f'<a:tbl><a:tblPr firstRow="1"><a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr>'
        "<a:tblGrid>",
        *(f'<a:gridCol w="{emu(w)}"/>' for w in widths),
        "</a:tblGrid>",
    ]
    inset = emu(INSET)
    margins = f'marL="{inset}" marR="{inset}" marT="{inset}" marB="{inset}" anchor="t"'
    for index, row in enumerate(rows):
        # A row's height is a minimum: programs grow it to fit its text, which the
        # estimate of the caller already made sure fits on the slide.
        out.append(f'<a:tr h="{emu(MIN_ROW)}">')
        palette = slide.palette
        fill, color = (
            (palette.accent, WHITE)
            if index == 0
            else (palette.pale if index % 2 == 0 else WHITE, TEXT)
        )
        for cell in row:
            out.append(
                "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>"
                f"{paragraphs(cell, palette, color)}</a:txBody>"
                f'<a:tcPr {margins}><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill></a:tcPr>'
                "</a:tc>"
            )
        out.append("</a:tr>")
    out.append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")
    slide.shapes.append("".join(out))


# --- The deck --------------------------------------------------------------------------------
class Deck:
    def __init__(self, event: Event, palette: Palette | None = None) -> None:
        self.event = event
        self.palette = palette or Palette()
        self.template = template()
        self.slides: list[Slide] = []
        self.notes: list[tuple[int, str]] = []
        """(slide number, text) of each notes slide, in order."""
        self.media: dict[bytes, str] = {}
        """Each distinct image once, by content: its part name."""
        self.footer = fit(
            f"{clean(event.title)} · {french.day_long(event.date)}",
            CONTENT_W * 0.8 - 2 * INSET,
            FOOTER_H - 2 * INSET,
            [FOOTER_PT],
        )

    def _add(self, layout: str, placeholders: Sequence[str], notes: str | None) -> Slide:
        slide = Slide(len(self.slides) + 1, layout, self.palette, placeholders)
        self.slides.append(slide)
        if notes:
            self.notes.append((slide.number, french.typography(notes)))
            slide.relate(RT_NOTES, f"../notesSlides/notesSlide{len(self.notes)}.xml")
        return slide

    def title_slide(self, title: str, lines: Sequence[tuple[str, int]], notes: str) -> None:
        """``lines``: the subtitle's paragraphs, each with the most lines it may take."""
        template = self.template
        slide = self._add(template.title_layout, template.title_placeholders, notes)
        palette = self.palette
        slide.background = palette.accent
        left, width = MARGIN_X + 14, CONTENT_W - 28
        heading = fit(title, width - 2 * INSET, 190 - 2 * INSET, [44, 40, 36, 32, 28], bold=True)
        slide.placeholder(left, 120, width, 190, [heading], WHITE, "b")
        paras = [
            clip(para(line, size=24, space_before=6), width - 2 * INSET, most)
            for line, most in lines
        ]
        slide.placeholder(left, 340, width, 150, paras, palette.title_on_dark, "t")
        rectangle(slide, left + INSET, 322, 120, 5, palette.highlight)

    def content_slide(self, title: str, notes: str | None = None, page: int = 0) -> Slide:
        """A titled slide with its footer; ``notes`` go on the first page of a section only."""
        template = self.template
        slide = self._add(
            template.content_layout, template.content_placeholders, notes if page == 0 else None
        )
        heading = para(Run(title, bold=True), size=TITLE_PT)
        slide.placeholder(
            MARGIN_X, TITLE_TOP, CONTENT_W, TITLE_H, [heading], self.palette.accent, "b"
        )
        rectangle(slide, MARGIN_X + INSET, BAR_TOP, 110, 4, self.palette.highlight)
        textbox(
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
        pages = paginate(paras, width, BODY_H - 2 * INSET)
        for index, page in enumerate(pages):
            slide = self.content_slide(numbered(title, index, len(pages)), notes, index)
            textbox(slide, MARGIN_X, BODY_TOP, CONTENT_W, BODY_H, page)

    def image(self, slide: Slide, logo: Logo) -> str:
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
            entries.append(_shared(rels_name(name), _rels(_ids(slide.rels)).encode()))
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
            entries.append(_shared(rels_name(name), _rels(_ids(rels)).encode()))
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


def numbered(title: str, index: int, count: int) -> str:
    return title if count == 1 else f"{title} ({index + 1}/{count})"


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
