"""The evaluation and consultation questionnaires as files LimeSurvey imports.

``rzn render`` writes each questionnaire twice, for LimeSurvey's « Importer un questionnaire »:

- ``*.lss``, the survey structure file LimeSurvey itself exports (XML, one element per database
  table: ``surveys``, ``surveys_languagesettings``, ``groups``/``group_l10ns``,
  ``questions``/``subquestions``/``question_l10ns``, ``answers``/``answer_l10ns``); written
  for the table layout of LimeSurvey 5 (``DBVersion`` 480), which later versions import;
- ``*.limesurvey.txt``, LimeSurvey's tab-separated survey format (one row per survey
  setting, group, question, sub-question and answer, no ids to keep in step), which the same
  screen imports and a spreadsheet can edit.

Codes are those of :mod:`rzn.registrations.form_codes`, which ``rzn report`` reads back: a
LimeSurvey export of the imported evaluation needs no ``answer_columns``. Every text is event
data or rzn's own wording; LimeSurvey shows it as HTML, so it is escaped as HTML here, and the
XML writer escapes it again as XML (``]]>`` included): nothing in an event file becomes markup.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rzn.questionnaire import Question, Section
from rzn.questionnaire import sections as evaluation_sections
from rzn.registrations.form_codes import CodedQuestion, coded
from rzn.render.context import RenderContext
from rzn.render.documents.consultation import sections as consultation_sections
from rzn.render.french import day_long, hhmm, typography
from rzn.render.grammar import says_kind, without_inclusive_dots
from rzn.render.ooxml import clean
from rzn.render.output import OutputFile
from rzn.render.registry import document

DB_VERSION = "480"
LANGUAGE = "fr"
_TYPES = {
    "single": ("L", "listradio"),
    "multiple": ("M", "multiplechoice"),
    "grid": ("F", "arrays/array"),
}
"""rzn's question kinds → LimeSurvey's question type and question theme."""
_TEXT_TYPES = {1: ("S", "shortfreetext")}
_LONG_TEXT = ("T", "longfreetext")
MAX_ANSWERS = {"priority_topics": 3}
"""Multiple-choice questions whose hint limits the number of ticks (« trois au plus »)."""


@dataclass
class Survey:
    """One questionnaire, with the texts LimeSurvey shows, ready to write in either format."""

    sid: int
    title: str
    description: str
    welcome: str
    sections: Sequence[Section]
    inclusive: bool = True
    questions: list[tuple[int, CodedQuestion]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.questions = [
            (group, coded(question))
            for group, section in enumerate(self.sections, start=1)
            for question in section.questions
        ]

    def text(self, value: str) -> str:
        """``value`` as LimeSurvey's HTML: no control character, ``<`` and ``&`` escaped."""
        return _lime_text(value, self.inclusive)


@functools.lru_cache(maxsize=4096)
def _lime_text(value: str, inclusive: bool) -> str:
    """Once per text: both files show the same texts, and most are every event's questions."""
    words = typography(clean(value))
    return html.escape(words if inclusive else without_inclusive_dots(words), quote=False)


def survey_id(slug: str, kind: str) -> int:
    """A six-digit survey id of this event's questionnaire, the same at every render.

    LimeSurvey keeps it when it is free and picks another otherwise: it only saves asking.
    """
    digest = hashlib.sha256(f"{slug}/{kind}".encode()).digest()
    return 100000 + int.from_bytes(digest[:4], "big") % 900000


def _type(question: Question) -> tuple[str, str]:
    if question.kind == "text":
        return _TEXT_TYPES.get(question.lines, _LONG_TEXT)
    return _TYPES[question.kind]


# --- .lss ---------------------------------------------------------------------------------------


Table = tuple[str, Sequence[str], list[dict[str, str]]]
"""One database table of the ``.lss``: its name, its fields, its rows."""


