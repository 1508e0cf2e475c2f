"""Property-based fuzzing of load → model → rules.

Whatever the bytes, checking never raises and every diagnostic points
inside the file; a valid event is read back exactly as written, with every
value located, and gets no error from the loader or the schema.

The bounded profile runs in the normal test run; ``RZN_FUZZ=long`` runs
the long one (docs/troubleshooting.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from rzn.check import CheckOptions, check_loaded
from rzn.diagnostics import Diagnostic, Severity
from rzn.load import load_bytes, load_text
from rzn.load.decode import decode
from rzn.load.text import split_lines
from rzn.load.yaml_tree import parse
from rzn.rules.registry import all_rules
from tests.fuzz.strategies import (
    EventFile,
    event_files,
    expected_data,
    fuzz_settings,
    mutated_files,
    shared_documents,
    texts,
)

OPTIONS = CheckOptions(today=dt.date(2027, 9, 1))
FILE = "event.yaml"
LOADER_AND_SCHEMA = {name for name, rule in all_rules().items() if rule.scope == "file"}


def check_bytes(content: bytes) -> list[Diagnostic]:
    return check_loaded(load_bytes(content, FILE), OPTIONS).diagnostics


def assert_located(content: bytes, diagnostics: list[Diagnostic]) -> None:
    """Each diagnostic is on a line of the file, at most one column past its end."""
    text, _ = decode(content)
    if text is None:
        text = content.decode("utf-8", errors="replace")
    lines = split_lines(text.removeprefix("\ufeff"))
    rules = all_rules()
    for d in diagnostics:
        assert d.file == FILE
        assert d.rule in rules and d.code == rules[d.rule].code
        assert d.message.strip() and "Traceback" not in d.message
        assert 1 <= d.line <= len(lines), (d, len(lines))
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, (d, lines[d.line - 1])


@fuzz_settings(bounded=100)
@given(event_files())
def test_valid_event_is_read_as_written_and_has_no_loader_or_schema_error(file: EventFile):
    loaded = load_bytes(file.content, FILE)
    assert loaded.problems == []
    assert loaded.data == expected_data(file.data)
    _assert_every_value_located(loaded.data, (), loaded.source.positions)
    diagnostics = check_loaded(loaded, OPTIONS).diagnostics
    errors = [d for d in diagnostics if d.rule in LOADER_AND_SCHEMA]
    assert errors == []
    assert_located(file.content, diagnostics)


def _assert_every_value_located(value: Any, path: tuple[Any, ...], positions: Any) -> None:
    assert path in positions, path
    children = value.items() if isinstance(value, dict) else enumerate(value or [])
    if isinstance(value, (dict, list)):
        for key, item in children:
            _assert_every_value_located(item, (*path, key), positions)


@fuzz_settings(bounded=250, long=50_000)
@given(mutated_files())
def test_mutated_event_never_raises_and_every_diagnostic_is_in_the_file(content: bytes):
    assert_located(content, check_bytes(content))


@fuzz_settings(bounded=300)
@given(st.binary(max_size=2000))
@example(b"\xff\xfe")
@example(b"\xef\xbb\xbf")
@example(b"\x00\x00\xfe\xff")
def test_random_bytes_never_raise(content: bytes):
    diagnostics = check_bytes(content)
    assert_located(content, diagnostics)


@fuzz_settings(bounded=200)
@given(st.lists(st.one_of(texts(), st.sampled_from(["\n", "\r\n", "\r", "  ", ": ", "- "]))))
def test_random_text_never_raises(parts: list[str]):
    text = "".join(parts)
    report = check_loaded(load_text(text, FILE), OPTIONS)
    assert_located(text.encode("utf-8", errors="surrogatepass"), report.diagnostics)
    assert all(d.severity in Severity for d in report.diagnostics)


@fuzz_settings(bounded=100)
@given(shared_documents())
def test_loader_agrees_with_pyyaml_on_shared_values(document: tuple[Any, str]):
    import yaml

    data, text = document
    tree = parse(text)
    assert tree.problems == []
    # PyYAML's BaseLoader also keeps every scalar as text; only nulls differ.
    assert tree.data == _nulls_as_none(yaml.load(text, Loader=yaml.BaseLoader))
    assert tree.data == data
    _assert_every_value_located(tree.data, (), tree.positions)
    lines = split_lines(text)
    for line, column in [*tree.positions.values(), *tree.key_positions.values()]:
        assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def _nulls_as_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _nulls_as_none(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nulls_as_none(item) for item in value]
    return None if value in ("", "~", "null", "Null", "NULL") else value
