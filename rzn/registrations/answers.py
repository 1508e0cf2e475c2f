"""Rows of an evaluation export → answers by question id.

The questions are those of :mod:`rzn.questionnaire`, the same the printed
questionnaire shows. A column is recognised, in this order, by:

1. the event file's ``answer_columns`` (question id → column name);
2. a question id between brackets in its name, as ``evaluation.md`` tells
   organisers to keep them (« Globalement… [overall_satisfaction] »);
3. the id itself, written any way (Framaforms' ``overall_satisfaction``,
   LimeSurvey's ``overallsatisfaction`` or ``itemsatisfaction[atelier]``);
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rzn.model.event import Address, Event
from rzn.questionnaire import ABSTENTIONS, OTHER, PRIVATE, Question, questions
from rzn.registrations.choices import NO_CHOICE, Matcher
from rzn.registrations.table import RowProblem, Table
from rzn.registrations.text import (
    compact,
    did_you_mean,
    fold,
    gender_variants,
    quoted_list,
    words,
)

_BRACKETS = re.compile(r"\[([^\[\]]+)\]")
_OPTION = re.compile(r"^(.*?)\s*\[(.+)\]\s*$", re.DOTALL)
_PAREN_ENDING = re.compile(r"\(\s*(e|es|s|ne|le)\s*\)", re.IGNORECASE)


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
class _Spec:
    column: str
    question: Question
    other_text: str = ""
    """The question in the other form of address: a form made before the event file chose
    ``communication.address`` keeps its headers."""


def column_specs(event: Event) -> list[_Spec]:
    """Every column the report reads (never the private ones), in questionnaire order."""
    flipped = Address.VOUS if event.communication.address is Address.TU else Address.TU
    other = event.model_copy(
        update={"communication": event.communication.model_copy(update={"address": flipped})}
    )
    other_texts = {question.id: question.text for question in questions(other)}
    return [
        _Spec(column, question, other_texts.get(question.id, ""))
        for question in questions(event)
        if question.id not in PRIVATE
        for column in question.columns
    ]


def header_score_for(event: Event) -> Callable[[tuple[str, ...]], int]:
    """Rates a candidate header row by the questionnaire columns it names."""
    specs = column_specs(event)
    lookup = _Lookup(specs)

    def score(header: tuple[str, ...]) -> int:
        return len(_resolve(header, specs, {}, lookup)[0])

    return score


def read_answers(table: Table, event: Event, overrides: dict[str, str] | None = None) -> Answers:
    result = Answers(table)
    if table.fatal is not None:
        return result
    specs = column_specs(event)
    by_column = {spec.column: spec for spec in specs}
    result.columns, result.options, result.mapping_problems = _resolve(
        table.header, specs, overrides or {}
    )
    questions_found = {by_column[c].question.id for c in result.columns} | set(result.options)
    result.missing = [
        q_id for q_id in dict.fromkeys(s.question.id for s in specs) if q_id not in questions_found
    ]
    if not result.columns and not result.options:
        if not result.mapping_problems:
            table.fatal = (
                "Aucune colonne du questionnaire d'évaluation reconnue parmi "
                f"{quoted_list(h for h in table.header if h)}. Gardez les identifiants des "
                "questions (entre crochets dans evaluation.md) dans les intitulés du formulaire, "
                "ou indiquez les colonnes dans le fichier d'événement : answer_columns: "
                '{overall_satisfaction: "Note globale"} (voir docs/colonnes.md).'
            )
        return result
    readers = {
        spec.column: _ValueReader(
            spec.question,
            _column_scale([row.get(result.columns[spec.column]) for row in table.rows])
            if spec.column in result.columns and _ordinal(spec.question)
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
            if not raw:
                continue
            question = by_column[column].question
            reader = readers[column]
            if question.kind == "text":
                response.texts[column] = raw
            elif question.kind == "multiple":
                codes, pieces = reader.many(raw)
                if codes:
                    response.multiple[column] = frozenset(codes)
                for piece in pieces:
                    key = (column, words(piece))
                    unknown.setdefault(key, []).append(row.line)
                    shown.setdefault(key, piece)
            else:
                code = reader.one(raw)
                covered = reader.group(raw) if code is None else None
                if covered is not None and len(covered) == 1:
                    response.choices[column] = next(iter(covered))
                elif covered is not None:
                    response.groups[column] = covered
                elif code is None:
                    key = (column, words(raw))
                    unknown.setdefault(key, []).append(row.line)
                    shown.setdefault(key, raw)
                else:
                    response.choices[column] = code
        for question_id, options in result.options.items():
            ticked = {code for index, code in options if _ticked(row.get(index))}
            if ticked:
                response.multiple[question_id] = frozenset(
                    ticked | response.multiple.get(question_id, frozenset())
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


def _ticked(value: str) -> bool:
    text = words(value)
    return bool(text) and text not in NO_CHOICE and text not in {"n", "no", "0", "false", "faux"}


_NUMBER = re.compile(
    r"^(\d{1,2})\s*(?:/\s*(\d{1,2}))?\s*(?:etoiles?|stars?|points?|pts?|sur\s+(\d{1,2}))?\.?$"
)
_STARS = frozenset("★⭐✭✮🌟")
_EMPTY_STARS = frozenset("☆✩")
_YES = frozenset({"oui", "yes", "o", "y"})
_NO = frozenset({"non", "no", "n"})
_BEST_FIRST = frozenset({"very-satisfied", "very-useful", "very-good"})
"""First choice of the four-level scales a number can answer."""


@dataclass(frozen=True)
class Scale:
    """The numbers a column's answers use: ``low`` is the worst, ``high`` the best."""

    low: int
    high: int


