"""``rzn stats`` from the command line, on the fake exports."""

from __future__ import annotations

import json

from tests.conftest import ROOT

EXPORTS = ROOT / "tests" / "data" / "exports"


def test_stats_of_the_fake_cycle_as_text(rzn):
    result = rzn("stats", str(EXPORTS))
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:5] == [
        "Cycle RéZolutions numériques : 3 rencontres avec inscriptions et réponses",
        "  21 personnes ont participé (présences émargées pour 1 rencontre, inscriptions pour "
        "les autres)",
        "  22 réponses au questionnaire d'évaluation",
        "  Niveau sur le numérique : débutant·e 18\u00a0%, intermédiaire 64\u00a0%, avancé·e "
        "18\u00a0% (22 réponses)",
        "  45 ans et plus : 59\u00a0% (13 sur 22 réponses)",
    ]
    assert "Rencontres écartées" in lines
    assert (
        f"  {EXPORTS}/bretagne-sans-reponses.yaml : pas d'export des réponses au questionnaire "
        "(answers) dans le fichier."
    ) in lines


def test_stats_as_json(rzn):
    result = rzn("stats", str(EXPORTS), "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert (data["events"], data["participants"], data["answers"]) == (3, 21, 22)
    assert [g["name"] for g in data["by_format"]] == ["présentiel", "en ligne", "hybride"]
    assert data["min_group"] == 5


def test_no_personal_data_in_stats(rzn):
    for output_format in ("text", "json"):
        out = rzn("stats", str(EXPORTS), "-f", output_format).out
        assert "@" not in out
        for name in ("Abgrall", "Lahlou", "Garnier", "PERRON", "Caradec", "Beuvron"):
            assert name not in out


def test_stats_is_deterministic(rzn):
    assert (
        rzn("stats", str(EXPORTS), "-f", "json").out == rzn("stats", str(EXPORTS), "-f", "json").out
    )


def test_nothing_to_count_is_exit_1_and_a_bad_format_exit_2(rzn, write_event):
    from tests.conftest import MINIMAL

    path = write_event(MINIMAL)
    result = rzn("stats", str(path))
    assert result.code == 1
    assert result.out.startswith("Aucune rencontre n'a à la fois un export d'inscriptions")
    result = rzn("stats", str(path), "--format", "csv")
    assert result.code == 2
    assert result.err == "rzn : --format « csv » inconnu : choisissez text ou json.\n"


def test_missing_folder_is_exit_2(rzn, tmp_path):
    result = rzn("stats", str(tmp_path / "nope"))
    assert result.code == 2
    assert "introuvable" in result.err
