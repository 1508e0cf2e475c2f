"""Mail drafts as RFC 5322 messages that a mail client opens ready to send.

The bytes are assembled here, line by line, from the standard library's
encoders: RFC 2047 encoded words (:func:`email.quoprimime.header_encode`),
quoted-printable bodies (:func:`binascii.b2a_qp`), base64 attachments
(:func:`base64.encodebytes`), RFC 2231 parameters
(:func:`email.utils.encode_rfc2231`) and the date
(:func:`email.utils.format_datetime`). The :class:`email.message.EmailMessage`
object model gave the same guarantees, but its header registry parses and
refolds every header it is given: 1.6 ms per message measured on the
examples (4 to 5 ms in profiles), where assembling the same message costs
0.12 ms, and an event makes some twenty messages (rzn renders a hundred
events in one call). Its refolding also lost spaces in long subjects
(``jeudi 9  décembre … RéZolutionsnumériques``).

User text can never add a header: every value that goes into a header has
its line breaks and control characters replaced by spaces first
(:func:`header_text`), and a header line is only ever continued by a line
that starts with a space. A word that is not plain ASCII, or that looks
like an encoded word (``=?…?=``), or that is too long to fold, is sent as
RFC 2047 encoded words, which the default and compat32 policies of
:mod:`email` both decode back to the same text. An address a header cannot
carry as is becomes :data:`PLACEHOLDER_ADDRESS`. Header lines are folded at
76 columns (RFC 2047's limit for a line with encoded words); only what
cannot be folded is longer (a Message-ID, an address, the encoded word of a
display name, cut beyond :data:`MAX_DISPLAY_NAME`), and always far below
998. Bodies are quoted-printable, lines of at most 76 columns, none starting
with ``.`` or ``From ``.

Output is byte-identical across runs: the ``Date`` comes from the planned
send date (never from the clock), the ``Message-ID`` from the event slug and
the draft id, and MIME boundaries are fixed. The boundaries start with
``=_``, which cannot occur in a quoted-printable or base64 body, so a
fixed boundary never collides with the content. ``X-Unsent: 1`` makes
Outlook and Thunderbird open the file as a draft to send.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import encode_rfc2231, format_datetime
from zoneinfo import ZoneInfo

from rzn.render.mail_encoding import (
    ENCODED_WORD_CHROME,
    encoded_word,
    encoded_words,
    q_length,
    quoted_printable,
)
from rzn.slugs import slugify

SEND_TIME = dt.time(9, 0)
"""Drafts are dated at 9:00 on their planned day, in the event's time zone."""

MESSAGE_ID_DOMAIN = "rzn.invalid"
"""A reserved domain (RFC 2606): a draft's id must not pretend to come from a real host."""

PLACEHOLDER_ADDRESS = "expediteur@a-completer.invalid"
ALTERNATIVE_BOUNDARY = "=_rzn-alternative"
MIXED_BOUNDARY = "=_rzn-mixed"
RELATED_BOUNDARY = "=_rzn-related"

MAX_HEADER_LINE = 76
"""RFC 2047's limit for a header line that holds encoded words (RFC 5322 asks for 78)."""

MAX_DISPLAY_NAME = 512
"""UTF-8 bytes: a display name cannot be folded inside an encoded word, and a line must
stay under 998 columns; no real name comes near."""

MAX_ADDRESS = 254
"""RFC 5321's limit: a longer address is not deliverable, and it keeps every line short."""

# The addresses a header can carry without SMTPUTF8: RFC 5322 dot-atoms in ASCII.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
_HEADER_ADDRESS = re.compile(rf"^{_LOCAL}@{_DOMAIN}$")
_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_ATOMS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+")
"""A display name that needs neither quotes nor encoding: atoms separated by spaces."""
_PRINTABLE = re.compile(r"[\x20-\x7e]*")
_PLAIN_PARAMETER = re.compile(r"(?:(?!=\?)[ !#-\[\]-~])*")
"""A parameter value written as a quoted string, that needs no escape and that the
default policy does not decode (``=?``)."""
_UNSAVABLE = re.compile(r'[<>:"/\\|?*]')

