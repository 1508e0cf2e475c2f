"""PDF versions of the documents made for printing (``rzn render --pdf``).

The retro-planning, the run sheet (landscape), each workshop sheet and the
two questionnaires (for paper answers) are converted from their HTML by
WeasyPrint, an optional dependency (``pip install "rzn[pdf]"``). Page size,
orientation, the title repeated on each page and "page 2 / 5" come from the
templates' print CSS, so a user's template decides them too.

The HTML is rendered with nothing fetched from outside: only ``data:``
URLs are read (the pages' own Content-Security-Policy says the same), so a
template or an event cannot make a PDF read a local file or call a server.

The PDFs are tagged PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant): a structure tree
with the headings, lists, tables and their header cells in reading order, the language
and the title, for screen readers and the reflow of PDF readers; the layout is the same.

Same event, same bytes, as far as WeasyPrint allows: the document dates
are the event's, and the fonts embedded in the PDF carry the same date
instead of the clock's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import PurePosixPath
from types import ModuleType
from zoneinfo import ZoneInfo

from rzn.errors import UsageError
from rzn.model.event import Event
from rzn.render.output import OutputFile

PRINTED = (
    "checklist.html",
    "run-sheet.html",
    "evaluation.html",
    "consultation.html",
    "public/affiche.html",
)
PRINTED_FOLDERS = ("workshops",)

INSTALL = 'pip install "rzn[pdf]"'
PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF for accessibility (ISO 14289-1), which WeasyPrint writes since version 60."""


class PdfUnavailable(UsageError):
    """``--pdf`` asked for, WeasyPrint or its system libraries missing."""


def weasyprint() -> ModuleType:
    """WeasyPrint, or a message that says how to install it."""
    try:
        import weasyprint as module
    except ImportError:
        raise PdfUnavailable(
            "--pdf a besoin de WeasyPrint, qui n'est pas installé. Installez-le avec :\n"
            f"    {INSTALL}\n"
            "puis relancez la commande. Aucun document n'a été écrit."
        ) from None
    except OSError as exc:
        # The Python package is there but not Pango, which it loads at import.
        raise PdfUnavailable(
            f"--pdf : WeasyPrint est installé mais ne trouve pas la bibliothèque Pango ({exc}). "
            "Sous Debian ou Ubuntu : sudo apt install libpango-1.0-0 libpangoft2-1.0-0 ; "
            "ailleurs, voir https://doc.courtbouillon.org/weasyprint/stable/first_steps.html. "
            "Aucun document n'a été écrit."
        ) from None
    if not hasattr(module, "URLFetcher"):  # before 68, rzn could not keep it off the network
        version = getattr(module, "__version__", "?")
        raise PdfUnavailable(
            f"--pdf a besoin de WeasyPrint 68 ou plus récent (installé : {version}). Mettez-le "
            f'à jour avec :\n    pip install --upgrade "rzn[pdf]"\npuis relancez la '
            "commande. Aucun document n'a été écrit."
        )
    return module


def printed(path: str) -> bool:
    """Is this output one of the documents made for printing?"""
    pure = PurePosixPath(path)
    if pure.suffix != ".html":
        return False
    return path in PRINTED or (len(pure.parts) == 2 and pure.parts[0] in PRINTED_FOLDERS)


def moment(event: Event) -> dt.datetime:
    """When the event starts, in its time zone: the date the PDFs carry."""
    return dt.datetime.combine(event.date, event.start, tzinfo=ZoneInfo(event.timezone))


def with_pdfs(files: list[OutputFile], event: Event) -> list[OutputFile]:
    """The outputs, each printed document followed by its PDF."""
    module = weasyprint()
    when = moment(event)
    result: list[OutputFile] = []
    for file in files:
        result.append(file)
        if printed(file.path):
            result.append(
                OutputFile(
                    str(PurePosixPath(file.path).with_suffix(".pdf")),
                    html_to_pdf(module, file.content, when),
                    _description(file.description),
                )
            )
    return result


def html_to_pdf(module: ModuleType, html: bytes, when: dt.datetime) -> bytes:
    fetcher = module.URLFetcher(allowed_protocols={"data"})
    document = module.HTML(string=html.decode("utf-8"), url_fetcher=fetcher).render()
    stamp = when.isoformat()
    document.metadata.created = document.metadata.modified = stamp
    with _source_date(when):
        data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return data


@contextlib.contextmanager
def _source_date(when: dt.datetime) -> Iterator[None]:
    """Font subsets are stamped with ``SOURCE_DATE_EPOCH`` when it is set, else the clock."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _description(html_description: str) -> str:
    """« Conducteur minuté à imprimer (HTML) » → « … (PDF) »."""
    if html_description.endswith("(HTML)"):
        return html_description[: -len("(HTML)")] + "(PDF)"
    return f"{html_description} (PDF)"
