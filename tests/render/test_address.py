"""The form of address of the whole event: ``communication.address: vous | tu``.

Every text written to participants, speakers and the public speaks one way; rzn's notes
to the organising team (draft headers, checklist, budget, the team's instructions above a
questionnaire) keep the vouvoiement, and so do the opening slides, shown to a whole room.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from rzn.model.event import Address, Communication, Event
from rzn.render import build_documents, grammar
from rzn.render.context import RenderContext
from rzn.render.environment import make_environment
from tests.conftest import EXAMPLES
from tests.render.test_grammar import make_event
from tests.spelling import html_text, hunspell, mail_text, unknown_words, words

TODAY = dt.date(2027, 9, 1)
EXAMPLE_NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml"))

VOUS = re.compile(r"\b(?:vous|votre|vos|\w+ez)\b", re.IGNORECASE)
"""The vouvoiement's pronouns and its verbs (« Inscrivez-vous », « retrouvez »)."""
LEGITIMATE_VOUS = re.compile(r"\b(?:Rendez-vous|chez|assez)\b")
"""Words that are no form of address: the noun « rendez-vous », « chez », « assez »."""
TU_FORMS = re.compile(r"\b(?:tu|te|toi|ton|ta|tes|t'\w+|\w+-toi)\b", re.IGNORECASE)


def people_texts(files: dict[str, bytes]) -> dict[str, str]:
    """What participants, speakers and the public read, without rzn's notes to the team."""
    found: dict[str, str] = {}
    for path, data in files.items():
        name = path.rsplit("/", 1)[-1]
        if path.endswith(".eml"):
            found[path] = mail_text(data)
        elif path.startswith(("mailings/", "speakers/")) and path.endswith(".md"):
            found[path] = data.decode("utf-8").split("\n---\n", 1)[1]
        elif name == "social-posts.md":
            text = data.decode("utf-8")
            found[path] = "\n".join(line for line in text.splitlines() if line.startswith(">"))
        elif name in ("evaluation.md", "consultation.md"):
            text = data.decode("utf-8")
            found[path] = "\n".join(line for line in text.splitlines() if not line.startswith(">"))
        elif path.startswith("workshops/") and path.endswith(".md"):
            found[path] = data.decode("utf-8")
        elif name in ("evaluation.html", "consultation.html") or path in (
            "public/index.html",
            "public/affiche.html",
        ):
            found[path] = html_text(data.decode("utf-8"))
    return found


def vous_left(text: str) -> list[str]:
    return [
        line.strip() for line in text.splitlines() if VOUS.search(LEGITIMATE_VOUS.sub("", line))
    ]


