"""The questionnaires as LimeSurvey survey files, and LimeSurvey's exports read back.

LimeSurvey publishes no schema for its ``.lss`` files (the importer reads the XML as a dump of
its tables), so the files are parsed back with lxml, an XML parser independent of the writer,
and checked against what the importer relies on: one survey id, language settings, every
question in an existing group, codes unique and within LimeSurvey's limits, answers attached to
list and array questions, sub-questions to array and multiple-choice questions, a text for
every question, sub-question, answer and group. Then a LimeSurvey export of that survey, made
from the codes read in the file (not from rzn's code), is read by ``rzn report`` with no
``answer_columns``: answer codes and full answers, ``code[SQ]`` and ``code_SQ`` headers.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from rzn.registrations.answers import read_answers
from rzn.registrations.table import read_table
from rzn.render import build_documents
from tests.render.test_evaluation import EVENT, report_event
from tests.report.test_event_report import setup

TODAY = dt.date(2027, 9, 1)
QUESTION_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,19}$")
SUBQUESTION_CODE = re.compile(r"^[A-Za-z0-9]{1,20}$")
ANSWER_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,4}$")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def documents(path: Path) -> dict[str, bytes]:
    _, files = build_documents(str(path), TODAY)
    return {f.path: f.content for f in files}


@dataclass
class Lss:
    """What an importer reads in a ``.lss`` file, table by table."""

    root: etree._Element
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: bytes) -> Lss:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        lss = cls(root)
        for table in root:
            if table.find("rows") is None:
                continue
            fields = [f.text for f in table.find("fields")]
            rows = []
            for row in table.find("rows"):
                assert [c.tag for c in row] == fields, table.tag
                rows.append({c.tag: c.text or "" for c in row})
            lss.tables[table.tag] = rows
        return lss

    def rows(self, name: str) -> list[dict[str, str]]:
        return self.tables.get(name, [])


def check_structure(lss: Lss) -> None:
    """The invariants LimeSurvey's importer relies on."""
    assert lss.root.tag == "document"
    assert lss.root.findtext("LimeSurveyDocType") == "Survey"
    assert int(lss.root.findtext("DBVersion")) >= 400  # the *_l10ns tables exist from 400 on
    languages = [e.text for e in lss.root.find("languages")]
    assert languages == ["fr"]
    [survey] = lss.rows("surveys")
    sid = survey["sid"]
    assert re.fullmatch(r"[1-9]\d{5}", sid)
    assert survey["language"] == "fr"
    assert survey["anonymized"] == "Y" and survey["ipaddr"] == "N"
    [settings] = lss.rows("surveys_languagesettings")
    assert settings["surveyls_survey_id"] == sid and settings["surveyls_language"] == "fr"
    assert settings["surveyls_title"]
    groups = {g["gid"] for g in lss.rows("groups")}
    assert all(g["sid"] == sid for g in lss.rows("groups"))
    assert {g["gid"] for g in lss.rows("group_l10ns")} == groups
    assert all(g["group_name"] for g in lss.rows("group_l10ns"))
    questions = {q["qid"]: q for q in lss.rows("questions")}
    titles = [q["title"] for q in questions.values()]
    assert len(set(titles)) == len(titles)
    for question in questions.values():
        assert question["gid"] in groups and question["sid"] == sid
        assert QUESTION_CODE.match(question["title"]), question["title"]
        assert question["parent_qid"] == "0"
    by_parent: dict[str, list[str]] = {}
    for sub in lss.rows("subquestions"):
        parent = questions[sub["parent_qid"]]
        assert parent["type"] in {"F", "M"} and sub["gid"] == parent["gid"]
        assert SUBQUESTION_CODE.match(sub["title"]), sub["title"]
        by_parent.setdefault(sub["parent_qid"], []).append(sub["title"].lower())
    for qid, codes in by_parent.items():
        assert len(set(codes)) == len(codes), questions[qid]["title"]
    answers: dict[str, list[str]] = {}
    for answer in lss.rows("answers"):
        assert questions[answer["qid"]]["type"] in {"L", "F"}
        assert ANSWER_CODE.match(answer["code"]), answer["code"]
        answers.setdefault(answer["qid"], []).append(answer["code"].lower())
    for qid, question in questions.items():
        if question["type"] in {"L", "F"}:
            codes = answers.get(qid, [])
            assert len(codes) >= 2 and len(set(codes)) == len(codes), question["title"]
        if question["type"] in {"F", "M"}:
            assert by_parent.get(qid), question["title"]
    every_qid = set(questions) | {s["qid"] for s in lss.rows("subquestions")}
    texts = [row["qid"] for row in lss.rows("question_l10ns")]
    assert sorted(texts) == sorted(every_qid)
    assert all(row["question"] and row["language"] == "fr" for row in lss.rows("question_l10ns"))
    assert sorted(r["aid"] for r in lss.rows("answer_l10ns")) == sorted(
        r["aid"] for r in lss.rows("answers")
    )
    assert all(row["answer"] for row in lss.rows("answer_l10ns"))


