"""Inputs that once ended in "Erreur interne" or hung: each gets a French message and exit
code 1 or 2, and every file rzn reads has its size checked before a byte is read.

Oversized files are sparse: the system reports their size without them taking room on
disk, so the test shows the refusal comes from the size alone, before any read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT

TODAY = "2027-09-01"
PONTIVY = ROOT / "examples" / "pontivy-2027"


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def no_internal_error(text: str) -> None:
    assert "Erreur interne" not in text and "Traceback" not in text, text


def test_an_oversized_registrations_export_is_refused_before_reading(rzn, tmp_path):
    sparse(tmp_path / "inscriptions.csv", 60_000_000)
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL + "registrations: inscriptions.csv\n", encoding="utf-8")
    result = rzn("check", str(event), "--today", TODAY)
    no_internal_error(result.out + result.err)
    assert result.code == 1
    assert (
        "fichier trop gros (60 000 000 octets) : rzn refuse les exports de plus de 20 Mo "
        "(20 000 000 octets)" in result.out
    )


def test_an_oversized_agenda_is_refused_before_reading(rzn, tmp_path):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    agenda = sparse(tmp_path / "agenda.ics", 60_000_000)
    result = rzn("check", str(event), "--calendar", str(agenda), "--today", TODAY)
    assert result.code == 2
    assert result.err == (
        f"rzn : {agenda} : fichier trop gros (60 000 000 octets) : rzn refuse les agendas de "
        "plus de 50 Mo (50 000 000 octets) ; exportez seulement la période utile.\n"
    )


def test_oversized_settings_are_refused_before_reading(rzn, tmp_path):
    (tmp_path / ".git").mkdir()
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    sparse(tmp_path / "rzn.toml", 2_000_000)
    result = rzn("check", str(event), "--today", TODAY)
    assert result.code == 2
    assert "rzn refuse les fichiers de réglages de plus de 1 Mo" in result.err
    no_internal_error(result.err)


def test_a_pyproject_tool_value_that_is_not_a_table(rzn, tmp_path):
    (tmp_path / ".git").mkdir()
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    # "[tool.rzn]" at the start of a line, inside a string: rzn reads the file as its settings.
    (tmp_path / "pyproject.toml").write_text(
        'description = """\n[tool.rzn]\n"""\ntool = 3\n', encoding="utf-8"
    )
    result = rzn("check", str(event), "--today", TODAY)
    no_internal_error(result.out + result.err)
    assert result.code == 2
    assert "« tool » doit être une table" in result.err


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('{% extends "social-posts.md.j2" %}\n', "récursion sans fin"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n", "récursion sans fin"),
        ("Total : {{ 1 / 0 }}\n", "division par zéro"),
        ('{{ 3 | money("a", "b") }}\n', "mauvais arguments pour un filtre ou une fonction"),
        ("Café {{ slug }}\n".encode("latin-1"), "n'est pas encodé en UTF-8"),
        (b"x" * 1_000_001, "rzn refuse les gabarits de plus de 1 Mo"),
    ],
    ids=["extends-itself", "recursive-macro", "division", "filter-arguments", "latin-1", "huge"],
)
def test_a_broken_user_template_is_told_in_french(rzn, tmp_path, template, message):
    folder = tmp_path / "gabarits"
    folder.mkdir()
    data = template if isinstance(template, bytes) else template.encode("utf-8")
    (folder / "social-posts.md.j2").write_bytes(data)
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    result = rzn("render", str(event), "--today", TODAY, "--templates", str(folder))
    no_internal_error(result.err)
    assert result.code == 1
    assert result.err.startswith("rzn : Gabarit ")
    assert message in result.err
    assert "social-posts.md.j2" in result.err
    assert not (tmp_path / "build").exists()


def check_folder(folder: Path) -> subprocess.CompletedProcess[str]:
    # In a child process with a time limit: a FIFO opened for reading blocks for ever.
    return subprocess.run(
        [sys.executable, "-m", "rzn", "check", str(folder), "--today", TODAY],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs and links")
def test_scanning_a_folder_skips_fifos_and_link_loops(tmp_path):
    folder = tmp_path / "evenements"
    (folder / "sous-dossier").mkdir(parents=True)
    shutil.copy(PONTIVY / "event.yaml", folder / "event.yaml")
    os.mkfifo(folder / "tube.yaml")
    os.symlink("..", folder / "sous-dossier" / "parent")
    os.symlink("boucle-b.yaml", folder / "boucle-a.yaml")
    os.symlink("boucle-a.yaml", folder / "boucle-b.yaml")
    proc = check_folder(folder)
    no_internal_error(proc.stdout + proc.stderr)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("1 fichier vérifié")


AGENDA = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//FR\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    "DTSTAMP:20270101T000000Z\r\n{start}\r\nSUMMARY:Forum\r\nLOCATION:35000 Rennes\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    "start",
    ["DTSTART:99991231T230000Z", "DTSTART;VALUE=DATE:00010101", "DTSTART:21991231T230000Z"],
    ids=["year-9999", "year-1", "year-2199-late-utc"],
)
def test_agenda_entries_outside_the_supported_years_are_skipped_and_said(rzn, tmp_path, start):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    agenda = tmp_path / "agenda.ics"
    agenda.write_bytes(AGENDA.format(start=start).encode())
    result = rzn("check", str(event), "--calendar", str(agenda), "--today", TODAY)
    no_internal_error(result.out + result.err)
    assert result.code == 0
    assert f"rzn : {agenda} : 1 événement sans date de début lisible (DTSTART) ou hors des " in (
        result.err
    )


def test_an_agenda_whose_tzid_is_a_folder_of_the_zone_database(rzn, tmp_path):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    agenda = tmp_path / "agenda.ics"
    agenda.write_bytes(AGENDA.format(start="DTSTART;TZID=Europe:20271011T100000").encode())
    result = rzn("check", str(event), "--calendar", str(agenda), "--today", TODAY)
    no_internal_error(result.out + result.err)
    assert result.code in (0, 2)
    assert result.err.startswith(f"rzn : {agenda} : ")


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
def test_today_outside_the_supported_years_is_refused(rzn, tmp_path, today):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    result = rzn("render", str(event), "--today", today)
    assert result.code == 2
    assert result.err == (
        f"rzn : --today « {today} » : rzn accepte les dates des années 1970 à 2199.\n"
    )


@pytest.fixture
def caldav_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RZN_CALDAV_USER", "orga")
    monkeypatch.setenv("RZN_CALDAV_PASSWORD", "secret")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("NETRC", raising=False)


@pytest.mark.parametrize(
    "url",
    [
        "https://cloud.example.org:99999/dav",
        "https://cloud.example.org:port/dav",
        "https://[::1/dav",
        "https://cloud example.org/dav",
    ],
)
def test_caldav_urls_with_a_bad_port_or_host_are_refused(rzn, tmp_path, caldav_credentials, url):
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    result = rzn(
        "publish", "caldav", str(event), "--url", url, "--calendar", "Com", "--today", TODAY
    )
    no_internal_error(result.err)
    assert result.code == 2
    assert result.err.startswith(f"rzn : --url « {url} » : adresse illisible")


def test_a_server_answering_a_malformed_status_line(rzn, tmp_path, caldav_credentials):
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def answer() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.recv(65536)
                connection.sendall(b"BONJOUR ET BIENVENUE\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    event = tmp_path / "event.yaml"
    event.write_text(MINIMAL, encoding="utf-8")
    try:
        result = rzn(
            "publish", "caldav", str(event), "--url", f"http://127.0.0.1:{port}/dav",
            "--calendar", "Com", "--today", TODAY,
        )  # fmt: skip
    finally:
        listener.close()
    no_internal_error(result.err)
    assert result.code == 1
    assert "la réponse du serveur n'est pas du HTTP lisible" in result.err


def test_an_oversized_file_in_the_output_folder_is_not_read(rzn, tmp_path):
    folder = tmp_path / "pontivy"
    shutil.copytree(PONTIVY, folder)
    event = folder / "event.yaml"
    assert rzn("render", str(event), "--today", TODAY).code == 0
    budget = folder / "build" / "budget.xlsx"
    before = {
        p: p.read_bytes() for p in (folder / "build").rglob("*") if p.is_file() and p != budget
    }
    sparse(budget, 300_000_000)  # rzn wrote it; someone replaced it with a huge file
    result = rzn("render", str(event), "--today", TODAY)
    no_internal_error(result.err)
    assert result.code == 1
    assert result.err == (
        f"rzn : {budget} : fichier trop gros (300 000 000 octets) pour que rzn le compare à ce "
        "qu'il a écrit (au plus 200 Mo). Déplacez-le hors du dossier de sortie, puis relancez "
        "rzn render.\n"
    )
    assert budget.stat().st_size == 300_000_000
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_scanning_a_folder_never_follows_a_link_out_of_it(tmp_path):
    # A link to a folder above (or beside) the scanned one would read the whole disk.
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    shutil.copy(PONTIVY / "event.yaml", outside / "event.yaml")
    folder = tmp_path / "evenements"
    (folder / "inside").mkdir(parents=True)
    shutil.copy(PONTIVY / "event.yaml", folder / "event.yaml")
    os.symlink("..", folder / "haut")
    os.symlink(str(outside), folder / "ailleurs")
    os.symlink("inside", folder / "ici")  # a link that stays inside is followed
    shutil.copy(PONTIVY / "event.yaml", folder / "inside" / "event.yaml")
    result = check_folder(folder)
    no_internal_error(result.stdout + result.stderr)
    assert str(outside) not in result.stdout
    assert "ailleurs" not in result.stdout and "haut" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("2 fichiers vérifiés"), result.stdout


def test_system_errors_are_said_in_french():
    import errno

    from rzn.errors import os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == (
        "fichier ou dossier introuvable"
    )
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "accès refusé"
    # An errno without a French sentence keeps the system's words rather than nothing.
    assert os_reason(OSError(errno.ETXTBSY, "Text file busy")) == "Text file busy"
