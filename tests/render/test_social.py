import datetime as dt
import re

from rzn.render import build_documents
from rzn.render.documents.social import fit
from tests.conftest import plain

TODAY = dt.date(2027, 9, 1)

EVENT = """\
title: {title}
date: 2027-11-18
format: hybrid
organizers:
  - {{name: Le Mouvement associatif, lead: true}}
venue:
  name: Espace Malraux
  rooms:
    - {{name: Grande salle, capacity: 200, kind: plenary}}
    - {{name: Salle 1, capacity: 30}}
    - {{name: Salle 2, capacity: 30}}
online: {{platform: BigBlueButton, url: "https://visio.example.org/secret"}}
registration_url: https://example.org/inscription
communication: {{hashtag: "ReZo Num"}}
program:
  - {{start: "09:30", duration: 60, title: État des lieux, kind: talk, speakers: [dupont],
     room: Grande salle}}
  - {{start: "10:45", duration: 60, title: Atelier A, kind: workshop, speakers: [dupont],
     room: Salle 1}}
  - {{start: "10:45", duration: 60, title: Atelier B, kind: workshop, room: Salle 2}}
  - {{start: "16:30", duration: 30, title: Clôture, kind: closing, room: Grande salle}}
speakers:
  - {{id: dupont, name: Claire Dupont}}
"""


def posts(write_event, title: str = "Rencontre test") -> str:
    report, files = build_documents(str(write_event(EVENT.format(title=title))), TODAY)
    assert not report.failed, [d.message for d in report.diagnostics]
    return {
        f.path: plain(f.content.decode("utf-8"))
        for f in files
        if not f.path.endswith((".pptx", ".xlsx", ".png"))
    }["social-posts.md"]


def quoted(text: str) -> list[str]:
    """Each post: its consecutive "> " lines joined back."""
    return [
        "\n".join(line[2:] for line in block.splitlines())
        for block in re.findall(r"(?:^> .*\n?)+", text, flags=re.M)
    ]


def test_posts_cover_before_during_and_after_with_dates(write_event):
    text = posts(write_event)
    headings = re.findall(r"^#{2,3} (.*)$", text, flags=re.M)
    assert headings == [
        "Avant la rencontre : mobiliser",
        "mardi 19 octobre 2027 (J-30) — annonce",
        "mercredi 3 novembre 2027 (J-15) — le programme",
        "jeudi 11 novembre 2027 (J-7) — dernier appel",
        "mercredi 17 novembre 2027 (J-1) — c'est demain",
        "Le jour J : rendre compte en direct",
        "9 h — ouverture",
        "9 h 40 — État des lieux",
        "10 h 55 — ateliers en parallèle",
        "16 h 30 — clôture",
        "Après la rencontre : faire vivre la communauté",
        "vendredi 19 novembre 2027 (J+1) — merci",
        "jeudi 25 novembre 2027 (J+7) — les ressources",
        "samedi 18 décembre 2027 (J+30) — et maintenant ?",
    ]


def test_every_post_has_the_hashtag_and_none_leaks_the_connection_link(write_event):
    text = posts(write_event)
    found = quoted(text)
    assert len(found) == 12
    assert all("#ReZoNum" in post for post in found)
    assert "visio.example.org" not in text
    before = found[:5]
    assert all("https://example.org/inscription" in post for post in before[:4])


def test_lengths_are_shown_and_posts_over_280_are_flagged(write_event):
    text = posts(write_event)
    note_pattern = r"^\*(\d+) caractères(?: \((\d+) pour X et Mastodon[^)]*\))? — (.*)\*$"
    for post, (length, short, note) in zip(
        quoted(text), re.findall(note_pattern, text, flags=re.M), strict=True
    ):
        assert int(length) == len(post)
        # X and Mastodon count a link as 23 characters, Bluesky (300) in full
        as_x_counts = len(re.sub(r"https?://\S+", "x" * 23, post))
        assert int(short or length) == as_x_counts
        assert note.startswith("⚠") == (as_x_counts > 280 or len(post) > 300)
    long_title = ("Rencontre " + "très " * 50).strip()
    flagged = posts(write_event, long_title)
    notes = [n[2] for n in re.findall(note_pattern, flagged, flags=re.M)]
    with_title = [
        note for post, note in zip(quoted(flagged), notes, strict=True) if long_title in post
    ]
    assert len(with_title) == 10
    assert all(note.startswith("⚠ trop long pour X (Twitter) (") for note in with_title)


def test_fit_names_the_networks_a_text_fits():
    assert fit("x" * 280).fits == ["X (Twitter)", "Bluesky", "Mastodon", "LinkedIn", "Facebook"]
    short = fit("x" * 281)
    assert short.over_short_limit
    assert short.too_long == ["X (Twitter) (281 caractères, 280 au plus)"]
    assert fit("x" * 501).fits == ["LinkedIn", "Facebook"]


def test_links_count_as_23_characters_on_x_and_mastodon_only():
    link = "https://www.example.org/rencontres/rezolutions-numeriques-2027/inscription"
    text = "x" * 250 + " " + link + "."
    counted = fit(text)
    assert (counted.length, counted.short_links) == (326, 275)
    assert counted.fits == ["X (Twitter)", "Mastodon", "LinkedIn", "Facebook"]
    assert counted.too_long == ["Bluesky (326 caractères, 300 au plus)"]
    assert fit("x" * 490 + " " + link).too_long == [
        "X (Twitter) (514 caractères, 280 au plus)",
        "Bluesky (565 caractères, 300 au plus)",
        "Mastodon (514 caractères, 500 au plus)",
    ]


def test_parallel_workshops_share_one_live_post(write_event):
    text = posts(write_event)
    assert (
        "> Place aux ateliers : « Atelier A » avec Claire Dupont et « Atelier B ». #ReZoNum" in text
    )


def test_hashtag_keeps_only_what_networks_link(write_event):
    from rzn.model.event import Communication
    from rzn.render.documents.run_sheet import hashtag

    class Event:
        def __init__(self, tag: str) -> None:
            self.communication = Communication(hashtag=tag)

    tags = ("ReZo Num", "#ReZo-Num", "#RéZo_2027", "# !")
    assert [hashtag(Event(t)) for t in tags] == ["#ReZoNum", "#ReZoNum", "#RéZo_2027", "#ReZoNum"]