def _escape(text: str) -> str:
    """Element text as ElementTree escapes it: ``&``, ``<`` and ``>``, quotes left alone."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _leaf(pad: str, tag: str, text: str) -> str:
    return f"{pad}<{tag}>{_escape(text)}</{tag}>" if text else f"{pad}<{tag} />"


def xml_document(tables: Sequence[Table]) -> str:
    """The ``.lss`` XML of ``tables``, indented by one space per level.

    Written line by line rather than built with ElementTree and serialised: the same
    characters as ``ET.indent`` then ``ET.tostring`` (a test compares them), for a
    fraction of the time, as every element here is either a container or a text.
    """
    lines = [
        "<document>",
        " <LimeSurveyDocType>Survey</LimeSurveyDocType>",
        f" <DBVersion>{DB_VERSION}</DBVersion>",
        " <languages>",
        f"  <language>{LANGUAGE}</language>",
        " </languages>",
    ]
    for name, fields, rows in tables:
        if not rows:
            continue
        lines += [f" <{name}>", "  <fields>", *(_leaf("   ", "fieldname", f) for f in fields)]
        lines += ["  </fields>", "  <rows>"]
        # Some two thousand cells an event: their tags are written once per table.
        cells = [(name_, f"    <{name_}>", f"</{name_}>", f"    <{name_} />") for name_ in fields]
        for row in rows:
            lines.append("   <row>")
            for name_, opening, closing, empty in cells:
                text = row.get(name_, "")
                lines.append(f"{opening}{_escape(text)}{closing}" if text else empty)
            lines.append("   </row>")
        lines += ["  </rows>", f" </{name}>"]
    lines.append("</document>")
    return "\n".join(lines)


_QUESTION_FIELDS = (
    "qid",
    "parent_qid",
    "sid",
    "gid",
    "type",
    "title",
    "other",
    "mandatory",
    "encrypted",
    "question_order",
    "scale_id",
    "same_default",
    "relevance",
    "question_theme_name",
)


@dataclass
class _Tables:
    groups: list[dict[str, str]] = field(default_factory=list)
    group_l10ns: list[dict[str, str]] = field(default_factory=list)
    questions: list[dict[str, str]] = field(default_factory=list)
    subquestions: list[dict[str, str]] = field(default_factory=list)
    question_l10ns: list[dict[str, str]] = field(default_factory=list)
    answers: list[dict[str, str]] = field(default_factory=list)
    answer_l10ns: list[dict[str, str]] = field(default_factory=list)
    attributes: list[dict[str, str]] = field(default_factory=list)
    next_qid: int = 1

    def question(self, survey: Survey, gid: int, row: dict[str, str], text: str, help_: str) -> int:
        qid = self.next_qid
        self.next_qid += 1
        row = {
            "qid": str(qid),
            "sid": str(survey.sid),
            "gid": str(gid),
            "other": "N",
            "mandatory": "N",
            "encrypted": "N",
            "scale_id": "0",
            "same_default": "0",
            "relevance": "1",
            **row,
        }
        (self.subquestions if row.get("parent_qid", "0") != "0" else self.questions).append(row)
        self.question_l10ns.append(
            {
                "id": str(len(self.question_l10ns) + 1),
                "qid": str(qid),
                "question": text,
                "help": help_,
                "language": LANGUAGE,
            }
        )
        return qid


def _fill(survey: Survey, tables: _Tables) -> None:
    for gid, section in enumerate(survey.sections, start=1):
        tables.groups.append(
            {"gid": str(gid), "sid": str(survey.sid), "group_order": str(gid), "grelevance": "1"}
        )
        tables.group_l10ns.append(
            {
                "id": str(gid),
                "gid": str(gid),
                "group_name": survey.text(section.title),
                "language": LANGUAGE,
            }
        )
    orders: dict[int, int] = {}
    for gid, item in survey.questions:
        question = item.question
        kind, theme = _type(question)
        orders[gid] = orders.get(gid, 0) + 1
        qid = tables.question(
            survey,
            gid,
            {
                "parent_qid": "0",
                "type": kind,
                "title": item.code,
                "question_order": str(orders[gid]),
                "question_theme_name": theme,
            },
            survey.text(question.text),
            survey.text(question.hint or ""),
        )
        labels = _row_labels(question)
        for order, (code, key) in enumerate(item.rows.items(), start=1):
            tables.question(
                survey,
                gid,
                {"parent_qid": str(qid), "type": kind, "title": code, "question_order": str(order)},
                survey.text(labels[key]),
                "",
            )
        by_code = {choice.code: choice.label for choice in question.choices}
        for order, (code, key) in enumerate(item.answers.items(), start=1):
            aid = len(tables.answers) + 1
            tables.answers.append(
                {
                    "aid": str(aid),
                    "qid": str(qid),
                    "code": code,
                    "sortorder": str(order),
                    "assessment_value": "0",
                    "scale_id": "0",
                }
            )
            tables.answer_l10ns.append(
                {
                    "id": str(aid),
                    "aid": str(aid),
                    "answer": survey.text(by_code[key]),
                    "language": LANGUAGE,
                }
            )
        if question.id in MAX_ANSWERS:
            tables.attributes.append(
                {
                    "qid": str(qid),
                    "attribute": "max_answers",
                    "value": str(MAX_ANSWERS[question.id]),
                }
            )


def _row_labels(question: Question) -> dict[str, str]:
    """Sub-question key → the label a person reads (the item's time and title, or the choice)."""
    if question.kind == "grid":
        return {
            row.id: f"{hhmm(row.item.start)} {row.item.title}"
            + ("" if says_kind(row.item.title, row.kind_label) else f" ({row.kind_label.lower()})")
            for row in question.rows
        }
    return {choice.code: choice.label for choice in question.choices}


def lss_tables(survey: Survey) -> list[Table]:
    """The tables of the survey structure file, in LimeSurvey's order."""
    tables = _Tables()
    _fill(survey, tables)
    settings = {
        "surveyls_survey_id": str(survey.sid),
        "surveyls_language": LANGUAGE,
        "surveyls_title": survey.text(survey.title),
        "surveyls_description": survey.text(survey.description),
        "surveyls_welcometext": survey.text(survey.welcome),
        "surveyls_dateformat": "1",
        "surveyls_numberformat": "1",
    }
    return [
        (
            "answers",
            ("aid", "qid", "code", "sortorder", "assessment_value", "scale_id"),
            tables.answers,
        ),
        ("answer_l10ns", ("id", "aid", "answer", "language"), tables.answer_l10ns),
        (
            "groups",
            ("gid", "sid", "group_order", "randomization_group", "grelevance"),
            tables.groups,
        ),
        ("group_l10ns", ("id", "gid", "group_name", "description", "language"), tables.group_l10ns),
        ("questions", (*_QUESTION_FIELDS, "modulename"), tables.questions),
        ("subquestions", _QUESTION_FIELDS, tables.subquestions),
        (
            "question_l10ns",
            ("id", "qid", "question", "help", "script", "language"),
            tables.question_l10ns,
        ),
        ("question_attributes", ("qid", "attribute", "value", "language"), tables.attributes),
        ("surveys", _SURVEY_FIELDS, [{**_SURVEY_SETTINGS, "sid": str(survey.sid)}]),
        ("surveys_languagesettings", tuple(settings), [settings]),
    ]


def lss(survey: Survey) -> bytes:
    """The survey structure file (``.lss``)."""
    body = xml_document(lss_tables(survey))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


_SURVEY_SETTINGS = {
    "gsid": "1",
    "language": LANGUAGE,
    "additional_languages": "",
    "anonymized": "Y",
    "format": "G",
    "datestamp": "N",
    "ipaddr": "N",
    "refurl": "N",
    "usecookie": "N",
    "allowprev": "Y",
    "showprogress": "Y",
}
"""Anonymous answers, no date, address or referrer kept: the report needs none of them."""
_SURVEY_FIELDS = ("sid", *_SURVEY_SETTINGS)


# --- tab-separated text ------------------------------------------------------------------------

_TSV_FIELDS = (
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "mandatory",
    "other",
    "max_answers",
)


_FORMULA = {"=": "&#61;", "+": "&#43;", "-": "&#45;", "@": "&#64;"}
"""A spreadsheet runs a cell starting with one of these; LimeSurvey's manual has the file edited
in one. The character is written as its HTML reference instead: LimeSurvey shows the same
character, a spreadsheet sees text."""


def _inert(value: str) -> str:
    return _FORMULA[value[0]] + value[1:] if value[:1] in _FORMULA else value


def _tsv_question(survey: Survey, item: CodedQuestion) -> Iterator[dict[str, str]]:
    """A question's row, then its sub-questions' and its answers' rows."""
    question = item.question
    yield {
        "class": "Q",
        "type/scale": _type(question)[0],
        "name": item.code,
        "relevance": "1",
        "text": survey.text(question.text),
        "help": survey.text(question.hint or ""),
        "language": LANGUAGE,
        "mandatory": "N",
        "other": "N",
        "max_answers": str(MAX_ANSWERS.get(question.id, "")),
    }
    labels = _row_labels(question)
    for code, key in item.rows.items():
        yield {
            "class": "SQ",
            "type/scale": "0",
            "name": code,
            "relevance": "1",
            "text": survey.text(labels[key]),
            "language": LANGUAGE,
        }
    by_code = {choice.code: choice.label for choice in question.choices}
    for code, key in item.answers.items():
        yield {
            "class": "A",
            "type/scale": "0",
            "name": code,
            "text": survey.text(by_code[key]),
            "language": LANGUAGE,
        }


def tsv(survey: Survey) -> bytes:
    """LimeSurvey's tab-separated survey format (``.txt``)."""
    settings = {k: v for k, v in _SURVEY_SETTINGS.items() if v and k != "gsid"}
    texts = {
        "surveyls_title": survey.title,
        "surveyls_description": survey.description,
        "surveyls_welcometext": survey.welcome,
    }
    rows: list[dict[str, str]] = [
        {"class": "S", "name": "sid", "text": str(survey.sid)},
        *({"class": "S", "name": k, "text": v} for k, v in settings.items()),
        *(
            {"class": "SL", "name": k, "text": survey.text(v), "language": LANGUAGE}
            for k, v in texts.items()
        ),
    ]
    current = 0
    for gid, item in survey.questions:
        if gid != current:
            current = gid
            rows.append(
                {
                    "class": "G",
                    "type/scale": f"G{gid}",
                    "name": survey.text(survey.sections[gid - 1].title),
                    "relevance": "1",
                    "language": LANGUAGE,
                }
            )
        rows.extend(_tsv_question(survey, item))
    rows = [{key: _inert(value) for key, value in row.items()} for row in rows]
    out = io.StringIO()
    writer = csv.DictWriter(
        out, _TSV_FIELDS, delimiter="\t", lineterminator="\n", extrasaction="raise"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --- the documents ------------------------------------------------------------------------------


def surveys(ctx: RenderContext) -> dict[str, Survey]:
    event = ctx.event
    day = day_long(event.date)
    inclusive = event.communication.inclusive
    return {
        "evaluation": Survey(
            survey_id(ctx.slug, "evaluation"),
            f"Questionnaire d'évaluation — {event.title}",
            f"Évaluation de la rencontre RéZolutions numériques du {day}.",
            f"Merci d'avoir participé à la rencontre du {day}. Vos réponses nous aident à "
            "préparer les prochaines rencontres : comptez cinq minutes. Elles restent anonymes, "
            "sauf si vous choisissez de laisser votre adresse à la fin.",
            evaluation_sections(event),
            inclusive,
        ),
        "consultation": Survey(
            survey_id(ctx.slug, "consultation"),
            f"Consultation des responsables associatifs — {event.title}",
            f"Sujets prioritaires pour la rencontre RéZolutions numériques du {day}.",
            "Quels sujets voulez-vous voir traités lors de la rencontre ? Vos réponses nous "
            "aident à construire le programme : comptez cinq minutes.",
            consultation_sections(),
            inclusive,
        ),
    }


_DESCRIPTIONS = {
    "evaluation": "Questionnaire d'évaluation",
    "consultation": "Consultation des responsables associatifs",
}


@document("form_imports")
def form_imports(ctx: RenderContext) -> Iterator[OutputFile]:
    for name, survey in surveys(ctx).items():
        what = _DESCRIPTIONS[name]
        yield OutputFile(f"{name}.lss", lss(survey), f"{what} à importer dans LimeSurvey (.lss)")
        yield OutputFile(
            f"{name}.limesurvey.txt",
            tsv(survey),
            f"{what} à importer dans LimeSurvey (format texte à tabulations)",
        )
