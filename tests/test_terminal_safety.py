"""Nothing from an input reaches a terminal, a CI log or a report as a control character.

An escape sequence written as a YAML escape (``"\\e]0;…\\a\\e[2J"``) once retitled the
terminal window and cleared the screen, and made ``--format junit`` write XML that no CI
tool could parse. Every way in is tried: a value in the event file, a file name, a cell
of an export; every way out: plain and rich text, GitHub annotations, JUnit, SARIF, JSON.
"""

from __future__ import annotations

import io
import json
import os
import xml.dom.minidom

import pytest

from rzn.diagnostics import Diagnostic, Severity, visible
from rzn.output.rich_text import RichPrinter
from rzn.registrations.table import read_table
from tests.conftest import MINIMAL

TODAY = "2027-09-01"
HOSTILE = "\x1b]0;pirate\x07\x1b[2J\x1b[31m\r\x9b\u202e\x00"
ESCAPED = '"\\e]0;pirate\\a\\e[2J\\e[31m\\r\\x9b\\u202e\\0"'
"""``HOSTILE`` as a YAML double-quoted string writes it."""


def raw_controls(text: str) -> list[str]:
    return sorted(
        {c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F}
        | {c for c in text if c == "\u202e"}
    )


def test_visible_writes_every_control_as_its_code():
    assert visible(HOSTILE) == "\\x1b]0;pirate\\x07\\x1b[2J\\x1b[31m\\x0d\\x9b\\u202e\\x00"
    assert visible("Saint-Brieuc\tBretagne\nsuite") == "Saint-Brieuc\tBretagne\nsuite"


def test_a_control_written_as_a_yaml_escape_reaches_no_terminal_nor_document(rzn, tmp_path):
    event = tmp_path / "event.yaml"
    event.write_text(
        MINIMAL.replace("title: RéZolutions numériques test", f"title: {ESCAPED}")
        + "objectives: [Titre 2]\n"
        + 'expected_participants: "douze\\e[2J"\n',
        encoding="utf-8",
    )
    check = rzn("check", str(event), "--today", TODAY)
    assert check.code == 1  # the participants are not a number: the message quotes the value
    assert raw_controls(check.out + check.err) == []
    assert "douze\\x1b[2J" in check.out
    event.write_text(
        MINIMAL.replace("title: RéZolutions numériques test", f"title: {ESCAPED}"),
        encoding="utf-8",
    )
    render = rzn("render", str(event), "--today", TODAY)
    assert render.code == 0, render.err
    assert raw_controls(render.out + render.err) == []
    documents = [p for p in (tmp_path / "build").rglob("*") if p.suffix in (".md", ".html", ".txt")]
    assert len(documents) > 5
    for document in documents:
        text = document.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, document
    checklist = (tmp_path / "build" / "checklist.md").read_text(encoding="utf-8")
    assert "]0;pirate[2J[31m" in checklist  # the visible text stays, its controls gone


@pytest.mark.skipif(os.name == "nt", reason="file names with control characters")
@pytest.mark.parametrize("output_format", ["text", "github", "junit", "sarif", "json"])
def test_a_file_name_with_controls_stays_harmless_in_every_format(rzn, tmp_path, output_format):
    folder = tmp_path / "evenements"
    folder.mkdir()
    # A file name is data too: here with an escape sequence and a byte that is not UTF-8.
    name = os.fsdecode(b"\x1b]0;pirate\x07\x1b[2J\xff.yaml")
    (folder / name).write_text("title: [\n", encoding="utf-8")
    result = rzn("check", str(folder), "--today", TODAY, "--format", output_format)
    assert result.code == 1, result.err
    assert raw_controls(result.out + result.err) == []
    assert "\udcff" not in result.out
    if output_format == "junit":
        document = xml.dom.minidom.parseString(result.out.encode("utf-8"))
        failures = document.getElementsByTagName("failure")
        assert len(failures) == 1
        assert "\\x1b]0;pirate\\x07" in failures[0].firstChild.data
    elif output_format in ("json", "sarif"):
        data = json.loads(result.out)
        assert data  # well-formed; control characters are JSON escapes, never raw
    else:
        assert "\\x1b]0;pirate\\x07\\x1b[2J" in result.out


def test_rich_output_writes_controls_as_their_codes():
    out = io.StringIO()  # not a terminal: rich adds no colour, any escape would be the input's
    printer = RichPrinter(out)
    diagnostic = Diagnostic(
        file=f"dossier{HOSTILE}/event.yaml",
        line=1,
        column=1,
        code="RZN010",
        rule="invalid-value",
        severity=Severity.ERROR,
        message=f"« {HOSTILE} » n'est pas une date",
    )
    printer.file(diagnostic.file, [diagnostic])
    assert raw_controls(out.getvalue()) == []
    assert "\\x1b]0;pirate\\x07" in out.getvalue()


def test_controls_in_an_export_cell_are_removed():
    data = "Nom;Prénom;E-mail\nDupont\x1b[2J\x07\x9b\u202e;Jean;jean@example.org\n".encode()
    table = read_table(data, "inscriptions.csv")
    assert table.fatal is None
    assert [row.cells for row in table.rows] == [("Dupont[2J", "Jean", "jean@example.org")]


def test_a_usage_error_naming_a_hostile_path_is_printed_harmless(rzn, tmp_path):
    missing = tmp_path / f"absent{HOSTILE[:-1]}.yaml"
    result = rzn("check", str(missing), "--today", TODAY)
    assert result.code == 2
    assert raw_controls(result.err) == []
    assert "absent\\x1b]0;pirate" in result.err
