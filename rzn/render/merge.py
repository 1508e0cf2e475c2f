"""Three-way merge of a draft a person finished by hand with rzn's new version of it.

The base is what rzn wrote last time, "ours" the file as the person left it,
"theirs" what rzn writes now: lines only the person changed stay theirs,
lines nobody changed follow the event, and where both changed the same lines
the file gets standard conflict markers with French labels. The line merge
is the ``merge3`` library's (the diff3 method of Breezy and bzr) over the
standard library's sequence matcher: no diff algorithm is written here.

Text documents are merged as text: Markdown, plain text and HTML line by
line; a mail draft (``.eml``) part by part, each text part decoded, merged
and encoded again as rzn writes it (its headers are merged as lines; a
header both sides changed, or a different structure, makes the merge fail).
Other files are never merged: :func:`mergeable` says which are.

Editors change more than words. A file saved with Windows line ends keeps
them; one re-encoded (UTF-8 with a BOM, UTF-16, Windows-1252) is read in
that encoding and written back in it, or in UTF-8 where the merged text
holds a character that encoding cannot write (:attr:`Merged.reencoded`).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import Message

from merge3 import Merge3

from rzn.drafts import END, MIDDLE, START, count_conflicts

OURS_LABEL = "vos modifications"
THEIRS_LABEL = "nouvelle version de rzn"

TEXT_SUFFIXES = (".md", ".txt", ".html")
MAIL_SUFFIX = ".eml"


def mergeable(path: str) -> bool:
    """Whether rzn merges a person's edits into this document (else it writes beside)."""
    return path.lower().endswith((*TEXT_SUFFIXES, MAIL_SUFFIX))


@dataclass(frozen=True)
class Merged:
    content: bytes
    conflicts: int
    """Conflicting places left in the file with markers (0: a clean merge)."""
    reencoded: bool = False
    """The person's encoding could not hold the merged text: it was written in UTF-8."""


class CannotMerge(Exception):
    """The person's file cannot be merged (not text, another structure): keep it, write beside."""


def merge(path: str, base: bytes, ours: bytes, theirs: bytes) -> Merged:
    """The person's file ``ours`` with rzn's change from ``base`` to ``theirs`` brought in."""
    if path.lower().endswith(MAIL_SUFFIX):
        return _merge_mail(base, ours, theirs)
    form = _Form.of(ours)
    merged, conflicts = merge_text(_decode(base), form.text, _decode(theirs))
    content, reencoded = form.encode(merged)
    return Merged(content, conflicts, reencoded)


def merge_text(base: str, ours: str, theirs: str) -> tuple[str, int]:
    """Line merge of three texts with ``\\n`` line ends; conflicts get labelled markers."""
    if ours in (base, theirs):
        return theirs, count_conflicts(theirs)
    if theirs == base:
        return ours, count_conflicts(ours)
    merger = Merge3(_lines(base), _lines(ours), _lines(theirs))
    merged = "".join(
        merger.merge_lines(
            name_a=OURS_LABEL,
            name_b=THEIRS_LABEL,
            start_marker=START,
            mid_marker=MIDDLE,
            end_marker=END,
            reprocess=True,
        )
    )
    return merged, count_conflicts(merged)


def _lines(text: str) -> list[str]:
    """Lines with their ends; a missing final line end is not a change worth a conflict."""
    if text and not text.endswith("\n"):
        text += "\n"
    return text.splitlines(keepends=True)


def _decode(data: bytes) -> str:
    """rzn's own bytes: UTF-8; line ends made ``\\n`` like the person's text."""
    return data.decode("utf-8").replace("\r\n", "\n")


@dataclass(frozen=True)
class _Form:
    """How the person's editor saved the file: encoding and line ends."""

    text: str
    encoding: str
    crlf: bool

    @classmethod
    def of(cls, data: bytes) -> _Form:
        if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise CannotMerge("pas un texte")
        boms = {codecs.BOM_UTF8: "utf-8-sig", codecs.BOM_UTF16_LE: "utf-16"}
        boms[codecs.BOM_UTF16_BE] = "utf-16"
        encoding = next((name for bom, name in boms.items() if data.startswith(bom)), "utf-8")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if encoding != "utf-8":
                raise CannotMerge("encodage illisible") from None
            # Not UTF-8: Windows editors save French text in Windows-1252 (a superset of
            # Latin-1 for printable characters); its five unassigned bytes mean Latin-1.
            try:
                encoding, text = "cp1252", data.decode("cp1252")
            except UnicodeDecodeError:
                encoding, text = "latin-1", data.decode("latin-1")
        crlf = text.count("\r\n") * 2 > text.count("\n")
        return cls(text.replace("\r\n", "\n"), encoding, crlf)

    def encode(self, text: str) -> tuple[bytes, bool]:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        try:
            return text.encode(self.encoding), False
        except UnicodeEncodeError:
            return text.encode("utf-8"), True


# -- mail drafts ---------------------------------------------------------------------------


def _merge_mail(base: bytes, ours: bytes, theirs: bytes) -> Merged:
    from rzn.render.mail import text_part_body

    if b"\r\n" not in ours:  # an editor that saved the draft with Unix line ends
        ours = ours.replace(b"\n", b"\r\n")
    messages = [_parse_mail(data) for data in (base, ours, theirs)]
    shapes = [[part.get_content_type() for part in m.walk()] for m in messages]
    if not shapes[0] == shapes[1] == shapes[2]:
        raise CannotMerge("structure du message différente")
    head = _merge_headers(*(_head(data) for data in (base, ours, theirs)))
    content = head + theirs[len(_head(theirs)) :]
    conflicts = 0
    cursor = len(head)
    for base_part, our_part, their_part in zip(*(m.walk() for m in messages), strict=True):
        if their_part.get_content_maintype() != "text":
            continue
        if their_part.get_content_disposition() == "attachment":
            continue
        texts = [_part_text(part) for part in (base_part, our_part, their_part)]
        merged, found = merge_text(*texts)
        conflicts += found
        old = text_part_body(texts[2])
        at = content.find(old, cursor)
        if at < 0:  # not a draft rzn wrote as it writes them today
            raise CannotMerge("partie de texte introuvable")
        new = text_part_body(merged)
        content = content[:at] + new + content[at + len(old) :]
        cursor = at + len(new)
    return Merged(content, conflicts)


def _parse_mail(data: bytes) -> Message:
    try:
        return message_from_bytes(data, policy=policy.compat32)
    except Exception as exc:  # the email package raises many kinds on broken input
        raise CannotMerge("message illisible") from exc


def _head(data: bytes) -> bytes:
    end = data.find(b"\r\n\r\n")
    if end < 0:
        raise CannotMerge("en-têtes introuvables")
    return data[: end + 2]


def _merge_headers(base: bytes, ours: bytes, theirs: bytes) -> bytes:
    try:
        texts = [h.decode("ascii").replace("\r\n", "\n") for h in (base, ours, theirs)]
    except UnicodeDecodeError:
        raise CannotMerge("en-têtes non ASCII") from None
    merged, conflicts = merge_text(*texts)
    if conflicts:
        raise CannotMerge("en-têtes modifiés des deux côtés")
    return merged.replace("\n", "\r\n").encode("ascii")


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise CannotMerge("partie de texte illisible")
    charset = part.get_content_charset() or "utf-8"
    try:
        text = payload.decode(charset)
    except (LookupError, UnicodeDecodeError):
        raise CannotMerge("jeu de caractères inconnu") from None
    return text.replace("\r\n", "\n")
