"""Compiled templates kept between runs save time and change nothing a person reads."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rzn.render import environment as environment_module
from rzn.render import template_cache
from tests.conftest import EXAMPLES, run_subprocess

EXAMPLE = EXAMPLES / "pontivy-2027"


def _render(tmp_path: Path, name: str, **env: str) -> dict[str, bytes]:
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    result = run_subprocess(
        "render", str(folder / "event.yaml"), "--today", "2027-06-01", "-j", "1", **env
    )
    assert result.code == 0, result.out + result.err
    build = folder / "build"
    return {str(p.relative_to(build)): p.read_bytes() for p in build.rglob("*") if p.is_file()}


def _entries(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file()]


def test_documents_are_the_same_without_the_cache_with_it_cold_and_warm(tmp_path):
    cache = tmp_path / "cache"
    without = _render(tmp_path, "a", RZN_NO_CACHE="1", RZN_CACHE_DIR=str(cache))
    assert not cache.exists()  # off means off: not even a folder
    cold = _render(tmp_path, "b", RZN_CACHE_DIR=str(cache))
    entries = _entries(cache)
    assert len(entries) > 30 and all(p.suffix == ".cache" for p in entries)  # no temporary left
    assert all(p.stat().st_mode & 0o077 == 0 for p in [*entries, *(p.parent for p in entries)])
    warm = _render(tmp_path, "c", RZN_CACHE_DIR=str(cache))
    assert without == cold == warm


def test_damaged_entries_are_compiled_again(tmp_path):
    cache = tmp_path / "cache"
    reference = _render(tmp_path, "a", RZN_CACHE_DIR=str(cache))
    entries = _entries(cache)
    for index, entry in enumerate(entries):
        data = entry.read_bytes()
        damaged = [b"", data[: len(data) // 2], b"\x00" * 40, data[:-7] + b"garbage"][index % 4]
        entry.write_bytes(damaged)
    assert _render(tmp_path, "b", RZN_CACHE_DIR=str(cache)) == reference
    assert all(p.stat().st_size > 100 for p in _entries(cache))  # written again, whole


def test_a_changed_template_is_compiled_again(tmp_path):
    cache = tmp_path / "cache"
    mine = tmp_path / "mine"
    mine.mkdir()
    page = mine / "checklist.md.j2"
    page.write_text("Version une de {{ event.title }}\n", encoding="utf-8")
    folder = tmp_path / "ev"
    shutil.copytree(EXAMPLE, folder)
    args = ("render", str(folder / "event.yaml"), "--today", "2027-06-01", "--templates")
    assert run_subprocess(*args, str(mine), RZN_CACHE_DIR=str(cache)).code == 0
    page.write_text("Version deux de {{ event.title }}\n", encoding="utf-8")
    assert run_subprocess(*args, str(mine), "--force", RZN_CACHE_DIR=str(cache)).code == 0
    text = (folder / "build" / "checklist.md").read_text(encoding="utf-8")
    assert text.startswith("Version deux de ")


def test_an_unusable_folder_is_not_used_and_nothing_fails(tmp_path, monkeypatch):
    taken = tmp_path / "un-fichier"
    taken.write_text("pas un dossier", encoding="utf-8")
    monkeypatch.setenv("RZN_CACHE_DIR", str(taken))
    assert template_cache.template_cache() is None
    assert taken.read_text(encoding="utf-8") == "pas un dossier"
    shared = tmp_path / "partage"
    monkeypatch.setenv("RZN_CACHE_DIR", str(shared))
    assert template_cache.template_cache() is not None
    (folder,) = shared.iterdir()
    folder.chmod(0o777)  # another user could plant code there
    if hasattr(os, "getuid"):
        assert template_cache.template_cache() is None
    monkeypatch.setenv("RZN_NO_CACHE", "1")
    folder.chmod(0o700)
    assert template_cache.template_cache() is None


def test_a_failing_write_is_a_miss_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("RZN_CACHE_DIR", str(tmp_path))
    env = environment_module.make_environment()
    assert env.bytecode_cache is not None

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jinja2.bccache.tempfile.NamedTemporaryFile", full)
    assert "Fondation" in env.from_string("{{ 'Fondation' }}").render()
    env.get_template("checklist.md.j2")  # compiled, not kept: no error


def test_another_rzn_reads_another_folder(monkeypatch):
    first = template_cache._digest()
    monkeypatch.setattr("rzn.__version__", "9.9.9")
    assert template_cache._digest() != first


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"}, Path("/x/cache/rzn")),
        ({"XDG_CACHE_HOME": "relatif", "HOME": "/home/a"}, Path("/home/a/.cache/rzn")),
        ({"HOME": "/home/a"}, Path("/home/a/.cache/rzn")),
    ],
)
def test_the_cache_lives_where_the_system_keeps_caches(monkeypatch, variables, expected):
    if os.name == "nt":
        pytest.skip("POSIX folders")
    for name in ("RZN_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert template_cache._cache_root() == expected