"""What :func:`email.quoprimime.header_encode` writes as is (the space as ``_``)."""
"""A line :func:`binascii.b2a_qp` leaves risky, or too long (it writes 78 columns when it
encodes a space or tab at the end of a full line)."""


_BREAKING_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
_HEADER_BREAKERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""The characters of Unicode categories Cc, Zl and Zp, which Unicode never extends: control
characters and line or paragraph separators. One class, not a lookup per character."""


def header_text(value: str) -> str:
    """One header-safe line: line breaks (CR, LF, U+2028…) and control characters → spaces.

    The no-break spaces of French typography stay (``Invitation\u00a0: …``).
    """
    cleaned = _HEADER_BREAKERS.sub(" ", value)
    return " ".join(_BREAKING_SPACES.split(cleaned)).strip()


def header_display_name(value: str) -> str:
    """The display name as a header carries it: :func:`header_text` with every space an
    ordinary one (mail programs read names that way), cut if huge."""
    text = " ".join(header_text(value).split())
    data = text.encode("utf-8")
    if len(data) <= MAX_DISPLAY_NAME:
        return text
    ellipsis = "…"
    kept = data[: MAX_DISPLAY_NAME - len(ellipsis.encode("utf-8"))].decode("utf-8", "ignore")
    return kept.rstrip() + ellipsis


def header_filename(value: str) -> str:
    """An attachment's file name: :func:`header_text` without what a file system refuses.

    ``<>:"/\\|?*`` become ``_``: a mail client saves the file under this name, and
    ``get_filename`` of :mod:`email` strips quotes or brackets around it.
    """
    return _UNSAVABLE.sub("_", header_text(value))


def header_address(email: str | None) -> str | None:
    """The address if a header can carry it as is, else ``None``.

    ``=?`` is refused too: a parser may decode ``=?utf-8?q?…?=`` in a local part.
    """
    if email and len(email) <= MAX_ADDRESS and "=?" not in email and _HEADER_ADDRESS.match(email):
        return email
    return None


@dataclass(frozen=True)
class Mailbox:
    name: str
    email: str | None

    def usable_email(self) -> str:
        return header_address(self.email) or PLACEHOLDER_ADDRESS

    def address(self) -> Address:
        username, _, domain = self.usable_email().rpartition("@")
        return Address(
            display_name=header_display_name(self.name), username=username, domain=domain
        )


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()
    """Content-Type parameters, in order: ``(("charset", "utf-8"), ("method", "PUBLISH"))``."""


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
    images: Sequence[InlineImage] = field(default_factory=tuple)
    """Images the HTML part shows (``<img src="cid:…">``): the lead organiser's logo."""


@dataclass(frozen=True)
class InlineImage:
    """An image carried with the HTML part (RFC 2387 ``multipart/related``), never fetched:
    mail clients block remote images, and a ``data:`` URI is refused by most of them."""

    cid: str
    """Content-ID, without ``<>``: the HTML names it ``cid:…``."""
    content: bytes
    subtype: str
    """``png``, ``jpeg`` or ``gif``: the formats every mail client shows."""
    filename: str


def message_id(slug: str, draft_id: str) -> str:
    return f"<{slugify(draft_id, 'brouillon')}.{slugify(slug, 'rzn')}@{MESSAGE_ID_DOMAIN}>"


def message_bytes(draft: MailDraft, *, slug: str, timezone: str) -> bytes:
    """The ``.eml`` file: CRLF line endings, as RFC 5322 requires."""
    sent = dt.datetime.combine(draft.send_on, SEND_TIME, tzinfo=ZoneInfo(timezone))
    if draft.recipients:
        to = _address_header("To", draft.recipients)
    else:
        to = "To: undisclosed-recipients:;"
    headers = [
        _address_header("From", [draft.sender]),
        to,
        _text_header("Subject", header_text(draft.subject)),
        f"Date: {format_datetime(sent)}",
        _fold("Message-ID", [(message_id(slug, draft.id), False)]),
        "X-Unsent: 1",
        "MIME-Version: 1.0",
    ]
    html = _text_part("html", draft.html)
    # Only the images the HTML shows: a template that drops the logo drops its image too.
    images = [image for image in draft.images if f"cid:{image.cid}" in draft.html]
    if images:
        # text, then the HTML with its images: clients that show HTML show them inline.
        parts = [html, *(_image_part(image) for image in images)]
        html = _multipart("related", RELATED_BOUNDARY, parts, related_type="text/html")
    bodies = [_text_part("plain", draft.text), html]
    # The whole message is French, attachments included: the language goes on top.
    language = "Content-Language: fr"
    if draft.attachments:
        alternative = _multipart("alternative", ALTERNATIVE_BOUNDARY, bodies)
        attachments = [_attachment_part(attachment) for attachment in draft.attachments]
        body = _multipart("mixed", MIXED_BOUNDARY, [alternative, *attachments], language)
    else:
        body = _multipart("alternative", ALTERNATIVE_BOUNDARY, bodies, language)
    return "\r\n".join(headers).encode("ascii") + b"\r\n" + body


