"""Rows of an evaluation export → answers by question id.

The questions are those of :mod:`rzn.questionnaire`, the same the printed
questionnaire shows. A column is recognised, in this order, by:

1. the event file's ``answer_columns`` (question id → column name);
2. a question id between brackets in its name, as ``evaluation.md`` tells
   organisers to keep them (« Globalement… [overall_satisfaction] »);
3. the id itself, written any way (Framaforms' ``overall_satisfaction``,
   LimeSurvey's ``overallsatisfaction`` or ``itemsatisfaction[atelier]``), or the short code
   of the LimeSurvey survey files ``rzn render`` writes (:mod:`rzn.registrations.form_codes`:
   ``itemsatisfaction[atelierdonnees3f2a]``, ``nexttopics_data``), whose answer codes
   (``vs``, ``satis``) are read as the choices they stand for;
4. the question's text (Google Forms names columns after the question), with
   ``Question [Ligne]`` for grid rows and ``Question [Choix]`` for one column
   per choice (LimeSurvey).

A value is recognised by its choice code or its label (accents, case and
« ·e » endings aside). Forms people made themselves are read too:

- a four-level scale (satisfaction, usefulness, connection) answered with a
  number — 1 to 5, 0 to 10, 1 to 10, « 4/5 », « 4 étoiles », ★★★★☆ — is
  mapped by :func:`scale_level` (docs/colonnes.md gives the table);
  « oui » and « non » count as the moderate level on their side;
- an age answered with a coarser cut (« 45 ans et plus », « 25-44 ans ») is
  kept as the set of rzn's bands it covers, when it covers whole bands
  (:func:`age_bands`); the report then shows the groups the data allows;
- a question with an « Autre » choice takes any other text (« Autre : … ») as
  that choice, never quoted.

A value still not understood is reported with its lines, counted among the
« non reconnues » of the report; the person's other answers still count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rzn.model.event import Address, Event
from rzn.questionnaire import PRIVATE, Question, questions
from rzn.registrations.form_codes import CodedQuestion, coded
from rzn.registrations.scales import column_scale
from rzn.registrations.table import RowProblem, Table
from rzn.registrations.text import (
    compact,
    did_you_mean,
    gender_variants,
    quoted_list,
    words,
)
from rzn.registrations.values import ValueReader, ordinal, ticked

_BRACKETS = re.compile(r"\[([^\[\]]+)\]")
_OPTION = re.compile(r"^(.*?)\s*\[(.+)\]\s*$", re.DOTALL)


@dataclass(frozen=True)
class Response:
    line: int
    choices: dict[str, str] = field(default_factory=dict)
    """Single-choice and grid-row column id → choice code."""
    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    """Column id → the choice codes a coarser answer covers (« 45 ans et plus »)."""
    multiple: dict[str, frozenset[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def answered(self, column: str) -> bool:
        return (
            column in self.choices
            or column in self.groups
            or column in self.multiple
            or column in self.texts
        )


@dataclass(frozen=True)
class UnknownValue:
    column: str
    """Question id (or grid-row id)."""
    header: str
    value: str
    lines: tuple[int, ...]
    suggestion: str | None


@dataclass
class Answers:
    table: Table
    columns: dict[str, int] = field(default_factory=dict)
    """Column id → index in the export."""
    options: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Multiple-choice question id → (index, choice code) for one-column-per-choice exports."""
    responses: list[Response] = field(default_factory=list)
    empty_rows: list[int] = field(default_factory=list)
    """Rows without any answer to the questionnaire (started and abandoned forms)."""
    unknown_values: list[UnknownValue] = field(default_factory=list)
    mapping_problems: list[tuple[str, str]] = field(default_factory=list)
    """(column id, French message) for ``answer_columns`` naming a missing column."""
    missing: list[str] = field(default_factory=list)
    """Question ids the export has no column for."""

    @property
    def fatal(self) -> str | None:
        return self.table.fatal

    @property
    def file(self) -> str:
        return self.table.file

    @property
    def problems(self) -> list[RowProblem]:
        return self.table.problems

    def found(self, column: str) -> bool:
        return column in self.columns or bool(self.options.get(column))


