"""RZN701-705 through ``rzn check``, and the examples of their documentation."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from rzn.load import load_text
from rzn.model.validate import validate
from rzn.rules.registry import RuleContext, find

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "data" / "exports"
TODAY = "2027-09-01"
RULES = (
    "workshop-full",
    "registrations-over-capacity",
    "registrations-unreadable",
    "unknown-workshop-choice",
    "export-missing",
)
SELECT = ("--select", ",".join(RULES))


def copy_event(tmp_path: Path, **changes: str) -> Path:
    """The fixture event and its exports in a fresh folder, with top-level keys replaced."""
    for csv in EXPORTS.glob("*.csv"):
        shutil.copy(csv, tmp_path / csv.name)
    text = (EXPORTS / "val-de-loire.yaml").read_text(encoding="utf-8")
    for key, value in changes.items():
        line = f"{key}: {value}"
        text, count = re.subn(rf"(?m)^{key}: .*$", lambda _, line=line: line, text)
        if not count:
            text += line + "\n"
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lines(result) -> list[str]:
    return result.out.splitlines()


def test_the_fixture_event_reports_the_full_workshop_and_the_unknown_choice(rzn, tmp_path):
    path = copy_event(tmp_path)
    result = rzn("check", str(path), "--today", TODAY, *SELECT)
    assert lines(result) == [
        f"{path}:45:105: avertissement RZN701 [workshop-full] « Collaborer à distance, outils "
        "libres » : 5 inscrits sur place pour 4 places (« Salle Cher »). Prenez une salle plus "
        "grande, ouvrez une deuxième session ou fermez les inscriptions à cet atelier.",
        f"{tmp_path}/helloasso-inscriptions.csv:9:1: avertissement RZN704 "
        "[unknown-workshop-choice] "
        f"{tmp_path}/helloasso-inscriptions.csv, ligne 9 : « Protéger les donnés de son asso » "
        "n'est l'intitulé d'aucun atelier du programme : cette inscription n'est comptée dans "
        "aucun atelier. Vouliez-vous dire « Protéger les données de son association » ? "
        "Corrigez l'intitulé dans l'export ou dans le programme (le même des deux côtés).",
        "1 fichier vérifié : 2 avertissements.",
    ]
    assert result.code == 0


def test_remote_registrations_take_no_seat_in_a_hybrid_event(rzn, tmp_path):
    # 13 registrations, 3 of them online: 10 seats are needed in the plenary room.
    path = copy_event(tmp_path)
    text = path.read_text(encoding="utf-8").replace("capacity: 40", "capacity: 10")
    path.write_text(text, encoding="utf-8")
    assert "RZN702" not in rzn("check", str(path), "--today", TODAY, *SELECT).out
    path.write_text(text.replace("capacity: 10", "capacity: 9"), encoding="utf-8")
    result = rzn("check", str(path), "--today", TODAY, "--select", "registrations-over-capacity")
    assert lines(result)[0] == (
        f"{path}:29:38: avertissement RZN702 [registrations-over-capacity] 10 inscrits sur "
        "place pour 9 places en plénière (« Grande salle ») : fermez les inscriptions ou "
        "ouvrez une liste d'attente, ou trouvez une salle plus grande."
    )


def test_everyone_takes_a_seat_in_person(rzn, tmp_path):
    path = copy_event(tmp_path, format="in_person")
    text = path.read_text(encoding="utf-8").replace("capacity: 40", "capacity: 12")
    path.write_text(text, encoding="utf-8")
    result = rzn("check", str(path), "--today", TODAY, "--select", "registrations-over-capacity")
    assert "13 inscrits pour 12 places en plénière" in result.out


def test_a_missing_export_is_a_warning_so_a_repository_without_exports_still_passes(rzn, tmp_path):
    path = copy_event(tmp_path, registrations="inscriptions.csv")
    result = rzn("check", str(path), "--today", TODAY, *SELECT)
    assert lines(result)[0].startswith(
        f"{path}:37:16: avertissement RZN705 [export-missing] Export « inscriptions.csv » "
        "introuvable à côté du fichier d'événement : exportez-le depuis l'outil d'inscription "
        "ou de formulaire (format CSV) et enregistrez-le sous ce nom, ou corrigez "
        "registrations. Fichiers CSV présents : « excel-inscriptions.csv »,"
    )
    assert result.code == 0


@pytest.mark.parametrize("written", ["../inscriptions.csv", "/etc/passwd", "C:\\export.csv"])
def test_paths_leaving_the_event_folder_are_refused(rzn, tmp_path, written):
    path = copy_event(tmp_path, registrations=f"'{written}'")
    result = rzn("check", str(path), "--today", TODAY, *SELECT)
    assert f"erreur RZN703 [registrations-unreadable] Chemin « {written} » refusé" in result.out
    assert result.code == 1


def test_a_symbolic_link_out_of_the_folder_is_refused(rzn, tmp_path):
    outside = tmp_path / "ailleurs.csv"
    outside.write_text("Nom\nSecret\n", encoding="utf-8")
    folder = tmp_path / "event"
    folder.mkdir()
    path = copy_event(folder, registrations="lien.csv")
    (folder / "lien.csv").symlink_to(outside)
    result = rzn("check", str(path), "--today", TODAY, *SELECT)
    assert "« lien.csv » mène hors du dossier du fichier d'événement" in result.out


def test_each_bad_row_is_an_error_with_its_line(rzn, tmp_path):
    path = copy_event(tmp_path, registrations="inscriptions.csv")
    (tmp_path / "inscriptions.csv").write_text(
        'Nom;Prénom\nAbgrall;Nolwenn\nÉbrard;Mathis;en trop\n;\n"Quéré;Loan\n',
        encoding="utf-8",
    )
    result = rzn("check", str(path), "--today", TODAY, "--select", "registrations-unreadable")
    csv = tmp_path / "inscriptions.csv"
    assert [line.split(" : ")[0] for line in lines(result)] == [
        f"{csv}:3:1: erreur RZN703 [registrations-unreadable] {csv}, ligne 3",
        f"{csv}:5:1: erreur RZN703 [registrations-unreadable] {csv}, ligne 5",
        "1 fichier vérifié",
    ]
    assert result.code == 1


def test_many_bad_rows_are_all_named(rzn, tmp_path):
    path = copy_event(tmp_path, registrations="inscriptions.csv")
    rows = "".join(f"Nom{i};Prénom;trop\n" for i in range(30))
    (tmp_path / "inscriptions.csv").write_text("Nom;Prénom\n" + rows, encoding="utf-8")
    result = rzn("check", str(path), "--today", TODAY, "--select", "registrations-unreadable")
    found = lines(result)
    assert len(found) == 22  # 20 rows, then one line naming the 10 others, then the summary
    assert "10 autres lignes illisibles (lignes 22-31)" in found[20]


def test_an_unreadable_file_and_unknown_mapping_keys(rzn, tmp_path):
    path = copy_event(tmp_path, registrations="inscriptions.csv")
    (tmp_path / "inscriptions.csv").write_bytes(b"PK\x03\x04zip")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("registration_columns:\n  nom: Nom\nanswer_columns:\n  satisfaction: Note\n")
    result = rzn("check", str(path), "--today", TODAY, "--select", "registrations-unreadable")
    found = [line.split("[registrations-unreadable] ")[1] for line in lines(result)[:-1]]
    assert found[0].startswith(f"{tmp_path}/inscriptions.csv : C'est un classeur")
    assert found[1] == (
        "Champ « nom » inconnu dans registration_columns : Champs possibles : status, mode, "
        "attended, workshops, organization, email, full_name, first_name, last_name."
    )
    assert found[2].startswith(
        "Question « satisfaction » inconnue dans answer_columns : vouliez-vous dire "
        "« tool_satisfaction » ?"
    )


def test_unknown_answer_values_are_warnings_with_their_lines(rzn, tmp_path):
    path = copy_event(tmp_path, answers="reponses.csv")
    (tmp_path / "reponses.csv").write_text(
        "overall_satisfaction\nBien\nTrès satisfait\nBien\n", encoding="utf-8"
    )
    result = rzn("check", str(path), "--today", TODAY, "--select", "answer-unrecognised")
    assert lines(result)[0] == (
        f"{tmp_path}/reponses.csv:2:1: avertissement RZN706 [answer-unrecognised] "
        f"{tmp_path}/reponses.csv, "
        "lignes 2, 4 : « Bien » (colonne « overall_satisfaction ») n'est pas une réponse prévue "
        "à la question overall_satisfaction. Remplacez-la par l'une des réponses du "
        "questionnaire, ou videz la cellule. Ces réponses sont comptées comme « non reconnues » "
        "dans le bilan."
    )


def test_rules_stay_silent_without_exports(rzn, write_event):
    from tests.conftest import MINIMAL

    path = write_event(MINIMAL)
    assert rzn("check", str(path), "--today", TODAY, *SELECT).out == (
        "1 fichier vérifié : aucun problème.\n"
    )


# --- The documentation's examples ----------------------------------------------------------

BASE = """\
title: RéZolutions numériques test
date: 2027-10-14
format: hybrid
organizers:
  - name: Le Mouvement associatif
    lead: true
"""
_BLOCK = re.compile(r"## (Exemple qui échoue|Exemple qui passe)\n.*?```yaml\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("name", RULES)
def test_documented_examples_do_what_they_say(name, monkeypatch):
    rule = find(name)
    assert rule is not None and rule.check is not None
    assert "vade-mecum" in rule.doc and "« " in rule.doc
    examples = dict(_BLOCK.findall(rule.doc))
    assert set(examples) == {"Exemple qui échoue", "Exemple qui passe"}
    # Paths in the examples are relative to the repository, where the tests run.
    monkeypatch.chdir(ROOT)
    for section, snippet in examples.items():
        data = yaml.safe_load(BASE) | (yaml.safe_load(textwrap.dedent(snippet)) or {})
        loaded = load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        event, problems = validate(loaded)
        assert event is not None, problems
        context = RuleContext(event, loaded.source, dt.date(2027, 9, 1))
        findings = list(rule.check(context))
        assert bool(findings) is (section == "Exemple qui échoue"), (section, findings)
