"""``rzn tasks``: listing with filters, and ``rzn tasks done`` editing the file in place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

TODAY = "2027-09-25"


@pytest.fixture
def pontivy(tmp_path: Path) -> Path:
    folder = tmp_path / "pontivy"
    shutil.copytree(EXAMPLES / "pontivy-2027", folder, ignore=shutil.ignore_patterns("build"))
    return folder / "event.yaml"


def test_list_shows_status_deadline_owner_and_title(rzn, pontivy):
    result = rzn("tasks", "-e", str(pontivy), "--today", TODAY)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("fait       16/07/2027 (J-90)  lead ")
    assert "Anne Le Goff (Comité d'organisation)" in lines[0]
    mailing = next(line for line in lines if " mailing-j30 " in line)
    assert mailing.startswith("EN RETARD  14/09/2027 (J-30)")
    assert "Anne Le Goff (Communication)" in mailing
    assert lines[-1] == "39 tâches : 11 en retard, 18 à faire, 10 faites."


def test_filters_late_week_and_owner(rzn, pontivy):
    late = rzn("tasks", "-e", str(pontivy), "--today", TODAY, "--late").out.splitlines()
    assert late[-1] == "11 tâches : 11 en retard, 0 à faire, 0 faite."
    assert all(line.startswith("EN RETARD") for line in late[:-1])
    week = rzn("tasks", "-e", str(pontivy), "--today", TODAY, "--week", "--owner", "yann")
    ids = [re.search(r"\(J[^)]*\)\s+(\S+)", line)[1] for line in week.out.splitlines()[:-1]]
    assert ids == [
        "bilateral-invitation",
        "workshop-sheets",
        "bilateral-exchanges",
        "fallback-speakers",
        "workshop-sheets-sent",
        "logistics",
        "fallback-test",
    ]
    unknown = rzn("tasks", "-e", str(pontivy), "--owner", "yan")
    assert unknown.code == 2 and "Vouliez-vous dire « yann » ?" in unknown.err


def test_done_edits_only_the_list_and_the_plan_follows(rzn, pontivy):
    before = pontivy.read_bytes()
    result = rzn("tasks", "done", "mailing-j30", "site-update", "-e", str(pontivy))
    assert (result.code, result.out) == (
        0,
        f"Notées faites dans {pontivy} : mailing-j30, site-update.\n",
    )
    after = pontivy.read_bytes()
    assert after == before.replace(b"  done: []\n", b"  done: [mailing-j30, site-update]\n")
    late = rzn("tasks", "-e", str(pontivy), "--today", TODAY, "--late").out
    assert " mailing-j30 " not in late and " site-update " not in late
    check = rzn("check", str(pontivy), "--today", TODAY, "--select", "mailing-late")
    assert check.code == 0 and "J-30" not in check.out

    again = rzn("tasks", "-e", str(pontivy), "done", "mailing-j30")  # -e before the command
    assert (again.code, again.out) == (0, "Déjà notée faite : mailing-j30.\n")
    assert pontivy.read_bytes() == after


def test_done_refuses_unknown_ids_with_a_suggestion_and_writes_nothing(rzn, pontivy):
    before = pontivy.read_bytes()
    result = rzn("tasks", "done", "mailing-j30", "bilaterl-invitation", "-e", str(pontivy))
    assert result.code == 2
    assert "Vouliez-vous dire « bilateral-invitation » ?" in result.err
    assert pontivy.read_bytes() == before


def test_done_in_the_event_folder_by_default(rzn, pontivy, monkeypatch):
    monkeypatch.chdir(pontivy.parent)
    assert rzn("tasks", "done", "logos").code == 0
    assert b"  done: [logos]\n" in pontivy.read_bytes()


def test_a_file_rzn_cannot_edit_safely_is_left_untouched(rzn, pontivy):
    text = pontivy.read_text(encoding="utf-8").replace(
        "  done: []\n", "  done: [lead,\n    date]\n"
    )
    pontivy.write_text(text, encoding="utf-8")
    before = pontivy.read_bytes()
    result = rzn("tasks", "done", "logos", "-e", str(pontivy))
    assert result.code == 2
    assert "Ajoutez à la main" in result.err and "tasks: {done: [logos]}" in result.err
    assert pontivy.read_bytes() == before


def test_a_crlf_file_stays_crlf(rzn, pontivy):
    pontivy.write_bytes(pontivy.read_bytes().replace(b"\n", b"\r\n"))
    assert rzn("tasks", "done", "logos", "-e", str(pontivy)).code == 0
    data = pontivy.read_bytes()
    assert b"  done: [logos]\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
