"""``rzn check --format sarif|junit|github`` on real files, read back as tools read them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import QUIET as MINIMAL
from tests.conftest import run_subprocess, write_logos


@pytest.fixture(autouse=True)
def _quiet_logos(tmp_path):
    """QUIET's logos beside the events these tests write, so that no logo rule fires."""
    for folder in (tmp_path, tmp_path / "events"):
        write_logos(folder)


TODAY = "2027-01-01"
REASON = "AG déjà passée pour nos membres"


def events(write_event):
    """One clean file, one with an error and a warning, one with a silenced warning."""
    clean = write_event(MINIMAL, "events/clean.yaml")
    broken = write_event(
        MINIMAL.replace("2027-11-18", "2027-04-15")
        .replace("test", "avril")
        .replace("kind: talk, speakers: [dupont]", "kind: talk, speakers: [dupond]"),
        "events/broken.yaml",
    )
    silenced = write_event(
        MINIMAL.replace("2027-11-18", "2027-05-20").replace("test", "mai")
        + f'check: {{ignore: {{ag-season: "{REASON}"}}}}\n',
        "events/silenced.yaml",
    )
    return clean, broken, silenced


def test_sarif_is_a_valid_sarif_2_1_0_log(write_event, tmp_path):
    from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as Log

    events(write_event)
    result = run_subprocess("check", "events", "--today", TODAY, "--format", "sarif", cwd=tmp_path)
    assert result.code == 1
    data = json.loads(result.out)
    Log.model_validate(data)  # the official schema, as a pydantic model: extra keys refused
    (run,) = data["runs"]
    assert run["columnKind"] == "unicodeCodePoints"  # as rzn counts, not SARIF's UTF-16 default
    driver = run["tool"]["driver"]
    assert (data["version"], driver["name"]) == ("2.1.0", "rzn")
    assert [(r["id"], r["name"], r["defaultConfiguration"]["level"]) for r in driver["rules"]] == [
        ("RZN101", "ag-season", "warning"),
        ("RZN402", "unknown-speaker", "error"),
    ]
    assert driver["rules"][0]["help"]["markdown"].startswith("La date tombe pendant la saison")
    found = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
            r.get("suppressions"),
        )
        for r in run["results"]
    ]
    assert found == [
        ("RZN101", "warning", "events/broken.yaml", {"startLine": 2, "startColumn": 7}, None),
        ("RZN402", "error", "events/broken.yaml", {"startLine": 19, "startColumn": 78}, None),
        (
            "RZN101",
            "warning",
            "events/silenced.yaml",
            {"startLine": 2, "startColumn": 7},
            [{"kind": "inSource", "justification": REASON}],
        ),
    ]
    assert driver["rules"][run["results"][1]["ruleIndex"]]["id"] == "RZN402"


def test_sarif_uris_are_percent_encoded_and_absolute_paths_are_file_uris(write_event, tmp_path):
    path = write_event(MINIMAL.replace("2027-11-18", "2027-04-15"), "mes événements/a b.yaml")
    relative = run_subprocess(
        "check", "mes événements", "--today", TODAY, "--format", "sarif", cwd=tmp_path
    )
    absolute = run_subprocess("check", str(path), "--today", TODAY, "--format", "sarif")

    def uri(result) -> str:
        location = json.loads(result.out)["runs"][0]["results"][0]["locations"][0]
        return location["physicalLocation"]["artifactLocation"]["uri"]

    assert uri(relative) == "mes%20%C3%A9v%C3%A9nements/a%20b.yaml"
    assert uri(absolute) == "file://" + str(path).replace(" ", "%20").replace("é", "%C3%A9")


