"""``rzn stats``'s core: the vade-mecum's own figures, computed from a cycle of events."""

from __future__ import annotations

from pathlib import Path

from rzn.report.cycle import collect

EVENT = """\
title: {title}
date: {date}
format: {format}
region: {region}
organizers:
  - {{name: Le Mouvement associatif, lead: true}}
online:
  url: https://visio.example.org/rzn
registrations: inscriptions.csv
answers: reponses.csv
"""


def make_event(
    root: Path,
    name: str,
    *,
    region: str,
    event_format: str,
    present: int,
    absent: int = 0,
    attendance: bool = True,
    levels: tuple[int, int, int] = (0, 0, 0),
    aged: tuple[int, int] = (0, 0),
) -> Path:
    """``levels``: beginners, intermediates, advanced; ``aged``: under 45, 45 and over."""
    folder = root / name
    folder.mkdir()
    title = f"RéZolutions numériques {name}"
    (folder / "event.yaml").write_text(
        EVENT.format(title=title, date="2027-10-14", format=event_format, region=region),
        encoding="utf-8",
    )
    rows = ["Nom;Prénom;Présent" if attendance else "Nom;Prénom"]
    for index in range(present + absent):
        mark = (";oui" if index < present else ";non") if attendance else ""
        rows.append(f"Personne{index};Fictive{mark}")
    (folder / "inscriptions.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    answers = ["digital_level;age_band"]
    codes = ["beginner"] * levels[0] + ["intermediate"] * levels[1] + ["advanced"] * levels[2]
    ages = ["35-44"] * aged[0] + ["55-64"] * aged[1]
    for index in range(max(len(codes), len(ages))):
        level = codes[index] if index < len(codes) else ""
        age = ages[index] if index < len(ages) else ""
        answers.append(f"{level};{age}")
    (folder / "reponses.csv").write_text("\n".join(answers) + "\n", encoding="utf-8")
    return folder / "event.yaml"


def vademecum_cycle(root: Path) -> None:
    """824 participants, 70 % intermediate and 15 % beginners, 40 % aged 45 and over."""
    make_event(
        root, "bretagne", region="Bretagne", event_format="in_person",
        present=300, absent=20, levels=(12, 56, 12), aged=(48, 32),
    )  # fmt: skip
    make_event(
        root, "occitanie", region="Occitanie", event_format="online",
        present=324, attendance=False, levels=(10, 49, 11), aged=(42, 28),
    )  # fmt: skip
    make_event(
        root, "hauts-de-france", region="Hauts-de-France", event_format="hybrid",
        present=200, absent=15, levels=(8, 35, 7), aged=(30, 20),
    )  # fmt: skip


def test_the_vademecum_figures_are_computed(tmp_path):
    vademecum_cycle(tmp_path)
    stats = collect([str(tmp_path)])
    assert stats.skipped == []
    data = stats.as_dict()
    assert (data["events"], data["participants"], data["answers"]) == (3, 824, 200)
    assert data["participants_counted_from"] == {"attended": 2, "registered": 1}
    assert data["digital_level"]["shares"] == {
        "beginner": 0.15,
        "intermediate": 0.7,
        "advanced": 0.15,
    }
    assert data["aged_45_plus"] == {"answers": 200, "count": 80, "share": 0.4}
    lines = stats.text().splitlines()
    assert lines[:5] == [
        "Cycle RéZolutions numériques : 3 rencontres (3 avec inscriptions, 3 avec réponses)",
        "  824 personnes ont participé (présences émargées pour 2 rencontres, inscriptions "
        "pour les autres ; 3 rencontres)",
        "  200 réponses au questionnaire d'évaluation (3 rencontres)",
        "  Niveau sur le numérique : débutant·e 15\u00a0%, intermédiaire 70\u00a0%, avancé·e "
        "15\u00a0% (200 réponses, 3 rencontres)",
        "  45 ans et plus : 40\u00a0% (80 sur 200 réponses, 3 rencontres)",
    ]


def test_by_region_and_by_format(tmp_path):
    vademecum_cycle(tmp_path)
    data = collect([str(tmp_path)]).as_dict()
    assert [
        (g["name"], g["events"], g["participants"], g["answers"]) for g in data["by_region"]
    ] == [
        ("Bretagne", 1, 300, 80),
        ("Hauts-de-France", 1, 200, 50),
        ("Occitanie", 1, 324, 70),
    ]
    assert [(g["name"], g["aged_45_plus"]["share"]) for g in data["by_format"]] == [
        ("présentiel", 0.4),
        ("en ligne", 0.4),
        ("hybride", 0.4),
    ]


def test_a_group_of_fewer_than_five_answers_is_counted_not_broken_down(tmp_path):
    vademecum_cycle(tmp_path)
    make_event(
        tmp_path, "corse", region="Corse", event_format="in_person",
        present=12, levels=(1, 2, 0), aged=(2, 1),
    )  # fmt: skip
    stats = collect([str(tmp_path)])
    corse = next(g for g in stats.as_dict()["by_region"] if g["name"] == "Corse")
    assert corse["answers"] == 3
    assert corse["digital_level"] == {"answers": 3, "shares": None, "counts": None}
    assert corse["aged_45_plus"] == {"answers": 3, "count": None, "share": None}
    assert (
        "  Corse : 1 rencontre, 12 participants, 3 réponses ; moins de 5 réponses, pas de détail"
        in stats.text().splitlines()
    )


def test_events_with_one_export_count_and_each_figure_says_how_many_events(tmp_path):
    vademecum_cycle(tmp_path)
    no_answers = tmp_path / "sans-reponses"
    no_answers.mkdir()
    (no_answers / "event.yaml").write_text(
        EVENT.format(title="Sans", date="2027-10-14", format="online", region="Corse").replace(
            "answers: reponses.csv\n", ""
        ),
        encoding="utf-8",
    )
    (no_answers / "inscriptions.csv").write_text("Nom;Prénom\nA;B\nC;D\n", encoding="utf-8")
    answers_only = make_event(
        tmp_path, "sans-inscriptions", region="Bretagne", event_format="in_person",
        present=0, levels=(2, 6, 2), aged=(6, 4),
    )  # fmt: skip
    answers_only.write_text(
        answers_only.read_text(encoding="utf-8").replace("registrations: inscriptions.csv\n", ""),
        encoding="utf-8",
    )
    stats = collect([str(tmp_path)])
    assert stats.skipped == []
    data = stats.as_dict()
    assert (data["events"], data["participant_events"], data["answer_events"]) == (5, 4, 4)
    assert (data["participants"], data["answers"]) == (826, 210)
    assert data["aged_45_plus"] == {"answers": 210, "count": 84, "share": 0.4}
    lines = stats.text().splitlines()
    assert lines[:3] == [
        "Cycle RéZolutions numériques : 5 rencontres (4 avec inscriptions, 4 avec réponses)",
        "  826 personnes ont participé (présences émargées pour 2 rencontres, inscriptions "
        "pour les autres ; 4 rencontres)",
        "  210 réponses au questionnaire d'évaluation (4 rencontres)",
    ]
    assert (
        "  Bretagne : 2 rencontres, 300 participants (1 rencontre), 90 réponses ; "
        "intermédiaire 69\u00a0%, débutant 16\u00a0%, 45 ans et plus 40\u00a0%"
    ) in lines
    assert "  Corse : 1 rencontre, 2 participants, pas d'export des réponses" in lines


def test_events_without_exports_or_with_bad_rows_are_set_aside_and_said(tmp_path):
    vademecum_cycle(tmp_path)
    nothing = tmp_path / "sans-exports"
    nothing.mkdir()
    (nothing / "event.yaml").write_text(
        EVENT.format(title="Sans", date="2027-10-14", format="online", region="Corse")
        .replace("answers: reponses.csv\n", "")
        .replace("registrations: inscriptions.csv\n", ""),
        encoding="utf-8",
    )
    bad = make_event(tmp_path, "lignes", region="Corse", event_format="online", present=3)
    (bad.parent / "reponses.csv").write_text("digital_level\nexpert;en trop\n", encoding="utf-8")
    (tmp_path / "invalide.yaml").write_text("title: [\n", encoding="utf-8")
    unknown = make_event(tmp_path, "inconnue", region="Corse", event_format="online", present=3)
    (unknown.parent / "reponses.csv").write_text(
        "digital_level\nexpert\nDébutant\n", encoding="utf-8"
    )
    stats = collect([str(tmp_path)])
    assert [
        (Path(s.file).parent.name, Path(s.file).name, s.reason.split(" ;")[0])
        for s in stats.skipped
    ] == [
        (tmp_path.name, "invalide.yaml", "fichier d'événement invalide"),
        ("lignes", "event.yaml", "des lignes des exports sont illisibles"),
        (
            "sans-exports",
            "event.yaml",
            "ni export d'inscriptions (registrations) ni export des réponses (answers) dans le "
            "fichier.",
        ),
    ]
    # An answer rzn does not recognise is left out and counted, the event kept.
    assert stats.as_dict()["events"] == 4
    assert (
        "Réponses non reconnues, non comptées : 1 (1 rencontre ; « rzn check » les détaille)"
        in (stats.text())
    )


def test_stats_are_aggregates_only(tmp_path):
    vademecum_cycle(tmp_path)
    stats = collect([str(tmp_path)])
    for output in (stats.text(), stats.json()):
        assert "Personne" not in output and "Fictive" not in output


def test_events_with_coarser_age_groups_are_merged_in_the_groups_all_allow(tmp_path):
    vademecum_cycle(tmp_path)
    coarse = make_event(
        tmp_path, "coarse", region="Bretagne", event_format="online", present=10,
        levels=(2, 6, 2),
    )  # fmt: skip
    (coarse.parent / "reponses.csv").write_text(
        "digital_level;age_band\n"
        + "Intermédiaire;45 ans et plus\n" * 6
        + "Débutant;25-44 ans\n" * 4,
        encoding="utf-8",
    )
    data = collect([str(tmp_path)]).as_dict()
    # 80 + 6 aged 45 and over, out of 200 + 10 answers.
    assert data["aged_45_plus"] == {"answers": 210, "count": 86, "share": 0.4095}
    text = collect([str(tmp_path)]).text()
    assert "  45 ans et plus : 41\u00a0% (86 sur 210 réponses, 4 rencontres)" in text


def test_an_age_cut_across_45_is_said_in_the_cycle(tmp_path):
    vademecum_cycle(tmp_path)
    coarse = make_event(tmp_path, "coarse", region="Bretagne", event_format="online", present=10)
    (coarse.parent / "reponses.csv").write_text(
        "age_band\n" + "35-54 ans\n" * 5 + "55 ans et plus\n" * 5, encoding="utf-8"
    )
    stats = collect([str(tmp_path)])
    assert stats.as_dict()["aged_45_plus"]["share"] is None
    assert (
        "  45 ans et plus : non calculable, des exports ont des tranches d'âge qui ne séparent "
        "pas les 45 ans et plus des autres"
    ) in stats.text().splitlines()
