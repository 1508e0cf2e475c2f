"""``rzn init`` run as a user would: whole outputs, files on disk, exit codes."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_subprocess

BRETAGNE = (
    "--title",
    "RéZolutions numériques Bretagne",
    "--date",
    "2027-10-14",
    "--format",
    "in_person",
    "--city",
    "Pontivy",
    "--region",
    "Bretagne",
)

SUMMARY = """\
Rencontre en présentiel du jeudi 14 octobre 2027 : fichiers écrits dans mon-evenement \
(dossier créé).
  event.yaml          fichier d'événement commenté, qui suit le vade-mecum
  event.schema.json   schéma : l'éditeur (VS Code…) vérifie la saisie
  .gitignore          garde build/ et les exports (données personnelles) hors du dépôt

Remplacez les « À COMPLÉTER », décommentez ce que vous savez déjà, puis :
  rzn check mon-evenement/event.yaml    ce qui reste à faire apparaît en avertissements
  rzn render mon-evenement/event.yaml   les documents de la rencontre
"""


class Terminal(io.StringIO):
    """Typed answers, on what claims to be a terminal."""

    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", Pipe(""))
    return tmp_path


def test_init_writes_the_event_and_prints_next_steps(rzn, here: Path) -> None:
    result = rzn("init", "mon-evenement", *BRETAGNE)
    assert (result.code, result.out, result.err) == (0, SUMMARY, "")
    assert sorted(os.listdir(here / "mon-evenement")) == [
        ".gitignore",
        "event.schema.json",
        "event.yaml",
    ]


def test_init_then_check_has_no_error(rzn, here: Path) -> None:
    rzn("init", "mon-evenement", *BRETAGNE)
    result = rzn("check", "mon-evenement/event.yaml", "--today", "2027-09-01", "--format", "json")
    assert result.code == 0
    report = json.loads(result.out)
    assert report["summary"]["errors"] == 0
    warned = {f["rule"] for f in report["findings"] if f["severity"] == "warning"}
    assert {"pmr-missing", "station-missing"} <= warned


@pytest.mark.parametrize("fmt", ["in_person", "online", "hybrid"])
def test_every_format_checks_without_error(rzn, here: Path, fmt: str) -> None:
    args = ["--title", "T", "--date", "2027-10-14", "--format", fmt]
    assert rzn("init", fmt, *args).code == 0
    result = rzn("check", f"{fmt}/event.yaml", "--today", "2027-09-01", "--format", "json")
    summary = json.loads(result.out)["summary"]
    assert (result.code, summary["errors"]) == (0, 0)
    assert summary["warnings"] >= 1


def test_init_in_the_current_folder(rzn, here: Path) -> None:
    result = rzn("init", *BRETAGNE)
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        "Rencontre en présentiel du jeudi 14 octobre 2027 : fichiers écrits dans le dossier "
        "courant."
    )
    assert result.out.splitlines()[-2:] == [
        "  rzn check event.yaml    ce qui reste à faire apparaît en avertissements",
        "  rzn render event.yaml   les documents de la rencontre",
    ]
    assert (here / "event.yaml").is_file()


def test_folder_with_spaces_is_quoted_in_next_commands(rzn, here: Path) -> None:
    result = rzn("init", "ma rencontre", *BRETAGNE)
    assert result.out.splitlines()[-1] == (
        "  rzn render 'ma rencontre/event.yaml'   les documents de la rencontre"
    )


def test_init_refuses_to_overwrite(rzn, here: Path) -> None:
    rzn("init", "mon-evenement", *BRETAGNE)
    event = here / "mon-evenement" / "event.yaml"
    event.write_text("title: mon travail\n", encoding="utf-8")
    result = rzn("init", "mon-evenement", *BRETAGNE)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "rzn : mon-evenement/event.yaml existe déjà : rzn init ne l'écrase pas. Choisissez un "
        "autre dossier, ou relancez avec --force pour le remplacer par un modèle vierge.\n"
    )
    assert event.read_text(encoding="utf-8") == "title: mon travail\n"


def test_force_overwrites_and_keeps_the_existing_gitignore(rzn, here: Path) -> None:
    folder = here / "mon-evenement"
    folder.mkdir()
    (folder / "event.yaml").write_text("title: ancien\n", encoding="utf-8")
    (folder / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    result = rzn("init", "mon-evenement", *BRETAGNE, "--force")
    assert result.code == 0
    assert result.out.splitlines()[:4] == [
        "Rencontre en présentiel du jeudi 14 octobre 2027 : fichiers écrits dans mon-evenement.",
        "  event.yaml          fichier d'événement commenté, qui suit le vade-mecum "
        "(remplacé, --force)",
        "  event.schema.json   schéma : l'éditeur (VS Code…) vérifie la saisie",
        "  .gitignore          déjà présent, laissé tel quel : vérifiez qu'il exclut build/ "
        "et les exports d'inscriptions (inscriptions*.csv, reponses*.csv, *.xlsx)",
    ]
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*.pdf\n"
    assert yaml.safe_load((folder / "event.yaml").read_text(encoding="utf-8"))["city"] == "Pontivy"


def test_init_keeps_a_schema_it_did_not_write_and_says_so(rzn, here: Path) -> None:
    folder = here / "mon-evenement"
    folder.mkdir()
    (folder / "event.schema.json").write_text('{"title": "notre schéma"}\n', encoding="utf-8")
    (folder / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    result = rzn("init", "mon-evenement", *BRETAGNE)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[1:4] == [
        "  event.yaml          fichier d'événement commenté, qui suit le vade-mecum",
        "  event.schema.json   déjà présent, et ce n'est pas le schéma de rzn : laissé tel quel "
        "(--force pour le remplacer par celui de rzn)",
        "  .gitignore          déjà présent, laissé tel quel : vérifiez qu'il exclut build/ "
        "et les exports d'inscriptions (inscriptions*.csv, reponses*.csv, *.xlsx)",
    ]
    assert (folder / "event.schema.json").read_text("utf-8") == '{"title": "notre schéma"}\n'
    assert (folder / ".gitignore").read_text("utf-8") == "*.pdf\n"
    (folder / "event.yaml").unlink()
    forced = rzn("init", "mon-evenement", *BRETAGNE, "--force")
    assert forced.out.splitlines()[2] == (
        "  event.schema.json   schéma : l'éditeur (VS Code…) vérifie la saisie (remplacé, --force)"
    )
    assert json.loads((folder / "event.schema.json").read_text("utf-8"))["title"].startswith(
        "Fichier d'événement rzn"
    )
    assert (folder / ".gitignore").read_text("utf-8") == "*.pdf\n"  # never, even with --force


def test_missing_options_without_terminal_is_a_usage_error(rzn, here: Path) -> None:
    result = rzn("init", "mon-evenement", "--title", "T")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "rzn : Options --date et --format manquantes : sans terminal, rzn init ne peut pas "
        'poser les questions. Exemple : rzn init mon-evenement --title "RéZolutions '
        'numériques Bretagne" --date 2027-10-14 --format in_person --city Pontivy --region '
        "Bretagne\n"
    )
    assert not (here / "mon-evenement").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--date",
            "2027-02-30",
            "--date : « 2027-02-30 » : le 30 février 2027 n'existe pas (ce mois n'a que 28 "
            "jours). Corrigez le jour.",
        ),
        (
            "--date",
            "14/10/2027",
            "--date : « 14/10/2027 » n'est pas une date au format AAAA-MM-JJ : écrivez 2027-10-14.",
        ),
        (
            "--format",
            "visio",
            "--format : « visio » inconnu ; choisissez in_person (présentiel), online (en "
            "ligne) ou hybrid (hybride).",
        ),
        ("--title", "   ", "--title : valeur vide ; indiquez-la."),
        ("--title", "x" * 301, "--title : 301 caractères, c'est trop long (300 au plus)."),
        (
            "--start",
            "25:00",
            "--start : « 25:00 » n'existe pas : les heures vont de 00:00 à 23:59.",
        ),
        (
            "--end",
            "08:00",
            "La journée finit (08:00) avant de commencer (09:00) : corrigez --start ou --end.",
        ),
    ],
)
def test_bad_option_values_are_explained_in_french(
    rzn, here: Path, option: str, value: str, message: str
) -> None:
    args = {"--title": "T", "--date": "2027-10-14", "--format": "online", option: value}
    result = rzn("init", "x", *[part for pair in args.items() for part in pair])
    assert (result.code, result.out, result.err) == (2, "", f"rzn : {message}\n")
    assert not (here / "x").exists()


HOSTILE_TITLE = 'Atelier : "libre" #1\n- title: piège\n@public: oui'
HOSTILE_CITY = "- Saint-Brieuc: {x: y} \\ & *alias"
HOSTILE_REGION = "!!python/object/apply:os.system ['ls'] ' \u2028 \t fin"


def test_hostile_option_values_round_trip_exactly(rzn, here: Path) -> None:
    result = rzn(
        "init",
        "x",
        "--title",
        HOSTILE_TITLE,
        "--date",
        "2027-10-14",
        "--format",
        "hybrid",
        "--city",
        HOSTILE_CITY,
        "--region",
        HOSTILE_REGION,
    )
    assert result.code == 0
    data = yaml.safe_load((here / "x" / "event.yaml").read_text(encoding="utf-8"))
    assert (data["title"], data["city"], data["region"]) == (
        HOSTILE_TITLE,
        HOSTILE_CITY,
        HOSTILE_REGION,
    )
    assert data["format"] == "hybrid"
    report = rzn("check", "x/event.yaml", "--today", "2027-09-01", "--format", "json")
    assert json.loads(report.out)["summary"]["errors"] == 0


def test_questions_on_a_terminal(rzn, here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = "\n".join(
        [
            "RéZolutions numériques Bretagne",
            "14/10/2027",  # refused: asked again
            "2027-10-14",
            "",  # default: in_person
            "Pontivy",
            "Bretagne",
        ]
    )
    monkeypatch.setattr(sys, "stdin", Terminal(answers + "\n"))
    result = rzn("init", "mon-evenement")
    assert result.code == 0
    assert result.out == (
        "Nouvelle rencontre RéZolutions numériques : quelques questions.\n"
        "Titre de la rencontre: "
        "Date (AAAA-MM-JJ, hors saison des AG): "
        "Date : « 14/10/2027 » n'est pas une date au format AAAA-MM-JJ : écrivez 2027-10-14.\n"
        "Date (AAAA-MM-JJ, hors saison des AG): "
        "Format : in_person (présentiel), online (en ligne) ou hybrid (in_person): "
        "Ville (Entrée pour passer): "
        "Région (Entrée pour passer): " + SUMMARY
    )
    data = yaml.safe_load((here / "mon-evenement" / "event.yaml").read_text(encoding="utf-8"))
    assert (data["title"], data["format"], data["city"], data["region"]) == (
        "RéZolutions numériques Bretagne",
        "in_person",
        "Pontivy",
        "Bretagne",
    )


def test_questions_only_for_what_options_did_not_say(
    rzn, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("online\n\n"))
    result = rzn("init", "x", "--title", "T", "--date", "2027-11-30", "--city", "Albi")
    assert result.code == 0
    assert result.out.splitlines()[1] == (
        "Format : in_person (présentiel), online (en ligne) ou hybrid (in_person): "
        "Région (Entrée pour passer): Rencontre en ligne du mardi 30 novembre 2027 : fichiers "
        "écrits dans x (dossier créé)."
    )
    data = yaml.safe_load((here / "x" / "event.yaml").read_text(encoding="utf-8"))
    assert (data["format"], data["city"], "region" in data) == ("online", "Albi", False)


def test_end_of_input_during_questions_writes_nothing(
    rzn, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("Titre\n"))
    result = rzn("init", "x")
    assert result.code == 130
    assert result.err == "rzn : Interrompu : aucun fichier n'a été modifié à moitié.\n"
    assert not (here / "x").exists()


def test_init_in_a_real_process(tmp_path: Path) -> None:
    result = run_subprocess("init", "mon-evenement", *BRETAGNE, cwd=tmp_path)
    assert (result.code, result.out, result.err) == (0, SUMMARY, "")
    check = run_subprocess(
        "check", "mon-evenement/event.yaml", "--today", "2027-09-01", cwd=tmp_path
    )
    assert check.code == 0
    *findings, summary = check.out.splitlines()
    assert "erreur" not in summary
    assert not [line for line in findings if ": erreur " in line]
    warned = {line.split("[")[1].split("]")[0] for line in findings if ": avertissement " in line}
    assert warned == {
        "pmr-missing",
        "station-missing",
        "placeholder-left",
        "registration-missing",
        "speaker-referent-missing",
        # J-45 is already past on 1 September for 14 October: the speakers' first mail is due.
        "draft-field-missing",
        # The organisers add their logo files themselves.
        "organizer-logo-missing",
        "national-logo-missing",
    }