def test_junit_is_one_suite_per_file_and_errors_are_failures(write_event, tmp_path):
    events(write_event)
    result = run_subprocess("check", "events", "--today", TODAY, "--format", "junit", cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    root = ET.fromstring(result.out)
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("skipped")) == (
        "testsuites",
        "4",
        "1",
        "1",
    )
    suites = {
        suite.get("name"): [
            (
                case.get("name"),
                [(child.tag, child.get("message") or child.text) for child in case],
            )
            for case in suite
        ]
        for suite in root
    }
    ag = (
        "Le 15/04/2027 tombe en pleine saison des assemblées générales (mars à juin) : les "
        "responsables associatifs seront moins disponibles. Préférez septembre à février, ou "
        "ignorez la règle si vos participants ont déjà tenu leur AG."
    )
    speaker = (
        "Intervenant « dupond » inconnu dans « Conférence » : ajoutez-le dans speakers (avec id: "
        "dupond) ou corrigez l'identifiant. Vouliez-vous dire « dupont » ?"
    )
    assert suites == {
        "events/broken.yaml": [
            (
                "RZN101 ag-season (2:7)",
                [("system-out", f"events/broken.yaml:2:7: avertissement RZN101 [ag-season] {ag}")],
            ),
            ("RZN402 unknown-speaker (19:78)", [("failure", speaker)]),
        ],
        "events/clean.yaml": [("aucun problème", [])],
        "events/silenced.yaml": [
            ("RZN101 ag-season (2:7)", [("skipped", f"Ignorée par le fichier : {REASON}")])
        ],
    }
    broken = root.find("testsuite[@name='events/broken.yaml']")
    assert broken is not None
    case = broken.find("testcase[@name='RZN402 unknown-speaker (19:78)']")
    assert case is not None
    assert (case.get("file"), case.get("line"), case.get("classname")) == (
        "events/broken.yaml",
        "19",
        "events/broken.yaml",
    )
    failure = case.find("failure")
    assert failure is not None
    assert (failure.get("type"), failure.text) == (
        "error",
        f"events/broken.yaml:19:78: erreur RZN402 [unknown-speaker] {speaker}",
    )


def test_junit_strict_makes_warnings_failures(write_event, tmp_path):
    events(write_event)
    args = ("check", "events", "--today", TODAY, "--format", "junit", "--select", "ag-season")
    lenient = ET.fromstring(run_subprocess(*args, cwd=tmp_path).out)
    strict = ET.fromstring(run_subprocess(*args, "--strict", cwd=tmp_path).out)
    assert (lenient.get("failures"), strict.get("failures")) == ("0", "1")


def test_github_annotations_include_findings_across_files(write_event, tmp_path):
    write_event(MINIMAL + "region: Bretagne\n", "events/a.yaml")
    write_event(
        MINIMAL.replace("2027-11-18", "2027-11-19").replace("test", "bis") + "region: Bretagne\n",
        "events/b.yaml",
    )
    result = run_subprocess("check", "events", "--today", TODAY, "--format", "github", cwd=tmp_path)
    assert result.out.splitlines() == [
        "::warning file=events/a.yaml,line=2,col=7,title=RZN107 date-collision::Une autre "
        "rencontre en Bretagne a lieu 1 jour après : « RéZolutions numériques bis » le 19/11/2027 "
        "(events/b.yaml:2:7). Le vade-mecum demande de « ne pas se télescoper » : décalez l'une "
        "des deux dates d'au moins 8 jours ou coordonnez-vous avec l'autre équipe.",
        "::warning file=events/b.yaml,line=2,col=7,title=RZN107 date-collision::Une autre "
        "rencontre en Bretagne a lieu 1 jour avant : « RéZolutions numériques test » le "
        "18/11/2027 (events/a.yaml:2:7). Le vade-mecum demande de « ne pas se télescoper » : "
        "décalez l'une des deux dates d'au moins 8 jours ou coordonnez-vous avec l'autre équipe.",
        "2 fichiers vérifiés : 2 avertissements.",
    ]


def test_unknown_format_lists_the_formats(write_event):
    path = write_event(MINIMAL)
    result = run_subprocess("check", str(path), "--format", "xml")
    assert (result.code, result.err) == (
        2,
        "rzn : --format « xml » inconnu : choisissez parmi text, json, github, sarif, junit.\n",
    )
