"""Bring a CalDAV calendar in line with the communication timeline.

1. Find the calendar: ``--url`` is the server (``/remote.php/dav`` for
   Nextcloud), the user's calendar home, or the calendar itself; ``--calendar``
   is the calendar's name as the web interface shows it, or the last
   segment of its address.
2. List the entries rzn may have published: a REPORT filtered on rzn's UID
   domain, then checked here, since a server may filter loosely.
3. PUT every entry of ``timeline.ics``: to the address where an entry with
   the same UID already is (updated in place, whoever imported it), else to
   ``<uid>.ics`` (created). ``If-Match``/``If-None-Match`` make a concurrent
   change fail rather than be overwritten.
4. DELETE the entries this event published earlier that the timeline no
   longer has. An entry is this event's only if it carries
   ``X-RZN-EVENT:<slug>``, a timeline UID of this slug *and* this event's
   owner token (``X-RZN-OWNER``): other entries — someone's meeting,
   another event's timeline even under the same title, the participants'
   programme imported by hand — are never touched.

Ownership. Two events with the same title and no ``slug:`` have the same
UIDs; the owner token tells them apart. It is drawn from the slug, the
date and the place of the event the first time it is published, then kept
beside the event file (:mod:`rzn.publish.state`), so that moving the event
later does not make its own entries look foreign. An entry of our UIDs with
another token (or none: an older rzn, an import by hand) is a clash: nothing
is written, and the organiser either gives the event its own ``slug:`` or,
if the entries are indeed this event's, takes them over with ``--adopt``.

Changes made by others. Each published entry carries ``X-RZN-HASH``, the
digest of its content as rzn wrote it (volatile stamps aside). An entry
whose content no longer matches its digest was edited since rzn last
published it (a note added in Nextcloud…): it is neither replaced nor
removed, but listed, unless the organiser asks with ``--force``. An entry
whose digest equals the one rzn would write now is unchanged and not sent
again. Between listing and writing, ``If-Match`` (the ETag listed) and
``If-None-Match: *`` make a concurrent change fail rather than be
overwritten.

Entries are written before any is removed, so an interrupted run loses
nothing and the next run finishes the job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

import icalendar

from rzn.publish.dav import CALDAV, DAV, DavClient, Resource, child_url, same_resource, shown
from rzn.publish.errors import PublishError
from rzn.render import ical
from rzn.render.documents.timeline import FAMILY, MARKER

OWNER = "X-RZN-OWNER"
"""Property holding the token of the event that published the entry."""
HASH = "X-RZN-HASH"
"""Property holding the digest of the entry's content as rzn wrote it."""
VOLATILE = frozenset({"DTSTAMP", "LAST-MODIFIED", "CREATED", "SEQUENCE", OWNER, HASH})
"""Left out of the digest: stamps a server or client may refresh without changing anything."""

CALENDAR_PROPS = [
    (DAV, "resourcetype"),
    (DAV, "displayname"),
    (DAV, "current-user-principal"),
    (CALDAV, "calendar-home-set"),
    (CALDAV, "supported-calendar-component-set"),
]

LIST_QUERY = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT">
        <C:prop-filter name="UID">
          <C:text-match collation="i;octet">@{ical.UID_DOMAIN}</C:text-match>
        </C:prop-filter>
      </C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>
""".encode()


@dataclass(frozen=True)
class Calendar:
    url: str
    name: str


@dataclass(frozen=True)
class Entry:
    """One calendar object resource to publish: a VEVENT with the VTIMEZONE it needs."""

    uid: str
    summary: str
    data: bytes
    digest: str = ""
    """Digest of the content (see :func:`content_digest`); set by :func:`owned`."""


@dataclass(frozen=True)
class Found:
    """An entry already in the calendar, with a UID of rzn's domain."""

    url: str
    etag: str | None
    uid: str
    marker: str | None
    summary: str
    owner: str | None = None
    recorded: str | None = None
    """The digest rzn wrote into the entry (``X-RZN-HASH``)."""
    digest: str | None = None
    """The digest of the entry's content as the server holds it now."""

    @property
    def edited(self) -> bool:
        """Changed by someone else since rzn published it (or never written by rzn)."""
        return self.recorded is None or self.recorded != self.digest


@dataclass
class SyncResult:
    calendar: Calendar
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Summaries of the entries, in the timeline's order (removed: alphabetical)."""
    kept: list[str] = field(default_factory=list)
    """Entries edited on the server by someone else, left as they are (no ``--force``)."""
    others: dict[str, int] = field(default_factory=dict)
    """Timeline entries rzn published for other slugs, by slug: another event, or this one
    before its title (hence its slug) changed."""


