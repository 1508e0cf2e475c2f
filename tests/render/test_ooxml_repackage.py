"""ooxml.repackage copies the parts zipfile deflated: the same bytes as normalise_zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.check import CheckOptions, check_file
from rzn.render import ooxml
from rzn.render.context import RenderContext
from rzn.render.documents import budget_xlsx
from rzn.render.environment import environment

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*/event.yaml"))

_texts = st.text(alphabet="<>/=\"' abcdefgh\néà€", max_size=3000).map(str.encode)
_parts = st.dictionaries(
    st.text(alphabet="abcxyz/_.é[]", min_size=1, max_size=20).filter(
        lambda n: not n.startswith("/") and not n.endswith("/")
    ),
    st.tuples(st.one_of(_texts, st.binary(max_size=3000)), st.booleans()),
    min_size=1,
    max_size=8,
)


def _zip(parts: dict[str, tuple[bytes, bool]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, (content, stored) in parts.items():
            info = zipfile.ZipInfo(name, (2001, 2, 3, 4, 5, 6))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(_parts)
def test_repackage_is_normalise_zip_for_what_zipfile_writes(parts):
    data = _zip(parts)
    assert ooxml.repackage(data) == ooxml.normalise_zip(data)


def test_a_large_part_deflated_by_zipfile_is_copied_unchanged():
    text = "".join(f"<c r='A{i}'><v>{i * 7919 % 10007}</v></c>" for i in range(20000))
    data = _zip({"xl/worksheets/sheet1.xml": (text.encode(), False), "a": (b"", False)})
    assert ooxml.repackage(data) == ooxml.normalise_zip(data)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_every_example_workbook_repackages_as_normalise_zip(path, monkeypatch):
    written: list[bytes] = []

    def capture(data: bytes) -> bytes:
        written.append(data)
        return ooxml.repackage(data)

    monkeypatch.setattr(budget_xlsx, "repackage", capture)
    today = dt.date(2027, 1, 15)
    event = check_file(str(path), CheckOptions(today=today, drafts=False)).event
    assert event is not None
    ctx = RenderContext(event, today, environment(()), path.parent)
    (output,) = budget_xlsx.budget_workbook(ctx)
    assert written and output.content == ooxml.normalise_zip(written[0])
