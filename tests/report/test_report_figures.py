"""Counting, suppressing, cleaning free text and drawing bars: the report's pieces."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from rzn.questionnaire import AGE_BANDS, SATISFACTION, Choice, Question
from rzn.registrations.answers import Response
from rzn.report.charts import bar_chart, bars_of, distribution_chart
from rzn.report.figures import distribution, percent
from rzn.report.privacy import MIN_GROUP, Scrubber, anonymous_order

SVG = "{http://www.w3.org/2000/svg}"
OVERALL = Question("overall_satisfaction", "Globalement ?", "single", SATISFACTION)
TOPICS = Question(
    "next_topics", "Sujets ?", "multiple", (Choice("data", "Données"), Choice("funding", "Fonds"))
)
ACCESS = Question(
    "accessibility_satisfaction",
    "Accessibilité",
    "single",
    (*SATISFACTION, Choice("not-applicable", "Sans objet")),
)


def answers(column: str, *codes: str | None) -> list[Response]:
    return [
        Response(line, choices={column: code} if code else {})
        for line, code in enumerate(codes, start=2)
    ]


def chart_data(table: str) -> list[tuple[str, float, int, float]]:
    """(label, value, count, bar width) of each row, read back from the chart's table."""
    root = ET.fromstring(table)
    found = []
    for row in root.iter("tr"):
        if "data-label" not in row.attrib:
            continue
        rect = next(r for r in row.iter(f"{SVG}rect") if r.attrib.get("class") == "fill")
        found.append(
            (
                row.attrib["data-label"],
                float(row.attrib["data-value"]),
                int(row.attrib["data-count"]),
                float(rect.attrib["width"]),
            )
        )
    return found


def test_percent_is_rounded_half_up_with_a_no_break_space():
    assert percent(0.125) == "13\u00a0%"
    assert percent(2 / 3) == "67\u00a0%"
    assert percent(1) == "100\u00a0%"


def test_distribution_leaves_abstentions_out_of_the_shares():
    d = distribution(
        ACCESS,
        answers(
            "accessibility_satisfaction",
            "very-satisfied",
            "satisfied",
            "not-applicable",
            None,
            "satisfied",
            "dissatisfied",
            "satisfied",
        ),
    )
    assert (d.size, d.abstentions) == (5, 1)
    assert [(b.code, b.count, b.share) for b in d.bars] == [
        ("very-satisfied", 1, 0.2),
        ("satisfied", 3, 0.6),
        ("dissatisfied", 1, 0.2),
        ("very-dissatisfied", 0, 0.0),
    ]
    assert d.satisfied == 0.8
    assert not d.suppressed


def test_a_group_smaller_than_five_is_not_broken_down():
    assert MIN_GROUP == 5
    d = distribution(
        OVERALL, answers("overall_satisfaction", "satisfied", "satisfied", "satisfied")
    )
    assert (d.size, d.suppressed) == (3, True)


def test_several_answers_are_shares_of_the_people_who_answered():
    responses = [
        Response(2, multiple={"next_topics": frozenset({"data", "funding"})}),
        Response(3, multiple={"next_topics": frozenset({"data"})}),
        Response(4),
    ]
    d = distribution(TOPICS, responses)
    assert d.size == 2
    assert [(b.code, b.count, b.share) for b in d.bars] == [("data", 2, 1.0), ("funding", 1, 0.5)]


def test_chart_bars_carry_their_data_and_their_lengths_follow_it():
    d = distribution(
        Question("age_band", "Âge", "single", AGE_BANDS),
        answers("age_band", "45-54", "45-54", "55-64", "25-34", "45-54"),
    )
    data = chart_data(distribution_chart(d, "chart-age"))
    assert [(label, value, count) for label, value, count, _ in data] == [
        ("Moins de 25 ans", 0.0, 0),
        ("25 à 34 ans", 0.2, 1),
        ("35 à 44 ans", 0.0, 0),
        ("45 à 54 ans", 0.6, 3),
        ("55 à 64 ans", 0.2, 1),
        ("65 ans et plus", 0.0, 0),
    ]
    widths = {label: width for label, _, _, width in data}
    assert widths["45 à 54 ans"] == 3 * widths["25 à 34 ans"]
    assert widths["Moins de 25 ans"] == 0


def test_chart_texts_are_escaped_and_long_labels_are_never_cut():
    from rzn.report.charts import ChartBar

    label = "<script>alert(1)</script> & un intitulé de séquence bien trop long pour une ligne"
    table = bar_chart(("Séquence <b>", "Nombre"), [ChartBar(label, 3.0, 3, ("3",))], "c1")
    assert "<script>" not in table and "<b>" not in table
    root = ET.fromstring(table)
    assert root.attrib["aria-labelledby"] == "c1-title"
    assert [th.text for th in root.iter("th")][:2] == ["Séquence <b>", "Nombre"]
    row = next(r for r in root.iter("tr") if "data-label" in r.attrib)
    assert row.attrib["data-label"] == label
    header = row.find("th")
    assert header is not None and header.attrib["scope"] == "row"
    assert header.text == label  # the whole label, as text: wrapped on screen, never cut
    assert [td.itertext() and "".join(td.itertext()) for td in row.iter("td")] == ["3"]
    drawing = next(row.iter(f"{SVG}svg"))
    assert drawing.attrib["aria-hidden"] == "true"  # the row's text already says it


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: float, b: float) -> float:
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_bars_of_colour_satisfaction_from_best_to_worst_apart_in_grey_print():
    from rzn.report.charts import PALETTE

    d = distribution(OVERALL, answers("overall_satisfaction", *["satisfied"] * 5))
    colours = [bar.colour for bar in bars_of(d)]
    assert len(set(colours)) == 4
    # Each colour 3:1 at least against the white page (WCAG 1.4.11, graphical objects).
    for colour in PALETTE:
        assert _contrast(_luminance(colour.fill), 1.0) >= 3, colour
    # In grey, a solid bar and a hatched bar never look alike; within the favourable
    # answers and within the others, the stronger one is clearly darker.
    assert [c.hatched for c in colours] == [False, False, True, True]
    very, rather, rather_not, not_at_all = (_luminance(c.fill) for c in colours)
    assert _contrast(very, rather) >= 1.5
    assert _contrast(not_at_all, rather_not) >= 1.5
    assert very < rather and not_at_all < rather_not