def entries(calendar: icalendar.Calendar) -> list[Entry]:
    """Each VEVENT of ``calendar`` as its own resource (RFC 4791, 4.1: one UID, no METHOD)."""
    zones = list(calendar.walk("VTIMEZONE"))
    found = []
    for event in calendar.walk("VEVENT"):
        resource = icalendar.Calendar()
        resource.add("prodid", calendar["PRODID"])
        resource.add("version", "2.0")
        resource.add("calscale", "GREGORIAN")
        if any("TZID" in getattr(value, "params", {}) for value in event.values()):
            for zone in zones:
                resource.add_component(zone)
        resource.add_component(event)
        found.append(Entry(str(event["UID"]), str(event.get("SUMMARY", "")), resource.to_ical()))
    return found


def content_digest(event: icalendar.cal.Component) -> str:
    """Digest of a VEVENT's content, the same whoever serialised it (folding, order, case)."""
    lines = []
    for name, value in event.property_items(recursive=False):
        name = name.upper()
        if name in ("BEGIN", "END") or name in VOLATILE:
            continue
        params = getattr(value, "params", {})
        shown_params = ";".join(f"{k.upper()}={params[k]}" for k in sorted(params))
        to_ical = getattr(value, "to_ical", None)
        raw = to_ical() if to_ical is not None else str(value).encode()
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        lines.append(f"{name};{shown_params}:{text}")
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:32]


def owner_token(slug: str, date: str, place: str) -> str:
    """A new event's owner token: its slug, date and place (another event differs in one)."""
    seed = "\0".join(("rzn-owner", slug, date, place))
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]


def owned(items: Iterable[Entry], owner: str) -> list[Entry]:
    """The entries as published: each with the owner token and the digest of its content."""
    found = []
    for entry in items:
        calendar = icalendar.Calendar.from_ical(entry.data)
        (event,) = calendar.walk("VEVENT")
        digest = content_digest(event)
        event.add(OWNER, owner)
        event.add(HASH, digest)
        found.append(Entry(entry.uid, entry.summary, calendar.to_ical(), digest))
    return found


def find_calendar(client: DavClient, url: str, name: str) -> Calendar:
    """The calendar called ``name`` at ``url``, its user's calendar home, or among its children."""
    here = _describe(client, url)
    url = here.url  # where the server answered from, after redirects
    if here.has_type(CALDAV, "calendar") and _matches(here, name, exact=False):
        return _usable(here, name)
    homes = []
    home = here.href(CALDAV, "calendar-home-set", url)
    principal = here.href(DAV, "current-user-principal", url)
    if home is None and principal is not None:
        found = _itself(client.propfind(principal, [(CALDAV, "calendar-home-set")], 0), principal)
        home = found.href(CALDAV, "calendar-home-set", principal)
    if home is not None:
        homes.append(home)
    if not any(same_resource(h, url) for h in homes):
        homes.append(url)
    available: list[Resource] = []
    for collection in homes:
        children = [
            r
            for r in client.propfind(collection, CALENDAR_PROPS, 1)
            if r.has_type(CALDAV, "calendar") and not same_resource(r.url, collection)
        ]
        available += [
            c for c in children if not any(same_resource(c.url, a.url) for a in available)
        ]
        for exact in (True, False):
            matching = [c for c in children if _matches(c, name, exact=exact)]
            if len(matching) == 1:
                return _usable(matching[0], name)
            if len(matching) > 1:
                segments = ", ".join(sorted(ical.line(_segment(c.url)) for c in matching))
                raise PublishError(
                    f"Plusieurs agendas s'appellent « {name} » sur {shown(collection)} : "
                    f"indiquez avec --calendar le dernier segment de l'adresse de celui à "
                    f"utiliser ({segments})."
                )
    names = sorted({_label(c) for c in available}, key=str.casefold)
    listed = (
        "Agendas trouvés : " + ", ".join(f"« {n} »" for n in names) + "."
        if names
        else "Aucun agenda trouvé à cette adresse."
    )
    raise PublishError(
        f"Agenda « {name} » introuvable sur {shown(url)}. {listed} Vérifiez --calendar (le nom "
        "affiché par votre agenda en ligne ou le dernier segment de son adresse), ou créez "
        "l'agenda d'abord (Nextcloud : Agenda → « + Nouvel agenda »)."
    )


