"""The .lss writer gives exactly what ElementTree would, on every table and any text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.check import CheckOptions, check_file
from rzn.render.context import RenderContext
from rzn.render.documents.form_imports import (
    DB_VERSION,
    LANGUAGE,
    Table,
    lss_tables,
    surveys,
    xml_document,
)
from rzn.render.environment import environment
from tests.conftest import EXAMPLES


def _element_tree(tables: list[Table]) -> str:
    """The plain way: build the elements, indent them, serialise them."""
    root = ET.Element("document")
    ET.SubElement(root, "LimeSurveyDocType").text = "Survey"
    ET.SubElement(root, "DBVersion").text = DB_VERSION
    ET.SubElement(ET.SubElement(root, "languages"), "language").text = LANGUAGE
    for name, fields, rows in tables:
        if not rows:
            continue
        table = ET.SubElement(root, name)
        names = ET.SubElement(table, "fields")
        for field in fields:
            ET.SubElement(names, "fieldname").text = field
        body = ET.SubElement(table, "rows")
        for row in rows:
            element = ET.SubElement(body, "row")
            for field in fields:
                ET.SubElement(element, field).text = row.get(field, "")
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml")))
def test_lss_of_each_example_is_what_element_tree_writes(name):
    path = EXAMPLES / name / "event.yaml"
    today = dt.date(2027, 9, 1)
    event = check_file(str(path), CheckOptions(today=today)).event
    assert event is not None
    ctx = RenderContext(event, today, environment(()), path.parent)
    for survey in surveys(ctx).values():
        tables = lss_tables(survey)
        assert sum(len(rows) for _, _, rows in tables) > 20
        assert xml_document(tables) == _element_tree(tables)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_names = st.sampled_from(["a", "qid", "question", "help", "language"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["answers", "groups", "question_l10ns"]),
            st.lists(_names, min_size=1, max_size=4, unique=True),
            st.lists(
                st.dictionaries(_names, _text | st.sampled_from(["&]]>", "<b>", " \n "])),
                max_size=3,
            ),
        ),
        max_size=4,
    )
)
def test_lss_writer_is_what_element_tree_writes_for_any_text(tables):
    assert xml_document(tables) == _element_tree(tables)