def build_message(draft: MailDraft, *, slug: str, timezone: str) -> EmailMessage:
    """:func:`message_bytes` parsed back, for callers that want to inspect the message."""
    message = BytesParser(policy=policy.default).parsebytes(
        message_bytes(draft, slug=slug, timezone=timezone)
    )
    assert isinstance(message, EmailMessage)
    return message


# -- headers ---------------------------------------------------------------------------


def _fold(name: str, items: Iterable[tuple[str, bool]]) -> str:
    """``Name: value`` folded at spaces into lines of at most :data:`MAX_HEADER_LINE`.

    Each item is a word written as is (``False``) or a text sent as encoded words
    (``True``); consecutive items are separated by one space, where lines may fold.
    """
    lines: list[str] = []
    line = head = f"{name}:"
    for text, encode in items:
        # Never right after the name: the default policy would keep the fold's space in a
        # Message-ID, and whatever comes first (Message-ID, address, name) is bounded.
        can_fold = bool(lines) or line != head
        if not encode:
            if can_fold and len(line) + 1 + len(text) > MAX_HEADER_LINE:
                lines.append(line)
                line = ""
            line += f" {text}"
            continue
        room = MAX_HEADER_LINE - len(line) - 1
        whole = ENCODED_WORD_CHROME + q_length(text.encode("utf-8"))
        # A text that fits on the next line goes there whole rather than cut in two; and a
        # word needs room for at least one character (=XX=XX=XX=XX).
        if (
            can_fold
            and whole > room
            and (whole < MAX_HEADER_LINE or room < ENCODED_WORD_CHROME + 12)
        ):
            lines.append(line)
            line, room = "", MAX_HEADER_LINE - 1
        for number, word in enumerate(encoded_words(text, room, MAX_HEADER_LINE - 1)):
            if number:
                lines.append(line)
                line = ""
            line += f" {word}"
    lines.append(line)
    return "\r\n".join(lines)


def _text_header(name: str, text: str) -> str:
    """An unstructured header (Subject): ASCII words as is, the others encoded."""
    if not text:
        return f"{name}:"
    longest = MAX_HEADER_LINE - len(name) - 2  # a word this long fits even after the name
    items: list[tuple[str, bool]] = []
    for word in text.split(" "):
        encode = not word.isascii() or "=?" in word or len(word) > longest
        if encode and items and items[-1][1]:
            # Spaces between encoded words are not text: neighbours share their words.
            items[-1] = (f"{items[-1][0]} {word}", True)
        else:
            items.append((word, encode))
    return _fold(name, items)


def _address_header(name: str, mailboxes: Sequence[Mailbox]) -> str:
    items: list[tuple[str, bool]] = []
    for position, mailbox in enumerate(mailboxes):
        comma = "," if position < len(mailboxes) - 1 else ""
        display = header_display_name(mailbox.name)
        address = mailbox.usable_email()
        if not display:
            items.append((address + comma, False))
            continue
        items.extend(_display_name(display))
        items.append((f"<{address}>{comma}", False))
    return _fold(name, items)