@dataclass(frozen=True)
class ColumnSpec:
    column: str
    question: Question
    other_text: str = ""
    """The question in the other form of address: a form made before the event file chose
    ``communication.address`` keeps its headers."""


def column_specs(event: Event) -> list[ColumnSpec]:
    """Every column the report reads (never the private ones), in questionnaire order."""
    flipped = Address.VOUS if event.communication.address is Address.TU else Address.TU
    other = event.model_copy(
        update={"communication": event.communication.model_copy(update={"address": flipped})}
    )
    other_texts = {question.id: question.text for question in questions(other)}
    return specs_of(
        [question for question in questions(event) if question.id not in PRIVATE], other_texts
    )


def specs_of(asked: list[Question], other_texts: dict[str, str]) -> list[ColumnSpec]:
    """The columns of these questions; ``other_texts``: question id → the other address's text.

    Any questionnaire is read this way (the consultation's too, see rzn.report.consultation).
    """
    return [
        ColumnSpec(column, question, other_texts.get(question.id, ""))
        for question in asked
        for column in question.columns
    ]


def header_score_for(event: Event) -> Callable[[tuple[str, ...]], int]:
    """Rates a candidate header row by the questionnaire columns it names."""
    return header_score_of(column_specs(event))


def header_score_of(specs: list[ColumnSpec]) -> Callable[[tuple[str, ...]], int]:
    """Rates a candidate header row by the columns of ``specs`` it names."""
    lookup = _Lookup(specs)

    def score(header: tuple[str, ...]) -> int:
        return len(_resolve(header, specs, {}, lookup)[0])

    return score


_NOTHING_RECOGNISED = (
    "Aucune colonne du questionnaire d'évaluation reconnue parmi {headers}. Gardez les "
    "identifiants des questions (entre crochets dans evaluation.md) dans les intitulés du "
    "formulaire, ou indiquez les colonnes dans le fichier d'événement : answer_columns: "
    '{{overall_satisfaction: "Note globale"}} (voir docs/colonnes.md).'
)


def read_answers(table: Table, event: Event, overrides: dict[str, str] | None = None) -> Answers:
    return read_answers_of(table, column_specs(event), overrides or {}, _NOTHING_RECOGNISED)


def read_answers_of(
    table: Table, specs: list[ColumnSpec], overrides: dict[str, str], nothing_recognised: str
) -> Answers:
    """The answers to the questions of ``specs``; ``nothing_recognised``: the French message
    when no column is recognised (``{headers}`` is replaced by the export's headers)."""
    result = Answers(table)
    if table.fatal is not None:
        return result
    by_column = {spec.column: spec for spec in specs}
    result.columns, result.options, result.mapping_problems = _resolve(
        table.header, specs, overrides
    )
    questions_found = {by_column[c].question.id for c in result.columns} | set(result.options)
    result.missing = [
        q_id for q_id in dict.fromkeys(s.question.id for s in specs) if q_id not in questions_found
    ]
    if not result.columns and not result.options:
        if not result.mapping_problems:
            table.fatal = nothing_recognised.format(
                headers=quoted_list(h for h in table.header if h)
            )
        return result
    readers = {
        spec.column: ValueReader(
            spec.question,
            column_scale([row.get(result.columns[spec.column]) for row in table.rows])
            if spec.column in result.columns and ordinal(spec.question)
            else None,
        )
        for spec in specs
    }
    unknown: dict[tuple[str, str], list[int]] = {}
    shown: dict[tuple[str, str], str] = {}
    for row in table.rows:
        response = Response(row.line)
        for column, index in result.columns.items():
            raw = row.get(index)
            if raw:
                for piece in _read_cell(response, column, readers[column], raw):
                    key = (column, words(piece))
                    unknown.setdefault(key, []).append(row.line)
                    shown.setdefault(key, piece)
        for question_id, options in result.options.items():
            chosen = {code for index, code in options if ticked(row.get(index))}
            if chosen:
                response.multiple[question_id] = frozenset(
                    chosen | response.multiple.get(question_id, frozenset())
                )
        if response.choices or response.groups or response.multiple or response.texts:
            result.responses.append(response)
        else:
            result.empty_rows.append(row.line)
    for (column, value_key), lines in unknown.items():
        question = by_column[column].question
        value = shown[(column, value_key)]
        result.unknown_values.append(
            UnknownValue(
                column,
                table.header[result.columns[column]],
                value,
                tuple(lines),
                did_you_mean(value, [c.label for c in question.choices]),
            )
        )
    return result


