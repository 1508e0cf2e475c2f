"""The checks of output paths, against their plain forms (every path parsed, every path
resolved on its own) that they replace for speed."""

from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rzn.errors import RenderError
from rzn.render.out_paths import check_relative, first_outside
from rzn.render.output import OutputFile, write_outputs


def _check_relative_reference(path):
    """The check as first written: every path parsed by pathlib."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(p in ("", ".", "..") for p in pure.parts):
        return False
    return "\\" not in path and "\x00" not in path


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="a./\\\x00é", max_size=12))
def test_check_relative_accepts_what_pathlib_accepts(path):
    try:
        check_relative(path)
    except RenderError:
        accepted = False
    else:
        accepted = True
    assert accepted == _check_relative_reference(path)


def _outside_reference(root, paths):
    """Every path resolved on its own, as before folders were resolved once each."""
    for path in paths:
        target = (root / path).resolve()
        if root != target and root not in target.parents:
            return path
    return None


def test_paths_leaving_the_folder_by_links_are_found_as_resolving_each_path_finds_them(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_bytes(b"x")
    root = tmp_path / "out"
    (root / "inside" / "deep").mkdir(parents=True)
    (root / "inside" / "file.md").write_bytes(b"x")
    (root / "away").symlink_to(elsewhere)
    (root / "back").symlink_to(root / "inside")
    (root / "inside" / "leak.md").symlink_to(elsewhere / "secret.md")
    (root / "inside" / "near.md").symlink_to(root / "inside" / "file.md")
    (root / "inside" / "up").symlink_to(tmp_path)
    names = [
        "a.md", "inside/file.md", "inside/deep/new.md", "inside/missing/new.md",
        "away/secret.md", "away/new.md", "back/file.md", "back/leak.md", "back/near.md",
        "inside/leak.md", "inside/near.md", "inside/up/out/x.md", "inside/up", "back/deep/x.md",
    ]  # fmt: skip
    real = root.resolve()
    for first in range(len(names)):
        for second in range(len(names)):
            paths = [names[first], names[second]]
            assert first_outside(real, paths) == _outside_reference(real, paths), paths


def test_a_file_link_that_loops_is_a_write_error(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    (root / "loop.md").symlink_to(root / "loop.md")
    with pytest.raises(RenderError, match="out"):
        write_outputs(root, [OutputFile("loop.md", b"x", "x")])
