"""YAML text → plain Python data plus the position of every value.

Why not ``yaml.safe_load``: YAML 1.1 reads ``14:30`` as the integer 870,
``01000`` as 512 and ``no`` as ``False``, and keeps the last of two
duplicate keys without a word. Here every scalar stays the text the user
wrote (``null``/``~``/empty become ``None``); the pydantic model decides what
a field's text means.

Why events and not libyaml's composer: the composer recurses in C (10 000
nested brackets crash the interpreter), expands aliases before anyone can
count them and forgets where each ``*alias`` was written. Scanning and
parsing stay in libyaml (fast); the tree is built here from its events, so
every limit is checked at the exact event that crosses it, before any work
is spent on it, and is reported at that place.
"""

from __future__ import annotations

import yaml

from rzn.load.limits import LIMITS, Limits
from rzn.load.messages import depth_message, translate_yaml_error
from rzn.load.problem import Path, Position, Problem
from rzn.load.text import LineIndex, character_problems
from rzn.load.yaml_builder import Builder, Stop, Tree

try:
    from yaml._yaml import CParser as _Parser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    HAS_LIBYAML = False

__all__ = ["HAS_LIBYAML", "Path", "Position", "Problem", "Tree", "parse"]


def parse(text: str, limits: Limits = LIMITS) -> Tree:
    """Read ``text``; never raises on bad input (its problems are in the tree)."""
    tree = Tree()
    index = LineIndex(text)
    tree.problems.extend(character_problems(text, index))
    if tree.problems:
        return tree  # libyaml would stop at the first one, without its name
    parser = _Parser(text)
    builder = Builder(parser, tree, limits, index)
    try:
        tree.data = builder.document()
    except Stop as stop:
        tree.data = None
        tree.problems.append(stop.problem)
    except yaml.YAMLError as exc:
        tree.data = None
        if "nesting depth" in str(getattr(exc, "problem", "")):
            # Recent libyaml stops at 1 000 levels while scanning ahead, before rzn's own
            # limit has seen an event: report rzn's limit where it is crossed.
            line, column = _deep_flow_position(text, limits, index) or _error_position(exc)
            tree.problems.append(Problem(line, column, "input-limit", depth_message(limits)))
        else:
            line, column, message = translate_yaml_error(exc, index, builder.last)
            tree.problems.append(Problem(line, column, "yaml-syntax", message))
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    tree.problems.sort(key=lambda p: (p.line, p.column))
    return tree


def _error_position(exc: yaml.YAMLError) -> Position:
    mark = getattr(exc, "problem_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _deep_flow_position(text: str, limits: Limits, index: LineIndex) -> Position | None:
    """Where brackets ``[`` ``{`` first nest deeper than the limit (the top table counts one)."""
    stripped = text.lstrip()
    depth = 0 if stripped[:1] in ("[", "{") else 1
    quote = ""
    for offset, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > limits.max_depth:
                return index.position(offset)
        elif char in "]}":
            depth -= 1
    return None
