"""Short codes for form tools that limit them: LimeSurvey's question, sub-question and answer codes.

LimeSurvey wants question codes of at most 20 letters and digits starting with a letter,
sub-question codes of at most 20 letters and digits, and answer codes of at most 5. rzn's ids
(``overall_satisfaction``, ``item_satisfaction.atelier-donnees``, ``very-satisfied``) are longer
and contain ``_``, ``.`` and ``-``. The survey files ``rzn render`` writes use the codes below,
and ``rzn report`` reads a LimeSurvey export of those surveys through the same functions, so the
mapping needs no ``answer_columns``.

The rules depend on the id alone (never on its position in the questionnaire), so a code stays
the same from one version of rzn to the next as long as the id does:

- question and sub-question codes: the id's letters and digits, lower case
  (``overall_satisfaction`` → ``overallsatisfaction``); over 20 characters, the first 16 and
  4 hexadecimal digits of the id's SHA-1 (``accessibility_satisfaction`` →
  ``accessibilitysat7c97``); a question code starting with a digit gets a ``q`` first;
- answer codes: the choice code's letters and digits when they are at most 5 and start with a
  letter (``good``, ``no``, ``other``); else, for a one-word code, its first 5 letters
  (``satisfied`` → ``satis``); for several words, the first letter of each word and numbers
  whole (``very-satisfied`` → ``vs``, ``under-25`` → ``u25``), with an ``a`` first when that
  starts with a digit (``25-34`` → ``a2534``), cut to 5.

Within one question, a code already taken gets its last character replaced by a digit (2, 3…)
in the order of the choices; tests keep every code of both questionnaires unique.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rzn.questionnaire import ITEM_PREFIX, Question

QUESTION_CODE_MAX = 20
ANSWER_CODE_MAX = 5
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_RESERVED = frozenset(
    {"LANG", "SID", "SAVEDID", "TOKEN", "QID", "GID", "SGQ", "self", "that", "this", "time"}
)
"""Words LimeSurvey's expression engine keeps for itself (``time`` for sub-questions)."""


def _letters(identifier: str) -> str:
    return "".join(_ALNUM.findall(identifier)).lower()


def long_code(identifier: str) -> str:
    """A question or sub-question code: at most 20 letters and digits."""
    text = _letters(identifier)
    if len(text) > QUESTION_CODE_MAX:
        digest = hashlib.sha1(identifier.encode("utf-8")).hexdigest()[:4]
        text = text[: QUESTION_CODE_MAX - 4] + digest
    if text in _RESERVED:
        text = f"{text}x"
    return text


def question_code(question_id: str) -> str:
    code = long_code(question_id)
    return code if code[:1].isalpha() else f"q{code}"[:QUESTION_CODE_MAX]


def answer_code(choice_code: str) -> str:
    """A LimeSurvey answer code (at most 5 letters and digits, a letter first)."""
    whole = _letters(choice_code)
    if len(whole) <= ANSWER_CODE_MAX and whole[:1].isalpha():
        return whole
    parts = [p.lower() for p in _ALNUM.findall(choice_code)]
    if len(parts) == 1:
        short = parts[0][:ANSWER_CODE_MAX]
    else:
        short = "".join(p if p.isdigit() else p[0] for p in parts)
    if not short[:1].isalpha():
        short = f"a{short}"
    return short[:ANSWER_CODE_MAX]


def _unique(codes: Iterable[tuple[str, str]], limit: int) -> dict[str, str]:
    """``{key: code}`` with no code twice (compared without case, as LimeSurvey does)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for key, code in codes:
        candidate = code
        counter = 2
        while candidate.lower() in taken:
            suffix = str(counter)
            candidate = code[: limit - len(suffix)] + suffix
            counter += 1
        taken.add(candidate.lower())
        result[key] = candidate
    return result


def answer_codes(choice_codes: Iterable[str]) -> dict[str, str]:
    """Choice code → answer code, unique within one question."""
    return _unique(((c, answer_code(c)) for c in choice_codes), ANSWER_CODE_MAX)


def subquestion_codes(keys: Iterable[str]) -> dict[str, str]:
    """Row or option key → sub-question code, unique within one question."""
    return _unique(((k, long_code(k)) for k in keys), QUESTION_CODE_MAX)


@dataclass(frozen=True)
class CodedQuestion:
    """One question as a form tool with short codes holds it."""

    question: Question
    code: str
    rows: dict[str, str]
    """Sub-question code → column id (grid rows) or choice code (multiple choice options)."""
    answers: dict[str, str]
    """Answer code → choice code (single choice and grid questions)."""


def coded(question: Question) -> CodedQuestion:
    rows: dict[str, str] = {}
    answers: dict[str, str] = {}
    if question.kind == "grid":
        keys = {row.id.removeprefix(ITEM_PREFIX): row.id for row in question.rows}
        rows = {code: keys[key] for key, code in subquestion_codes(keys).items()}
    elif question.kind == "multiple":
        rows = {
            code: key for key, code in subquestion_codes(c.code for c in question.choices).items()
        }
    if question.kind in {"single", "grid"}:
        answers = {
            code: key for key, code in answer_codes(c.code for c in question.choices).items()
        }
    return CodedQuestion(question, question_code(question.id), rows, answers)