@pytest.mark.parametrize("format_", ["in_person", "online", "hybrid"])
def test_survey_files_are_importable(write_event, format_):
    files = documents(write_event(EVENT.format(format=format_)))
    for name in ("evaluation", "consultation"):
        check_structure(Lss.parse(files[f"{name}.lss"]))
    evaluation = Lss.parse(files["evaluation.lss"])
    types = {q["title"]: q["type"] for q in evaluation.rows("questions")}
    assert types["overallsatisfaction"] == "L"
    assert types["itemsatisfaction"] == "F"
    assert types["heardfrom"] == "M"
    assert types["comments"] == "T" and types["contactemail"] == "S"
    assert ("attendancemode" in types) is (format_ == "hybrid")
    # The same questions in the tab-separated file, with the same codes.
    rows = list(
        csv.DictReader(io.StringIO(files["evaluation.limesurvey.txt"].decode()), delimiter="\t")
    )
    assert [r["name"] for r in rows if r["class"] == "Q"] == list(types)
    assert {r["type/scale"] for r in rows if r["class"] == "Q"} <= {"L", "F", "M", "T", "S"}
    answer_codes = [a["code"] for a in evaluation.rows("answers")]
    assert [r["name"] for r in rows if r["class"] == "A"] == answer_codes
    check_tsv(rows)


def check_tsv(rows: list[dict[str, str]]) -> None:
    """What LimeSurvey's tab-separated import relies on: rows in the order it builds from."""
    classes = [r["class"] for r in rows]
    assert set(classes) <= {"S", "SL", "G", "Q", "SQ", "A"}
    assert {r["name"] for r in rows if r["class"] == "S"} >= {"sid", "language"}
    assert any(r["name"] == "surveyls_title" and r["text"] for r in rows if r["class"] == "SL")
    seen_group = False
    last_question: dict[str, str] | None = None
    for row in rows:
        if row["class"] == "G":
            seen_group, last_question = bool(row["name"]), None
        elif row["class"] == "Q":
            assert seen_group and row["text"] and row["language"] == "fr"
            last_question = row
        elif row["class"] == "SQ":
            assert last_question is not None and last_question["type/scale"] in {"F", "M"}
        elif row["class"] == "A":
            assert last_question is not None and last_question["type/scale"] in {"L", "F"}


def test_survey_files_are_byte_identical_from_one_render_to_the_next(write_event):
    path = write_event(EVENT.format(format="hybrid"))
    first, second = documents(path), documents(path)
    for name in ("evaluation.lss", "evaluation.limesurvey.txt", "consultation.lss"):
        assert first[name] == second[name]


HOSTILE = "Atelier <script>alert(1)</script> & ]]> \\x01\\x1b[31m fin"
"""Written as YAML escapes: the event file holds control characters that way."""


def test_hostile_text_stays_well_formed_and_inert(write_event):
    text = EVENT.format(format="hybrid").replace("title: Atelier,", f'title: "{HOSTILE}",')
    text = text.replace("title: Rencontre test", 'title: "=HYPERLINK(1) <b>&amp; ]]>"')
    built, files_ = build_documents(str(write_event(text)), TODAY)
    files = {f.path: f.content for f in files_}
    assert "evaluation.lss" in files, built
    lss = Lss.parse(files["evaluation.lss"])
    check_structure(lss)
    shown = [r["question"] for r in lss.rows("question_l10ns")]
    workshop = [t for t in shown if "alert(1)" in t]
    assert workshop, shown
    for value in workshop:
        # LimeSurvey shows it as HTML: the event's markup is escaped text there.
        assert "<script>" not in value and "&lt;script&gt;" in value
        assert not CONTROL.search(value)
    [settings] = lss.rows("surveys_languagesettings")
    assert "&lt;b&gt;&amp;amp;" in settings["surveyls_title"]
    tsv = files["evaluation.limesurvey.txt"].decode()
    cells = [c for row in csv.reader(io.StringIO(tsv), delimiter="\t") for c in row]
    assert not any(c[:1] in "=+-@" for c in cells if c)
    assert not CONTROL.search(tsv.replace("\t", "").replace("\n", ""))


# --- LimeSurvey's exports of the imported survey ----------------------------------------------


