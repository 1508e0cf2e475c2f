"""Mail drafts as RFC 5322 messages that a mail client opens ready to send.

Built with :class:`email.message.EmailMessage`, never from a template, so
that headers are encoded by the standard library (UTF-8 encoded words) and
user text can never add a header: every value that goes into a header has
its line breaks and control characters replaced by spaces first (the
library would otherwise raise on them, and older clients would honour
them as ``Bcc:`` injections).

Output is byte-identical across runs: the ``Date`` comes from the planned
send date (never from the clock), the ``Message-ID`` from the event slug and
the draft id, and MIME boundaries are fixed. The boundaries start with
``=_``, which cannot occur in a quoted-printable or base64 body, so a
fixed boundary never collides with the content. ``X-Unsent: 1`` makes
Outlook and Thunderbird open the file as a draft to send.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

from rzn.render.output import slugify

SEND_TIME = dt.time(9, 0)
"""Drafts are dated at 9:00 on their planned day, in the event's time zone."""

MESSAGE_ID_DOMAIN = "rzn.invalid"
"""A reserved domain (RFC 2606): a draft's id must not pretend to come from a real host."""

PLACEHOLDER_ADDRESS = "expediteur@a-completer.invalid"
ALTERNATIVE_BOUNDARY = "=_rzn-alternative"
MIXED_BOUNDARY = "=_rzn-mixed"

# The addresses a header can carry without SMTPUTF8: RFC 5322 dot-atoms in ASCII.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
_HEADER_ADDRESS = re.compile(rf"^{_LOCAL}@{_DOMAIN}$")


def header_text(value: str) -> str:
    """One header-safe line: line breaks (CR, LF, U+2028…) and control characters → spaces."""
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in value
    )
    return " ".join(cleaned.split())


def header_address(email: str | None) -> str | None:
    """The address if a header can carry it as is, else ``None``."""
    if email and _HEADER_ADDRESS.match(email):
        return email
    return None


@dataclass(frozen=True)
class Mailbox:
    name: str
    email: str | None

    def address(self) -> Address:
        usable = header_address(self.email) or PLACEHOLDER_ADDRESS
        username, _, domain = usable.rpartition("@")
        return Address(display_name=header_text(self.name), username=username, domain=domain)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str


@dataclass(frozen=True)
class MailDraft:
    id: str
    """Stable within the event (``invitation-j30``): part of the Message-ID and file name."""
    subject: str
    sender: Mailbox
    send_on: dt.date
    text: str
    html: str
    recipients: Sequence[Mailbox] = ()
    """Empty: ``undisclosed-recipients:;`` — the organiser adds the list (in Bcc) when sending."""
    attachments: Sequence[Attachment] = field(default_factory=tuple)


def message_id(slug: str, draft_id: str) -> str:
    return f"<{slugify(draft_id, 'brouillon')}.{slugify(slug, 'rzn')}@{MESSAGE_ID_DOMAIN}>"


def build_message(draft: MailDraft, *, slug: str, timezone: str) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = draft.sender.address()
    if draft.recipients:
        msg["To"] = [recipient.address() for recipient in draft.recipients]
    else:
        msg["To"] = "undisclosed-recipients:;"
    msg["Subject"] = header_text(draft.subject)
    sent = dt.datetime.combine(draft.send_on, SEND_TIME, tzinfo=ZoneInfo(timezone))
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = message_id(slug, draft.id)
    msg["X-Unsent"] = "1"
    # Quoted-printable keeps French text readable in the raw file and guarantees that the
    # fixed boundaries ("=_…") cannot appear in a body.
    msg.set_content(_lines(draft.text), cte="quoted-printable")
    msg.add_alternative(_lines(draft.html), subtype="html", cte="quoted-printable")
    msg.set_boundary(ALTERNATIVE_BOUNDARY)
    # After set_content, which would drop it with the other Content-* headers.
    msg["Content-Language"] = "fr"
    for attachment in draft.attachments:
        msg.add_attachment(
            attachment.content,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=header_text(attachment.filename),
        )
    if draft.attachments:
        msg.set_boundary(MIXED_BOUNDARY)
        alternative = next(
            part for part in msg.iter_parts() if part.get_content_subtype() == "alternative"
        )
        alternative.set_boundary(ALTERNATIVE_BOUNDARY)
    for part in msg.walk():
        if part is not msg:
            # The library repeats MIME-Version on sub-parts; only the top level needs it.
            del part["MIME-Version"]
    return msg


def message_bytes(draft: MailDraft, *, slug: str, timezone: str) -> bytes:
    """The ``.eml`` file: CRLF line endings, as RFC 5322 requires."""
    return build_message(draft, slug=slug, timezone=timezone).as_bytes(policy=policy.SMTP)


def _lines(text: str) -> str:
    """Unix line endings and a final newline, whatever the template produced."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"