def _describe(client: DavClient, url: str) -> Resource:
    """What ``url`` is; for a bare host, its ``/.well-known/caldav`` (RFC 6764) if need be."""
    try:
        return _itself(client.propfind(url, CALENDAR_PROPS, 0), url)
    except PublishError as exc:
        refused = exc.status is None or exc.status in (401, 403) or exc.status >= 500
        if refused or urlsplit(url).path not in ("", "/"):
            raise
        well_known = urljoin(url, "/.well-known/caldav")
        try:
            return _itself(client.propfind(well_known, CALENDAR_PROPS, 0), well_known)
        except PublishError:
            raise exc from None


def _itself(resources: list[Resource], url: str) -> Resource:
    """The answer about ``url`` itself in a Depth 0 PROPFIND (servers may add others)."""
    for resource in resources:
        if same_resource(resource.url, url):
            return resource
    return resources[0] if resources else Resource(url, {})


def _segment(url: str) -> str:
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


def _label(resource: Resource) -> str:
    # Shown in the terminal: the server's text loses any control character.
    return ical.line(resource.text(DAV, "displayname") or "") or ical.line(_segment(resource.url))


def _matches(resource: Resource, name: str, *, exact: bool) -> bool:
    wanted = name.strip()
    candidates = {_segment(resource.url), (resource.text(DAV, "displayname") or "").strip()}
    if exact:
        return wanted in candidates
    return wanted.casefold() in {c.casefold() for c in candidates}


def _usable(resource: Resource, name: str) -> Calendar:
    components = resource.prop(CALDAV, "supported-calendar-component-set")
    if components is not None:
        kinds = {c.get("name", "").upper() for c in components}
        if kinds and "VEVENT" not in kinds:
            raise PublishError(
                f"L'agenda « {name} » ({shown(resource.url)}) n'accepte pas d'événements "
                "(seulement des tâches ou des notes) : choisissez un agenda d'événements."
            )
    url = resource.url if resource.url.endswith("/") else resource.url + "/"
    return Calendar(url, _label(resource))


def list_found(client: DavClient, calendar: Calendar) -> list[Found]:
    found = []
    for resource in client.report(calendar.url, LIST_QUERY):
        data = resource.text(CALDAV, "calendar-data")
        if not data:
            continue
        try:
            parsed = icalendar.Calendar.from_ical(data)
        except ValueError:
            continue  # not readable, so not written by rzn: never touched
        events = parsed.walk("VEVENT")
        if not events:
            continue
        uid = str(events[0].get("UID", ""))
        if not uid.endswith(f"@{ical.UID_DOMAIN}"):
            continue
        event = events[0]
        marker, owner, recorded = event.get(MARKER), event.get(OWNER), event.get(HASH)
        found.append(
            Found(
                url=resource.url,
                etag=resource.text(DAV, "getetag"),
                uid=uid,
                marker=str(marker) if marker is not None else None,
                summary=ical.line(str(event.get("SUMMARY", uid))),
                owner=str(owner) if owner is not None else None,
                recorded=str(recorded) if recorded is not None else None,
                digest=content_digest(event),
            )
        )
    return found


def is_ours(found: Found, slug: str, owner: str | None = None) -> bool:
    """Published by rzn for this event: its marker, a timeline UID of this slug and its owner.

    ``owner=None`` asks only whether the entry is some event's timeline entry for ``slug``.
    """
    # The shape of rzn.render.ical.uid for the timeline: <slug>-timeline-<key>@<domain>.
    return (
        found.marker == slug
        and found.uid.startswith(f"{slug}-{FAMILY}-")
        and found.uid.endswith(f"@{ical.UID_DOMAIN}")
        and (owner is None or found.owner == owner)
    )


def _clash(found: Found, slug: str, owner: str) -> bool:
    """An entry of one of our UIDs that another event (or someone by hand) put there."""
    return found.owner != owner and found.uid.startswith(f"{slug}-{FAMILY}-")