def _read_cell(response: Response, column: str, reader: ValueReader, raw: str) -> list[str]:
    """Records one answer in ``response``; returns what was not understood."""
    kind = reader.question.kind
    if kind == "text":
        response.texts[column] = raw
        return []
    if kind == "multiple":
        codes, pieces = reader.many(raw)
        if codes:
            response.multiple[column] = frozenset(codes)
        return pieces
    code = reader.one(raw)
    covered = reader.group(raw) if code is None else None
    if covered is not None and len(covered) == 1:
        response.choices[column] = next(iter(covered))
    elif covered is not None:
        response.groups[column] = covered
    elif code is None:
        return [raw]
    else:
        response.choices[column] = code
    return []


class _Lookup:
    """The questionnaire's ids and texts, folded once for every header compared."""

    def __init__(self, specs: list[ColumnSpec]) -> None:
        self.by_id = {spec.column.lower(): spec.column for spec in specs}
        self.by_compact = {compact(spec.column): spec.column for spec in specs}
        self.by_text: dict[str, str] = {}
        self.grids: dict[str, Question] = {}
        self.multiples: dict[str, Question] = {}
        for spec in specs:
            question = spec.question
            texts = {
                variant
                for text in {question.text, spec.other_text} - {""}
                for variant in (words(text), *gender_variants(text))
            }
            for text in texts:
                if question.kind == "grid":
                    self.grids[text] = question
                else:
                    self.by_text.setdefault(text, spec.column)
            if question.kind == "multiple":
                self.multiples[compact(question.id)] = question
                for text in texts:
                    self.multiples[text] = question
        self.options: dict[str, tuple[str, str]] = {}
        """LimeSurvey's ``code[SQ]`` or ``code_SQ`` (compacted) → (question id, choice code)."""
        for question in {spec.question.id: spec.question for spec in specs}.values():
            self._add_codes(coded(question))

    def _add_codes(self, item: CodedQuestion) -> None:
        """The short codes of the survey files rzn writes for LimeSurvey (see form_codes)."""
        question = item.question
        if question.kind == "grid":
            for sub, column in item.rows.items():
                self.by_compact.setdefault(compact(item.code + sub), column)
            return
        self.by_compact.setdefault(compact(item.code), question.id)
        if question.kind == "multiple":
            self.multiples.setdefault(compact(item.code), question)
            for sub, choice in item.rows.items():
                self.options.setdefault(compact(item.code + sub), (question.id, choice))


