"""``rzn report --consultation``: the consultation's answers read back into a bilan.

The exports are made from the survey files ``rzn render`` writes (``consultation.lss`` parsed
with lxml, ``consultation.limesurvey.txt`` with the csv module): the codes and texts read in
those files, not rzn's own tables, in each style a form tool writes — full question texts and
answer labels, LimeSurvey answer codes or full answers, ``code[SQ]`` or ``code_SQ`` headers.
The pages are parsed back (lxml's HTML parser) and their tables read by their data.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.conftest import plain
from tests.render.test_form_imports import Lss, documents
from tests.report.test_event_report import setup

TODAY = "2027-10-01"
SECRET = "secret.contact{}@asso-exemple.fr"
PLANTED = "Contactez Mathis Ébrard au 06 12 34 56 78 ou mathis.ebrard@example.org"
HOSTILE = '<script>alert("x")</script> & <b>gras</b>'
STYLES = ["labels", "headings", "codes", "full-answers", "codes-underscore", "lss-codes"]


@dataclass
class Item:
    code: str
    type: str
    text: str
    subs: list[tuple[str, str]] = field(default_factory=list)
    answers: list[tuple[str, str]] = field(default_factory=list)


def from_tsv(data: bytes) -> dict[str, Item]:
    """The questions of ``consultation.limesurvey.txt``, as LimeSurvey's importer reads them."""
    items: dict[str, Item] = {}
    current: Item | None = None
    for row in csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter="\t"):
        if row["class"] == "Q":
            current = items[row["name"]] = Item(row["name"], row["type/scale"], row["text"])
        elif row["class"] == "SQ" and current is not None:
            current.subs.append((row["name"], row["text"]))
        elif row["class"] == "A" and current is not None:
            current.answers.append((row["name"], row["text"]))
    return items


def from_lss(data: bytes) -> dict[str, Item]:
    lss = Lss.parse(data)
    texts = {r["qid"]: html_lib.unescape(r["question"]) for r in lss.rows("question_l10ns")}
    labels = {r["aid"]: html_lib.unescape(r["answer"]) for r in lss.rows("answer_l10ns")}
    items = {}
    by_qid = {}
    for q in lss.rows("questions"):
        by_qid[q["qid"]] = items[q["title"]] = Item(q["title"], q["type"], texts[q["qid"]])
    for sub in lss.rows("subquestions"):
        by_qid[sub["parent_qid"]].subs.append((sub["title"], texts[sub["qid"]]))
    for a in lss.rows("answers"):
        by_qid[a["qid"]].answers.append((a["code"], labels[a["aid"]]))
    return items


# Who answers what: person → choices, by question code (the codes of the survey file).
PEOPLE = 8
TICKS = {
    "prioritytopics": {"data": range(8), "funding": range(6), "volunteers": range(3)},
    "formats": {"workshop": range(8), "talk": range(5)},
}
SINGLE = {
    "associationfield": ["sport"] * 6 + ["cultu"] * 2,
    "associationrole": ["board"] * 4 + ["volun"] * 4,
    "digitallevel": ["inter"] * 6 + ["begin"] * 2,
}
TEXTS = {
    "othertopics": {0: PLANTED, 1: HOSTILE, 2: "Les données ouvertes"},
    "inspiringinitiatives": {3: "Le café réparation de Blois"},
    "comments": {4: "Merci pour cette consultation"},
    "contactemail": {i: SECRET.format(i) for i in range(3)},
}


def export(items: dict[str, Item], style: str, people: int = PEOPLE) -> str:
    full = style in {"labels", "headings", "full-answers"}
    header = ["id", "submitdate"]
    rows = [[str(n + 1), "2027-09-20 10:00:00"] for n in range(people)]
    for item in items.values():
        code = item.code
        if item.type == "M" and style == "labels":
            # A form tool with full labels: one column, the ticked labels joined by commas.
            header.append(item.text)
            for person, row in enumerate(rows):
                row.append(
                    ", ".join(
                        text
                        for sub, text in item.subs
                        if person in TICKS.get(code, {}).get(sub, ())
                    )
                )
        elif item.type == "M":
            for sub, sub_text in item.subs:
                if style == "headings":
                    # LimeSurvey's « question complète » headings: Question [Choix].
                    header.append(f"{item.text} [{sub_text}]")
                elif style == "codes-underscore":
                    header.append(f"{code}_{sub}")
                else:
                    header.append(f"{code}[{sub}]")
                for person, row in enumerate(rows):
                    ticked = person in TICKS.get(code, {}).get(sub, ())
                    row.append(("Oui" if full else "Y") if ticked else "")
        else:
            header.append(item.text if style in {"labels", "headings"} else code)
            labels = dict(item.answers)
            for person, row in enumerate(rows):
                if item.type == "L":
                    answer = SINGLE[code][person]
                    row.append(labels[answer] if full else answer)
                else:
                    row.append(TEXTS.get(code, {}).get(person, ""))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> dict[str, dict[str, Item]]:
    folder = tmp_path_factory.mktemp("survey")
    files = documents(setup(folder))
    return {
        "tsv": from_tsv(files["consultation.limesurvey.txt"]),
        "lss": from_lss(files["consultation.lss"]),
    }


