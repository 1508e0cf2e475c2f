"""Adding values to a list of a person's event file, changing nothing else.

Volunteers tick tasks with ``rzn tasks done ID``: the file must come back with
their comments, order, quotes and spacing intact, byte for byte outside the
lines added. The edit is made on the text, at the positions the loader
records, in the style the file already uses:

- a block list (``- lead`` on its own line) gets one line per value, with the
  indentation and dash of its last item;
- a flow list on one line (``done: [lead, date]``) gets ``, value`` before ``]``;
- a mapping without the list gets ``list: [value]`` at the indentation of its
  keys, right under its own key; a file without the mapping gets both at its end.

Anything else (a flow list over several lines, a flow mapping, an anchor or
tag, a line holding two items) is refused with a message that says what to add
by hand: never a guess. Every edit is checked by loading the new text again:
the data must be the old data with the values appended, or nothing is written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from rzn.errors import InputError
from rzn.load import load_text

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SAFE_SCALAR = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# YAML 1.1 breaks lines on these too, Python's splitlines on some of them: refuse rather
# than count lines two ways.
_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class EditRefused(InputError):
    """The file cannot be edited safely: nothing was written, the message says what to add."""


@dataclass(frozen=True)
class TextFile:
    """A file's text and how to write it back exactly as it was encoded."""

    text: str
    bom: bytes
    encoding: str

    @classmethod
    def decode(cls, data: bytes, name: str) -> TextFile:
        boms = {
            codecs.BOM_UTF8: "utf-8",
            codecs.BOM_UTF16_LE: "utf-16-le",
            codecs.BOM_UTF16_BE: "utf-16-be",
        }
        bom, encoding = next(
            ((bom, name) for bom, name in boms.items() if data.startswith(bom)), (b"", "utf-8")
        )
        try:
            return cls(data[len(bom) :].decode(encoding), bom, encoding)
        except UnicodeDecodeError:
            raise EditRefused(
                f"{name} : encodage non reconnu, rzn ne le modifie pas ; lancez rzn check {name} "
                "pour voir le caractère en cause."
            ) from None

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def append_to_list(
    text: str, path: tuple[str, str], values: list[str], name: str = "le fichier"
) -> str:
    """``text`` with ``values`` appended to the list at ``path`` (``("tasks", "done")``)."""
    if not values:
        return text
    for value in values:
        if not _SAFE_SCALAR.match(value):
            raise EditRefused(f"« {value} » : un identifiant s'écrit en minuscules et tirets.")
    parent, key = path
    hint = (
        f"Ajoutez à la main dans {name} : {parent}: {{{key}: [{', '.join(values)}]}} "
        f"(ou complétez la liste {parent}.{key})."
    )
    if _ODD_BREAKS.search(text):
        raise EditRefused(f"{name} contient des sauts de ligne inhabituels. {hint}")
    loaded = load_text(text, name)
    if loaded.problems or not isinstance(loaded.data, dict):
        raise EditRefused(f"{name} n'est pas lisible tel quel : corrigez-le d'abord (rzn check).")
    data: dict[str, Any] = loaded.data
    lines = _LINES.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    newline = "\r\n" if "\r\n" in text else "\n"
    source = loaded.source
    mapping = data.get(parent)
    if parent not in data:
        edited = _append_mapping(text, newline, parent, key, values, _indent_unit(lines))
    elif not isinstance(mapping, dict):
        raise EditRefused(f"{parent} n'est pas une liste de clés simple. {hint}")
    elif key not in mapping:
        edited = _insert_key(lines, source, parent, key, values, newline, hint)
    elif isinstance(mapping[key], list):
        edited = _extend(lines, source, (parent, key), len(mapping[key]), values, newline, hint)
    else:
        raise EditRefused(f"{parent}.{key} n'est pas une liste. {hint}")
    _check(edited, data, path, values, name, hint)
    return edited


