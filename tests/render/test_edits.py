"""People finish the drafts by hand; rendering again keeps their edits and brings the event's in.

Each test renders the Joué-lès-Tours example, edits the output as a person would
(a text editor, a mail client, a spreadsheet), changes the event file, renders again
and reads the result back.
"""

from __future__ import annotations

import email
import json
import shutil
from collections.abc import Callable
from email import policy
from pathlib import Path

import openpyxl
import pytest

from rzn.drafts import MANIFEST
from tests.conftest import EXAMPLES, Result
from tests.render.test_nothing_lost import snapshot

TODAY = "2027-09-01"
LETTER = "speakers/dupont/1-bilateral.md"
SLOTS = "[créneaux à compléter]"
OLD_TITLE = "title: RéZolutions numériques Centre-Val de Loire"
NEW_TITLE = "title: Rencontre numérique du Centre-Val de Loire"


@pytest.fixture
def event(tmp_path: Path) -> Path:
    folder = tmp_path / "joue"
    example = EXAMPLES / "joue-les-tours-2027"
    shutil.copytree(example, folder, ignore=shutil.ignore_patterns("build"))
    path = folder / "event.yaml"
    # The slots stay to fill in the drafts, as a person finishes them by hand.
    text = path.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "bilateral_slots" not in line]
    path.write_text("".join(kept), encoding="utf-8")
    return path


@pytest.fixture
def build(event: Path, rzn: Callable[..., Result]) -> Path:
    result = rzn("render", str(event), "--today", TODAY)
    assert result.code == 0, result.err
    return event.parent / "build"


def change(path: Path, old: str, new: str, *, encoding: str = "utf-8", newline: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).replace("\n", newline or "\n").encode(encoding))


def retitle(event: Path) -> None:
    change(event, OLD_TITLE, NEW_TITLE)


def move_date(event: Path) -> None:
    change(event, "date: 2027-11-18", "date: 2027-11-25")


def render(rzn: Callable[..., Result], event: Path, *args: str) -> Result:
    return rzn("render", str(event), "--today", TODAY, *args)


def test_a_filled_placeholder_stays_and_the_new_title_comes_in(build, event, rzn):
    change(build / LETTER, SLOTS, "mardi 14 h ou jeudi 10 h")
    retitle(event)
    result = render(rzn, event)
    assert result.code == 0, result.err
    text = (build / LETTER).read_text(encoding="utf-8")
    assert "mardi 14 h ou jeudi 10 h" in text and SLOTS not in text
    assert "Rencontre numérique du Centre-Val de Loire" in text
    assert "RéZolutions numériques du Centre-Val de Loire" not in text
    assert f"  {LETTER}  vos modifications sont gardées" in result.out


def test_an_added_budget_line_and_a_rewritten_paragraph_survive(build, event, rzn):
    budget = build / "budget.md"
    total = "| **Total des dépenses** |"
    change(budget, total, "| Transport | Navette | 1 | 80,00 € | 80,00 € |  |\n" + total)
    letter = build / LETTER
    change(letter, "Nous y parlerons\u00a0:", "Nous parlerons ensemble, sans formalité :")
    retitle(event)
    assert render(rzn, event).code == 0
    assert "| Transport | Navette | 1 | 80,00 € | 80,00 € |  |" in budget.read_text("utf-8")
    assert "Budget prévisionnel — Rencontre numérique" in budget.read_text("utf-8")
    assert "Nous parlerons ensemble, sans formalité :" in letter.read_text("utf-8")


def test_a_deleted_section_stays_deleted(build, event, rzn):
    budget = build / "budget.md"
    text = budget.read_text(encoding="utf-8")
    start, end = text.index("## À chiffrer"), text.index("\n## ", text.index("## À chiffrer") + 1)
    budget.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    retitle(event)
    assert render(rzn, event).code == 0
    after = budget.read_text(encoding="utf-8")
    assert "## À chiffrer" not in after and "Régisseur" not in after
    assert after.startswith("# Budget prévisionnel — Rencontre numérique")


