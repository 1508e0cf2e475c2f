import datetime as dt
from html.parser import HTMLParser

import pytest

from rzn.errors import RenderError
from tests.conftest import plain
from tests.plan.helpers import render, write

TODAY = dt.date(2027, 9, 1)
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: bytes) -> Collect:
    parser = Collect()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser


def test_checklist_md_groups_tasks_by_phase_with_french_due_dates(tmp_path):
    # J-7 of Wednesday 8 December 2027 is Wednesday 1 December: "1er".
    path = write(tmp_path, date="2027-12-08")
    md = plain(render(path, TODAY)["checklist.md"].decode("utf-8"))
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Lancer", "## Préparer", "## Communiquer", "## Jour J", "## Après"]
    assert (
        "- [ ] **Envoyer le mailing de relance avec les modalités d'inscription** — "
        "mercredi 1er décembre 2027 (J-7)\n"
        "  - Responsable : Communication (à attribuer) · statut : à faire · identifiant : "
        "`mailing-j7`\n"
        "  - Vade-mecum : « Mailing : envoi à J-30, puis J-15, puis J-7 »\n"
    ) in md
    assert md.startswith(
        "# Rétroplanning — RéZolutions numériques test\n\n"
        "Mercredi 8 décembre 2027 · rencontre en présentiel\n\n"
    )
    assert md.endswith("»\n") and not md.endswith("\n\n")


def test_done_tasks_are_checked_and_late_ones_marked(tmp_path):
    path = write(tmp_path, tasks={"done": ["lead", "date"]})
    md = plain(render(path, TODAY)["checklist.md"].decode("utf-8"))
    assert (
        "- [x] **Identifier la tête de file ou le groupe d'initiative** — "
        "vendredi 30 juillet 2027 (J-90, avancé du vendredi 20 août : pause d'été de l'équipe "
        "et week-end)\n"
        "  - Responsable : Comité d'organisation (à attribuer) · statut : fait · identifiant : "
        "`lead`\n"
    ) in md
    assert (
        "- [ ] **Établir une vision commune des enjeux et des objectifs de la rencontre** — "
        "vendredi 30 juillet 2027 (J-90, avancé du vendredi 20 août : pause d'été de l'équipe "
        "et week-end) — **EN RETARD**\n"
    ) in md
    assert (
        # venue-accessibility is done too: the file says whether the venue is accessible.
        "État au mercredi 1er septembre 2027 : 39 tâches, 3 faites, 32 à faire, 4 en retard." in md
    )


def test_nothing_is_late_long_before_the_event(tmp_path):
    md = plain(render(write(tmp_path), dt.date(2027, 1, 1))["checklist.md"].decode("utf-8"))
    assert "EN RETARD" not in md
    assert "0 en retard" in md


def test_online_checklist_has_remote_tasks_not_room_booking(tmp_path):
    md = plain(render(write(tmp_path, "online"), TODAY)["checklist.md"].decode("utf-8"))
    assert "`remote-rules`" in md and "`videoconference-tool`" in md
    assert "`venue-booking`" not in md and "`day-logistics`" not in md
    assert "rencontre en ligne" in md


def test_checklist_html_marks_status_and_late_rows(tmp_path):
    html = render(write(tmp_path, tasks={"done": ["lead"]}), TODAY)["checklist.html"]
    text = plain(html.decode("utf-8"))
    assert (
        '<tr class="done">' in text and '<tr class="late">' in text and '<tr class="todo">' in text
    )
    doc = parse(html)
    assert doc.tags.count("tr") == 39 + 5  # one row per task, plus one header row per phase
    assert doc.tags.count("h2") == 5
    content = "".join(doc.text)
    assert "lundi 20 septembre 2027" not in content  # no J-59 task
    assert "vendredi 30 juillet 2027" in content and "J-90" in content


def test_checklist_html_is_self_contained(tmp_path):
    doc = parse(render(write(tmp_path), TODAY)["checklist.html"])
    assert "script" not in doc.tags and "link" not in doc.tags and "img" not in doc.tags
    assert not [value for name, value in doc.attrs if name in ("src", "href")]
    assert doc.tags.count("style") == 1


def test_checklist_html_escapes_event_data(tmp_path):
    path = write(
        tmp_path,
        title=f"Titre {PAYLOAD}",
        city=PAYLOAD,
        communication={"hashtag": f"#x{PAYLOAD}"},
    )
    files = render(path, TODAY)
    doc = parse(files["checklist.html"])
    assert "script" not in doc.tags and "img" not in doc.tags
    assert not [name for name, _ in doc.attrs if name.startswith("on")]
    content = "".join(doc.text)
    assert f"Titre {PAYLOAD}" in content  # shown as text, exactly
    assert content.count(PAYLOAD) >= 3  # title, city, hashtag of the social-before task


def test_event_data_is_never_compiled_as_a_template(tmp_path):
    md = render(write(tmp_path, title="{{ 7*7 }} {% if true %}"), TODAY)["checklist.md"]
    assert "# Rétroplanning — {{ 7*7 }} {% if true %}" in md.decode("utf-8")


def test_override_extends_the_default_and_changes_one_block(tmp_path):
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "checklist.md.j2").write_text(
        '{% extends "default:checklist.md.j2" %}\n'
        "{% block summary %}\n"
        "Point d'étape : {{ plan.late|length }} en retard.\n\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    path = write(tmp_path)
    default = plain(render(path, TODAY)["checklist.md"].decode("utf-8"))
    custom = plain(render(path, TODAY, (str(templates),))["checklist.md"].decode("utf-8"))
    assert "Point d'étape : 4 en retard." in custom  # lead and date: proven done
    assert "Pour marquer une tâche comme faite" not in custom
    # Everything outside the block is the built-in document.
    assert custom.split("## Lancer")[1] == default.split("## Lancer")[1]
    assert custom.split("Point d'étape")[0] == default.split("État au")[0]


def test_override_of_base_html_changes_every_html_document(tmp_path):
    templates = tmp_path / "gabarits-html"
    templates.mkdir()
    (templates / "base.html.j2").write_text(
        '{% extends "default:base.html.j2" %}\n'
        "{% block footer %}<p>Association Exemple</p>{% endblock %}\n",
        encoding="utf-8",
    )
    html = plain(
        render(write(tmp_path), TODAY, (str(templates),))["checklist.html"].decode("utf-8")
    )
    assert "<p>Association Exemple</p>" in html
    assert "Document préparé avec rzn" not in html


def test_unknown_variable_is_an_error_naming_template_and_line(tmp_path):
    templates = tmp_path / "gabarits-faux"
    templates.mkdir()
    (templates / "checklist.md.j2").write_text(
        "# {{ event.title }}\n\n{{ event.titre }}\n", encoding="utf-8"
    )
    with pytest.raises(RenderError) as caught:
        render(write(tmp_path), TODAY, (str(templates),))
    assert caught.value.message == (
        "Gabarit checklist.md.j2, ligne 3 : « titre » n'existe pas dans event (variable "
        "inconnue). Vérifiez le nom ; les variables disponibles "
        "sont décrites dans templates/README.md."
    )