def render_example(name: str, tmp_path: Path, **communication: object) -> dict[str, bytes]:
    source = EXAMPLES / name
    data = yaml.safe_load((source / "event.yaml").read_text(encoding="utf-8"))
    data.setdefault("communication", {}).update(communication)
    folder = tmp_path / name
    folder.mkdir()
    for item in source.iterdir():
        if item.is_dir():
            (folder / item.name).symlink_to(item)
    (folder / "event.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    report, files = build_documents(str(folder / "event.yaml"), TODAY)
    assert not report.failed
    return {output.path: output.content for output in files}


@pytest.mark.parametrize("inclusive", [True, False])
@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_tutoiement_leaves_no_vous_in_texts_to_people(example, inclusive, tmp_path):
    files = render_example(example, tmp_path, address="tu", inclusive=inclusive)
    texts = people_texts(files)
    assert len(texts) > 20  # mails, drafts, posts, questionnaires, public page
    left = {path: vous_left(text) for path, text in texts.items()}
    assert {path: lines for path, lines in left.items() if lines} == {}
    everything = "\n".join(texts.values())
    for form in ("Inscris-toi", "ton association", "Ton avis", "ton intervention", "es-tu"):
        assert form in everything, form
    if not inclusive:
        assert [path for path, text in texts.items() if re.search(r"\w·\w", text)] == []


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_vouvoiement_has_no_tu_form(example, tmp_path):
    texts = people_texts(render_example(example, tmp_path, address="vous"))
    found = {path: sorted(set(TU_FORMS.findall(text))) for path, text in texts.items()}
    assert {path: forms for path, forms in found.items() if forms} == {}
    assert "Inscrivez-vous" in "\n".join(texts.values())


def test_tutoiement_outputs_are_spelled_right(tmp_path):
    hunspell()
    found: set[str] = set()
    for index, example in enumerate(EXAMPLE_NAMES):
        folder = tmp_path / str(index)
        folder.mkdir()
        files = render_example(example, folder, address="tu", inclusive=index % 2 == 0)
        for text in people_texts(files).values():
            found |= words(text)
    assert len(found) > 500
    assert unknown_words(found) == set()


def test_the_event_file_says_vous_or_tu():
    assert Communication().address is Address.VOUS
    for written, meant in [
        ("tu", Address.TU),
        ("vous", Address.VOUS),
        ("Tutoiement", Address.TU),
        ("vouvoiement", Address.VOUS),
    ]:
        assert Communication.model_validate({"address": written}).address is meant


def test_another_form_of_address_is_refused_in_french(tmp_path):
    from typer.testing import CliRunner

    from rzn.cli.app import app

    event = tmp_path / "event.yaml"
    event.write_text(
        "title: Test\ndate: 2027-10-14\nformat: online\n"
        "organizers: [{name: Réseau, lead: true, email: a@example.org}]\n"
        "communication:\n  address: toi\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(event)])
    assert result.exit_code == 1
    assert (
        f"{event}:6:12: erreur RZN010 [invalid-value] « toi » n'est pas une valeur possible. "
        "Choisissez parmi : vous ou tu." in result.output
    )


def test_tu_picks_the_form_of_the_text_being_rendered():
    assert grammar.tu("Inscrivez-vous", "Inscris-toi") == "Inscrivez-vous"
    with grammar.addressing("tu"):
        assert grammar.tu("Inscrivez-vous", "Inscris-toi") == "Inscris-toi"
        assert grammar.tu("Inscrivez-vous", "Inscris-toi", "vous") == "Inscrivez-vous"
    assert grammar.tu("Inscrivez-vous", "Inscris-toi") == "Inscrivez-vous"


@pytest.mark.parametrize(
    ("title", "vous", "tu", "tu_without_dots"),
    [
        ("référente", "votre référente", "ta référente", "ta référente"),
        ("référent", "votre référent", "ton référent", "ton référent"),
        ("référent·e", "votre référent·e", "ton·ta référent·e", "ton référent"),
        ("intervention", "votre intervention", "ton intervention", "ton intervention"),
    ],
)
def test_your_agrees_with_the_title(title, vous, tu, tu_without_dots):
    assert grammar.your(title, "vous") == vous
    assert grammar.your(title, "tu") == tu
    assert grammar.without_inclusive_dots(grammar.your(title, "tu")) == tu_without_dots


def _letters(**options: object) -> dict[str, str]:
    from tests.render.test_grammar import texts

    return texts(make_event(**options), ("speaker-briefs", "mailings"))  # type: ignore[arg-type]


def test_speaker_letters_say_tu_with_the_referents_title():
    letters = _letters(address="tu")
    riou = letters["speakers/riou/1-bilateral.eml"]
    assert "\nBonjour Mathieu,\n" in riou
    assert "Je serai ta référente dans l'équipe d'organisation" in riou
    assert "Je te propose un échange" in riou
    assert "Si aucun ne te convient, propose-en d'autres." in riou
    assert "\nBien amicalement,\nAnne Le Goff\n" in riou
    assert "\nBien cordialement,\nAnne Le Goff\n" in _letters()["speakers/riou/1-bilateral.eml"]
    neutral = _letters(address="tu", role="Coordination")["speakers/riou/1-bilateral.eml"]
    assert "Je serai ton·ta référent·e dans" in neutral
    plain = _letters(address="tu", role=None, inclusive=False)["speakers/riou/1-bilateral.eml"]
    assert "Je serai ton référent dans" in plain


def test_invitation_and_reminders_say_tu():
    event = make_event(address="tu", format="hybrid", pmr=False)
    event = event.model_copy(
        update={"communication": event.communication.model_copy(update={"mailings": [30, 7, 1]})}
    )
    mails = _texts(event)
    invitation = mails["mailings/invitation-j30.eml"]
    assert "t'invite à la rencontre" in invitation
    assert "Inscris-toi dès maintenant" in invitation
    assert "Tu peux suivre la rencontre à distance. Écris-nous pour que" in invitation
    assert "Suis et partage la rencontre" in invitation
    assert "Derniers jours pour t'inscrire\u00a0!" in mails["mailings/reminder-j7.eml"]
    assert "Inscris-toi dès aujourd'hui\u00a0!" in mails["mailings/reminder-j1.eml"]
    assert "Merci pour ta participation" in mails["mailings/thanks-participants.eml"]


def _texts(event: Event) -> dict[str, str]:
    from tests.render.test_grammar import texts

    return texts(event, ("mailings",))


def test_a_users_template_can_use_the_form_of_address(tmp_path):
    (tmp_path / "mailings").mkdir()
    (tmp_path / "mailings" / "subject.txt.j2").write_text(
        '{{ "Rejoignez-nous"|tu("Rejoins-nous") }} ({{ address }}) : {{ event.title }}\n',
        encoding="utf-8",
    )
    env = make_environment([tmp_path])  # one environment: a compiled template serves both
    for address, expected in [
        ("tu", "Rejoins-nous (tu)"),
        ("vous", "Rejoignez-nous (vous)"),
        ("tu", "Rejoins-nous (tu)"),
    ]:
        event = make_event(address=address)
        ctx = RenderContext(event, TODAY, env, Path("."))
        assert ctx.render("mailings/subject.txt.j2").startswith(expected)
    assert grammar.tu("vous", "tu") == "vous"  # the choice does not outlive a rendering
