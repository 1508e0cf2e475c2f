"""``rzn report`` from the command line, on the fake exports."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_subprocess

EXPORTS = ROOT / "tests" / "data" / "exports"


def copy(tmp_path: Path) -> Path:
    for file in EXPORTS.glob("*.csv"):
        shutil.copy(file, tmp_path / file.name)
    path = tmp_path / "event.yaml"
    shutil.copy(EXPORTS / "val-de-loire.yaml", path)
    return path


def test_report_writes_both_files_and_says_what_it_read(rzn, tmp_path):
    path = copy(tmp_path)
    out = tmp_path / "bilan"
    result = rzn(
        "report", str(path), "--answers", str(tmp_path / "google-forms-reponses.csv"),
        "-o", str(out), "--today", "2027-11-25",
    )  # fmt: skip
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines() == [
        f"{tmp_path}/helloasso-inscriptions.csv:9:1: avertissement RZN704 "
        "[unknown-workshop-choice] ligne 9 : « Protéger les donnés de son asso » n'est "
        "l'intitulé d'aucun atelier du programme : cette inscription n'est comptée dans aucun "
        "atelier. Vouliez-vous dire « Protéger les données de son association » ? Corrigez "
        "l'intitulé dans l'export ou dans le programme (le même des deux côtés).",
        f"Lu : {tmp_path}/helloasso-inscriptions.csv (UTF-8 avec BOM, séparateur point-virgule)",
        f"Lu : {tmp_path}/google-forms-reponses.csv (UTF-8, séparateur virgule)",
        f"Écrit : {out}/report.html — Bilan de la rencontre, avec graphiques",
        f"Écrit : {out}/report.md — Bilan de la rencontre (texte)",
        "12 réponses libres non citées (--quote pour les citer, nettoyées).",
        "Le bilan ne contient que des chiffres agrégés.",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        ".rzn",  # rzn's last versions, to merge the edits a person makes to the report
        ".rzn-manifest.json",
        "report.html",
        "report.md",
    ]


def test_answers_from_the_event_file_and_other_tools(rzn, tmp_path):
    path = copy(tmp_path)
    for answers in ("limesurvey-reponses.csv", "framaforms-reponses.csv"):
        text = re.sub(r"(?m)^answers: .*$", f"answers: {answers}", path.read_text("utf-8"))
        path.write_text(text, encoding="utf-8")
        out = tmp_path / f"bilan-{answers}"
        result = rzn("report", str(path), "-o", str(out), "--today", "2027-11-25")
        assert result.code == 0, result.out + result.err
        assert (out / "report.md").exists()
    encoding = (
        "Lu : "
        + str(tmp_path / "framaforms-reponses.csv")
        + " (Windows-1252, séparateur point-virgule)"
    )
    assert encoding in result.out


def test_missing_answers_is_a_clear_error_with_exit_2(rzn, tmp_path):
    path = copy(tmp_path)
    result = rzn(
        "report", str(path), "--answers", str(tmp_path / "absent.csv"), "-o", str(tmp_path / "o")
    )
    assert result.code == 2
    assert result.err == (
        f"rzn : {tmp_path}/absent.csv : fichier « {tmp_path}/absent.csv » introuvable : "
        "vérifiez le chemin et le nom du fichier.\n"
    )
    text = re.sub(r"(?m)^answers: .*$", "", path.read_text("utf-8"))
    path.write_text(text, encoding="utf-8")
    result = rzn("report", str(path))
    assert result.code == 2
    assert result.err.startswith("rzn : Indiquez l'export des réponses au questionnaire")


def test_unreadable_rows_fail_with_the_export_line_and_nothing_written(rzn, tmp_path):
    path = copy(tmp_path)
    (tmp_path / "reponses.csv").write_text(
        'overall_satisfaction;comments\nTrès satisfait;"Bien\n', encoding="utf-8"
    )
    result = rzn(
        "report", str(path), "-a", str(tmp_path / "reponses.csv"), "-o", str(tmp_path / "o")
    )
    assert result.code == 1
    assert (
        f"{tmp_path}/reponses.csv:2:1: erreur RZN703 [registrations-unreadable] guillemet "
        "ouvert jamais refermé : la ligne 2 n'a pas pu être lue. Ajoutez le guillemet fermant, "
        "ou ouvrez le fichier dans un tableur et réenregistrez-le."
    ) in result.out.splitlines()
    assert result.out.splitlines()[-1].startswith("Bilan non écrit : corrigez les erreurs")
    assert not (tmp_path / "o").exists()


def test_refuses_to_overwrite_a_file_it_did_not_write_unless_forced(rzn, tmp_path):
    path = copy(tmp_path)
    out = tmp_path / "o"
    out.mkdir()
    (out / "report.html").write_text("à moi", encoding="utf-8")
    result = rzn("report", str(path), "-o", str(out))
    assert result.code == 1
    assert "n'a pas été écrit par rzn : rzn ne l'écrase pas" in result.err
    assert (out / "report.html").read_text(encoding="utf-8") == "à moi"
    assert rzn("report", str(path), "-o", str(out), "--force").code == 0


def test_report_in_a_real_process(tmp_path):
    path = copy(tmp_path)
    result = run_subprocess("report", str(path), "-o", str(tmp_path / "o"), "--today", "2027-11-25")
    assert result.code == 0, result.err
    assert (
        (tmp_path / "o" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    )


def test_help_is_french(rzn):
    out = rzn("report", "--help").out
    assert out.splitlines()[0] == "Utilisation : rzn report [OPTIONS] ÉVÉNEMENT"
    for option in (
        "--answers, -a FICHIER",
        "--output, -o DOSSIER",
        "--today AAAA-MM-JJ",
        "--force",
    ):
        assert f"  {option}" in out
