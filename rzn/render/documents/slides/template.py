"""The parts every deck shares, taken once per process from python-pptx's default template.

Theme, slide master and layouts stretched to 16:9, notes master, properties:
no copy of template XML is kept in rzn; python-pptx is imported here, and
never for a deck.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rzn.render.documents.slides.geometry import (
    SLIDE_H,
    SLIDE_W,
    emu,
)
from rzn.render.ooxml import CONTENT_TYPES, Entry, deflate

if TYPE_CHECKING:
    from pptx.presentation import Presentation

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_LAYOUT = RT + "slideLayout"
RT_NOTES = RT + "notesSlide"
RT_NOTES_MASTER = RT + "notesMaster"
RT_SLIDE = RT + "slide"
RT_IMAGE = RT + "image"
CT = "application/vnd.openxmlformats-officedocument.presentationml."
CT_SLIDE = CT + "slide+xml"
CT_NOTES = CT + "notesSlide+xml"


def rels_name(name: str) -> str:
    folder, _, file = name.rpartition("/")
    return f"{folder}/_rels/{file}.rels"


# --- The parts every deck shares -------------------------------------------------------------
_MARKER = "RZN-NOTES-MARKER"


@dataclass(frozen=True)
class Template:
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
def template() -> Template:
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
        *map(rels_name, [*slide_names, partname(notes_slide)]),
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

    return Template(
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
    # python-pptx's template is what template() reads: a new version could change it.
    if not condition:
        raise RuntimeError(f"modèle par défaut de python-pptx inattendu : {what}")


def _widen(prs: Presentation) -> None:
    """16:9, with the master and layouts stretched too so that a slide added by hand fits."""
    from pptx.util import Emu

    old = prs.slide_width or 9_144_000
    new = emu(SLIDE_W)
    prs.slide_width, prs.slide_height = Emu(new), Emu(emu(SLIDE_H))
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
