"""The Jinja environment of a run: one, whose templates are compiled once each."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from rzn.render import build_documents
from rzn.render import environment as environment_module
from tests.conftest import EXAMPLES


def test_each_template_is_compiled_once_for_all_the_events_of_a_run(monkeypatch):
    """Compiling the templates is most of a render's start-up: never twice in one process."""
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
