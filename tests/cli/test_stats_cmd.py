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
        "Cycle RéZolutions numériques : 4 rencontres (4 avec inscriptions, 3 avec réponses)",
        "  24 personnes ont participé (présences émargées pour 2 rencontres, inscriptions pour "
        "les autres ; 4 rencontres)",
        "  22 réponses au questionnaire d'évaluation (3 rencontres)",
        "  Niveau sur le numérique : débutant·e 18\u00a0%, intermédiaire 64\u00a0%, avancé·e "
        "18\u00a0% (22 réponses, 3 rencontres)",
        "  45 ans et plus : 59\u00a0% (13 sur 22 réponses, 3 rencontres)",
    ]
    # An event with registrations only counts its participants, and says so.
    assert "Rencontres écartées" not in lines
    assert "  Bretagne : 1 rencontre, 3 participants, pas d'export des réponses" in lines
    assert (
        "  présentiel : 2 rencontres, 7 participants, 5 réponses (1 rencontre) ; intermédiaire "
        "60\u00a0%, débutant 20\u00a0%, 45 ans et plus 60\u00a0%"
    ) in lines


def test_stats_as_json(rzn):
    result = rzn("stats", str(EXPORTS), "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert (data["events"], data["participants"], data["answers"]) == (4, 24, 22)
    assert (data["participant_events"], data["answer_events"]) == (4, 3)
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
    assert result.out.startswith(
        "Aucune rencontre n'a d'export d'inscriptions (registrations) ni d'export des réponses"
    )
    result = rzn("stats", str(path), "--format", "csv")
    assert result.code == 2
    assert result.err == "rzn : --format « csv » inconnu : choisissez text ou json.\n"


def test_missing_folder_is_exit_2(rzn, tmp_path):
    result = rzn("stats", str(tmp_path / "nope"))
    assert result.code == 2
    assert "introuvable" in result.err