def _display_name(name: str) -> list[tuple[str, bool]]:
    """Atoms, or one quoted string, or atoms and encoded words.

    Each run of words that are not atoms becomes one encoded word, never several: in a
    display name the default policy of :mod:`email` (Python 3.11) keeps the space between
    two encoded words that RFC 2047 (and compat32) drops, so the two would disagree.
    """
    words = name.split(" ")
    if "=?" not in name and _PRINTABLE.fullmatch(name):
        if _ATOMS.fullmatch(name):
            return [(word, False) for word in words]
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        # Folded at its spaces: a quoted string may hold folding white space.
        return [(word, False) for word in f'"{quoted}"'.split(" ")]
    items: list[tuple[str, bool]] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word and (not _ATOM.fullmatch(word) or "=?" in word):
            run.append(word)
            continue
        if run:
            items.append((encoded_word(" ".join(run)), False))
            run = []
        if word:
            items.append((word, False))
    return items


def _parameter(name: str, value: str) -> list[str]:
    """``name="value"``, or RFC 2231 ``name*=utf-8''…`` (continued if long) for other text."""
    value = header_text(value)
    if len(name) + len(value) < MAX_HEADER_LINE - 5 and _PLAIN_PARAMETER.fullmatch(value):
        return [f'{name}="{value}"']
    encoded = encode_rfc2231(value, "utf-8")
    if len(name) + 2 + len(encoded) < MAX_HEADER_LINE - 2:
        return [f"{name}*={encoded}"]
    size = MAX_HEADER_LINE - len(name) - 10  # " name*12*=…;"
    sections = []
    while encoded:
        cut = size
        if cut < len(encoded) and "%" in encoded[cut - 2 : cut]:
            cut = encoded.rindex("%", 0, cut)  # never inside a %XX escape
        sections.append(encoded[:cut])
        encoded = encoded[cut:]
    return [f"{name}*{number}*={section}" for number, section in enumerate(sections)]


def _parameters(value: str, params: Iterable[tuple[str, str]]) -> list[tuple[str, bool]]:
    words = [value, *(word for name, text in params for word in _parameter(name, text))]
    return [(f"{word};", False) for word in words[:-1]] + [(words[-1], False)]


# -- bodies ----------------------------------------------------------------------------


def _multipart(
    subtype: str, boundary: str, parts: Sequence[bytes], *headers: str, related_type: str = ""
) -> bytes:
    kind = f'; type="{related_type}"' if related_type else ""
    head = "\r\n".join(
        [f'Content-Type: multipart/{subtype}; boundary="{boundary}"{kind}', *headers]
    )
    delimiter = f"\r\n--{boundary}\r\n".encode("ascii")
    return (
        f"{head}\r\n\r\n--{boundary}\r\n".encode("ascii")
        + delimiter.join(parts)
        + f"\r\n--{boundary}--\r\n".encode("ascii")
    )


def _text_part(subtype: str, text: str) -> bytes:
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode("ascii") + text_part_body(text)


def text_part_body(text: str) -> bytes:
    """A text part's body as rzn writes it (the merge of edited drafts writes it again)."""
    return quoted_printable(_lines(text))


# Cached: every mail of an event carries the same logo, and the speakers' mails the same
# run sheet; encoding them once is enough (both dataclasses are frozen, so hashable).
@functools.lru_cache(maxsize=64)
def _image_part(image: InlineImage) -> bytes:
    disposition = _fold(
        "Content-Disposition",
        _parameters("inline", [("filename", header_filename(image.filename))]),
    )
    return (
        f"Content-Type: image/{image.subtype}\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-ID: <{image.cid}>\r\n{disposition}\r\n\r\n"
    ).encode("ascii") + base64.encodebytes(image.content).replace(b"\n", b"\r\n")


@functools.lru_cache(maxsize=64)
def _attachment_part(attachment: Attachment) -> bytes:
    content_type = _fold(
        "Content-Type",
        _parameters(f"{attachment.maintype}/{attachment.subtype}", attachment.params),
    )
    disposition = _fold(
        "Content-Disposition",
        _parameters("attachment", [("filename", header_filename(attachment.filename))]),
    )
    return (f"{content_type}\r\nContent-Transfer-Encoding: base64\r\n{disposition}\r\n\r\n").encode(
        "ascii"
    ) + base64.encodebytes(attachment.content).replace(b"\n", b"\r\n")


def _lines(text: str) -> str:
    """Unix line endings and a final newline, whatever the template produced."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"
