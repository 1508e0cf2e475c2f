"""public-holiday, school-holidays and weekend, from data cases run through ``rzn check``.

Each case is an event (the minimal online event plus a few keys) and the
whole output of ``rzn check --select RULE``. Adding a case needs no code.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import MINIMAL

TODAY = "2027-01-01"
DATE_LINE = "date: 2027-11-18\n"


def event(date: str, extra: str = "") -> str:
    assert DATE_LINE in MINIMAL
    return MINIMAL.replace(DATE_LINE, f"date: {date}\n") + extra


HOLIDAY_ADVICE = (
    "les salariés des associations ne travaillent pas et beaucoup de salles sont fermées. "
    "Choisissez un autre jour ; si ce choix est voulu, ignorez la règle pour cet événement avec "
    'une raison (check: {ignore: {public-holiday: "…"}}).'
)
SCHOOL_ADVICE = (
    "Beaucoup de bénévoles et de salariés associatifs sont alors en congé et des salles sont "
    "fermées. Préférez une semaine de classe, ou ignorez la règle pour cet événement avec une "
    "raison."
)
WEEKEND_ADVICE = (
    "salariés associatifs, partenaires et intervenants sont moins disponibles et les salles "
    "souvent plus chères. Préférez un jour de semaine ; si le week-end est voulu (bénévoles "
    "disponibles le samedi), ignorez la règle pour cet événement avec cette raison."
)

# (rule, event text, expected findings as "line:column: severity CODE [rule] message")
CASES = [
    pytest.param(
        "public-holiday",
        event("2027-11-11"),
        [
            "2:7: avertissement RZN104 [public-holiday] Le jeudi 11 novembre 2027 est un jour "
            f"férié (Armistice) : {HOLIDAY_ADVICE}"
        ],
        id="public-holiday-national",
    ),
    pytest.param(
        "public-holiday",
        event("2027-03-26", "region: Grand Est\ncity: Metz\n"),
        [
            "2:7: avertissement RZN104 [public-holiday] Le vendredi 26 mars 2027 est un jour "
            f"férié en Alsace-Moselle (Vendredi saint) : {HOLIDAY_ADVICE}"
        ],
        id="public-holiday-alsace-moselle-by-city",
    ),
    pytest.param(
        "public-holiday",
        event(
            "2027-03-26",
            "region: Grand Est\nvenue:\n  name: Maison des associations\n"
            "  address: 1 place des Orphelins, 67000 Strasbourg\n",
        ),
        [
            "2:7: avertissement RZN104 [public-holiday] Le vendredi 26 mars 2027 est un jour "
            f"férié en Alsace-Moselle (Vendredi saint) : {HOLIDAY_ADVICE}"
        ],
        id="public-holiday-alsace-moselle-by-postcode",
    ),
    pytest.param(
        "public-holiday",
        event("2027-03-26", "region: Grand Est\ncity: Colmar (Haut-Rhin)\n"),
        [
            "2:7: avertissement RZN104 [public-holiday] Le vendredi 26 mars 2027 est un jour "
            f"férié en Alsace-Moselle (Vendredi saint) : {HOLIDAY_ADVICE}"
        ],
        id="public-holiday-alsace-moselle-by-department",
    ),
    pytest.param(
        "public-holiday",
        event("2027-03-26", "region: Grand Est\ncity: Pont-à-Mousson (Meurthe-et-Moselle)\n"),
        [],
        id="public-holiday-meurthe-et-moselle-is-not-alsace-moselle",
    ),
    pytest.param(
        "public-holiday",
        event("2027-03-26", "region: Bretagne\ncity: Metz\n"),
        [],
        id="public-holiday-alsace-days-need-grand-est",
    ),
    pytest.param(
        "public-holiday",
        event("2027-12-20", "region: La Réunion\n"),
        [
            "2:7: avertissement RZN104 [public-holiday] Le lundi 20 décembre 2027 est un jour "
            f"férié à La Réunion (Abolition de l'esclavage) : {HOLIDAY_ADVICE}"
        ],
        id="public-holiday-overseas",
    ),
    pytest.param("public-holiday", event("2027-11-18"), [], id="public-holiday-passes"),
    pytest.param(
        "school-holidays",
        event("2027-10-28", "region: Bretagne\n"),
        [
            "2:7: avertissement RZN105 [school-holidays] Le jeudi 28 octobre 2027 tombe pendant "
            "les vacances scolaires de la zone B (Bretagne) : Vacances de la Toussaint. "
            + SCHOOL_ADVICE
        ],
        id="school-holidays-all-zones",
    ),
    pytest.param(
        "school-holidays",
        event("2028-02-29", "region: Auvergne-Rhône-Alpes\n"),
        [
            "2:7: avertissement RZN105 [school-holidays] Le mardi 29 février 2028 tombe pendant "
            "les vacances scolaires de la zone A (Auvergne-Rhône-Alpes) : Vacances d'hiver. "
            + SCHOOL_ADVICE
        ],
        id="school-holidays-zone-a-only",
    ),
    pytest.param(
        "school-holidays",
        event("2028-02-29", "region: Île-de-France\n"),
        [],
        id="school-holidays-other-zone-passes",
    ),
    pytest.param(
        "school-holidays",
        event("2028-02-08", "region: PACA\n"),
        [
            "2:7: avertissement RZN105 [school-holidays] Le mardi 8 février 2028 tombe pendant "
            "les vacances scolaires de la zone B (Provence-Alpes-Côte d'Azur) : Vacances "
            f"d'hiver. {SCHOOL_ADVICE}"
        ],
        id="school-holidays-region-alias",
    ),
    pytest.param(
        "school-holidays",
        event(
            "2027-10-28",
            "venue:\n  name: Salle\n  address: Parc des Bretonnières, 37300 Joué-lès-Tours\n",
        ),
        [
            "2:7: avertissement RZN105 [school-holidays] Le jeudi 28 octobre 2027 tombe pendant "
            "les vacances scolaires de la zone B (Centre-Val de Loire) : Vacances de la "
            f"Toussaint. {SCHOOL_ADVICE}"
        ],
        id="school-holidays-region-from-postcode",
    ),
    pytest.param("school-holidays", event("2027-10-28"), [], id="school-holidays-no-region"),
    pytest.param(
        "school-holidays",
        event("2027-11-18", "region: Bretagne\n"),
        [],
        id="school-holidays-passes",
    ),
    pytest.param(
        "school-holidays",
        event("2029-10-11", "region: Bretagne\n"),
        [
            "2:7: info RZN105 [school-holidays] Les vacances scolaires ne sont connues jusqu'au "
            "{last} (derniers calendriers officiels publiés) : rzn ne peut pas dire si le "
            "11/10/2029 en fait partie pour la zone B. Vérifiez le calendrier scolaire dès sa "
            "publication, ou mettez rzn à jour."
        ],
        id="school-holidays-beyond-data-is-info",
    ),
    pytest.param(
        "school-holidays",
        event("2027-10-28", "region: Corse\n"),
        [
            "10:9: info RZN105 [school-holidays] Corse a son propre calendrier scolaire, que rzn "
            "ne fournit pas : vérifiez vous-même les vacances scolaires de l'académie avant de "
            "fixer la date."
        ],
        id="school-holidays-corsica-has-its-own-calendar",
    ),
    pytest.param(
        "school-holidays",
        event("2027-10-28", "region: Bretgne\n"),
        [
            "10:9: info RZN105 [school-holidays] Région « Bretgne » non reconnue : rzn ne sait "
            "pas dans quelle zone de vacances scolaires (A, B ou C) elle se trouve. Vouliez-vous "
            "dire « Bretagne » ? Écrivez le nom officiel de la région (par exemple Bretagne, "
            "Grand Est, Île-de-France)."
        ],
        id="school-holidays-unknown-region",
    ),
    pytest.param(
        "weekend",
        event("2027-11-20"),
        [
            "2:7: info RZN106 [weekend] Le samedi 20 novembre 2027 tombe un week-end : "
            + WEEKEND_ADVICE
        ],
        id="weekend-saturday",
    ),
    pytest.param(
        "weekend",
        event("2027-11-21"),
        [
            "2:7: info RZN106 [weekend] Le dimanche 21 novembre 2027 tombe un week-end : "
            + WEEKEND_ADVICE
        ],
        id="weekend-sunday",
    ),
    pytest.param("weekend", event("2027-11-19"), [], id="weekend-friday-passes"),
]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES)
def test_calendar_rule_case(rzn, write_event, rule, text, expected):
    from rzn.calendars import school_holiday_bounds

    last = f"{school_holiday_bounds()[1]:%d/%m/%Y}"
    path = write_event(text)
    result = rzn("check", str(path), "--select", rule, "--today", TODAY)
    lines = [f"{path}:" + line.replace("{last}", last) for line in expected]
    assert result.out.splitlines()[:-1] == lines
    assert result.code == 0  # warnings and infos do not fail without --strict


def test_beyond_data_note_stays_info_when_the_rule_is_made_an_error(rzn, write_event, tmp_path):
    """A configured severity applies to problems found, not to what rzn cannot know."""
    (tmp_path / "rzn.toml").write_text('[severity]\nschool-holidays = "error"\n')
    (tmp_path / ".git").mkdir()
    late = write_event(event("2029-10-11", "region: Bretagne\n"), "late.yaml")
    during = write_event(event("2027-10-28", "region: Bretagne\n"), "during.yaml")
    result = rzn("check", str(late), str(during), "--select", "school-holidays", "--today", TODAY)
    assert [line.split(" [")[0] for line in result.out.splitlines()[:-1]] == [
        f"{late}:2:7: info RZN105",
        f"{during}:2:7: erreur RZN105",
    ]
    assert result.code == 1


def _doc_examples(doc: str, title: str) -> list[str]:
    section = doc.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)


@pytest.mark.parametrize("rule", ["public-holiday", "school-holidays", "weekend"])
def test_documented_examples_fail_and_pass_as_documented(rzn, write_event, rule):
    from rzn.rules.registry import find

    found = find(rule)
    assert found is not None
    for title, fails in (("Exemple qui échoue", True), ("Exemple qui passe", False)):
        (snippet,) = _doc_examples(found.doc, title)
        keys = dict(line.split(": ", 1) for line in snippet.strip().splitlines())
        path = write_event(event(keys.pop("date"), "".join(f"{k}: {v}\n" for k, v in keys.items())))
        result = rzn("check", str(path), "--select", rule, "--today", TODAY)
        assert (len(result.out.splitlines()) > 1) is fails, (title, result.out)