def test_an_edit_on_the_lines_a_date_change_touches_is_a_conflict(build, event, rzn):
    letter = build / LETTER
    place = "le jeudi 18 novembre 2027 à l'Espace Malraux"
    change(letter, place, "le jeudi 18 novembre 2027 à 9 h, salle Rabelais de l'Espace Malraux")
    move_date(event)
    result = render(rzn, event)
    assert result.code == 1
    text = letter.read_text(encoding="utf-8")
    mine = text.index("<<<<<<< vos modifications\n")
    middle = text.index("=======\n", mine)
    theirs_end = text.index(">>>>>>> nouvelle version de rzn\n", middle)
    assert "salle Rabelais" in text[mine:middle]
    assert "jeudi 25 novembre 2027" in text[middle:theirs_end]
    assert f"  {LETTER}  EN CONFLIT (1 endroit)" in result.out
    assert "Conflits : un fichier, un endroit" in result.out

    checked = rzn("check", str(event), "--today", TODAY, "--format", "json")
    assert checked.code == 1
    found = [f for f in json.loads(checked.out)["findings"] if f["rule"] == "unresolved-conflict"]
    assert [(f["file"], f["line"], f["severity"]) for f in found] == [
        (str(letter), text[:mine].count("\n") + 1, "error")
    ]

    # Resolved by hand: the next render merges on, and nothing is flagged any more.
    start, end = mine, theirs_end + len(">>>>>>> nouvelle version de rzn\n")
    resolved = text[middle + len("=======\n") : theirs_end].replace(
        "à l'Espace", "à 9 h, à l'Espace"
    )
    letter.write_text(text[:start] + resolved + text[end:], encoding="utf-8")
    assert render(rzn, event).code == 0
    assert "jeudi 25 novembre 2027 à 9 h, à l'Espace Malraux" in letter.read_text("utf-8")
    assert rzn("check", str(event), "--today", TODAY, "--select", "unresolved-conflict").code == 0


def test_an_unresolved_conflict_is_reported_again_at_every_render(build, event, rzn):
    change(build / LETTER, "le jeudi 18 novembre 2027 à l'Espace", "le 18/11 à l'Espace")
    move_date(event)
    assert render(rzn, event).code == 1
    before = (build / LETTER).read_bytes()
    again = render(rzn, event)
    assert again.code == 1 and "EN CONFLIT" in again.out
    assert (build / LETTER).read_bytes() == before


def test_windows_line_endings_are_kept(build, event, rzn):
    letter = build / LETTER
    change(letter, SLOTS, "mardi 14 h", newline="\r\n")
    retitle(event)
    assert render(rzn, event).code == 0
    data = letter.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert "mardi 14 h" in data.decode() and "Rencontre numérique" in data.decode()


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-16"])
def test_a_file_re_encoded_by_an_editor_keeps_its_encoding(build, event, rzn, encoding):
    letter = build / LETTER
    change(letter, SLOTS, "mardi 14 h", encoding=encoding)
    retitle(event)
    assert render(rzn, event).code == 0
    text = letter.read_bytes().decode(encoding)
    assert "mardi 14 h" in text and "Rencontre numérique du Centre-Val de Loire" in text


def test_a_character_the_encoding_cannot_write_turns_the_file_into_utf8(build, event, rzn):
    letter = build / LETTER
    change(letter, SLOTS, "mardi 14 h", encoding="cp1252")
    change(event, OLD_TITLE, "title: Rencontre numérique ≥ 2027")  # no "≥" in Windows-1252
    result = render(rzn, event)
    assert result.code == 0
    assert "réenregistré en UTF-8" in result.out
    assert "Rencontre numérique ≥ 2027" in letter.read_text(encoding="utf-8")


def test_an_html_page_edit_is_merged(build, event, rzn):
    page = build / "run-sheet.html"
    change(page, "<footer", "<p>Version relue par Nadia le 2 septembre.</p>\n<footer")
    retitle(event)
    assert render(rzn, event).code == 0
    after = page.read_text(encoding="utf-8")
    assert "<p>Version relue par Nadia le 2 septembre.</p>" in after
    assert "Rencontre numérique du Centre-Val de Loire" in after