def write_export(tmp_path: Path, survey: dict[str, dict[str, Item]], style: str, **kw) -> Path:
    items = survey["lss"] if style.startswith("lss") else survey["tsv"]
    path = tmp_path / "consultation.csv"
    path.write_text(export(items, style.removeprefix("lss-"), **kw), encoding="utf-8")
    return path


def run(rzn, tmp_path: Path, export_path: Path, *extra: str):
    event = tmp_path / "event.yaml"
    if not event.exists():
        setup(tmp_path)
    return rzn(
        "report", str(event), "--consultation", str(export_path),
        "-o", str(tmp_path / "out"), "--today", TODAY, *extra,
    )  # fmt: skip


def tables(page: str) -> dict[str, list[tuple[str, int, str]]]:
    """Each chart by id: (label, count, share) read from its cells, not its attributes."""
    root = lxml_html.document_fromstring(page)
    found = {}
    for table in root.iter("table"):
        rows = []
        for tr in table.find("tbody").iter("tr"):
            cells = [plain(c.text_content()).strip() for c in tr]
            count = re.match(r"\d+", cells[1])
            assert count is not None, cells
            rows.append((cells[0], int(count.group(0)), cells[2] if len(cells) > 2 else ""))
        found[table.get("id") or table.get("class")] = rows
    return found


def outputs(tmp_path: Path, result) -> str:
    files = sorted(p for p in (tmp_path / "out").glob("*") if p.is_file())
    return "\n".join([result.out, result.err] + [p.read_text(encoding="utf-8") for p in files])


@pytest.mark.parametrize("style", STYLES)
def test_each_export_style_gives_the_same_bilan(tmp_path, rzn, survey, style):
    result = run(rzn, tmp_path, write_export(tmp_path, survey, style))
    assert result.code == 0, result.out + result.err
    assert "RZN" not in result.out, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "report.html").exists()
    found = tables(page)
    assert found["chart-priority_topics"][:3] == [
        ("Protéger et utiliser les données", 8, "100 %"),
        ("Lever et gérer des fonds", 6, "75 %"),
        ("Mobiliser des bénévoles", 3, "38 %"),
    ]
    assert [r[1] for r in found["chart-priority_topics"]] == sorted(
        (r[1] for r in found["chart-priority_topics"]), reverse=True
    )
    assert [r[1:] for r in found["chart-formats"][:2]] == [(8, "100 %"), (5, "63 %")]
    assert dict((r[0], r[1]) for r in found["chart-digital_level"])["Intermédiaire"] == 6
    assert found["chart-association_field"][0][1:] == (6, "75 %")
    assert [r[1] for r in found["chart-association_role"][:2]] == [4, 4]
    text = plain(page)
    assert "Réponses à la consultation" in text
    markdown = plain((tmp_path / "out" / "consultation-bilan.md").read_text(encoding="utf-8"))
    assert "- Réponses à la consultation : **8**" in markdown
    assert "- Adresses laissées pour recevoir l'invitation : **3**" in markdown
    assert "5 réponses libres non citées" in result.out


def test_topic_labels_match_the_survey(tmp_path, rzn, survey):
    result = run(rzn, tmp_path, write_export(tmp_path, survey, "codes"))
    assert result.code == 0, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    labels = {text for code, text in survey["tsv"]["prioritytopics"].subs if code != "other"}
    shown = [r[0] for r in tables(page)["chart-priority_topics"]]
    assert set(shown) == labels | {"Un autre sujet"}
    markdown = (tmp_path / "out" / "consultation-bilan.md").read_bytes()
    assert markdown.endswith(b".\n") and not markdown.endswith(b"\n\n")
    assert "Réponses à l'évaluation, pour la comparaison : google-forms-reponses.csv" in plain(
        markdown.decode("utf-8")
    )