def _number(raw: str) -> tuple[int, int | None] | None:
    """``4`` → (4, None); ``4/5``, ``4 sur 5`` → (4, 5); ``★★★★☆`` → (4, 5)."""
    text = raw.strip()
    if text and all(c in _STARS or c in _EMPTY_STARS or c.isspace() for c in text):
        full = sum(c in _STARS for c in text)
        empty = sum(c in _EMPTY_STARS for c in text)
        return full, (full + empty) if empty else None
    match = _NUMBER.match(fold(text))
    if match is None:
        return None
    value = int(match.group(1))
    top = match.group(2) or match.group(3)
    return value, int(top) if top else None


def _column_scale(values: list[str]) -> Scale | None:
    """The scale of a column of numbers: out of its « /N » if said, else 5 or 10.

    Up to 5 the scale is 1 to 5, above it 1 to 10; it starts at 0 when someone answered 0.
    """
    numbers = [n for n in (_number(v) for v in values if v) if n is not None]
    if not numbers:
        return None
    tops = [top for _, top in numbers if top]
    high = max(tops) if tops else (5 if max(v for v, _ in numbers) <= 5 else 10)
    low = 0 if any(v == 0 for v, _ in numbers) else 1
    return Scale(low, high) if high > low else None


def scale_level(value: int, scale: Scale) -> int | None:
    """Which of four levels, best first (0) to worst (3), a number stands for.

    Its position on the scale, from 0 (worst) to 1 (best): 0.8 and above is the best level,
    from 0.6 the second, above 0.3 the third, the rest the worst. So 5/5 is « très », 4/5
    « plutôt », 3/5 — the middle — « plutôt pas » (a neutral answer is not a satisfied one),
    1 and 2 « pas du tout »; on 0 to 10: 8 to 10, 6 and 7, 4 and 5, 0 to 3.
    """
    if not scale.low <= value <= scale.high:
        return None
    position = (value - scale.low) / (scale.high - scale.low)
    if position >= 0.8:
        return 0
    if position >= 0.6:
        return 1
    if position > 0.3:
        return 2
    return 3


def _ordinal(question: Question) -> bool:
    opinions = [c for c in question.choices if c.code not in ABSTENTIONS]
    return len(opinions) == 4 and opinions[0].code in _BEST_FIRST


_AGE_BOUNDS = {
    "under-25": (0, 24),
    "25-34": (25, 34),
    "35-44": (35, 44),
    "45-54": (45, 54),
    "55-64": (55, 64),
    "65-plus": (65, 200),
}
_AGE_RANGE = re.compile(r"^(?:de\s+)?(\d{1,3})\s*(?:-|a|à|–)\s*(\d{1,3})(?:\s*ans?)?$")
_AGE_FROM = re.compile(
    r"^(?:(?:plus\s+de|a\s+partir\s+de|des)\s+)?(\d{1,3})\s*(?:ans?)?\s*"
    r"(?:et\s+plus|ou\s+plus|\+|et\s+\+)$"
    r"|^(?:plus\s+de|a\s+partir\s+de)\s+(\d{1,3})\s*(?:ans?)?$"
)
"""« 45 ans et plus », « 45+ », « à partir de 45 ans », « plus de 65 ans » (as forms mean it)."""
_AGE_UNDER = re.compile(r"^(?:moins\s+de|jusqu'a|avant)\s+(\d{1,3})\s*(?:ans?)?$")


