"""Property-based fuzzing of ``rzn render``: a valid event always renders.

Events come from the same strategies as ``test_fuzz_check.py``. Whatever
their texts, ``build_documents`` succeeds, no document is empty, and the
calendars, mails and CSV files parse back with independent parsers.

The bounded profile runs in the normal test run; ``RZN_FUZZ=long`` runs
the long one (docs/troubleshooting.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import icalendar
import vobject
import yaml
from hypothesis import given

from rzn.render import build_documents
from rzn.rules.registry import all_rules
from tests.fuzz.strategies import events, fuzz_settings

TODAY = dt.date(2027, 9, 1)

# Planning rules may find errors in a generated event (a workshop outside the day...), and an
# event with errors renders nothing on purpose. The organiser's way out is check.ignore: use
# it, so that every generated event reaches the renderer. Loader and schema problems cannot be
# ignored, and the strategies never make any.
PLANNING_RULES = {name: "fuzz" for name, rule in all_rules().items() if rule.scope != "file"}


def render(data: dict[str, Any]) -> dict[str, bytes]:
    event = {**data, "check": {"ignore": PLANNING_RULES}}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "event.yaml"
        path.write_text(yaml.safe_dump(event, allow_unicode=True), encoding="utf-8")
        report, files = build_documents(str(path), TODAY)
    failures = [d for d in report.diagnostics if d.severity.value == "error" and not d.ignored]
    assert not report.failed, [(d.path, d.message) for d in failures]
    documents = {f.path: f.content for f in files}
    assert len(documents) == len(files)
    return documents


@fuzz_settings(bounded=60, long=2_000)
@given(events())
def test_valid_event_always_renders_and_every_file_parses_back(data: dict[str, Any]):
    documents = render(data)
    assert {"checklist.md", "budget.csv", "budget.xlsx", "timeline.ics"} <= set(documents)
    for path, content in documents.items():
        assert content, path
        if path.endswith(".ics"):
            assert_calendar(path, content)
        elif path.endswith(".eml"):
            assert_mail(path, content)
        elif path.endswith(".csv"):
            assert_csv(path, content)
        elif path.endswith((".md", ".html")):
            content.decode("utf-8")


def assert_calendar(path: str, content: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(content)
    components = [c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")]
    other = vobject.readOne(content.decode("utf-8"))
    theirs = {str(c.uid.value): c for c in other.getChildren() if c.name in ("VEVENT", "VTODO")}
    assert components and len(theirs) == len(components), path
    for component in components:
        summary = str(component["SUMMARY"])
        assert summary.strip() and "\n" not in summary and "\r" not in summary, path
        assert theirs[str(component["UID"])].summary.value == summary, path


def assert_mail(path: str, content: bytes) -> None:
    message = BytesParser(policy=policy.default).parsebytes(content)
    assert isinstance(message, EmailMessage)
    assert message.defects == [], (path, message.defects)
    assert message["Bcc"] is None and message["Subject"], path
    for name, value in message.items():
        assert "\r" not in str(value) and "\n" not in str(value), (path, name)
    assert message.get_body(("plain",)) is not None, path


def assert_csv(path: str, content: bytes) -> None:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows, path
    width = len(rows[0])
    assert all(len(row) == width for row in rows), path
    for row in rows:
        for cell in row:
            if cell.startswith(("=", "+", "@", "\t", "\r")):
                raise AssertionError((path, cell))