def test_nothing_personal_leaves_and_quotes_are_scrubbed(tmp_path, rzn, survey):
    result = run(rzn, tmp_path, write_export(tmp_path, survey, "codes"), "--quote")
    assert result.code == 0, result.out
    everything = outputs(tmp_path, result)
    for i in range(3):
        assert SECRET.format(i) not in everything
        assert f"secret.contact{i}" not in everything
    for planted in ("mathis.ebrard@example.org", "06 12 34 56 78", "Ébrard", "Mathis"):
        assert planted not in everything, planted
    markdown = (tmp_path / "out" / "consultation-bilan.md").read_text(encoding="utf-8")
    assert "[nom retiré]" in markdown and "[adresse retirée]" in markdown
    assert "Les données ouvertes" in markdown
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>gras</b>" not in page
    root = lxml_html.document_fromstring(page)
    assert not root.xpath("//script") and not root.xpath("//b")
    quoted = [plain(li.text_content()) for li in root.xpath("//ul[@class='texts']/li")]
    assert HOSTILE in quoted
    assert "Le café réparation de Blois" in quoted
    assert "Réponses libres citées : 5 sur 5" in plain(result.out)


def test_without_quote_free_answers_are_only_counted(tmp_path, rzn, survey):
    result = run(rzn, tmp_path, write_export(tmp_path, survey, "labels"))
    assert result.code == 0, result.out
    everything = outputs(tmp_path, result)
    for text in ("Les données ouvertes", "café réparation", "alert", "Merci pour"):
        assert text not in everything


def test_fewer_than_five_answers_are_not_broken_down(tmp_path, rzn, survey):
    result = run(rzn, tmp_path, write_export(tmp_path, survey, "codes", people=3), "--quote")
    assert result.code == 0, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    assert not any(key.startswith("chart-") for key in tables(page))
    assert "Moins de 5 réponses" in plain(page)
    assert "Les données ouvertes" not in outputs(tmp_path, result)


def test_a_question_answered_by_fewer_than_five_is_not_broken_down(tmp_path, rzn, survey):
    text = export(survey["tsv"], "codes")
    lines = text.split("\r\n")
    header = next(csv.reader([lines[0]]))
    columns = [i for i, h in enumerate(header) if h.startswith("formats[")]
    rows = []
    for n, line in enumerate(lines[1:-1]):
        cells = next(csv.reader([line]))
        if n >= 4:  # only four people answered the formats question
            for i in columns:
                cells[i] = ""
        rows.append(cells)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    path = tmp_path / "consultation.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert result.code == 0, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    found = tables(page)
    assert "chart-formats" not in found and "chart-priority_topics" in found
    assert "(ici : Formats souhaités)" in plain(page)


def test_the_comparison_with_the_evaluation_topics(tmp_path, rzn, survey):
    result = run(rzn, tmp_path, write_export(tmp_path, survey, "codes"))
    assert result.code == 0, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    rows = tables(page)["comparison"]
    assert [(label, before) for label, before, _ in rows[:3]] == [
        ("Protéger et utiliser les données", 8),
        ("Lever et gérer des fonds", 6),
        ("Mobiliser des bénévoles", 3),
    ]
    # The evaluation export of the event: 12 answers to next_topics, 3 of them « bénévoles ».
    assert rows[2][2] == "3 (25 %)"
    markdown = plain((tmp_path / "out" / "consultation-bilan.md").read_text(encoding="utf-8"))
    assert "## Demandé avant, demandé pour la suite" in markdown


