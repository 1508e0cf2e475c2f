import pytest

from rzn.errors import RenderError
from rzn.render.output import OutputFile, write_outputs


def test_write_outputs_refuses_paths_outside(tmp_path):
    for bad in ("../evil.md", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(RenderError):
            write_outputs(tmp_path / "out", [OutputFile(bad, b"x", "x")])
    assert not (tmp_path / "evil.md").exists()


def test_write_outputs_keeps_user_files_and_refuses_to_overwrite_them(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("à moi", encoding="utf-8")
    (out / "checklist.md").write_text("ma version", encoding="utf-8")
    with pytest.raises(RenderError, match="n'a pas été écrit par rzn"):
        write_outputs(out, [OutputFile("checklist.md", b"rzn", "x")])
    assert (out / "checklist.md").read_text(encoding="utf-8") == "ma version"
    write_outputs(out, [OutputFile("checklist.md", b"rzn", "x")], force=True)
    assert (out / "checklist.md").read_bytes() == b"rzn"
    # Once rzn wrote it, later renders replace it without --force.
    write_outputs(out, [OutputFile("checklist.md", b"rzn 2", "x")])
    assert (out / "checklist.md").read_bytes() == b"rzn 2"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "à moi"
    assert not [p for p in out.iterdir() if p.name.startswith(".rzn-staging")]


def test_write_outputs_creates_subfolders(tmp_path):
    written = write_outputs(tmp_path / "b", [OutputFile("workshops/a.md", b"a", "x")])
    assert written == [(tmp_path / "b" / "workshops" / "a.md").resolve()]


def _times(folder):
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def test_a_document_that_did_not_change_is_not_written_again(tmp_path):
    import os

    out = tmp_path / "out"
    files = [OutputFile("a.md", b"a", "x"), OutputFile("sous/b.md", b"b", "x")]
    write_outputs(out, files)
    old = 1_000_000_000_000_000_000  # 2001: any rewrite would show a later time
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(old, old))

    assert write_outputs(out, files) == [(out / "a.md").resolve(), (out / "sous/b.md").resolve()]
    assert set(_times(out).values()) == {old}  # nothing rewritten, not even the manifest

    write_outputs(out, [OutputFile("a.md", b"a", "x"), OutputFile("sous/b.md", b"B", "x")])
    times = _times(out)
    assert times.pop("a.md") == old
    assert times.pop("sous/b.md") > old and (out / "sous" / "b.md").read_bytes() == b"B"
    assert not [p for p in out.iterdir() if p.name.startswith(".rzn-staging")]


def test_a_same_sized_change_is_still_written(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, [OutputFile("a.md", b"abc", "x")])
    write_outputs(out, [OutputFile("a.md", b"abd", "x")])
    assert (out / "a.md").read_bytes() == b"abd"


def test_an_identical_file_rzn_did_not_write_is_kept_and_adopted(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_bytes(b"a")
    write_outputs(out, [OutputFile("a.md", b"a", "x")])
    # Now in the manifest: a later change replaces it without --force.
    write_outputs(out, [OutputFile("a.md", b"a2", "x")])
    assert (out / "a.md").read_bytes() == b"a2"
