from __future__ import annotations

import json

from tests.conftest import MINIMAL, run_subprocess


def test_check_minimal_online_event_has_no_error(rzn, write_event):
    path = write_event(MINIMAL)
    result = rzn("check", str(path), "--today", "2027-09-01")
    assert result.code == 0, result.out
    # What is left to fill in (objectives, registration, programme, national partner, the
    # lead organiser's logo...) shows as warnings.
    assert result.out.splitlines()[-1] == "1 fichier vérifié : 5 avertissements, 2 informations."


def test_check_reports_located_errors_and_exit_1(rzn, write_event):
    path = write_event(
        MINIMAL
        + """\
program:
  - {start: "09:00", duration: 60, title: Conférence, kind: talk, speakers: [dupond]}
speakers:
  - {id: dupont, name: Claire Dupont}
"""
    )
    result = rzn("check", str(path), "--today", "2027-09-01", "--select", "unknown-speaker")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{path}:11:78: erreur RZN402 [unknown-speaker] Intervenant « dupond » inconnu dans "
        "« Conférence » : ajoutez-le dans speakers (avec id: dupond) ou corrigez l'identifiant. "
        "Vouliez-vous dire « dupont » ?",
        "1 fichier vérifié : 1 erreur.",
    ]


def test_check_json_shape(rzn, write_event):
    path = write_event(MINIMAL.replace("2027-11-18", "2027-04-15"))
    result = rzn(
        "check", str(path), "--today", "2027-01-01", "--format", "json", "--select", "ag-season"
    )
    assert result.code == 0
    data = json.loads(result.out)
    assert data["findings"] == [
        {
            "file": str(path),
            "line": 2,
            "column": 7,
            "rule": "ag-season",
            "code": "RZN101",
            "severity": "warning",
            "message": data["findings"][0]["message"],
            "path": "date",
        }
    ]
    assert data["summary"] == {"files": 1, "errors": 0, "warnings": 1, "infos": 0, "ignored": 0}


def test_strict_makes_warnings_fail(rzn, write_event):
    path = write_event(MINIMAL.replace("2027-11-18", "2027-04-15"))
    assert rzn("check", str(path), "--today", "2027-01-01").code == 0
    assert rzn("check", str(path), "--today", "2027-01-01", "--strict").code == 1


def test_missing_path_is_exit_2_without_traceback(tmp_path):
    result = run_subprocess("check", str(tmp_path / "absent.yaml"))
    assert result.code == 2
    assert result.err == (
        f"rzn : {tmp_path / 'absent.yaml'} : fichier ou dossier introuvable. Vérifiez le chemin "
        "(rzn check mon-evenement/event.yaml).\n"
    )
    assert "Traceback" not in result.err


def test_empty_and_null_values_mean_absent(rzn, write_event):
    # libyaml marks plain scalars with an empty style: `registration_url:` is "not given",
    # so the scaffold's blanks give warnings, never invalid-value errors.
    path = write_event(MINIMAL + "registration_url:\nregion: ~\ncity: null\n")
    result = rzn("check", str(path), "--today", "2027-09-01", "--format", "json")
    import json

    rules = [f["rule"] for f in json.loads(result.out)["findings"]]
    assert "invalid-value" not in rules
    assert "registration-missing" in rules


def test_parallel_check_gives_the_same_report_in_the_same_order(rzn, tmp_path):
    # Worker processes must change nothing a user sees: same findings, same order,
    # comparisons across files included.
    from tests.conftest import QUIET, write_logos

    folder = tmp_path / "events"
    folder.mkdir()
    write_logos(folder)
    for number in range(40):
        text = QUIET.replace("test", f"n°{number}")
        if number % 7 == 0:
            text = text.replace("lead: true,", "lead: vrai, emial: x,")
        if number % 5 == 0:
            text = text.replace("2027-11-18", "2027-04-15") + "region: Bretagne\n"
        (folder / f"e{number:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    one = rzn("check", str(folder), "--today", "2027-01-01", "--format", "json", "-j", "1")
    two = rzn("check", str(folder), "--today", "2027-01-01", "--format", "json", "-j", "2")
    assert (two.code, two.out) == (one.code, one.out)
    assert one.code == 1
    rules = {f["rule"] for f in json.loads(one.out)["findings"]}
    assert {"unknown-key", "yaml-syntax", "ag-season", "date-collision"} <= rules


def test_a_missing_path_stops_before_any_file_is_checked(rzn, write_event, tmp_path):
    path = write_event(MINIMAL)
    result = rzn("check", str(path), str(tmp_path / "absent.yaml"), "--format", "json")
    assert (result.code, result.out) == (2, "")


def test_schema_errors_come_in_file_order(rzn, write_event):
    path = write_event(
        MINIMAL.replace("format: online", "format: inperson") + "expected_participants: -5\n"
    )
    result = rzn("check", str(path), "--format", "json")
    positions = [(f["line"], f["column"]) for f in json.loads(result.out)["findings"]]
    assert positions == sorted(positions)
    assert len(positions) == 2
