"""``rzn site``: the cycle's public site, from many event files.

One folder: the agenda (``index.html``, by date, with plain links to the page of
each region and each format), one folder per event holding the same public files
as ``rzn render``'s ``public/`` (:func:`rzn.render.documents.public.public_files`),
an all-events calendar to subscribe to (``agenda.ics``), a JSON Feed
(``feed.json``) and, when the site's address is known (``--url``), a sitemap.
Everything comes from :func:`rzn.render.public.public_event`: nothing private.

Deterministic: events are ordered by date, then title, then file; the same files
and the same ``--today`` give the same bytes. Events are checked, then built, in
worker processes when there are many (:mod:`rzn.workers`); files are written at
the end by :func:`rzn.render.output.write_outputs`, all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import jinja2

from rzn.diagnostics import Diagnostic, Severity
from rzn.model.event import Event, Format
from rzn.render.output import OutputFile
from rzn.render.public import FORMAT_LABELS, public_event, summary
from rzn.slugs import slugify, unique_slugs

PARALLEL_FROM = 20
"""Events from which checking and building are spread over worker processes."""

FORMAT_FILES = {
    Format.IN_PERSON: "presentiel",
    Format.ONLINE: "en-ligne",
    Format.HYBRID: "hybride",
}


@dataclass(frozen=True)
class SiteEvent:
    """One event of the site, as the agenda templates receive it (``events``)."""

    event: Event
    """The public copy of the event (nothing private)."""
    slug: str
    """Its folder in the site: ``<slug>/index.html``."""
    region_slug: str | None
    format_slug: str
    summary: str
    path: str = field(compare=False)
    event_dir: Path = field(compare=False)


@dataclass
class SiteReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[OutputFile] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.failed_files)


@dataclass(frozen=True)
class _Job:
    today: dt.date
    templates: tuple[str, ...]
    base_url: str | None


_JOB: _Job | None = None


def _check_one(path: str) -> tuple[list[Diagnostic], Event | None]:
    from rzn.check import CheckOptions, check_file

    assert _JOB is not None
    report = check_file(path, CheckOptions(today=_JOB.today, drafts=False))
    failed = report.event is None or any(
        d.severity is Severity.ERROR and d.ignored is None for d in report.diagnostics
    )
    return report.diagnostics, None if failed else report.event


def _build_one(item: SiteEvent) -> list[OutputFile]:
    from rzn.render.documents.public import public_files
    from rzn.render.environment import environment

    assert _JOB is not None
    url = f"{_JOB.base_url}{item.slug}/" if _JOB.base_url else None
    return list(
        public_files(
            item.event,
            _JOB.today,
            environment(_JOB.templates),
            item.event_dir,
            prefix=f"{item.slug}/",
            page_url=url,
            home="../index.html",
        )
    )


def build_site(
    paths: Sequence[str],
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    base_url: str | None = None,
    jobs: int = 0,
) -> SiteReport:
    """Check every event and build the site in memory (nothing written yet)."""
    from rzn.render.environment import environment
    from rzn.workers import auto_jobs, ordered_map

    global _JOB
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    _JOB = _Job(today, tuple(str(t) for t in templates), base_url)
    environment(_JOB.templates).get_template("public/page.html.j2")  # compiled before forking
    if jobs <= 0:
        jobs = auto_jobs(len(paths), PARALLEL_FROM)
    report = SiteReport()
    checked: list[tuple[str, Event]] = []
    for path, (diagnostics, event) in zip(
        paths, ordered_map(_check_one, paths, jobs, chunksize=8), strict=True
    ):
        report.diagnostics.extend(diagnostics)
        if event is None:
            report.failed_files.append(path)
        else:
            checked.append((path, event))
    if report.failed:
        return report
    checked.sort(key=lambda pair: (pair[1].date, pair[1].start, pair[1].title, pair[0]))
    slugs = unique_slugs(event.slug or event.title for _, event in checked)
    items = []
    for (path, event), slug in zip(checked, slugs, strict=True):
        public = public_event(event)
        items.append(
            SiteEvent(
                event=public,
                slug=slug,
                region_slug=slugify(event.region) if event.region else None,
                format_slug=FORMAT_FILES[event.format],
                summary=summary(public),
                path=path,
                event_dir=Path(path).resolve().parent,
            )
        )
    files: list[OutputFile] = []
    for built in ordered_map(_build_one, items, jobs, chunksize=8):
        files.extend(built)
    files.extend(_agendas(items, today, environment(_JOB.templates), base_url))
    files.append(_calendar(items, today))
    files.append(_json_feed(items, base_url))
    if base_url:
        files.append(_sitemap(items, base_url, files))
    report.files = files
    return report


def _agendas(
    items: list[SiteEvent], today: dt.date, env: jinja2.Environment, base_url: str | None
) -> list[OutputFile]:
    regions: dict[str, str] = {}
    for item in items:
        if item.event.region and item.region_slug:
            regions.setdefault(item.region_slug, item.event.region)
    formats = {item.format_slug: FORMAT_LABELS[item.event.format] for item in items}
    region_links = sorted(regions.items(), key=lambda pair: pair[1])
    format_links = [(slug, formats[slug]) for slug in FORMAT_FILES.values() if slug in formats]

    def page(path: str, heading: str, chosen: list[SiteEvent], root: str) -> OutputFile:
        template = env.get_template("public/agenda.html.j2")
        html = template.render(
            heading=heading,
            upcoming=[i for i in chosen if i.event.date >= today],
            past=[i for i in reversed(chosen) if i.event.date < today],
            regions=region_links,
            formats=format_links,
            root=root,
            today=today,
            base_url=base_url,
        )
        return OutputFile(path, html.encode("utf-8"), f"Agenda : {heading}")

    out = [page("index.html", "Les rencontres RéZolutions numériques", items, "")]
    for slug, name in region_links:
        chosen = [i for i in items if i.region_slug == slug]
        out.append(page(f"regions/{slug}.html", f"Les rencontres en {name}", chosen, "../"))
    for slug, label in format_links:
        chosen = [i for i in items if i.format_slug == slug]
        out.append(page(f"formats/{slug}.html", f"Les rencontres : {label.lower()}", chosen, "../"))
    return out


def _calendar(items: list[SiteEvent], today: dt.date) -> OutputFile:
    import icalendar

    from rzn.render import ical
    from rzn.render.documents.participants_calendar import day_uid

    calendar = icalendar.Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Rencontres RéZolutions numériques")
    years: dict[str, list[int]] = {}
    for item in items:
        if item.event.timezone not in ("UTC", "Etc/UTC"):
            years.setdefault(item.event.timezone, []).append(item.event.date.year)
    for tzid, seen in sorted(years.items()):
        # One VTIMEZONE per zone, covering every year its events fall in.
        zone = icalendar.Timezone.from_tzid(
            tzid, first_date=dt.date(min(seen), 1, 1), last_date=dt.date(max(seen) + 1, 1, 1)
        )
        zone.pop("COMMENT", None)
        calendar.add_component(zone)
    stamp = ical.stamp(today)
    for item in items:
        calendar.add_component(ical.day_event(item.event, day_uid(item.slug), stamp))
    return OutputFile(
        "agenda.ics",
        ical.to_bytes(calendar),
        "Agenda de toutes les rencontres, à suivre dans un logiciel d'agenda (iCalendar)",
    )


def _json_feed(items: list[SiteEvent], base_url: str | None) -> OutputFile:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1), events by date."""
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Rencontres RéZolutions numériques",
        "language": "fr",
    }
    if base_url:
        feed["home_page_url"] = base_url
        feed["feed_url"] = f"{base_url}feed.json"
    entries = []
    for item in items:
        event = item.event
        url = f"{base_url}{item.slug}/" if base_url else f"{item.slug}/index.html"
        entry: dict[str, Any] = {
            "id": url if base_url else item.slug,
            "url": url,
            "title": event.title,
            "content_text": item.summary,
            "tags": [t for t in (event.region, FORMAT_LABELS[event.format]) if t],
            "_rezolutions": {
                "date": event.date.isoformat(),
                "start": event.start.strftime("%H:%M"),
                "end": event.end.strftime("%H:%M"),
                "timezone": event.timezone,
                "format": event.format.value,
                "region": event.region,
                "city": event.city,
                "registration_url": event.registration_url,
            },
        }
        if base_url:
            entry["image"] = f"{url}partage.png"
        entries.append(entry)
    feed["items"] = entries
    data = json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
    return OutputFile("feed.json", data.encode("utf-8"), "Flux JSON des rencontres (JSON Feed)")


def _sitemap(items: list[SiteEvent], base_url: str, files: list[OutputFile]) -> OutputFile:
    """Every HTML page of the site (posters excepted), absolute addresses as the protocol asks."""
    pages = sorted(
        f.path for f in files if f.path.endswith(".html") and not f.path.endswith("affiche.html")
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in pages:
        loc = base_url + (path[: -len("index.html")] if path.endswith("index.html") else path)
        lines.append(f"  <url><loc>{xml_escape(loc)}</loc></url>")
    lines.append("</urlset>")
    return OutputFile(
        "sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"), "Plan du site (sitemap)"
    )