def synchronise(
    client: DavClient,
    calendar: Calendar,
    wanted: Iterable[Entry],
    slug: str,
    owner: str,
    *,
    force: bool = False,
    adopt: bool = False,
) -> SyncResult:
    """Make ``calendar`` hold ``wanted`` (already :func:`owned`) for the event ``owner``.

    Raises :class:`PublishError` before writing anything when entries of our UIDs belong to
    another event (unless ``adopt``). Entries edited by someone else since rzn published them
    are left as they are and listed in ``kept`` (unless ``force``).
    """
    result = SyncResult(calendar)
    present: dict[str, list[Found]] = {}
    for item in list_found(client, calendar):
        present.setdefault(item.uid, []).append(item)
    wanted = list(wanted)
    keep = {entry.uid for entry in wanted}
    if not adopt:
        clashes = [
            item
            for items in present.values()
            for item in items
            if (item.uid in keep or is_ours(item, slug)) and _clash(item, slug, owner)
        ]
        if clashes:
            raise PublishError(_clash_message(calendar, slug, clashes))
    for entry in wanted:
        existing = present.get(entry.uid, [])
        if not existing:
            target = child_url(calendar.url, f"{entry.uid}.ics")
            _put(client, target, entry, {"If-None-Match": "*"})
            result.created.append(entry.summary)
            continue
        there = existing[0]
        mine = there.owner == owner
        if mine and there.edited and not force:
            result.kept.append(entry.summary)
        elif mine and not there.edited and there.recorded == entry.digest:
            result.unchanged.append(entry.summary)
        else:
            _put(client, there.url, entry, {"If-Match": there.etag or "*"})
            result.updated.append(entry.summary)
    stale = [
        item
        for uid, items in present.items()
        # A second copy of a kept entry (left by an import) goes too, if it is ours.
        for item in (items if uid not in keep else items[1:])
        if is_ours(item, slug, owner) or (adopt and is_ours(item, slug))
    ]
    for item in sorted(stale, key=lambda i: (i.summary, i.uid)):  # the server's order varies
        if item.edited and not force and not adopt:
            result.kept.append(item.summary)
            continue
        _delete(client, item)
        result.removed.append(item.summary)
    for items in present.values():
        for item in items:
            other = item.marker
            if other and other != slug and is_ours(item, other):
                shown_slug = ical.line(other)  # server text, printed in the terminal
                result.others[shown_slug] = result.others.get(shown_slug, 0) + 1
    return result


def _clash_message(calendar: Calendar, slug: str, clashes: list[Found]) -> str:
    titles = sorted({item.summary for item in clashes})
    shown_titles = ", ".join(f"« {t} »" for t in titles[:3]) + (" …" if len(titles) > 3 else "")
    count = len(clashes)
    entries = f"{count} entrée{'s' if count > 1 else ''}"
    return (
        f"Rien n'a été publié : l'agenda « {calendar.name} » contient déjà {entries} avec les "
        f"identifiants de cette rencontre (« {ical.line(slug)} ») qui n'ont pas été publiées "
        f"pour elle ({shown_titles}). C'est sans doute une autre rencontre du même titre : "
        "donnez à celle-ci un identifiant propre (« slug: » dans le fichier d'événement), puis "
        "relancez. Si ce sont bien les entrées de cette rencontre (publiées depuis un autre "
        "ordinateur, ou avant un changement de date ou de lieu), relancez avec --adopt pour "
        "les reprendre."
    )


def _put(client: DavClient, url: str, entry: Entry, condition: dict[str, str]) -> None:
    headers = {"Content-Type": 'text/calendar; charset="utf-8"', **condition}
    response = client.request("PUT", url, entry.data, headers)
    if response.status == 412:
        if "If-None-Match" in condition:
            raise PublishError(
                f"{shown(url)} existe déjà mais ne contient pas « {entry.summary} » : rzn ne "
                "remplace pas une entrée qu'il n'a pas écrite. Renommez ou supprimez cette "
                "entrée, puis relancez."
            )
        raise PublishError(
            f"« {entry.summary} » a été modifiée sur le serveur pendant la publication "
            f"({shown(url)}) : relancez la commande."
        )
    if response.status in (403, 409) and b"no-uid-conflict" in response.body:
        raise PublishError(
            f"{shown(client.base_url)} refuse « {entry.summary} » : une autre entrée porte déjà "
            f"l'identifiant {entry.uid} ailleurs sur ce compte. Supprimez-la, puis relancez."
        )
    client.raise_for_status(response, "écrire dans")


def _delete(client: DavClient, item: Found) -> None:
    headers = {"If-Match": item.etag} if item.etag else {}
    response = client.request("DELETE", item.url, None, headers)
    if response.status == 404:
        return  # already gone: that is what we wanted
    if response.status == 412:
        raise PublishError(
            f"« {item.summary} » a été modifiée sur le serveur pendant la publication "
            f"({shown(item.url)}) : relancez la commande."
        )
    client.raise_for_status(response, "supprimer")