def _overridden(
    header: tuple[str, ...], specs: list[ColumnSpec], overrides: dict[str, str]
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """The columns ``answer_columns`` names, and what it names that the export lacks."""
    columns: dict[str, int] = {}
    problems: list[tuple[str, str]] = []
    known = {spec.column for spec in specs}
    by_words: dict[str, int] = {}
    for position, name in enumerate(header):
        by_words.setdefault(words(name), position)
    for column, wanted in overrides.items():
        if column not in known:
            continue  # reported on the event file by registrations-unreadable
        index = by_words.get(words(wanted))
        if index is None:
            close = did_you_mean(wanted, [h for h in header if h])
            hint = f" Vouliez-vous dire « {close} » ?" if close else ""
            problems.append(
                (
                    column,
                    f"la colonne « {wanted} » (answer_columns.{column}) n'existe pas dans "
                    f"l'export.{hint}",
                )
            )
            continue
        columns[column] = index
    return columns, problems


def _resolve(
    header: tuple[str, ...],
    specs: list[ColumnSpec],
    overrides: dict[str, str],
    lookup: _Lookup | None = None,
) -> tuple[dict[str, int], dict[str, list[tuple[int, str]]], list[tuple[str, str]]]:
    options: dict[str, list[tuple[int, str]]] = {}
    columns, problems = _overridden(header, specs, overrides)
    taken = set(columns.values())

    lookup = lookup if lookup is not None else _Lookup(specs)
    by_id, by_compact, by_text = lookup.by_id, lookup.by_compact, lookup.by_text
    grids, multiples = lookup.grids, lookup.multiples

    def assign(column: str | None, index: int) -> bool:
        if column is None or column in columns:
            return False
        columns[column] = index
        taken.add(index)
        return True

    for index, name in enumerate(header):
        if index in taken or not name:
            continue
        # 2. an id between brackets (the innermost brackets; the last one wins).
        tokens = [t.strip() for t in _BRACKETS.findall(name)]
        found = next(
            (
                by_id.get(t.lower()) or by_compact.get(compact(t))
                for t in reversed(tokens)
                if by_id.get(t.lower()) or by_compact.get(compact(t))
            ),
            None,
        )
        if assign(found, index):
            continue
        # 3. the id itself, any spelling, or its LimeSurvey code.
        if assign(by_compact.get(compact(name)), index):
            continue
        option_code = lookup.options.get(compact(name))
        if option_code is not None:
            options.setdefault(option_code[0], []).append((index, option_code[1]))
            taken.add(index)
            continue
        # 4. the question's text; grid rows and one-column-per-choice as Question [Part].
        option = _OPTION.match(name)
        if option:
            base, part = option.group(1), option.group(2)
            grid = grids.get(words(base))
            if grid is not None and assign(_grid_row(grid, part), index):
                continue
            multiple = multiples.get(compact(base)) or multiples.get(words(base))
            if multiple is not None:
                code = _choice_of(multiple, part)
                if code is not None:
                    options.setdefault(multiple.id, []).append((index, code))
                    taken.add(index)
                    continue
        text = words(name)
        assign(
            by_text.get(text)
            or next((col for t, col in by_text.items() if t and text.endswith(" " + t)), None),
            index,
        )
    return columns, options, problems


def _grid_row(grid: Question, part: str) -> str | None:
    """The grid row whose item title the bracket names (« 09:30 Titre (atelier) »)."""
    text = words(part)
    best: tuple[int, str] | None = None
    for row in grid.rows:
        title = words(row.item.title)
        named = title and (text == title or f" {title} " in f" {text} ")
        if named and (best is None or len(title) > best[0]):
            best = (len(title), row.id)
    return best[1] if best else None


def _choice_of(question: Question, part: str) -> str | None:
    for choice in question.choices:
        if compact(part) == compact(choice.code):
            return choice.code
        if words(part) in {words(choice.label), *gender_variants(choice.label)}:
            return choice.code
    return None


def unknown_value_message(unknown: UnknownValue) -> str:
    """``lignes 4, 9 : « Bien » n'est pas une réponse prévue…`` (the file name goes before)."""
    from rzn.registrations.text import lines_phrase

    hint = f" Vouliez-vous dire « {unknown.suggestion} » ?" if unknown.suggestion else ""
    count = len(unknown.lines)
    counted = (
        "Cette réponse est comptée comme « non reconnue »"
        if count == 1
        else "Ces réponses sont comptées comme « non reconnues »"
    )
    return (
        f"{lines_phrase(unknown.lines)} : « {unknown.value} » (colonne « {unknown.header} ») "
        f"n'est pas une réponse prévue à la question {unknown.column}.{hint} Remplacez-la par "
        f"l'une des réponses du questionnaire, ou videz la cellule. {counted} dans le bilan."
    )
