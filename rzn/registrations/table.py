"""A spreadsheet export → a header and rows, each row with its line number.

Real exports are not tidy: Excel saves « CSV (séparateur : point-virgule) »
in Windows-1252, HelloAsso and LimeSurvey write UTF-8 with a BOM, Google
Forms writes commas, Framaforms puts a title line above the header, and
people paste comments with line breaks inside quoted cells. Each of these
is detected and said (encoding and separator are part of :class:`Table`);
every row that cannot be read becomes a :class:`RowProblem` with the line
number an editor shows, never a silent skip.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rzn.diagnostics import CONTROLS
from rzn.load.decode import error_position
from rzn.load.limits import LIMITS

MAX_BYTES = LIMITS.max_export_bytes
"""An export of a few thousand registrations weighs a few hundred kilobytes."""
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 10
"""Title lines tolerated above the header (Framaforms, hand-made sheets)."""
SEPARATORS = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}

_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


@dataclass(frozen=True)
class RowProblem:
    line: int
    """1-based line of the row's first character, as an editor counts lines."""
    message: str


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[str, ...]

    def get(self, index: int) -> str:
        return self.cells[index].strip() if index < len(self.cells) else ""


@dataclass
class Table:
    file: str
    """The path as the user named it, used in every message."""
    encoding: str = ""
    """How the file was decoded, in French (« UTF-8 avec BOM », « Windows-1252 »)."""
    separator: str = ";"
    header: tuple[str, ...] = ()
    header_line: int = 0
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    fatal: str | None = None
    """Why the file could not be read at all (French, says what to do)."""
    skipped_lines: list[int] = field(default_factory=list)
    """Title lines found above the header."""

    @property
    def separator_name(self) -> str:
        return SEPARATORS.get(self.separator, repr(self.separator))

    @property
    def description(self) -> str:
        """``UTF-8, séparateur point-virgule`` — what rzn understood of the file."""
        return f"{self.encoding}, séparateur {self.separator_name}"


def read_table(
    data: bytes,
    file: str,
    header_score: Callable[[tuple[str, ...]], int] | None = None,
) -> Table:
    """Decode and parse ``data``.

    ``header_score`` rates a candidate header row (number of recognised
    columns); the best of the first rows wins, so title lines above the
    header are skipped. Without it, the first non-empty row is the header.
    """
    table = Table(file)
    if len(data) > MAX_BYTES:
        table.fatal = (
            f"Fichier trop gros ({len(data) / 1_000_000:.0f} Mo) : rzn lit des exports "
            f"d'au plus {MAX_BYTES // 1_000_000} Mo. Vérifiez que c'est bien l'export attendu."
        )
        return table
    text = _decode(data, table)
    if text is None:
        return table
    if not text.strip():
        table.fatal = (
            "Le fichier est vide : exportez à nouveau les réponses depuis l'outil d'inscription "
            "ou de formulaire (format CSV)."
        )
        return table
    table.separator = _sniff(text)
    records = _records(text, table)
    _pick_header(records, table, header_score)
    return table


def _decode(data: bytes, table: Table) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        table.fatal = (
            "C'est un classeur (Excel .xlsx ou LibreOffice .ods), pas un fichier CSV : ouvrez-le "
            "et choisissez « Enregistrer sous » → « CSV » (séparateur point-virgule, encodage "
            "UTF-8), puis indiquez ce fichier .csv."
        )
        return None
    if data.startswith(b"%PDF"):
        table.fatal = (
            "C'est un document PDF, pas un export CSV : exportez les données depuis l'outil "
            "d'inscription ou de formulaire au format CSV."
        )
        return None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "UTF-8 avec BOM", table)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's « Texte Unicode » export: UTF-16 with a BOM, tab-separated.
        return _strict(data, "utf-16", "UTF-16", table)
    if b"\x00" in data[:4096]:
        table.fatal = (
            "Le fichier contient des octets nuls : ce n'est pas un export CSV lisible (fichier "
            "binaire, ou UTF-16 sans marque d'ordre des octets). Réenregistrez-le en CSV UTF-8."
        )
        return None
    try:
        return _with_encoding(data.decode("utf-8"), "UTF-8", table)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _UTF8_SEQUENCE.search(data):
        line = error_position(utf8_error, "utf-8")[0]
        table.fatal = (
            f"Encodages mélangés : le fichier contient de l'UTF-8 mais la ligne {line} n'en est "
            "pas (sans doute des lignes collées depuis un autre fichier, en Windows-1252). "
            "Ouvrez-le dans un tableur et réenregistrez-le en CSV UTF-8."
        )
        return None
    return _strict(data, "cp1252", "Windows-1252", table)


