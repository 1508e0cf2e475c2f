"""rzn.render.qrmask scores the eight masks as segno does, and picks the same one."""

from __future__ import annotations

import pytest
import segno
import segno.consts
import segno.encoder
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.render import qrmask
from rzn.render.public import qr_data_uri

# URLs of every length up to version 20 or so, with characters of each QR encoding mode.
_CONTENT = st.text(
    alphabet=st.sampled_from([*"abcxyz0123456789/-_.:?=&%", "é", "€", "中"]), max_size=500
).map(lambda path: "https://example.org/" + path)


def _segno_scores(content: str, **options) -> tuple[list[int], int]:
    """The penalty segno gives each mask, in its order, and the mask it picks."""
    scores: list[int] = []
    evaluate = segno.encoder.evaluate_mask

    def recording(matrix, width, height):
        scores.append(evaluate(matrix, width, height))
        return scores[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segno.encoder, "evaluate_mask", recording)
        code = segno.make(content, error="m", micro=False, **options)
    assert len(scores) == 8
    return scores, code.mask


@settings(max_examples=200, deadline=None)
@given(content=_CONTENT, start=st.integers(0, 7))
def test_penalties_are_segnos_from_a_symbol_made_with_any_mask(content, start):
    expected, chosen = _segno_scores(content)
    made = segno.make(content, error="m", micro=False, mask=start)
    assert qrmask.penalties(made.matrix, made.version, start) == expected
    assert qrmask.best_mask(made.matrix, made.version, start) == chosen


def test_alignment_patterns_are_where_segno_puts_them():
    for version in range(1, 41):
        expected = list(segno.consts.ALIGNMENT_POS[version - 2]) if version > 1 else []
        assert qrmask.alignment_positions(version) == expected


def test_every_version_is_scored_as_segno_scores_it():
    content = "https://a.b/xy"  # fits in version 1
    for version in range(1, 41):
        expected, chosen = _segno_scores(content, version=version)
        made = segno.make(content, error="m", micro=False, version=version, mask=version % 8)
        assert made.version == version
        assert qrmask.penalties(made.matrix, version, version % 8) == expected, version
        assert qrmask.best_mask(made.matrix, version, version % 8) == chosen


@settings(max_examples=40, deadline=None)
@given(content=_CONTENT)
def test_the_registration_code_is_the_one_segno_chooses(content):
    reference = segno.make(content, error="m", micro=False).svg_data_uri(
        scale=8, border=4, light="#fff", svgclass=None, lineclass=None, xmldecl=False
    )
    assert qr_data_uri.__wrapped__(content) == reference
