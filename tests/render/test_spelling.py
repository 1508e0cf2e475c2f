"""Every generated text, of every example and of generated events, spelled as French.

The words are checked by hunspell with Debian's French dictionary (hunspell-fr); the
few words it does not know and that are right are listed, reviewed, in
tests/accepted-words.txt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rzn.render import build_documents
from rzn.render.context import RenderContext
from rzn.render.environment import environment
from rzn.render.registry import all_documents
from tests.conftest import EXAMPLES
from tests.render.test_grammar import VENUES, make_event
from tests.spelling import document_text, hunspell, unknown_words, words

TODAY = dt.date(2027, 9, 1)


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_every_generated_text_of_every_example_is_spelled_right(example):
    hunspell()
    report, files = build_documents(str(EXAMPLES / example / "event.yaml"), TODAY)
    assert not report.failed
    found: dict[str, set[str]] = {}
    for output in files:
        text = document_text(output.path, output.content)
        if text is not None:
            for word in words(text):
                found.setdefault(word, set()).add(output.path)
    assert len(found) > 500  # the documents were read, not skipped
    wrong = unknown_words(set(found))
    assert {word: sorted(found[word]) for word in wrong} == {}


def test_generated_events_are_spelled_right():
    hunspell()
    found: set[str] = set()
    builders = all_documents()
    for index, venue in enumerate(VENUES):
        event = make_event(
            venue=venue,
            format=("in_person", "hybrid", "online")[index % 3],
            inclusive=index % 2 == 0,
            recording=index % 2 == 1,
        )
        ctx = RenderContext(event, TODAY, environment(()), Path("."))
        for builder in builders.values():
            for output in builder(ctx):
                text = document_text(output.path, output.content)
                if text is not None:
                    found |= words(text)
    assert unknown_words(found) == set()


def test_a_misspelt_word_is_caught():
    hunspell()
    assert unknown_words(words("Les assosiations se réunisent à la Maison des associations.")) == {
        "assosiations",
        "réunisent",
    }
