"""The two encodings of a French mail: encoded words in headers, quoted-printable in bodies.

Written here rather than left to :mod:`email`'s generator because its refolding lost or
doubled spaces in long French subjects; the property tests of ``tests/render`` check that
both round-trip through the standard library's parsers.
"""

from __future__ import annotations

import binascii
from email import base64mime, quoprimime

ENCODED_WORD_CHROME = len("=?utf-8?q??=")
_Q_SAFE = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/ "
_QP_LINE = 76


def encoded_word(text: str) -> str:
    """``text`` as one encoded word, that may exceed 75 columns.

    Q (readable) while it fits in 75 columns, else the shorter of Q and B: a name of
    :data:`rzn.render.mail.MAX_DISPLAY_NAME` bytes stays under 700 columns.
    """
    data = text.encode("utf-8")
    q_size = q_length(data)
    if q_size + ENCODED_WORD_CHROME > 75 and 4 * -(-len(data) // 3) < q_size:
        return base64mime.header_encode(data, "utf-8")
    return quoprimime.header_encode(data, "utf-8")


def encoded_words(text: str, first: int, rest: int) -> list[str]:
    """``text`` as UTF-8 Q encoded words, the first at most ``first`` columns, then ``rest``.

    Split between characters, never inside one: each word decodes on its own. Q keeps
    French readable in the raw file, and its output is safe in a display name too.
    """
    first = min(first, 75) - ENCODED_WORD_CHROME
    rest = min(rest, 75) - ENCODED_WORD_CHROME
    chunks = []
    if q_length(text.encode("utf-8")) <= first:
        chunks.append(text)
    else:
        start = size = 0
        limit = first
        for index, char in enumerate(text):
            cost = q_length(char.encode("utf-8"))
            if size + cost > limit and index > start:
                chunks.append(text[start:index])
                start, size, limit = index, 0, rest
            size += cost
        chunks.append(text[start:])
    return [quoprimime.header_encode(chunk.encode("utf-8"), "utf-8") for chunk in chunks]


def q_length(data: bytes) -> int:
    return len(data) + 2 * len(data.translate(None, _Q_SAFE))


def quoted_printable(text: str) -> bytes:
    """UTF-8 quoted-printable, CRLF line ends; no line starts with ``.`` or ``From ``.

    Those two starts are encoded (``=2E``, ``=46rom``) because some transfer agents and
    mbox files alter them (a lone dot ends an SMTP message, ``From `` starts an mbox one).
    """
    encoded = binascii.b2a_qp(text.encode("utf-8"), istext=True)
    if _needs_rewrap(encoded):
        # "=\n" is always a soft break: a literal "=" is written "=3D".
        hard_lines = encoded.replace(b"=\n", b"").split(b"\n")
        encoded = b"\n".join(_wrapquoted_printable(line) for line in hard_lines)
    return encoded.replace(b"\n", b"\r\n")


def _needs_rewrap(encoded: bytes) -> bool:
    """Whether a line of ``encoded`` starts riskily or is longer than 76 columns.

    Substring tests and line lengths rather than one multiline regex: that one was tried at
    every byte of every mail and cost as much as the encoding itself.
    """
    if encoded.startswith((b".", b"From ")) or b"\n." in encoded or b"\nFrom " in encoded:
        return True
    return max(map(len, encoded.split(b"\n"))) > _QP_LINE


def _wrapquoted_printable(line: bytes) -> bytes:
    """One encoded line cut into lines of at most 76 columns, none starting riskily."""
    pieces = []
    start = 0
    while True:
        head = b""
        if line.startswith(b".", start) or line.startswith(b"From ", start):
            head = b"=%02X" % line[start]
            start += 1
        room = _QP_LINE - len(head)
        if len(line) - start <= room:
            pieces.append(head + line[start:])
            return b"\n".join(pieces)
        end = start + room - 1  # a column for the soft break
        if line[end - 1] == ord("="):
            end -= 1
        elif line[end - 2] == ord("="):
            end -= 2
        pieces.append(head + line[start:end] + b"=")
        start = end