def test_scrubber_removes_contact_details_and_registered_names():
    scrub = Scrubber(["Nolwenn Abgrall", "Abgrall Nolwenn"], ["Abgrall", "Petit", "Le Goff"])
    assert scrub("Écrivez-moi : n.abgrall@example.org ou nolwenn [at] example.org") == (
        "Écrivez-moi : [adresse retirée] ou [adresse retirée]"
    )
    for phone in ("06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78"):
        assert scrub(f"Appelez le {phone} merci") == "Appelez le [téléphone retiré] merci"
    assert scrub("Merci à nolwenn ABGRALL !") == "Merci à [nom retiré] !"
    assert (
        scrub("Abgrall a bien animé, Le Goff aussi")
        == "[nom retiré] a bien animé, [nom retiré] aussi"
    )
    # A family name alone only when written as a name: « petit » stays a word.
    assert scrub("Un petit café avec Petit") == "Un petit café avec [nom retiré]"
    # Years, prices and postcodes are not phone numbers.
    assert (
        scrub("En 2027, 15 € par personne, 41000 Blois")
        == "En 2027, 15 € par personne, 41000 Blois"
    )


def test_free_text_is_given_in_alphabetical_order_never_in_row_order():
    assert anonymous_order(["Zut", "", "écrit", "Bravo", "  "]) == ["Bravo", "écrit", "Zut"]


def test_very_long_free_text_is_cut_at_a_word_and_stays_fast():
    import time

    scrub = Scrubber(["Nolwenn Abgrall"], ["Abgrall"])
    started = time.perf_counter()
    text = scrub("a" * 200_000)
    assert time.perf_counter() - started < 1
    assert len(text) < 1100
    cut = scrub("mot " * 249 + "contact : nolwenn.abgrall@example.org fin")
    assert "@" not in cut and "nolwenn.abgrall" not in cut
    assert cut.endswith(" […]")


PEOPLE = [("Jean", "Dupont"), ("Yann", "Le Goff"), ("Marie-Hélène", "Petit")]
OBFUSCATED = Scrubber(
    [f"{first} {last}" for first, last in PEOPLE] + [f"{last} {first}" for first, last in PEOPLE],
    [last for _first, last in PEOPLE],
    PEOPLE,
)


@pytest.mark.parametrize(
    "address",
    [
        "jean.dupont @ example . org",
        "jean.dupont(at)example.org",
        "jean.dupont [at] example [dot] org",
        "jean.dupont at example dot org",
        "jean.dupont arobase example point org",
        "jean.dupont＠example．org",
        "JEAN.DUPONT@EXAMPLE.ORG",
    ],
)
def test_scrubber_removes_obfuscated_addresses(address):
    cleaned, changed = OBFUSCATED.clean(f"Écrivez à {address} svp")
    assert (cleaned, changed) == ("Écrivez à [adresse retirée] svp", True)


@pytest.mark.parametrize(
    "phone",
    [
        "06/12/34/56/78",
        "06–12–34–56–78",
        "06—12—34—56—78",
        "(+33) 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+44 20 7946 0958",
        "+1 415 555 0100",
        "+32 470 12 34 56",
        "079 123 45 67",
        "０６ １２ ３４ ５６ ７８",
    ],
)
def test_scrubber_removes_phones_in_any_form(phone):
    assert OBFUSCATED.clean(f"Appelez le {phone} merci") == (
        "Appelez le [téléphone retiré] merci",
        True,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merci JEAN DUPONT", "Merci [nom retiré]"),
        ("Merci jean dupont !", "Merci [nom retiré] !"),
        ("Merci Marie Helene Petit", "Merci [nom retiré]"),
        ("Merci Marie-Helene PETIT", "Merci [nom retiré]"),
        ("Merci Legoff et Le-Goff", "Merci [nom retiré] et [nom retiré]"),
        ("Merci Jean D. et Yann L. !", "Merci [nom retiré] et [nom retiré] !"),
        ("Bravo Dupont.", "Bravo [nom retiré]."),
    ],
)
def test_scrubber_removes_names_in_other_forms(text, expected):
    assert OBFUSCATED.clean(text) == (expected, True)


@pytest.mark.parametrize(
    "text",
    [
        "Le 18/11/2027 à 9h30, 15 € par personne, 41000 Blois, 1 500 000 habitants",
        "Jean d'Arc et un petit café",
        "Rendez-vous au point de départ à 9 h",
    ],
)
def test_scrubber_leaves_ordinary_text_alone(text):
    assert OBFUSCATED.clean(text) == (text, False)
    assert not Scrubber.doubtful(text)


def test_what_still_looks_like_contact_details_is_doubtful():
    assert Scrubber.doubtful("écrire à moi@ chez moi")
    assert Scrubber.doubtful("code 1234 5678 901")