def age_label(codes: Sequence[str]) -> str | None:
    """« 45 ans et plus » for the bands from 45 up; ``None`` if these are not age bands."""
    if not codes or any(c not in _AGE_BOUNDS for c in codes):
        return None
    low = min(_AGE_BOUNDS[c][0] for c in codes)
    high = max(_AGE_BOUNDS[c][1] for c in codes)
    if high >= 200:
        return f"{low} ans et plus"
    if low == 0:
        return f"Moins de {high + 1} ans"
    return f"{low} à {high} ans"


def age_bands(raw: str) -> frozenset[str] | None:
    """The bands an age range covers, if it covers whole bands: « 45 ans et plus » → 3 bands.

    ``None`` when the range cuts a band (« 18-29 ans »): it cannot be counted in rzn's bands.
    """
    text = " ".join(fold(raw).replace("ans et +", "ans et plus").split())
    low: int | None = None
    high: int | None = None
    if match := _AGE_RANGE.match(text):
        low, high = int(match.group(1)), int(match.group(2))
    elif match := _AGE_FROM.match(text):
        low, high = int(match.group(1) or match.group(2)), 200
    elif match := _AGE_UNDER.match(text):
        low, high = 0, int(match.group(1)) - 1
    if low is None or high is None or low > high:
        return None
    covered = {code for code, (a, b) in _AGE_BOUNDS.items() if a >= low and b <= high}
    touched = {code for code, (a, b) in _AGE_BOUNDS.items() if a <= high and b >= low}
    if not covered or covered != touched:
        return None
    return frozenset(covered)


class _ValueReader:
    def __init__(self, question: Question, scale: Scale | None = None) -> None:
        self.question = question
        self.scale = scale
        self.opinions = [c.code for c in question.choices if c.code not in ABSTENTIONS]
        self.ordinal = _ordinal(question)
        self.ages = question.id == "age_band"
        self.by_words: dict[str, str] = {}
        self.by_code: dict[str, str] = {}
        names: list[tuple[str, str]] = []
        for choice in question.choices:
            self.by_code.setdefault(compact(choice.code), choice.code)
            for variant in {words(choice.label), *gender_variants(choice.label)}:
                self.by_words.setdefault(variant, choice.code)
            names.append((choice.label, choice.code))
            names.append((choice.code, choice.code))
            names.extend((variant, choice.code) for variant in gender_variants(choice.label))
        self.matcher: Matcher[str] = Matcher(names)
        self.has_other = any(c.code == OTHER for c in question.choices)

    def one(self, raw: str) -> str | None:
        text = _PAREN_ENDING.sub(r"\1", raw)
        found = self.by_words.get(words(text)) or self.by_code.get(compact(text))
        if found is None and self.ordinal:
            found = self._level(text)
        if found is None and self.has_other:
            # Typed in the form's « Autre » box: it counts as « other », and is never quoted.
            return OTHER
        return found

    def _level(self, text: str) -> str | None:
        said = words(text)
        if said in _YES:
            return self.opinions[1]
        if said in _NO:
            return self.opinions[2]
        number = _number(text)
        if number is None or self.scale is None:
            return None
        value, top = number
        scale = Scale(self.scale.low, top) if top else self.scale
        level = scale_level(value, scale)
        return self.opinions[level] if level is not None else None

    def group(self, raw: str) -> frozenset[str] | None:
        """The choices a coarser answer covers (ages only), if it covers whole choices."""
        if not self.ages:
            return None
        return age_bands(raw)

    def many(self, raw: str) -> tuple[list[str], list[str]]:
        match = self.matcher.split(_PAREN_ENDING.sub(r"\1", raw))
        codes = list(match.found)
        pieces = list(match.unknown)
        if pieces and self.has_other:
            if OTHER not in codes:
                codes.append(OTHER)
            pieces = []
        return codes, pieces


class _Lookup:
    """The questionnaire's ids and texts, folded once for every header compared."""

    def __init__(self, specs: list[_Spec]) -> None:
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


def _resolve(
    header: tuple[str, ...],
    specs: list[_Spec],
    overrides: dict[str, str],
    lookup: _Lookup | None = None,
) -> tuple[dict[str, int], dict[str, list[tuple[int, str]]], list[tuple[str, str]]]:
    columns: dict[str, int] = {}
    options: dict[str, list[tuple[int, str]]] = {}
    problems: list[tuple[str, str]] = []
    taken: set[int] = set()
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
        taken.add(index)

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
        # 3. the id itself, any spelling.
        if assign(by_compact.get(compact(name)), index):
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