def _append_mapping(
    text: str, newline: str, parent: str, key: str, values: list[str], unit: str
) -> str:
    ending = "" if not text or text.endswith(("\n", "\r")) else newline
    block = f"{parent}:{newline}{unit}{key}: [{', '.join(values)}]{newline}"
    return text + ending + block


def _insert_key(
    lines: list[str],
    source: Any,
    parent: str,
    key: str,
    values: list[str],
    newline: str,
    hint: str,
) -> str:
    head = source.key_positions.get((parent,))
    children = [
        pos for path, pos in source.key_positions.items() if len(path) == 2 and path[0] == parent
    ]
    if head is None or not children:
        raise EditRefused(f"{parent} est vide ou écrit sur une seule ligne. {hint}")
    line, _ = head
    if lines[line - 1].rstrip("\r\n").rstrip().endswith(("{", "}")):
        raise EditRefused(f"{parent} est écrit entre accolades. {hint}")
    column = min(pos[1] for pos in children)
    if any(pos[0] == line for pos in children):
        raise EditRefused(f"{parent} est écrit sur une seule ligne. {hint}")
    new = f"{' ' * (column - 1)}{key}: [{', '.join(values)}]{newline}"
    return "".join(lines[:line]) + new + "".join(lines[line:])


def _extend(
    lines: list[str],
    source: Any,
    path: tuple[str, str],
    count: int,
    values: list[str],
    newline: str,
    hint: str,
) -> str:
    start = source.positions.get(path)
    if start is None:
        raise EditRefused(hint)
    line, column = start
    text_line = lines[line - 1]
    if count == 0 or text_line[column - 1 : column] == "[":
        return _extend_flow(lines, line, column, count, values, hint)
    last = source.positions.get((*path, count - 1))
    if last is None:
        raise EditRefused(hint)
    last_line, last_column = last
    item = lines[last_line - 1]
    prefix = item[: last_column - 1]
    if not re.fullmatch(r"[ ]*-[ ]+", prefix):
        raise EditRefused(f"La liste {'.'.join(path)} n'a pas un élément par ligne. {hint}")
    others = [pos for p, pos in source.positions.items() if p[:2] == path and len(p) == 3]
    if sum(1 for pos in others if pos[0] == last_line) > 1:
        raise EditRefused(hint)  # two items on the last item's line
    ending = "" if item.endswith(("\n", "\r")) else newline
    added = "".join(f"{prefix}{value}{newline}" for value in values)
    return "".join(lines[:last_line]) + ending + added + "".join(lines[last_line:])


def _extend_flow(
    lines: list[str], line: int, column: int, count: int, values: list[str], hint: str
) -> str:
    text_line = lines[line - 1]
    if text_line[column - 1 : column] != "[":
        raise EditRefused(hint)
    close = text_line.find("]", column)
    if close < 0 or "[" in text_line[column:close] or "#" in text_line[column:close]:
        raise EditRefused(f"La liste est écrite sur plusieurs lignes. {hint}")
    inside = text_line[column:close]
    if inside.strip():
        stripped = inside.rstrip()
        new_inside = stripped + "".join(f", {v}" for v in values) + inside[len(stripped) :]
    elif count == 0:
        new_inside = ", ".join(values)
    else:
        raise EditRefused(hint)
    edited = text_line[:column] + new_inside + text_line[close:]
    return "".join(lines[: line - 1]) + edited + "".join(lines[line:])


def _indent_unit(lines: list[str]) -> str:
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped.strip() and not stripped.startswith("#") and len(line) > len(stripped):
            return " " * min(len(line) - len(stripped), 4)
    return "  "


def _check(
    edited: str,
    before: dict[str, Any],
    path: tuple[str, str],
    values: list[str],
    name: str,
    hint: str,
) -> None:
    after = load_text(edited, name)
    expected = dict(before)
    parent, key = path
    mapping = dict(expected.get(parent) or {})
    mapping[key] = [*(mapping.get(key) or []), *values]
    expected[parent] = mapping
    if after.problems or after.data != expected:
        raise EditRefused(f"rzn ne sait pas modifier ce fichier sans risque. {hint}")
