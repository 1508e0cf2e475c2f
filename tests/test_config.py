"""Repository settings (``rzn.toml``, ``[tool.rzn]``) and per-event ``check.ignore``."""

from __future__ import annotations

import json

import pytest

from tests.conftest import QUIET as MINIMAL
from tests.conftest import run_subprocess, write_logos


@pytest.fixture(autouse=True)
def _quiet_logos(tmp_path):
    """QUIET's logos beside the events these tests write, so that no logo rule fires."""
    for folder in (tmp_path, tmp_path / "events"):
        write_logos(folder)


TODAY = "2027-01-01"
AG_REASON = "AG déjà passée pour nos membres"
AG_MESSAGE = (
    "Le 15/04/2027 tombe en pleine saison des assemblées générales (mars à juin) : les "
    "responsables associatifs seront moins disponibles. Préférez septembre à février, ou ignorez "
    "la règle si vos participants ont déjà tenu leur AG."
)


def april(extra: str = "") -> str:
    """A Thursday in AG season, outside school holidays of zone B."""
    return MINIMAL.replace("2027-11-18", "2027-04-15") + "region: Bretagne\n" + extra


@pytest.fixture
def repo(tmp_path):
    """A repository: a ``.git`` folder, events below, settings at its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "events").mkdir(exist_ok=True)
    return tmp_path


def test_event_silences_a_rule_for_itself_with_a_reason(rzn, write_event):
    path = write_event(april(f'check: {{ignore: {{ag-season: "{AG_REASON}"}}}}\n'))
    text = rzn("check", str(path), "--today", TODAY, "--strict")
    assert text.out == "1 fichier vérifié : aucun problème (1 constat ignoré par le fichier).\n"
    assert text.code == 0
    data = json.loads(rzn("check", str(path), "--today", TODAY, "--format", "json").out)
    assert data["findings"] == [
        {
            "file": str(path),
            "line": 2,
            "column": 7,
            "rule": "ag-season",
            "code": "RZN101",
            "severity": "warning",
            "message": AG_MESSAGE,
            "path": "date",
            "ignored": AG_REASON,
        }
    ]
    assert data["summary"] == {"files": 1, "errors": 0, "warnings": 0, "infos": 0, "ignored": 1}


def test_event_silences_a_rule_by_its_code(rzn, write_event):
    path = write_event(april(f'check: {{ignore: {{RZN101: "{AG_REASON}"}}}}\n'))
    result = rzn("check", str(path), "--today", TODAY, "--format", "json")
    assert [f.get("ignored") for f in json.loads(result.out)["findings"]] == [AG_REASON]


def test_unknown_rule_in_check_ignore_is_located_with_a_suggestion(rzn, write_event):
    path = write_event(april(f'check:\n  ignore:\n    ag-saison: "{AG_REASON}"\n'))
    result = rzn("check", str(path), "--today", TODAY)
    assert result.out.splitlines() == [
        f"{path}:2:7: avertissement RZN101 [ag-season] {AG_MESSAGE}",
        f"{path}:27:5: erreur RZN013 [unknown-rule] Règle inconnue « ag-saison » dans "
        "« check.ignore ». Vouliez-vous dire « ag-season » ? « rzn rules » liste les noms et "
        "codes des règles.",
        "1 fichier vérifié : 1 erreur, 1 avertissement.",
    ]
    assert result.code == 1


def test_an_ignore_that_silences_nothing_is_reported(rzn, write_event):
    path = write_event(april('check:\n  ignore:\n    weekend: "Samedi voulu"\n'))
    result = rzn("check", str(path), "--today", TODAY, "--select", "weekend,unused-ignore")
    assert result.out.splitlines() == [
        f"{path}:27:5: info RZN014 [unused-ignore] « weekend » ne signale plus rien dans ce "
        "fichier : retirez cette ligne de check.ignore, pour que le problème soit signalé s'il "
        "revenait.",
        "1 fichier vérifié : 1 information.",
    ]
    # A rule that was not run cannot be said unused.
    assert rzn("check", str(path), "--today", TODAY, "--select", "unused-ignore").out == (
        "1 fichier vérifié : aucun problème.\n"
    )


def test_rzn_toml_at_the_repository_root_applies_to_every_file(rzn, repo):
    (repo / "rzn.toml").write_text(
        '# Réglages de la coordination\nignore = ["school-holidays"]\nstrict = true\n\n'
        '[severity]\nag-season = "error"\nweekend = "warning"\n',
        encoding="utf-8",
    )
    (repo / "events" / "a.yaml").write_text(april(), encoding="utf-8")
    saturday = april().replace("2027-04-15", "2027-10-16").replace("test", "samedi")
    (repo / "events" / "b.yaml").write_text(saturday, encoding="utf-8")
    result = rzn("check", str(repo / "events"), "--today", TODAY)
    a, b = repo / "events" / "a.yaml", repo / "events" / "b.yaml"
    assert result.out.splitlines() == [
        f"{a}:2:7: erreur RZN101 [ag-season] {AG_MESSAGE}",
        f"{b}:2:7: avertissement RZN106 [weekend] Le samedi 16 octobre 2027 tombe un week-end : "
        "salariés associatifs, partenaires et intervenants sont moins disponibles et les salles "
        "souvent plus chères. Préférez un jour de semaine ; si le week-end est voulu (bénévoles "
        "disponibles le samedi), ignorez la règle pour cet événement avec cette raison.",
        "2 fichiers vérifiés : 1 erreur, 1 avertissement.",
    ]
    assert result.code == 1


def test_command_line_select_replaces_the_settings_select(rzn, repo):
    (repo / "rzn.toml").write_text('select = ["weekend"]\n', encoding="utf-8")
    path = repo / "events" / "a.yaml"
    path.write_text(april(), encoding="utf-8")
    assert rzn("check", str(path), "--today", TODAY).out == "1 fichier vérifié : aucun problème.\n"
    result = rzn("check", str(path), "--today", TODAY, "--select", "ag-season")
    assert result.out.splitlines()[-1] == "1 fichier vérifié : 1 avertissement."


def test_settings_in_pyproject_tool_rzn(rzn, repo):
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "agenda"\n\n[tool.rzn]\nignore = ["RZN101"]\n', encoding="utf-8"
    )
    path = repo / "events" / "a.yaml"
    path.write_text(april(), encoding="utf-8")
    assert rzn("check", str(path), "--today", TODAY).out == "1 fichier vérifié : aucun problème.\n"
    # rzn.toml wins over pyproject.toml in the same folder.
    (repo / "rzn.toml").write_text("strict = true\n", encoding="utf-8")
    assert rzn("check", str(path), "--today", TODAY).code == 1


def test_settings_above_the_repository_root_are_not_used(rzn, tmp_path):
    (tmp_path / "rzn.toml").write_text('ignore = ["ag-season"]\n', encoding="utf-8")
    repo = tmp_path / "depot"
    (repo / ".git").mkdir(parents=True)
    write_logos(repo)
    path = repo / "event.yaml"
    path.write_text(april(), encoding="utf-8")
    assert rzn("check", str(path), "--today", TODAY).out.splitlines()[-1] == (
        "1 fichier vérifié : 1 avertissement."
    )
    # --config names a file explicitly.
    result = rzn("check", str(path), "--today", TODAY, "--config", str(tmp_path / "rzn.toml"))
    assert result.out == "1 fichier vérifié : aucun problème.\n"


def test_unknown_rule_in_settings_is_a_located_diagnostic(rzn, repo, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "rzn.toml").write_text(
        'ignore = ["weekend", "school-holyday"]\n\n[severity]\nag-seasons = "error"\n',
        encoding="utf-8",
    )
    (repo / "events" / "a.yaml").write_text(april(), encoding="utf-8")
    result = rzn("check", "events", "--today", TODAY)
    assert result.out.splitlines() == [
        "rzn.toml:1:23: erreur RZN013 [unknown-rule] Règle inconnue « school-holyday » dans "
        "« ignore ». Vouliez-vous dire « school-holidays » ? « rzn rules » liste les noms et "
        "codes des règles.",
        "rzn.toml:4:1: erreur RZN013 [unknown-rule] Règle inconnue « ag-seasons » dans "
        "« severity ». Vouliez-vous dire « ag-season » ? « rzn rules » liste les noms et codes "
        "des règles.",
        f"events/a.yaml:2:7: avertissement RZN101 [ag-season] {AG_MESSAGE}",
        "1 fichier vérifié : 2 erreurs, 1 avertissement.",
    ]
    assert result.code == 1


def test_calendars_in_settings_are_relative_to_the_settings_file(rzn, repo):
    (repo / "agendas").mkdir()
    (repo / "agendas" / "territoire.ics").write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\n"
        "DTSTART;VALUE=DATE:20271012\nSUMMARY:Forum\nLOCATION:Rennes (35)\nEND:VEVENT\n"
        "END:VCALENDAR\n",
        encoding="utf-8",
    )
    (repo / "rzn.toml").write_text('calendars = ["agendas/territoire.ics"]\n', encoding="utf-8")
    path = repo / "events" / "a.yaml"
    path.write_text(april().replace("2027-04-15", "2027-10-14"), encoding="utf-8")
    result = rzn("check", str(path), "--today", TODAY, "--select", "date-collision")
    assert result.out.splitlines()[-1] == "1 fichier vérifié : 1 avertissement."


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (
            'select = ["ag-season"\n',
            "rzn.toml:1 : configuration TOML invalide (crochet [ ouvert mais jamais fermé).",
        ),
        (
            "strict = oui\n",
            "rzn.toml:1:10 : configuration TOML invalide (valeur invalide : un texte s'écrit "
            'entre guillemets ("…"), oui/non s\'écrit true ou false).',
        ),
        (
            'ignore = ["weekend"]\nignore = ["ag-season"]\n',
            "rzn.toml:2:23 : configuration TOML invalide (cette clé est déjà définie plus haut).",
        ),
    ],
    ids=["unclosed", "bare-word", "twice"],
)
def test_malformed_settings_are_exit_2_with_the_line(repo, content, error):
    (repo / "rzn.toml").write_text(content, encoding="utf-8")
    (repo / "events" / "a.yaml").write_text(april(), encoding="utf-8")
    result = run_subprocess("check", "events", cwd=repo)
    assert result.err == (
        f"rzn : {error} Corrigez le fichier : une clé = valeur par ligne, textes entre guillemets, "
        "listes entre crochets.\n"
    )
    assert (result.code, result.out) == (2, "")


@pytest.mark.parametrize(
    ("file", "content", "error"),
    [
        (
            "rzn.toml",
            'selct = ["weekend"]\n',
            "rzn.toml:1 : clé inconnue « selct ». Vouliez-vous dire « select » ? Clés possibles : "
            "select, ignore, strict, severity, calendars.",
        ),
        (
            "pyproject.toml",
            '[tool.rzn]\nignore = ["weekend"]\nstrictt = true\n',
            "pyproject.toml:3 : clé inconnue « tool.rzn.strictt ». Vouliez-vous dire « strict » ? "
            "Clés possibles : select, ignore, strict, severity, calendars.",
        ),
        (
            "rzn.toml",
            'strict = "yes"\n',
            "rzn.toml:1 : « strict » vaut true ou false (sans guillemets).",
        ),
        (
            "rzn.toml",
            'ignore = "weekend, ag-season"\n',
            None,
        ),
        (
            "rzn.toml",
            "select = [1, 2]\n",
            "rzn.toml:1 : « select » doit être une liste de noms ou codes de règles entre "
            'guillemets, par exemple select = ["…", "…"].',
        ),
        (
            "rzn.toml",
            '[severity]\nweekend = "fort"\n',
            'rzn.toml:2 : gravité « fort » inconnue pour « weekend » : choisissez "error", '
            '"warning" ou "info".',
        ),
    ],
    ids=["unknown-key", "pyproject-unknown-key", "strict-text", "one-string", "numbers", "level"],
)
def test_invalid_settings_are_exit_2(repo, file, content, error):
    (repo / file).write_text(content, encoding="utf-8")
    (repo / "events" / "a.yaml").write_text(april(), encoding="utf-8")
    result = run_subprocess("check", "events", "--today", TODAY, cwd=repo)
    if error is None:  # a single string is a list of one: "weekend, ag-season" is one bad name
        assert result.code == 1
        assert "Règle inconnue « weekend, ag-season »" in result.out
        return
    assert (result.code, result.err) == (2, f"rzn : {error}\n")


def test_missing_config_file_is_exit_2(write_event, tmp_path):
    path = write_event(april())
    result = run_subprocess("check", str(path), "--config", str(tmp_path / "absent.toml"))
    assert (result.code, result.err) == (
        2,
        f"rzn : {tmp_path / 'absent.toml'} : fichier de réglages introuvable. Vérifiez le chemin "
        "donné à --config.\n",
    )
