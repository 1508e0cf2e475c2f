"""One cell of an evaluation export → the questionnaire's choice codes.

A label written any way, a code (rzn's or LimeSurvey's short one), a number on a scale,
« oui »/« non », an age range cut differently, or text typed in an « Autre » box.
"""

from __future__ import annotations

import re

from rzn.questionnaire import ABSTENTIONS, OTHER, Question
from rzn.registrations.choices import NO_CHOICE, Matcher
from rzn.registrations.form_codes import coded
from rzn.registrations.scales import Scale, age_bands, read_number, scale_level
from rzn.registrations.text import compact, gender_variants, words

_PAREN_ENDING = re.compile(r"\(\s*(e|es|s|ne|le)\s*\)", re.IGNORECASE)
"""« satisfait(e) » reads as « satisfaite », like the inclusive « satisfait·e »."""


def ticked(value: str) -> bool:
    text = words(value)
    return bool(text) and text not in NO_CHOICE and text not in {"n", "no", "0", "false", "faux"}


_YES = frozenset({"oui", "yes", "o", "y"})
_NO = frozenset({"non", "no", "n"})
_BEST_FIRST = frozenset({"very-satisfied", "very-useful", "very-good"})
"""First choice of the four-level scales a number can answer."""


def ordinal(question: Question) -> bool:
    opinions = [c for c in question.choices if c.code not in ABSTENTIONS]
    return len(opinions) == 4 and opinions[0].code in _BEST_FIRST


class ValueReader:
    def __init__(self, question: Question, scale: Scale | None = None) -> None:
        self.question = question
        self.scale = scale
        self.opinions = [c.code for c in question.choices if c.code not in ABSTENTIONS]
        self.ordinal = ordinal(question)
        self.ages = question.id == "age_band"
        self.by_words: dict[str, str] = {}
        self.by_code: dict[str, str] = {}
        names: list[tuple[str, str]] = []
        for choice in question.choices:
            self.by_code.setdefault(compact(choice.code), choice.code)
        for short, choice_code in coded(question).answers.items():
            # LimeSurvey's « codes de réponse » export writes these.
            self.by_code.setdefault(compact(short), choice_code)
        for choice in question.choices:
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
        number = read_number(text)
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
