"""``rzn report``'s core on the fake exports: charts read by their data, nothing personal out."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from rzn.report.write import ReportResult, make_report
from tests.conftest import plain

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "data" / "exports"
TODAY = dt.date(2027, 11, 25)
TALK = "09:30 Le numérique dans les associations, état des lieux"


def setup(tmp_path: Path, answers: str = "google-forms-reponses.csv") -> Path:
    for file in EXPORTS.glob("*.csv"):
        shutil.copy(file, tmp_path / file.name)
    text = (EXPORTS / "val-de-loire.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^answers: .*$", f"answers: {answers}", text)
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(
    tmp_path: Path, answers: str = "google-forms-reponses.csv", *, quote: bool = False
) -> ReportResult:
    path = setup(tmp_path, answers)
    return make_report(str(path), None, str(tmp_path / "out"), TODAY, quote=quote)


def charts(html: str) -> dict[str, list[tuple[str, float, int]]]:
    """Each chart of the page by id: (label, value, count) of its bars."""
    found = {}
    for table in re.findall(r'<table class="chart".*?</table>', html, re.DOTALL):
        root = ET.fromstring(table)
        found[root.attrib["id"]] = [
            (r.attrib["data-label"], float(r.attrib["data-value"]), int(r.attrib["data-count"]))
            for r in root.iter("tr")
            if "data-label" in r.attrib
        ]
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("report")
    result = run(folder, quote=True)
    assert not result.failed, result.diagnostics
    html = plain((folder / "out" / "report.html").read_text(encoding="utf-8"))
    markdown = plain((folder / "out" / "report.md").read_text(encoding="utf-8"))
    return html, markdown


def test_both_files_are_written_and_the_encodings_said(tmp_path):
    result = run(tmp_path)
    assert [p.name for p in result.written] == ["report.html", "report.md"]
    assert [(Path(f).name, how) for f, how in result.read] == [
        ("helloasso-inscriptions.csv", "UTF-8 avec BOM, séparateur point-virgule"),
        ("google-forms-reponses.csv", "UTF-8, séparateur virgule"),
    ]
    # The unknown workshop choice is a warning located in the export itself.
    assert [(Path(d.file).name, d.line, d.code) for d in result.diagnostics] == [
        ("helloasso-inscriptions.csv", 9, "RZN704")
    ]


def test_key_figures(written):
    html, markdown = written
    assert "- Inscrits : **13**" in markdown
    assert "- Réponses au questionnaire : **12** (92 % des inscrits)" in markdown
    assert "- Satisfaits de la rencontre : **92 %**" in markdown
    assert "- Niveau numérique « intermédiaire » : **67 %** (débutant·es : 17 %)" in markdown
    assert "- 45 ans et plus : **58 %**" in markdown
    assert "13 personnes inscrites, dont 10 sur place et 3 à distance." in html


def test_charts_hold_the_answers(written):
    found = charts(written[0])
    assert found["chart-overall_satisfaction"] == [
        ("Très satisfait·e", 0.4167, 5),
        ("Plutôt satisfait·e", 0.5, 6),
        ("Plutôt pas satisfait·e", 0.0833, 1),
        ("Pas du tout satisfait·e", 0.0, 0),
    ]
    assert found["chart-digital_level"] == [
        ("Débutant·e", 0.1667, 2),
        ("Intermédiaire", 0.6667, 8),
        ("Avancé·e", 0.1667, 2),
    ]
    assert found["chart-workshops"] == [
        ("Lever et gérer des fonds en ligne", 5.0, 5),
        ("Collaborer à distance, outils libres", 5.0, 5),
        ("Protéger les données de son association", 3.0, 3),
    ]
    # Satisfied share per session, the session with 4 answers left out.
    assert found["chart-sessions"] == [
        (TALK, 1.0, 12),
        ("10:45 Lever et gérer des fonds en ligne", 1.0, 6),
        ("13:30 Table ronde : freins et leviers", 0.8333, 12),
        ("14:45 Protéger les données de son association", 0.875, 8),
    ]


def test_groups_smaller_than_five_are_not_broken_down_and_the_report_says_so(written):
    html, markdown = written
    found = charts(html)
    for question in ("tool_satisfaction", "connection_quality", "remote_interaction"):
        assert f"chart-{question}" not in found
    assert (
        "10:45 Collaborer à distance, outils libres : moins de 5 réponses, pas de détail." in html
    )
    assert (
        "**L'outil de visioconférence** — 3 réponses\n\n*Moins de 5 réponses : pas de détail, "
        "pour que personne ne soit reconnaissable.*"
    ) in markdown
    assert (
        "| 10:45 Collaborer à distance, outils libres | moins de 5 | pas de détail | |" in markdown
    )
    assert "Un groupe de moins de 5 personnes n'est pas détaillé (ici : " in markdown


NAME_COLUMNS = ("nom", "prénom", "structure", "association", "coordonnées")


def read_any(file: Path) -> str:
    raw = file.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return plain(raw[3:].decode("utf-8"))
    try:
        return plain(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def personal_data() -> set[str]:
    """Every name, e-mail address, phone number and organisation of every fake export."""
    found: set[str] = set()
    for file in EXPORTS.glob("*.csv"):
        text = read_any(file)
        separator = ";" if ";" in text.split("\n")[0] else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
        header = rows[0] if len(rows[0]) > 1 else rows[1]
        for row in rows:
            for name, cell in zip(header, row, strict=False):
                value = cell.strip()
                if "@" in value or re.fullmatch(r"[+\d .]{10,}", value):
                    found.add(value)
                named = any(key in name.lower() for key in NAME_COLUMNS)
                if "inscriptions" in file.name and named and len(value) >= 4:
                    found.add(value)
        found -= set(header)
        found.update(re.findall(r"[\w.+-]+@[\w.-]+", text))
        found.update(re.findall(r"0\d(?:[ .]?\d\d){4}", text))
    return found


def test_no_personal_data_leaks_into_the_report(written):
    html, markdown = written
    leaked = sorted(value for value in personal_data() if value in html or value in markdown)
    assert leaked == []
    # The comments are still there, without what identified people.
    assert "- Merci à [nom retiré] pour son témoignage !" in markdown
    assert "- Super journée, merci ! Contactez-moi : [adresse retirée]" in markdown
    assert "- Atelier trop court. Mon numéro : [téléphone retiré]" in markdown
    assert "@" not in markdown
    assert not re.search(r"\w@\w", html)


def test_free_text_is_counted_not_quoted_unless_asked(tmp_path):
    result = run(tmp_path)
    assert result.report is not None and not result.report.quoted
    markdown = plain((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "témoignage" not in markdown and "témoignage" not in html
    assert "retiré" not in markdown
    free = result.report.free_texts
    assert free == 12
    assert f"Les {free} réponses libres ne sont pas citées (rzn report --quote les cite" in markdown


def test_quoted_free_text_says_how_many_were_changed_or_withheld(written):
    html, markdown = written
    assert "(5 nettoyées, 0 non citée parce qu'elle ressemblait encore" in html
    assert (
        "Réponses libres : 12, citées à la demande des organisateurs dans l'ordre alphabétique, "
        "sans les adresses e-mail, numéros de téléphone ni noms des inscrits (5 nettoyées, "
        "0 non citée parce qu'elle ressemblait encore à une coordonnée)"
    ) in markdown


def test_the_cli_quotes_only_when_asked_and_withholds_what_looks_like_contact_details(
    tmp_path, rzn
):
    path = setup(tmp_path)
    (tmp_path / "cinq.csv").write_text(
        "overall_satisfaction;digital_level;comments\n"
        "Très satisfait;Débutant;Génial\n"
        "Plutôt satisfait;Intermédiaire;écrivez-moi : moi@ chez moi\n"
        "Très satisfait;Avancé;Merci NOLWENN ABGRALL\n"
        "Plutôt satisfait;Intermédiaire;Appelez le (+33) 6 12 34 56 78\n"
        "Plutôt satisfait;Intermédiaire;\n",
        encoding="utf-8",
    )
    args = ["report", str(path), "--answers", str(tmp_path / "cinq.csv"), "--today", "2027-11-25"]
    plain = rzn(*args, "-o", str(tmp_path / "a"))
    assert plain.code == 0, plain.out
    assert "4 réponses libres non citées (--quote pour les citer, nettoyées)." in plain.out
    assert "Génial" not in (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    quoted = rzn(*args, "-o", str(tmp_path / "b"), "--quote")
    assert quoted.code == 0, quoted.out
    assert (
        "Réponses libres citées : 3 sur 4 (2 nettoyées d'une adresse, d'un numéro ou d'un nom ; "
        "1 non citée parce qu'elle ressemblait encore à une coordonnée)."
    ) in quoted.out
    markdown = (tmp_path / "b" / "report.md").read_text(encoding="utf-8")
    assert "- Génial\n- Merci [nom retiré]\n- Appelez le [téléphone retiré]" not in markdown
    assert "- Appelez le [téléphone retiré]\n- Génial\n- Merci [nom retiré]\n" in markdown
    assert "chez moi" not in markdown and "@" not in markdown


def test_personal_data_check_knows_the_fixtures():
    known = personal_data()
    for value in (
        "Abgrall",
        "Nolwenn",
        "mathis.ebrard@example.org",
        "06 12 34 56 78",
        "Kenza Lahlou",
        "Club de voile de la Cisse (fictif)",
    ):
        assert value in known


def test_fewer_than_five_answers_give_counts_only(tmp_path):
    (tmp_path / "quatre.csv").write_text(
        "overall_satisfaction;digital_level;comments\n"
        "Très satisfait;Débutant;Génial\nPlutôt satisfait;Intermédiaire;\n"
        "Très satisfait;Avancé;\nPlutôt satisfait;Intermédiaire;Merci\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "quatre.csv")
    html = plain((tmp_path / "out" / "report.html").read_text(encoding="utf-8"))
    markdown = plain((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert result.report is not None and result.report.too_few_answers
    assert set(charts(html)) == {"chart-workshops"}
    assert "Génial" not in html and "Merci" not in markdown
    assert "Moins de 5 réponses au questionnaire : les réponses ne sont pas détaillées" in markdown
    assert "Satisfaits de la rencontre" not in markdown


def test_html_is_self_contained(written):
    html = written[0]
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "@import" not in html and "url(" not in html
    assert not re.search(r"(src|href)=", html)


def test_report_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    run(tmp_path / "a")
    run(tmp_path / "b")
    for name in ("report.html", "report.md"):
        assert (tmp_path / "a" / "out" / name).read_bytes() == (
            tmp_path / "b" / "out" / name
        ).read_bytes()


def test_unrecognised_answers_are_warnings_and_the_report_is_written(tmp_path):
    (tmp_path / "reponses.csv").write_text(
        "overall_satisfaction;age_band\nBien;45-54\nTrès satisfait;45-54\n", encoding="utf-8"
    )
    result = run(tmp_path, "reponses.csv")
    assert not result.failed and [p.name for p in result.written] == ["report.html", "report.md"]
    assert [(Path(d.file).name, d.line, d.code, d.severity.value) for d in result.diagnostics] == [
        ("helloasso-inscriptions.csv", 9, "RZN704", "warning"),
        ("reponses.csv", 2, "RZN706", "warning"),
    ]
    markdown = plain((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert (
        "1 réponse non reconnue, non comptée : « Bien » (overall_satisfaction, ligne 2)" in markdown
    )


def test_unreadable_answer_rows_block_the_report_until_fixed_or_ignored(tmp_path):
    (tmp_path / "reponses.csv").write_text(
        "overall_satisfaction;age_band\nTrès satisfait;45-54;en trop\nTrès satisfait;45-54\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "reponses.csv")
    assert result.failed and result.written == []
    assert [(Path(d.file).name, d.line, d.code, d.severity.value) for d in result.diagnostics] == [
        ("helloasso-inscriptions.csv", 9, "RZN704", "warning"),
        ("reponses.csv", 2, "RZN703", "error"),
    ]
    assert not (tmp_path / "out").exists()
    # Silencing the rule, with a reason, lets the report say what it left out.
    path = tmp_path / "event.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "check:\n  ignore:\n    registrations-unreadable: réponse papier mal saisie\n",
        encoding="utf-8",
    )
    result = make_report(str(path), None, str(tmp_path / "out"), TODAY)
    assert not result.failed
    markdown = plain((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert "1 ligne illisible non comptée (2)" in markdown


def test_it_never_overwrites_a_file_it_did_not_write(tmp_path):
    from rzn.errors import RenderError

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.md").write_text("mes notes", encoding="utf-8")
    with pytest.raises(RenderError, match="n'a pas été écrit par rzn"):
        run(tmp_path)
    assert (tmp_path / "out" / "report.md").read_text(encoding="utf-8") == "mes notes"
    assert not (tmp_path / "out" / "report.html").exists()


def test_quote_asked_with_too_few_answers_says_why_nothing_is_quoted(tmp_path, rzn):
    path = setup(tmp_path)
    (tmp_path / "quatre.csv").write_text(
        "overall_satisfaction;digital_level;comments\n"
        "Très satisfait;Débutant;Génial\nPlutôt satisfait;Intermédiaire;Bien\n"
        "Très satisfait;Avancé;\nPlutôt satisfait;Intermédiaire;Merci\n",
        encoding="utf-8",
    )
    args = ["report", str(path), "--answers", str(tmp_path / "quatre.csv"), "--today", "2027-11-25"]
    result = rzn(*args, "-o", str(tmp_path / "out"), "--quote")
    assert result.code == 0, result.out
    assert "Réponses libres citées" not in result.out
    assert (
        "3 réponses libres non citées malgré --quote : moins de 5 réponses, personne ne doit "
        "pouvoir être reconnu."
    ) in result.out
    assert "Génial" not in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