def test_unknown_values_and_columns_are_located_warnings(tmp_path, rzn, survey):
    text = export(survey["tsv"], "codes").replace(",inter,", ",Expert en tout,", 1)
    path = tmp_path / "consultation.csv"
    path.write_text(text, encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert "Traceback" not in result.out + result.err
    found = re.search(r"consultation\.csv:(\d+):(\d+): \w+ RZN\d+ .*Expert en tout", result.out)
    assert found, result.out
    assert int(found.group(1)) == 2


def test_empty_and_header_only_exports_say_what_to_do(tmp_path, rzn, survey):
    path = tmp_path / "consultation.csv"
    path.write_text("", encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert result.code != 0 and "Traceback" not in result.out + result.err
    assert "vide" in result.out + result.err
    path.write_text(export(survey["tsv"], "codes").split("\r\n")[0] + "\r\n", encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert result.code != 0 and "Traceback" not in result.out + result.err
    assert "aucune réponse dans l'export" in result.out + result.err
    assert not (tmp_path / "out" / "consultation-bilan.html").exists()
    path.write_text("a,b\r\n1,2\r\n", encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert result.code != 0
    assert "Aucune colonne de la consultation reconnue" in result.out + result.err


def test_same_input_same_bytes_and_a_user_file_is_never_overwritten(tmp_path, rzn, survey):
    path = write_export(tmp_path, survey, "codes")
    assert run(rzn, tmp_path, path, "--quote").code == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("consultation-bilan.*")}
    assert set(first) == {"consultation-bilan.html", "consultation-bilan.md"}
    assert run(rzn, tmp_path, path, "--quote").code == 0
    second = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("consultation-bilan.*")}
    assert first == second
    other = tmp_path / "other"
    other.mkdir()
    mine = other / "consultation-bilan.md"
    mine.write_text("mon propre fichier\n", encoding="utf-8")
    event = tmp_path / "event.yaml"
    args = ("report", str(event), "--consultation", str(path), "-o", str(other))
    result = rzn(*args, "--today", TODAY)
    assert result.code != 0
    assert mine.read_text(encoding="utf-8") == "mon propre fichier\n"
    result = rzn(*args, "--today", TODAY, "--force")
    assert result.code == 0, result.out
    assert "Consultation" in mine.read_text(encoding="utf-8")


def test_the_html_is_well_formed_for_an_xml_parser(tmp_path, rzn, survey):
    assert run(rzn, tmp_path, write_export(tmp_path, survey, "codes")).code == 0
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    for table in re.findall(r'<table class="chart".*?</table>', page, re.DOTALL):
        etree.fromstring(table)


def test_the_bilan_is_spelled_right(tmp_path, rzn, survey):
    from tests.spelling import document_text, hunspell, unknown_words, words

    hunspell()
    assert run(rzn, tmp_path, write_export(tmp_path, survey, "codes")).code == 0
    found: set[str] = set()
    for path in (tmp_path / "out").glob("consultation-bilan.*"):
        text = document_text(path.name, path.read_bytes())
        assert text is not None
        found |= words(text)
    assert len(found) > 100
    assert unknown_words(found) == set()


def test_hostile_event_text_and_unknown_values_are_escaped(tmp_path, rzn, survey):
    event = setup(tmp_path)
    text = event.read_text(encoding="utf-8")
    event.write_text(
        re.sub(r"(?m)^title: .*$", "title: '<img src=x onerror=alert(1)> {{ 7*7 }}'", text),
        encoding="utf-8",
    )
    hostile = "<svg onload=alert(2)>"
    export_text = export(survey["tsv"], "codes").replace(",inter,", f',"{hostile}",', 1)
    path = tmp_path / "consultation.csv"
    path.write_text(export_text, encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert result.code == 0, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    root = lxml_html.document_fromstring(page)
    assert not root.xpath("//img") and not root.xpath("//svg[@onload]")
    assert not [e for e in root.iter() if any(a.startswith("on") for a in e.attrib)]
    assert "{{ 7*7 }}" in plain(root.findtext(".//h1"))
    assert hostile in plain(root.text_content())


def test_a_form_made_from_the_tu_questionnaire_is_read(tmp_path, rzn, survey):
    from rzn.render.documents.consultation import sections

    tu = {q.id: q.text for section in sections("tu") for q in section.questions}
    vous = {q.id: q.text for section in sections("vous") for q in section.questions}
    assert tu["digital_level"] != vous["digital_level"]
    asked = survey["tsv"]["digitallevel"].text
    assert plain(asked) == plain(vous["digital_level"])
    text = export(survey["tsv"], "labels").replace(asked, tu["digital_level"])
    assert tu["digital_level"] in text
    path = tmp_path / "consultation.csv"
    path.write_text(text, encoding="utf-8")
    result = run(rzn, tmp_path, path)
    assert result.code == 0, result.out
    page = (tmp_path / "out" / "consultation-bilan.html").read_text(encoding="utf-8")
    assert dict((r[0], r[1]) for r in tables(page)["chart-digital_level"])["Intermédiaire"] == 6


def test_quoting_without_the_registrations_says_names_stay(tmp_path, rzn, survey):
    setup(tmp_path)
    (tmp_path / "helloasso-inscriptions.csv").unlink()
    result = run(rzn, tmp_path, write_export(tmp_path, survey, "codes"), "--quote")
    assert result.code == 0, result.out
    assert "les noms des inscrits ne peuvent pas être retirés" in plain(result.out)
    assert "helloasso-inscriptions.csv" in result.out
    markdown = (tmp_path / "out" / "consultation-bilan.md").read_text(encoding="utf-8")
    assert "mathis.ebrard@example.org" not in markdown and "06 12 34 56 78" not in markdown