def _text_part(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def test_a_mail_draft_edited_in_its_text_part_is_merged_part_by_part(build, event, rzn):
    draft = build / "speakers/dupont/1-bilateral.eml"
    raw = draft.read_bytes()
    # As an editor shows quoted-printable: the placeholder is plain ASCII but for "é".
    encoded = b"[cr=C3=A9neaux =C3=A0 compl=C3=A9ter]"
    assert encoded in raw
    draft.write_bytes(raw.replace(encoded, b"mardi 14 h ou jeudi 10 h"))
    retitle(event)
    assert render(rzn, event).code == 0
    text = _text_part(draft)
    assert "mardi 14 h ou jeudi 10 h" in text and SLOTS not in text
    assert "Rencontre numérique du Centre-Val de Loire" in text
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert "Rencontre numérique" in str(message["Subject"])
    assert message["X-Unsent"] == "1"


def test_a_spreadsheet_edited_by_a_person_is_kept_and_the_new_one_written_beside(build, event, rzn):
    sheet = build / "budget.xlsx"
    book = openpyxl.load_workbook(sheet)
    book.active["A1"] = "Budget relu par la trésorière"
    book.save(sheet)
    mine = sheet.read_bytes()
    retitle(event)
    result = render(rzn, event)
    assert result.code == 0
    assert sheet.read_bytes() == mine
    beside = build / "budget.nouveau.xlsx"
    assert openpyxl.load_workbook(beside)  # a real workbook
    assert (
        "  budget.xlsx  modifié à la main : gardé tel quel ; la nouvelle version est dans "
        "budget.nouveau.xlsx (--force pour remplacer)\n"
    ) in result.out

    # Rendering again with the same event changes nothing; --force replaces the person's file.
    before = snapshot(build)
    assert render(rzn, event).code == 0
    assert snapshot(build) == before
    assert render(rzn, event, "--force").code == 0
    assert sheet.read_bytes() == beside.read_bytes()


def test_an_edited_calendar_is_kept_too(build, event, rzn):
    calendar = build / "event.ics"
    change(calendar, "END:VCALENDAR", "X-NOTE:ajout de Nadia\nEND:VCALENDAR", newline="\r\n")
    retitle(event)
    assert render(rzn, event).code == 0
    assert b"X-NOTE:ajout de Nadia" in calendar.read_bytes()
    assert b"Rencontre num" in (build / "event.nouveau.ics").read_bytes()


def test_a_deleted_draft_is_not_brought_back_unless_asked(build, event, rzn):
    (build / LETTER).unlink()
    retitle(event)
    result = render(rzn, event)
    assert result.code == 0
    assert not (build / LETTER).exists()
    assert f"supprimé : non recréé (rzn render --restore {LETTER} pour le retrouver)" in result.out
    assert LETTER not in result.out.split("Vos modifications")[0]  # not listed as written
    assert render(rzn, event).code == 0 and not (build / LETTER).exists()

    restored = render(rzn, event, "--restore", "speakers/dupont/*")
    assert restored.code == 0
    assert "Rencontre numérique" in (build / LETTER).read_text(encoding="utf-8")


def test_restore_names_an_unknown_draft_with_a_suggestion(build, event, rzn):
    result = render(rzn, event, "--restore", "speakers/dupond/1-bilateral.md")
    assert result.code == 2
    assert "Vouliez-vous dire « speakers/dupont/1-bilateral.md » ?" in result.err


def test_a_lost_base_keeps_the_edited_draft_and_writes_the_new_one_beside(build, event, rzn):
    change(build / LETTER, SLOTS, "mardi 14 h")
    shutil.rmtree(build / ".rzn")
    retitle(event)
    result = render(rzn, event)
    assert result.code == 0
    assert "mardi 14 h" in (build / LETTER).read_text(encoding="utf-8")
    assert "Rencontre numérique" not in (build / LETTER).read_text(encoding="utf-8")
    beside = build / "speakers/dupont/1-bilateral.nouveau.md"
    assert "Rencontre numérique" in beside.read_text(encoding="utf-8")
    assert "rzn n'a pas gardé sa version précédente" in result.out


def test_an_old_manifest_without_digests_never_overwrites(build, event, rzn):
    names = sorted(json.loads((build / MANIFEST).read_text(encoding="utf-8"))["files"])
    (build / MANIFEST).write_text(json.dumps({"generator": "rzn", "files": names}), "utf-8")
    change(build / LETTER, SLOTS, "mardi 14 h")
    retitle(event)
    assert render(rzn, event).code == 0
    assert "mardi 14 h" in (build / LETTER).read_text(encoding="utf-8")


def test_dry_run_and_diff_write_nothing_and_say_what_would_happen(build, event, rzn):
    change(build / LETTER, SLOTS, "mardi 14 h")
    (build / "speakers/dupont/2-documents.md").unlink()
    retitle(event)
    before = snapshot(build)
    result = render(rzn, event, "--dry-run")
    assert result.code == 0
    assert snapshot(build) == before
    assert result.out.startswith(f"Aperçu, rien n'a été écrit dans {build} :\n")
    lines = {line.split()[0]: line.split(None, 1)[1] for line in result.out.splitlines()[1:-1]}
    assert lines[LETTER] == "fusionné"
    assert lines["checklist.md"] == "mis à jour"
    assert lines["speakers/dupont/2-documents.md"] == "supprimé, non recréé"

    shown = render(rzn, event, "--diff")
    assert snapshot(build) == before
    assert f"--- {LETTER} (actuel)" in shown.out
    assert "+# Budget prévisionnel — Rencontre numérique du Centre-Val de Loire" in shown.out


def test_an_untouched_folder_is_not_written_again(build, event, rzn):
    change(build / LETTER, SLOTS, "mardi 14 h")
    retitle(event)
    assert render(rzn, event).code == 0
    before = snapshot(build)
    again = render(rzn, event)
    assert again.code == 0 and "Vos modifications" not in again.out
    assert snapshot(build) == before  # bytes and modification times, bases included


def test_a_failed_render_leaves_edits_and_bases_as_they_were(build, event, rzn, monkeypatch):
    change(build / LETTER, SLOTS, "mardi 14 h")
    retitle(event)
    before = snapshot(build)
    import rzn.render.output as output

    calls = {"n": 0}
    real = output.os.replace

    def failing(src, dst):  # the third move fails, as a full disk or a locked file would
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(output.os, "replace", failing)
    result = render(rzn, event)
    assert result.code == 1
    assert snapshot(build) == before
