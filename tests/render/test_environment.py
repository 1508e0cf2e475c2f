"""The Jinja environment of a run: one, whose templates are compiled once each."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from rzn.render import build_documents
from rzn.render import environment as environment_module
from tests.conftest import EXAMPLES


def test_each_template_is_compiled_once_for_all_the_events_of_a_run(monkeypatch):
    """Compiling the templates is most of a render's start-up: never twice in one process."""
    monkeypatch.setenv("RZN_NO_CACHE", "1")  # compiled here, not loaded from an earlier run
    env = environment_module.make_environment()
    compiled: list[str | None] = []
    compile_ = env.compile

    def counting(source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return compile_(source, name, filename, raw, defer_init)

    monkeypatch.setattr(env, "compile", counting)
    made = []

    def environment(user_dirs=()):  # type: ignore[no-untyped-def]
        made.append(user_dirs)
        return env

    monkeypatch.setattr(environment_module, "environment", environment)
    events = ["joue-les-tours-2027", "pontivy-2027", "occitanie-en-ligne-2027"]
    for name in [*events, *events]:
        report, files = build_documents(str(EXAMPLES / name / "event.yaml"), dt.date(2027, 9, 1))
        assert files, report.diagnostics
    twice = [name for name, count in Counter(compiled).items() if count > 1]
    assert twice == []
    assert len(compiled) > 40
    assert set(compiled) <= set(environment_module.list_templates())
    assert made == [()] * 6


# --- md_text: someone's words in a Markdown list, shown and nothing more -------------------

_COMMONMARK = MarkdownIt("commonmark")  # raw HTML allowed, as most wikis' renderers do


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def _shown(item: str) -> tuple[list[str], str]:
    md_text = environment_module.make_environment().filters["md_text"]
    parser = _Tags()
    parser.feed(_COMMONMARK.render("- " + md_text(item) + "\n"))
    return parser.tags, "".join(parser.text).strip()


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab <>[]()!:#>+-*_`\\&;/.1\"'=", "\n", "é", "script", "http://x"]),
        max_size=25,
    ).map("".join)
)
def test_md_text_never_makes_a_tag_a_link_an_image_or_a_block(item):
    tags, text = _shown(item)
    assert set(tags) <= {"ul", "li", "em", "strong", "code"}, (item, tags)
    assert tags[:2] == ["ul", "li"] and tags.count("li") == 1 and tags.count("ul") == 1
    if not set("*_`&") & set(item):  # emphasis and code may change the shown text, not the words
        assert text == " ".join(item.split()), (item, text)


def test_md_text_keeps_plain_words_as_typed():
    md_text = environment_module.make_environment().filters["md_text"]
    assert md_text("Merci [nom retiré], super journée !") == "Merci [nom retiré], super journée !"
    assert md_text("<script>alert(1)</script>") == "\\<script>alert(1)\\</script>"
    assert md_text("[clic](javascript:alert(1))") == "[clic\\](javascript:alert(1))"
    assert md_text("# Titre") == "\\# Titre"
    assert md_text("2027. Une année") == "2027\\. Une année"
