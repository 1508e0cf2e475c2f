"""Editing a person's event file in place: only the added values change, byte for byte."""

from __future__ import annotations

import difflib
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rzn.load import load_text
from rzn.load.edit import EditRefused, TextFile, append_to_list
from tests.conftest import EXAMPLES

DONE = ("tasks", "done")


def added_lines(before: str, after: str) -> list[str]:
    """Lines of ``after`` that are not in ``before``; fails if any line was removed."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    assert not [line for line in diff if line.startswith("- ")], "a line was changed"
    return [line[2:] for line in diff if line.startswith("+ ")]


@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_every_example_gets_its_ids_and_nothing_else(example: str) -> None:
    text = (EXAMPLES / example / "event.yaml").read_text(encoding="utf-8")
    edited = append_to_list(text, DONE, ["lead", "budget"])
    before, after = load_text(text).data, load_text(edited).data
    earlier = (before.get("tasks") or {}).get("done") or []
    assert after["tasks"]["done"] == [*earlier, "lead", "budget"]
    assert {k: v for k, v in after.items() if k != "tasks"} == {
        k: v for k, v in before.items() if k != "tasks"
    }
    if "tasks" in before:  # only the one line of the list differs
        changed = [
            (a, b) for a, b in zip(text.splitlines(), edited.splitlines(), strict=True) if a != b
        ]
        assert changed == [("  done: []", "  done: [lead, budget]")]
    else:  # the file is kept whole, the list added at its end
        assert edited.startswith(text)
        assert added_lines(text, edited) == ["tasks:\n", "  done: [lead, budget]\n"]


def test_a_block_list_gets_new_lines_in_its_own_style() -> None:
    text = "title: x\ntasks:\n    done:\n      -   lead   # fait en juin\n    # la suite\n"
    edited = append_to_list(text, DONE, ["date"])
    assert edited == (
        "title: x\ntasks:\n    done:\n      -   lead   # fait en juin\n      -   date\n"
        "    # la suite\n"
    )


def test_a_flow_list_keeps_its_spacing_and_comment() -> None:
    text = "tasks:\n  done: [ lead ,date ]   # ok\n"
    assert (
        append_to_list(text, DONE, ["budget"]) == "tasks:\n  done: [ lead ,date, budget ]   # ok\n"
    )


def test_a_missing_list_goes_under_its_mapping_at_its_indentation() -> None:
    text = "title: x\ntasks:   # suivi\n   not_done: [lead]\nend: 1\n"
    edited = append_to_list(text, DONE, ["date"])
    assert edited == "title: x\ntasks:   # suivi\n   done: [date]\n   not_done: [lead]\nend: 1\n"


def test_a_missing_mapping_goes_at_the_end_with_the_file_s_indentation() -> None:
    text = "title: x\nvenue:\n    name: Salle\n# fin"
    assert append_to_list(text, DONE, ["date"]) == (
        "title: x\nvenue:\n    name: Salle\n# fin\ntasks:\n    done: [date]\n"
    )


def test_windows_line_endings_stay() -> None:
    text = "title: x\r\ntasks:\r\n  done:\r\n    - lead\r\n"
    edited = append_to_list(text, DONE, ["date"])
    assert edited == "title: x\r\ntasks:\r\n  done:\r\n    - lead\r\n    - date\r\n"


def test_utf8_bom_and_utf16_come_back_as_they_were() -> None:
    for bom_text in ("\ufefftitle: é\ntasks:\n  done: []\n",):
        data = bom_text.encode("utf-8")
        file = TextFile.decode(data, "event.yaml")
        out = file.encode(append_to_list(file.text, DONE, ["lead"]))
        assert out == "\ufefftitle: é\ntasks:\n  done: [lead]\n".encode()
    data = "title: é\ntasks:\n  done: []\n".encode("utf-16")
    file = TextFile.decode(data, "event.yaml")
    out = file.encode(append_to_list(file.text, DONE, ["lead"]))
    assert out == "title: é\ntasks:\n  done: [lead]\n".encode("utf-16")


@pytest.mark.parametrize(
    "text",
    [
        "tasks: {done: [lead]}\n".replace("{done: [lead]}", "{done: [lead,\n  date]}"),
        "tasks:\n  done: [lead,\n    date]\n",
        "tasks:\n  done: &faites [lead]\n",
        "tasks: {not_done: [x]}\n",
        "tasks:\n",
        "tasks:\n  done: lead\n",
        "- a\n- b\n",
        "title: x\u2028y\n",
    ],
)
def test_what_cannot_be_edited_safely_is_refused_with_what_to_write(text: str) -> None:
    with pytest.raises(EditRefused) as refused:
        append_to_list(text, DONE, ["date"], "event.yaml")
    assert "event.yaml" in refused.value.message or "tasks" in refused.value.message


def test_bad_ids_are_refused_before_anything() -> None:
    with pytest.raises(EditRefused):
        append_to_list("tasks:\n  done: []\n", DONE, ["a: b"])


_WORD = st.text(alphabet=string.ascii_lowercase + "éà ", min_size=1, max_size=8)
_COMMENT = st.one_of(st.just(""), _WORD.map(lambda w: f"  # {w}"))
_SPACE = st.sampled_from(["", " ", "  "])


@st.composite
def event_files(draw: st.DrawFn) -> str:
    """Hand-written-looking files: comments, odd spacing, CRLF, any list style."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    indent = " " * draw(st.integers(1, 4))
    done = draw(st.lists(st.sampled_from(["lead", "date", "budget", "program"]), max_size=3))
    style = draw(st.sampled_from(["block", "flow", "absent", "no-tasks"]))
    lines = [f"title: {draw(_WORD)}{draw(_COMMENT)}"]
    if draw(st.booleans()):
        lines.append(f"# {draw(_WORD)}")
    if style != "no-tasks":
        lines.append(f"tasks:{draw(_COMMENT)}")
        if style == "block" and done:
            lines.append(f"{indent}done:{draw(_COMMENT)}")
            dash = (
                indent
                + draw(st.sampled_from(["", "  "]))
                + "-"
                + draw(st.sampled_from([" ", "  "]))
            )
            lines += [f"{dash}{item}{draw(_COMMENT)}" for item in done]
        elif style in ("flow", "block"):
            sp = draw(_SPACE)
            lines.append(f"{indent}done: [{sp}{', '.join(done)}{sp}]{draw(_COMMENT)}")
        else:
            lines.append(f"{indent}not_done: [lead]")
    if draw(st.booleans()):
        lines.append(f"city: {draw(_WORD)}")
    end = newline if draw(st.booleans()) else ""
    return newline.join(lines) + end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_files(), st.lists(st.sampled_from(["venue-booking", "speakers"]), min_size=1))
def test_fuzz_edits_keep_every_other_byte_or_refuse(text: str, ids: list[str]) -> None:
    ids = list(dict.fromkeys(ids))
    before = load_text(text).data
    try:
        edited = append_to_list(text, DONE, ids)
    except EditRefused:
        return
    after = load_text(edited).data
    tasks = before.get("tasks") or {}
    assert after["tasks"]["done"] == [*(tasks.get("done") or []), *ids]
    assert {k: v for k, v in after.items() if k != "tasks"} == {
        k: v for k, v in before.items() if k != "tasks"
    }
    # Every line the person wrote is still there, unchanged, except the one flow list.
    kept = [line for line in text.splitlines() if "done: [" not in line]
    assert [line for line in edited.splitlines() if line in kept] == kept
