"""rzn site: agenda, pages per region and format, feeds and sitemap, read back with parsers."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
import yaml

from tests.conftest import EXAMPLES

URL = "https://rezolutions.example.org/agenda/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/event.yaml"))


def _sources() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLE_FILES]


@pytest.fixture
def site(rzn, tmp_path) -> Path:
    out = tmp_path / "site"
    result = rzn("site", str(EXAMPLES), "-o", str(out), "--today", "2027-10-20", "--url", URL)
    assert result.code == 0, result.out + result.err
    assert result.out == f"Site écrit dans {out} : 4 rencontre(s), 27 fichiers.\n"
    return out


def test_agenda_lists_every_event_by_date_with_filters_as_links(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    sources = sorted(_sources(), key=lambda s: str(s["date"]))
    # Upcoming by date, then past ones (the most recent first).
    upcoming = [s for s in sources if str(s["date"]) >= "2027-10-20"]
    past = [s for s in reversed(sources) if str(s["date"]) < "2027-10-20"]
    assert past, "the fixed date leaves one example in the past"
    positions = [html.index(f">{s['title']}</a></h3>") for s in upcoming + past]
    assert positions == sorted(positions)
    assert html.index("<h2>À venir</h2>") < positions[0]
    passed = html.index("<h2>Rencontres passées</h2>")
    assert positions[len(upcoming) - 1] < passed < positions[len(upcoming)]
    for region in sorted({s["region"] for s in sources}):
        assert f">{region}</a></li>" in html
    assert '<a href="formats/en-ligne.html">En ligne</a>' in html
    assert "<script" not in html


def test_region_and_format_pages_show_only_their_events(site):
    sources = _sources()
    for source in sources:
        from rzn.slugs import slugify

        page = (site / "regions" / f"{slugify(source['region'])}.html").read_text("utf-8")
        shown = [s["title"] for s in sources if f">{s['title']}</a></h3>" in page]
        assert shown == [s["title"] for s in sources if s["region"] == source["region"]]
    online = (site / "formats" / "en-ligne.html").read_text(encoding="utf-8")
    assert [s["title"] for s in sources if f">{s['title']}</a></h3>" in online] == [
        s["title"] for s in sources if s["format"] == "online"
    ]


def test_calendar_feed_has_every_event_once(site):
    calendar = icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == sorted(s["title"] for s in _sources())
    starts = [e.decoded("dtstart") for e in events]
    assert starts == sorted(starts) and all(s.tzinfo is not None for s in starts)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert [z["tzid"] for z in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_json_feed_parses_and_links_each_page(site):
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == URL + "feed.json"
    items = feed["items"]
    dates = [item["_rezolutions"]["date"] for item in items]
    assert dates == sorted(dates) and len(items) == len(EXAMPLE_FILES)
    for item in items:
        assert item["url"].startswith(URL) and item["id"] == item["url"]
        folder = site / item["url"][len(URL) :]
        assert (folder / "index.html").is_file() and (folder / "partage.png").is_file()


def test_sitemap_lists_every_page_with_absolute_addresses(site):
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    assert root.tag == f"{SITEMAP}urlset"
    locations = [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]
    assert all(loc.startswith(URL) for loc in locations)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    pages = [p for p in pages if not p.endswith("affiche.html") and not p.startswith(".rzn")]
    expected = sorted(URL + p.removesuffix("index.html") for p in pages)
    assert sorted(locations) == expected


def test_event_pages_are_the_public_pages_with_a_way_back(site, rzn, tmp_path):
    from tests.render.test_public import _json_ld

    html = (site / "rezolutions-numeriques-bretagne" / "index.html").read_text("utf-8")
    assert '<a href="../index.html">Toutes les rencontres RéZolutions numériques</a>' in html
    assert _json_ld(html)["url"] == URL + "rezolutions-numeriques-bretagne/"


def test_site_is_deterministic(rzn, tmp_path, site):
    again = tmp_path / "encore"
    copy = tmp_path / "exemples"
    shutil.copytree(EXAMPLES, copy)
    result = rzn("site", str(copy), "-o", str(again), "--today", "2027-10-20", "--url", URL)
    assert result.code == 0

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(".rzn")
        }

    assert files(again) == files(site)


def test_site_without_url_has_no_sitemap_and_says_so(rzn, tmp_path):
    out = tmp_path / "site"
    result = rzn("site", str(EXAMPLES / "pontivy-2027"), "-o", str(out), "--today", "2027-09-01")
    assert result.code == 0
    assert result.out.endswith("(sans sitemap.xml : indiquez --url).\n")
    assert not (out / "sitemap.xml").exists()
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["url"] == "rezolutions-numeriques-bretagne/index.html"


def test_an_event_with_errors_builds_nothing(rzn, tmp_path, write_event):
    bad = write_event("title: Sans date\nformat: online\norganizers: [{name: A}]\n")
    out = tmp_path / "site"
    result = rzn("site", str(bad), str(EXAMPLES / "pontivy-2027"), "-o", str(out))
    assert result.code == 1
    assert "site non construit : 1 fichier(s) d'événement avec des erreurs" in result.err
    assert not out.exists()


def test_bad_url_is_a_usage_error(rzn, tmp_path):
    result = rzn("site", str(EXAMPLES), "-o", str(tmp_path / "s"), "--url", "example.org")
    assert result.code == 2
    assert "--url « example.org » : adresse attendue en https://…" in result.err


def test_slugs_of_two_events_with_one_title_differ(rzn, tmp_path):
    for name in ("a", "b"):
        folder = tmp_path / name
        shutil.copytree(EXAMPLES / "pontivy-2027", folder)
        if name == "b":
            text = (folder / "event.yaml").read_text(encoding="utf-8")
            (folder / "event.yaml").write_text(
                text.replace("date: 2027-10-14", "date: 2027-10-21"), encoding="utf-8"
            )
    result = rzn("site", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "s"))
    assert result.code == 0, result.out
    assert (tmp_path / "s" / "rezolutions-numeriques-bretagne" / "index.html").is_file()
    second = tmp_path / "s" / "rezolutions-numeriques-bretagne-2" / "index.html"
    assert "jeudi 21 octobre 2027" in second.read_text(encoding="utf-8")


def test_site_benchmark_runs_and_reports_the_target(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "site.py"), "--quick", "--json",
         str(tmp_path / "site.json")],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "site / render, relancé : " in result.stdout
    assert "cible < 2× : " in result.stdout
    data = json.loads((tmp_path / "site.json").read_text(encoding="utf-8"))
    assert data["count"] == 12 and data["site"]["wall"] > 0 and data["render"]["wall"] > 0
