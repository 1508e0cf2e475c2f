"""``rzn publish``: put what ``rzn render`` writes where the organisers already work.

``caldav``: the communication timeline (the entries of ``timeline.ics``)
into a shared CalDAV calendar — Nextcloud, Radicale, Baïkal… The event
is checked first as for ``rzn render``: an event with errors publishes
nothing. Credentials come from the environment or ``~/.netrc``
(:mod:`rzn.publish.credentials`), the requests from :mod:`rzn.publish.dav`,
the rules that make a second publication update rather than duplicate from
:mod:`rzn.publish.sync`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rzn.diagnostics import Diagnostic, Severity
from rzn.publish.sync import SyncResult


@dataclass
class PublishReport:
    diagnostics: list[Diagnostic]
    result: SyncResult | None = None

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR and d.ignored is None for d in self.diagnostics)


def publish_caldav(
    event_path: str,
    url: str,
    calendar: str,
    today: dt.date,
    *,
    environ: Mapping[str, str] | None = None,
    timeout: float | None = None,
    force: bool = False,
    adopt: bool = False,
) -> PublishReport:
    """Check the event, then make the calendar hold exactly its timeline's entries (and others').

    Raises :class:`rzn.publish.errors.PublishError` (or a usage error) with a French message;
    nothing is sent for an event with errors.
    """
    from rzn.check import CheckOptions, check_file
    from rzn.publish.credentials import find_credentials
    from rzn.publish.dav import TIMEOUT, DavClient, check_url
    from rzn.publish.state import read_owner, write_owner
    from rzn.publish.sync import entries, find_calendar, owned, owner_token, synchronise
    from rzn.render.context import RenderContext
    from rzn.render.documents.timeline import timeline_calendar
    from rzn.render.environment import environment

    base = check_url(url)
    environ = os.environ if environ is None else environ
    report = check_file(event_path, CheckOptions(today=today))
    result = PublishReport(report.diagnostics)
    if report.event is None or result.failed:
        return result
    # The context rzn render uses: same slug, same plan, so the very entries of timeline.ics.
    folder = Path(event_path).resolve().parent
    ctx = RenderContext(report.event, today, environment(()), folder)
    event = ctx.event
    recorded = read_owner(folder)
    place = event.city or event.region or (event.venue.name if event.venue else "") or ""
    owner = recorded or owner_token(ctx.slug, event.date.isoformat(), place)
    wanted = owned(entries(timeline_calendar(event, ctx.plan.timeline, ctx.slug, today)), owner)
    credentials = find_credentials(urlsplit(base).hostname or "", environ)
    client = DavClient(base, credentials, TIMEOUT if timeout is None else timeout)
    target = find_calendar(client, base, calendar.strip())
    result.result = synchronise(client, target, wanted, ctx.slug, owner, force=force, adopt=adopt)
    if recorded is None:
        write_owner(folder, owner)
    return result