def _strict(data: bytes, codec: str, label: str, table: Table) -> str | None:
    try:
        return _with_encoding(data.decode(codec), label, table)
    except UnicodeDecodeError as exc:
        line = error_position(exc, codec)[0]  # lines as a text editor counts them
        table.fatal = (
            f"Ligne {line} : l'octet 0x{data[exc.start]:02X} n'est ni de l'UTF-8 ni du "
            "Windows-1252. Ouvrez le fichier dans un tableur et réenregistrez-le en CSV UTF-8."
        )
        return None


def _with_encoding(text: str, label: str, table: Table) -> str:
    table.encoding = label
    return text


def _sniff(text: str) -> str:
    """The separator that cuts the first rows into the most columns, the most regularly.

    ``csv.Sniffer`` guesses wrong on short files and on commas inside quoted
    titles; trying each candidate with the real parser does not.
    """
    sample = text[:65536]
    best, best_score = ";", (-1.0, 0)
    for separator in (";", ",", "\t"):
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
        widths = []
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    widths.append(len(row))
                if len(widths) >= 20:
                    break
        except csv.Error:
            pass
        if not widths:
            continue
        header = max(widths[:HEADER_SEARCH_ROWS])
        regular = sum(1 for w in widths if w == header) / len(widths)
        score = (regular if header > 1 else 0.0, header)
        if score > best_score:
            best, best_score = separator, score
    return best


def _records(text: str, table: Table) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.separator, strict=True)
    records: list[Row] = []
    last = 0
    while True:
        start = last + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            table.problems.append(RowProblem(start, _csv_error(str(exc), start, end)))
            last = end
            continue
        last = reader.line_num
        # Blank lines come back as empty records: they hold nobody, so they are not rows.
        if not cells or not any(c.strip() for c in cells):
            continue
        # Control characters (an escape sequence in a comment) would reach the terminal and the
        # documents: removed, as a spreadsheet would not show them anyway.
        records.append(
            Row(start, tuple(CONTROLS.sub("", c) if CONTROLS.search(c) else c for c in cells))
        )
        if len(records) > MAX_ROWS:
            table.fatal = (
                f"Plus de {MAX_ROWS} lignes : ce n'est sans doute pas un export d'inscriptions ou "
                "de réponses. Vérifiez le fichier indiqué."
            )
            return []
    return records


def _csv_error(message: str, start: int, end: int) -> str:
    if "unexpected end of data" in message or "EOF" in message:
        lost = (
            f"la ligne {start} n'a pas pu être lue"
            if start == end
            else f"les lignes {start} à {end} n'ont pas pu être lues"
        )
        return (
            f"guillemet ouvert jamais refermé : {lost}. Ajoutez le guillemet fermant, ou "
            "ouvrez le fichier dans un tableur et réenregistrez-le."
        )
    if "expected after" in message:
        return (
            "guillemet mal placé (du texte suit un guillemet fermant) : mettez toute la valeur "
            'entre guillemets et doublez les guillemets qu\'elle contient ("").'
        )
    if "field larger" in message:
        return "cellule beaucoup trop longue : vérifiez qu'un guillemet n'est pas resté ouvert."
    return f"ligne illisible ({message}) : corrigez-la dans un tableur."


def _pick_header(
    records: list[Row], table: Table, header_score: Callable[[tuple[str, ...]], int] | None
) -> None:
    if not records:
        if table.fatal is None and not table.problems:
            table.fatal = "Aucune ligne lisible : le fichier ne contient ni en-tête ni données."
        elif table.fatal is None:
            table.fatal = "Aucune ligne lisible : corrigez les lignes signalées."
        return
    index = 0
    if header_score is not None:
        candidates = records[:HEADER_SEARCH_ROWS]
        scores = [header_score(_clean_header(r.cells)) for r in candidates]
        best = max(scores)
        if best > 0:
            index = scores.index(best)
    table.skipped_lines = [r.line for r in records[:index]]
    header = records[index]
    table.header = _clean_header(header.cells)
    table.header_line = header.line
    width = len(table.header)
    for row in records[index + 1 :]:
        extra = [c for c in row.cells[width:] if c.strip()]
        if extra:
            table.problems.append(
                RowProblem(
                    row.line,
                    f"{len(row.cells)} valeurs pour {width} colonnes : un séparateur "
                    f"({table.separator_name}) en trop, ou une valeur qui en contient sans être "
                    "entre guillemets. Corrigez la ligne.",
                )
            )
            continue
        table.rows.append(Row(row.line, row.cells[:width]))


def _clean_header(cells: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(c.replace("\ufeff", "").split()) for c in cells)
