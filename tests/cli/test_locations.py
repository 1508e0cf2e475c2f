"""Every place rzn names is a path that exists from where the command was run.

An export (``registrations:``, ``answers:``) is written relative to the event
file; messages, CI annotations and reports name it from the current folder,
like the event file itself, whatever folder rzn runs from and however the
event file was given (relative, absolute, through ``..``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, QUIET, ROOT, write_logos

EXPORTS = ROOT / "tests" / "data" / "exports" / "exemples"
TODAY = "2027-01-01"


def event_folder(tmp_path: Path) -> Path:
    """``ev/event.yaml`` naming ``inscriptions.csv`` (an unknown workshop choice on line 2)
    and ``reponses.csv`` (an unrecognised answer on line 3), both beside it."""
    folder = tmp_path / "ev"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXPORTS / "choix-inconnu.csv", folder / "inscriptions.csv")
    shutil.copy(EXPORTS / "reponse-non-reconnue.csv", folder / "reponses.csv")
    write_logos(folder)
    (folder / "event.yaml").write_text(
        QUIET + "registrations: inscriptions.csv\nanswers: reponses.csv\n", encoding="utf-8"
    )
    (tmp_path / "other").mkdir()
    return folder


def export_findings(rzn, event: str) -> list[tuple[str, int, str]]:
    result = rzn("check", event, "--format", "json", "--today", TODAY)
    findings = json.loads(result.out)["findings"]
    return [(f["file"], f["line"], f["rule"]) for f in findings if f["code"] >= "RZN700"]


@pytest.mark.parametrize(
    ("cwd", "event", "folder"),
    [
        (".", "ev/event.yaml", "ev"),
        ("ev", "event.yaml", ""),
        ("ev/sub", "../event.yaml", ".."),
        ("other", "../ev/event.yaml", "../ev"),
        ("other", "../ev/sub/../event.yaml", "../ev"),
    ],
)
def test_exports_are_named_from_the_current_folder(rzn, tmp_path, monkeypatch, cwd, event, folder):
    event_folder(tmp_path)
    monkeypatch.chdir(tmp_path / cwd)
    found = export_findings(rzn, event)
    assert found == [
        (os.path.join(folder, "inscriptions.csv"), 2, "unknown-workshop-choice"),
        (os.path.join(folder, "reponses.csv"), 3, "answer-unrecognised"),
    ]
    assert all(os.path.isfile(file) for file, _, _ in found)


def test_exports_of_an_absolute_event_path_are_absolute(rzn, tmp_path, monkeypatch):
    folder = event_folder(tmp_path)
    monkeypatch.chdir(tmp_path / "other")
    assert [file for file, _, _ in export_findings(rzn, str(folder / "event.yaml"))] == [
        str(folder / "inscriptions.csv"),
        str(folder / "reponses.csv"),
    ]


def test_every_output_format_names_the_export_from_here(rzn, tmp_path, monkeypatch):
    event_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    want = "ev/inscriptions.csv"

    def check(fmt: str) -> str:
        return rzn("check", "ev/event.yaml", "--format", fmt, "--today", TODAY).out

    assert check("text").splitlines()[0].startswith(f"{want}:2:1: avertissement RZN704 ")
    assert check("github").splitlines()[0].startswith(f"::warning file={want},line=2,col=1,")
    sarif = json.loads(check("sarif"))["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"] for r in sarif]
    assert [(p["artifactLocation"]["uri"], p["region"]["startLine"]) for p in locations] == [
        (want, 2),
        ("ev/reponses.csv", 3),
    ]
    cases = ET.fromstring(check("junit")).iter("testcase")
    assert [(c.get("file"), c.get("line"), c.get("name")) for c in cases] == [
        (want, "2", f"RZN704 unknown-workshop-choice ({want}:2)"),
        ("ev/reponses.csv", "3", "RZN706 answer-unrecognised (ev/reponses.csv:3)"),
    ]


def test_the_terminal_output_names_the_export_from_here(tmp_path, monkeypatch):
    from rzn.check import CheckOptions, check_paths
    from rzn.output.rich_text import RichPrinter

    event_folder(tmp_path)
    monkeypatch.chdir(tmp_path / "other")
    out = io.StringIO()
    printer = RichPrinter(out)
    printer.console.width = 300
    options = CheckOptions(today=dt.date(2027, 1, 1))
    for report in check_paths(["../ev/event.yaml"], options):
        printer.file(report.file, report.diagnostics)
    lines = [line.strip() for line in out.getvalue().splitlines() if "RZN70" in line]
    assert [line.split()[0] for line in lines] == [
        "../ev/inscriptions.csv:2:1",
        "../ev/reponses.csv:3:1",
    ]


def test_render_and_report_name_the_exports_from_here(rzn, tmp_path, monkeypatch):
    event_folder(tmp_path)
    monkeypatch.chdir(tmp_path / "other")
    render = rzn("render", "../ev/event.yaml", "-o", "docs", "--today", TODAY)
    assert render.code == 0, render.out + render.err
    assert [line.split(" ")[0] for line in render.out.splitlines() if "RZN70" in line] == [
        "../ev/inscriptions.csv:2:1:",
        "../ev/reponses.csv:3:1:",
    ]
    report = rzn("report", "../ev/event.yaml", "-o", "bilan", "--today", "2028-01-01")
    assert report.code == 0, report.out + report.err
    lines = report.out.splitlines()
    assert lines[0].startswith("../ev/inscriptions.csv:2:1: avertissement RZN704 ")
    assert [line for line in lines if line.startswith("Lu : ")] == [
        "Lu : ../ev/inscriptions.csv (UTF-8, séparateur point-virgule)",
        "Lu : ../ev/reponses.csv (UTF-8, séparateur point-virgule)",
    ]


def test_settings_calendars_are_named_from_here(rzn, tmp_path, monkeypatch):
    folder = event_folder(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "rzn.toml").write_text('calendars = ["agendas/absent.ics"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = rzn("check", "ev/event.yaml", "--today", TODAY)
    assert (result.code, result.err) == (
        2,
        "rzn : agendas/absent.ics : agenda introuvable. Vérifiez le chemin donné à « calendars » "
        "de rzn.toml (un fichier .ics exporté d'un agenda en ligne).\n",
    )
    monkeypatch.chdir(folder)
    result = rzn("check", "event.yaml", "--today", TODAY)
    assert str(tmp_path / "agendas" / "absent.ics") in result.err  # above here: absolute


def test_settings_with_a_bom_and_a_latin1_byte_are_located_as_an_editor_shows_them(
    rzn, tmp_path, monkeypatch
):
    event_folder(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "rzn.toml").write_bytes(b'\xef\xbb\xbfstrict = true\r\nignore = ["\xe9"]\r\n')
    monkeypatch.chdir(tmp_path)
    result = rzn("check", "ev/event.yaml", "--today", TODAY)
    assert (result.code, result.err) == (
        2,
        "rzn : rzn.toml:2:12 : le fichier n'est pas encodé en UTF-8 (octet 0xE9) ; "
        "réenregistrez-le en UTF-8.\n",
    )


def test_a_template_with_a_bom_and_a_latin1_byte_is_located_as_an_editor_shows_it(
    rzn, tmp_path, monkeypatch
):
    event_folder(tmp_path)
    (tmp_path / "gabarits").mkdir()
    (tmp_path / "gabarits" / "budget.md.j2").write_bytes(b"\xef\xbb\xbf# Budget\r\n\tCaf\xe9\r\n")
    monkeypatch.chdir(tmp_path)
    result = rzn("render", "ev/event.yaml", "--templates", "gabarits", "--today", TODAY)
    assert (result.code, result.err) == (
        1,
        "rzn : Gabarit gabarits/budget.md.j2, ligne 2, colonne 5 : le fichier n'est pas encodé "
        "en UTF-8 ; réenregistrez-le en UTF-8.\n",
    )


def test_stats_names_an_unusable_export_from_here(rzn, tmp_path, monkeypatch):
    folder = event_folder(tmp_path)
    (folder / "reponses.csv").write_bytes(b"PK\x03\x04 un classeur")
    monkeypatch.chdir(tmp_path / "other")
    result = rzn("stats", "../ev")
    skipped = [line.strip() for line in result.out.splitlines() if "classeur" in line]
    assert [line.split(" : ")[:2] for line in skipped] == [
        ["../ev/event.yaml", "../ev/reponses.csv"]
    ]


def test_report_and_site_also_warn_about_a_template_that_replaces_nothing(
    rzn, tmp_path, monkeypatch
):
    event_folder(tmp_path)
    (tmp_path / "gabarits").mkdir()
    (tmp_path / "gabarits" / "rapport.md.j2").write_text("# Mon bilan\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    warning = (
        "rzn : avertissement : gabarits/rapport.md.j2 ne remplace aucun gabarit de rzn et aucun "
        "de vos gabarits ne l'inclut : il est ignoré. Vouliez-vous dire « report.md.j2 » ? "
        "Renommez-le pour qu'il serve.\n"
    )
    report = rzn("report", "ev/event.yaml", "-o", "bilan", "--today", "2028-01-01",
                 "--templates", "gabarits")  # fmt: skip
    assert (report.code, report.err) == (0, warning)
    site = rzn("site", "ev", "-o", "site", "--today", TODAY, "--templates", "gabarits")
    assert (site.code, site.err) == (0, warning)


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_every_example_names_files_that_exist_from_anywhere(rzn, tmp_path, monkeypatch, name):
    """Each example, with an export holding a bad row, checked from three folders and saved
    again with a BOM and CRLF line ends: the same findings at the same places."""
    for copy in ("ex", "ex-bom"):
        shutil.copytree(EXAMPLES / name, tmp_path / copy)
        shutil.copy(EXPORTS / "ligne-illisible.csv", tmp_path / copy / "inscriptions.csv")
    text = (EXAMPLES / name / "event.yaml").read_text("utf-8") + "registrations: inscriptions.csv\n"
    (tmp_path / "ex" / "event.yaml").write_text(text, "utf-8")
    (tmp_path / "ex-bom" / "event.yaml").write_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    )
    (tmp_path / "ailleurs").mkdir()
    seen = {}
    for cwd, folder in (("", "ex"), ("ex", "."), ("ailleurs", "../ex"), ("", "ex-bom")):
        monkeypatch.chdir(tmp_path / cwd)
        result = rzn("check", folder, "--format", "json", "--today", TODAY)
        findings = json.loads(result.out)["findings"]
        assert all(os.path.isfile(f["file"]) for f in findings), findings
        seen[cwd, folder] = [
            (os.path.relpath(f["file"], folder), f["line"], f["column"], f["code"])
            for f in findings
        ]
    assert ("inscriptions.csv", 3, 1, "RZN703") in seen["", "ex"]
    assert len(set(map(tuple, seen.values()))) == 1, seen
