"""Answers from forms people made themselves: numbers, other age cuts, yes/no, « Autre : … ».

The case of the issue: a hand-made Google Form (« Satisfaction globale » on 1 to 5,
« Niveau numérique », « Âge » in two groups) mapped with ``answer_columns``. The report
is written, in the groups the data allows; what is still not understood is counted and
listed with its lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rzn.questionnaire import SATISFACTION
from rzn.registrations.scales import Scale, age_bands, scale_level
from tests.conftest import plain
from tests.report.test_event_report import charts, setup

MAPPING = """
answer_columns:
  overall_satisfaction: Satisfaction globale
  digital_level: Niveau numérique
  age_band: Âge
  heard_from: Comment nous avez-vous connus ?
"""
FORM = (
    "Horodateur,Satisfaction globale,Niveau numérique,Âge,Comment nous avez-vous connus ?\n"
    "2027/11/19 9:00,5,Intermédiaire,45 ans et plus,Par un mail d'invitation\n"
    '2027/11/19 9:01,4,Intermédiaire,25-44 ans,"Par un mail d\'invitation, Autre : ma mairie"\n'
    "2027/11/19 9:02,3,Débutant,45 ans et plus,Autre : le journal\n"
    "2027/11/19 9:03,5,Avancé,45 ans et plus,Par le bouche-à-oreille\n"
    "2027/11/19 9:04,2,Intermédiaire,25-44 ans,Par le bouche-à-oreille\n"
    "2027/11/19 9:05,4,Intermédiaire,Moins de 25 ans,Par le bouche-à-oreille\n"
    "2027/11/19 9:06,4,expert,45 ans et plus,\n"
    "2027/11/19 9:07,trois,Intermédiaire,25-44 ans,\n"
)


def form_event(tmp_path: Path, form: str = FORM, mapping: str = MAPPING) -> Path:
    path = setup(tmp_path, "formulaire.csv")
    path.write_text(path.read_text(encoding="utf-8") + mapping, encoding="utf-8")
    (tmp_path / "formulaire.csv").write_text(form, encoding="utf-8")
    return path


def test_a_hand_made_form_gives_a_report(tmp_path, rzn):
    path = form_event(tmp_path)
    out = tmp_path / "out"
    result = rzn("report", str(path), "-o", str(out), "--today", "2027-11-25")
    assert result.code == 0, result.out + result.err
    # Still not understood: said in the terminal with the lines, as warnings.
    assert (
        "formulaire.csv:8:1: avertissement RZN706 [answer-unrecognised] ligne 8 : « expert » "
        "(colonne « Niveau numérique ») n'est pas une réponse prévue à la question "
        "digital_level."
    ) in result.out
    assert "formulaire.csv:9:1: avertissement RZN706" in result.out
    markdown = plain((out / "report.md").read_text(encoding="utf-8"))
    html = plain((out / "report.html").read_text(encoding="utf-8"))
    # 1 to 5: 5 très, 4 plutôt, 3 plutôt pas, 2 pas du tout; « trois » is not a number.
    assert [(label, count) for label, _s, count in charts(html)["chart-overall_satisfaction"]] == [
        ("Très satisfait·e", 2),
        ("Plutôt satisfait·e", 3),
        ("Plutôt pas satisfait·e", 1),
        ("Pas du tout satisfait·e", 1),
    ]
    assert "- Satisfaits de la rencontre : **71 %**" in markdown
    # Ages in the groups the form used, « 45 ans et plus » still computed.
    assert [(label, count) for label, _share, count in charts(html)["chart-age_band"]] == [
        ("Moins de 25 ans", 1),
        ("25 à 44 ans", 3),
        ("45 ans et plus", 4),
    ]
    assert "- 45 ans et plus : **50 %**" in markdown
    # « Autre : … » counts as « Autrement », and is never quoted.
    heard = dict((label, count) for label, _share, count in charts(html)["chart-heard_from"])
    assert heard["Autrement"] == 2 and heard["Par un mail d'invitation"] == 2
    assert "mairie" not in markdown and "journal" not in markdown
    # The sources list what was left out, with its lines.
    assert (
        "2 réponses non reconnues, non comptées : « expert » (digital_level, ligne 8), "
        "« trois » (overall_satisfaction, ligne 9)"
    ) in markdown


def test_an_age_cut_across_45_is_said_not_computed(tmp_path, rzn):
    form = "Satisfaction globale,Âge\n" + "".join(
        f"{n},{age}\n" for n, age in [(5, "35-54 ans"), (4, "55 ans et plus"), (4, "35-54 ans"),
                                      (5, "Moins de 35 ans"), (3, "35-54 ans")]
    )  # fmt: skip
    mapping = "\nanswer_columns:\n  overall_satisfaction: Satisfaction globale\n  age_band: Âge\n"
    path = form_event(tmp_path, form, mapping)
    result = rzn("report", str(path), "-o", str(tmp_path / "out"), "--today", "2027-11-25")
    assert result.code == 0, result.out
    markdown = plain((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert (
        "- 45 ans et plus : non calculable, les tranches d'âge de l'export ne séparent pas "
        "les 45 ans et plus des autres"
    ) in markdown
    html = plain((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    assert [label for label, _s, _c in charts(html)["chart-age_band"]] == [
        "Moins de 35 ans",
        "35 à 54 ans",
        "55 ans et plus",
    ]


@pytest.mark.parametrize(
    ("values", "low", "high", "levels"),
    [
        (range(1, 6), 1, 5, [3, 3, 2, 1, 0]),
        (range(0, 11), 0, 10, [3, 3, 3, 3, 2, 2, 1, 1, 0, 0, 0]),
        (range(1, 11), 1, 10, [3, 3, 3, 2, 2, 2, 1, 1, 0, 0]),
    ],
)
def test_the_documented_scale_table(values, low, high, levels):
    assert [scale_level(v, Scale(low, high)) for v in values] == levels
    assert len(SATISFACTION) == 4


@pytest.mark.parametrize(
    ("text", "bands"),
    [
        ("45 ans et plus", {"45-54", "55-64", "65-plus"}),
        ("45+", {"45-54", "55-64", "65-plus"}),
        ("À partir de 45 ans", {"45-54", "55-64", "65-plus"}),
        ("25-44 ans", {"25-34", "35-44"}),
        ("25 à 44 ans", {"25-34", "35-44"}),
        ("Moins de 35 ans", {"under-25", "25-34"}),
        ("Plus de 65 ans", {"65-plus"}),
        ("18-29 ans", None),
        ("60 ans et plus", None),
    ],
)
def test_age_groups_are_read_when_they_cover_whole_bands(text, bands):
    found = age_bands(text)
    assert (set(found) if found is not None else None) == bands