def export(lss: Lss, *, full: bool, underscore: bool, people: int = 6) -> str:
    """A LimeSurvey responses export, as its « Exporter les réponses » writes one."""
    questions = lss.rows("questions")
    subs: dict[str, list[dict[str, str]]] = {}
    for sub in lss.rows("subquestions"):
        subs.setdefault(sub["parent_qid"], []).append(sub)
    texts = {r["qid"]: html.unescape(r["question"]) for r in lss.rows("question_l10ns")}
    labels = {r["aid"]: html.unescape(r["answer"]) for r in lss.rows("answer_l10ns")}
    answers: dict[str, list[tuple[str, str]]] = {}
    for a in lss.rows("answers"):
        answers.setdefault(a["qid"], []).append((a["code"], labels[a["aid"]]))
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed"]
    cells: list[list[str]] = [
        [str(n), "2027-11-19 10:00:00", "4", "fr", "1234"] for n in range(1, people + 1)
    ]

    def value(qid: str, person: int) -> str:
        options = answers[qid]
        code, label = options[person % min(len(options), 4)]
        return label if full else code

    for question in questions:
        code, qid = question["title"], question["qid"]
        if question["type"] in {"F", "M"}:
            for sub in subs[qid]:
                header.append(f"{code}_{sub['title']}" if underscore else f"{code}[{sub['title']}]")
                for person, row in enumerate(cells):
                    if question["type"] == "F":
                        row.append(value(qid, person))
                    else:
                        ticked = person % 2 == 0 and sub is subs[qid][0]
                        row.append(("Oui" if full else "Y") if ticked else "")
        else:
            header.append(code)
            for person, row in enumerate(cells):
                if question["type"] == "L":
                    row.append(value(qid, person))
                elif question["title"] == "contactemail":
                    row.append("")
                else:
                    row.append(f"Réponse {person} à {texts[qid][:10]}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(cells)
    return out.getvalue()


@pytest.mark.parametrize(
    ("full", "underscore"),
    [(False, False), (True, False), (False, True), (True, True)],
    ids=["codes", "full-answers", "codes-underscore", "full-underscore"],
)
def test_a_limesurvey_export_is_read_with_no_mapping(tmp_path, rzn, full, underscore):
    path = setup(tmp_path, "limesurvey.csv")
    assert "answer_columns" not in path.read_text(encoding="utf-8")
    lss = Lss.parse(documents(path)["evaluation.lss"])
    (tmp_path / "limesurvey.csv").write_text(
        export(lss, full=full, underscore=underscore), encoding="utf-8"
    )
    event = report_event(path)
    table = read_table((tmp_path / "limesurvey.csv").read_bytes(), "limesurvey.csv")
    answers = read_answers(table, event)
    assert answers.fatal is None
    assert answers.unknown_values == []
    assert answers.missing == []
    assert len(answers.responses) == 6
    first = answers.responses[0]
    assert first.choices["overall_satisfaction"] == "very-satisfied"
    assert answers.responses[1].choices["overall_satisfaction"] == "satisfied"
    assert first.choices["age_band"] == "under-25"
    assert any(c.startswith("item_satisfaction.") for c in first.choices)
    assert first.multiple["heard_from"] == frozenset({"mailing"})
    assert "heard_from" not in answers.responses[1].multiple
    result = rzn("report", str(path), "-o", str(tmp_path / "out"), "--today", "2027-11-25")
    assert result.code == 0, result.out + result.err
    assert "RZN706" not in result.out
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "non reconnu" not in report
    stats = rzn("stats", str(path), "-f", "json")
    assert stats.code == 0, stats.out + stats.err
    assert "RZN706" not in stats.out + stats.err
    figures = json.loads(stats.out)
    assert (figures["answers"], figures["answer_events"]) == (6, 1)


def test_texts_typeset_once_per_process_change_no_byte_of_any_form(monkeypatch):
    from rzn.check import CheckOptions, check_file
    from rzn.render import french, grammar, ooxml
    from rzn.render.context import RenderContext
    from rzn.render.documents import form_imports
    from rzn.render.environment import environment

    def plain(value: str, inclusive: bool) -> str:
        words = french.typography(ooxml.clean(value))
        words = words if inclusive else grammar.without_inclusive_dots(words)
        return html.escape(words, quote=False)

    today = dt.date(2027, 9, 1)
    contexts = []
    for path in sorted(Path(__file__).resolve().parents[2].glob("examples/*/event.yaml")):
        event = check_file(str(path), CheckOptions(today=today)).event
        assert event is not None
        contexts.append(RenderContext(event, today, environment(()), path.parent))
        # Either way of writing, so that both pass through the cache.
        contexts.append(
            RenderContext(
                event.model_copy(
                    update={
                        "communication": event.communication.model_copy(
                            update={"inclusive": not event.communication.inclusive}
                        )
                    }
                ),
                today,
                environment(()),
                path.parent,
            )
        )

    def files():
        return [[(f.path, f.content) for f in form_imports.form_imports(ctx)] for ctx in contexts]

    cached, again = files(), files()
    monkeypatch.setattr(form_imports, "_lime_text", plain)
    assert cached == again == files()
