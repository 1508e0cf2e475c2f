"""The tree builder behind :func:`rzn.load.yaml_tree.parse`: parser events → data and positions.

It runs for every key and value of every file ``rzn check`` reads, so the
common case (plain untagged scalars, lists, tables) is written out in
``Builder.node`` and ``Builder.mapping`` with attributes bound to locals;
the rare cases (aliases, tags, merge keys, limits) keep their own methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from rzn.load.limits import Limits, french_number
from rzn.load.messages import MULTIPLE_DOCUMENTS, depth_message
from rzn.load.problem import Path, Position, Problem
from rzn.load.text import LineIndex

_CORE = "tag:yaml.org,2002:"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# No tag, the non-specific "!" or the standard one: the model validates the
# value anyway, so an explicit standard tag is harmless.
_PLAIN_TAGS = frozenset((None, "!"))
_SCALAR_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "timestamp", "null"))
_SEQ_TAGS = _PLAIN_TAGS | {_CORE + "seq"}
_MAP_TAGS = _PLAIN_TAGS | {_CORE + "map"}
_MERGE = "<<"


@dataclass
class Tree:
    data: Any = None
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class Stop(Exception):
    """A problem after which the rest of the file is not read."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class _Anchor:
    value: Any
    path: Path
    entries: list[tuple[Path, Position, bool]]
    """Positions recorded under ``path`` while the anchored value was read."""
    size: int
    """Values in it, its own aliases expanded: what one more ``*alias`` costs."""


def _mark(event: Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class Builder:
    """Builds the tree from parser events, one Python call per value.

    This runs for every key and value of every file ``rzn check`` reads, so
    the common case (plain untagged scalars, lists, tables) is written out in
    :meth:`node` and :meth:`mapping` with attributes bound to locals; the rare
    cases (aliases, tags, merge keys, limits) keep their own methods. Events
    are taken with ``get_event`` only, in the order a peek-then-get reader
    would consume them, so libyaml errors surface at the same event.
    """

    def __init__(self, parser: Any, tree: Tree, limits: Limits, index: LineIndex) -> None:
        self.parser = parser
        self.get = parser.get_event
        self.index = index
        self.lines = index.count
        self.tree = tree
        self.positions = tree.positions
        self.key_positions = tree.key_positions
        self.limits = limits
        self.max_nodes = limits.max_nodes
        self.max_depth = limits.max_depth
        self.last: Event | None = None
        """The last event read: syntax messages use it to find the real cause."""
        self.log: list[tuple[Path, Position, bool]] = []
        """Recorded positions in order while an anchor or a merge value is read, so that
        they know their own; nothing else reads them."""
        self.logging = 0
        self.recording = True
        self.nodes = 0
        self.aliases = 0
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: set[str] = set()

    # -- events ---------------------------------------------------------

    def pos(self, event: Event) -> Position:
        position = _mark(event)
        # libyaml puts the end of a file without a final line break on a line
        # of its own, below the last one.
        return self.index.clamp(position) if position[0] > self.lines else position

    def next(self) -> Event:
        event: Event = self.get()
        self.last = event
        return event

    def peek(self) -> Event:
        event: Event = self.parser.peek_event()
        return event

    def problem(self, position: Position, rule: str, message: str, path: Path = ()) -> None:
        self.tree.problems.append(Problem(*position, rule, message, path))

    def record(self, path: Path, position: Position, key: bool = False) -> None:
        if not self.recording:
            return
        (self.key_positions if key else self.positions)[path] = position
        if self.logging:
            self.log.append((path, position, key))

    def count(self, event: Event, extra: int = 1) -> None:
        if self.nodes + extra > self.max_nodes:
            raise Stop(
                Problem(
                    *self.pos(event),
                    "input-limit",
                    f"Trop de valeurs : plus de {french_number(self.limits.max_nodes)} une fois "
                    "les alias (*nom) développés, limite atteinte ici. Un fichier d'événement "
                    "n'en compte que quelques centaines ; écrivez les valeurs en clair au "
                    "lieu d'imbriquer des alias.",
                )
            )
        self.nodes += extra

    # -- structure ------------------------------------------------------

    def document(self) -> Any:
        self.next()  # stream start
        if isinstance(self.peek(), StreamEndEvent):
            return None  # empty, or only comments
        self.next()  # document start
        value = self.node(self.next(), (), 1)
        end = self.next()
        assert isinstance(end, DocumentEndEvent)
        if not isinstance(self.peek(), StreamEndEvent):
            raise Stop(Problem(*self.pos(self.next()), "yaml-syntax", MULTIPLE_DOCUMENTS))
        return value

    def node(self, event: Any, path: Path, depth: int) -> Any:
        """Read the value ``event`` starts; ``depth`` is its nesting level if it is a
        list or table."""
        kind = event.__class__
        if kind is AliasEvent:
            return self.alias(event, path)
        nodes = self.nodes + 1
        if nodes > self.max_nodes:
            self.count(event)
        self.nodes = nodes
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)
        if position[0] > self.lines:
            position = self.index.clamp(position)
        anchor = event.anchor
        if anchor is not None:
            self.logging += 1
            start = len(self.log)
        if self.recording:
            self.positions[path] = position
            if self.logging:
                self.log.append((path, position, False))
        if anchor is not None:
            self.open_anchors.add(anchor)
        value: Any
        if kind is ScalarEvent:
            if event.tag is None:
                value = event.value
                # CParser says "" for a plain scalar, pure Python None.
                if value in _NULLS and event.style in (None, ""):
                    value = None
            else:
                value = self.scalar(event, path)
        elif kind is SequenceStartEvent:
            if depth > self.max_depth or event.tag is not None:
                self.enter(event, depth, path, _SEQ_TAGS)
            value = []
            get = self.get
            inner = depth + 1
            item = self.last = get()
            while item.__class__ is not SequenceEndEvent:
                value.append(self.node(item, (*path, len(value)), inner))
                item = self.last = get()
        else:
            assert kind is MappingStartEvent
            if depth > self.max_depth or event.tag is not None:
                self.enter(event, depth, path, _MAP_TAGS)
            value = self.mapping(path, depth)
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.logging -= 1
            self.anchors[anchor] = _Anchor(value, path, self.log[start:], self.nodes - nodes + 1)
        return value

    def discard(self, event: Event, path: Path, depth: int) -> None:
        """Read a value that will not be kept (a duplicate key's), limits still applying."""
        recording, self.recording = self.recording, False
        try:
            self.node(event, path, depth)
        finally:
            self.recording = recording

    def enter(
        self, event: CollectionStartEvent, depth: int, path: Path, tags: frozenset[Any]
    ) -> None:
        if depth > self.max_depth:
            raise Stop(Problem(*self.pos(event), "input-limit", depth_message(self.limits)))
        if event.tag not in tags:
            self.bad_tag(event, path)

    def scalar(self, event: ScalarEvent, path: Path) -> Any:
        tag = event.tag
        if tag is None:
            plain = event.style in (None, "")  # CParser says "", pure Python None
            return None if plain and event.value in _NULLS else event.value
        if tag == _CORE + "null":
            return None
        if tag == "!" or tag in _SCALAR_TAGS:
            return event.value
        self.bad_tag(event, path)
        return None

    def mapping(self, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        merges: list[tuple[Any, Position, int, int]] = []
        merge_key: Position | None = None
        get = self.get
        node = self.node
        inner = depth + 1
        lines = self.lines
        # Constant while this table's own events are read: discard() and anchors
        # change them only around a nested value, and set them back after it.
        recording = self.recording
        logging = self.logging
        positions = self.positions
        key_positions = self.key_positions
        event: Any
        mark: Any
        while True:
            event = self.last = get()
            kind = event.__class__
            if kind is MappingEndEvent:
                break
            key: str | object | None
            if kind is ScalarEvent and event.tag is None and event.anchor is None:
                # A plain key, as nearly every key is: what key() does, written out.
                nodes = self.nodes + 1
                if nodes > self.max_nodes:
                    self.count(event)
                self.nodes = nodes
                key = event.value
                if key == _MERGE and event.style in (None, ""):
                    key = _MERGE_KEY
            else:
                key = self.key(event, path, depth)
            mark = event.start_mark
            kpos = (mark.line + 1, mark.column + 1)
            if kpos[0] > lines:
                kpos = self.index.clamp(kpos)
            if key is None:
                self.discard(self.next(), path, inner)
                continue
            if key is _MERGE_KEY:
                merge_key = self.merge_value(path, inner, merge_key, kpos, merges)
                continue
            assert isinstance(key, str)
            child = (*path, key)
            if key in seen:
                self.duplicate(key, child, seen[key], kpos)
                self.discard(self.next(), child, inner)
                continue
            seen[key] = kpos
            if recording:
                key_positions[child] = kpos
                if logging:
                    self.log.append((child, kpos, True))
            event = self.last = get()
            if (
                event.__class__ is not ScalarEvent
                or event.tag is not None
                or event.anchor is not None
            ):
                result[key] = node(event, child, inner)
                continue
            # A plain value, as most values are: what node() does, written out.
            nodes = self.nodes + 1
            if nodes > self.max_nodes:
                self.count(event)
            self.nodes = nodes
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if position[0] > lines:
                position = self.index.clamp(position)
            if recording:
                positions[child] = position
                if logging:
                    self.log.append((child, position, False))
            value = event.value
            result[key] = None if value in _NULLS and event.style in (None, "") else value
        for value, vpos, start, end in merges:
            self.merge(result, path, value, vpos, self.log[start:end])
        return result

    def merge_value(
        self,
        path: Path,
        depth: int,
        first: Position | None,
        again: Position,
        merges: list[tuple[Any, Position, int, int]],
    ) -> Position:
        """Read the value of ``<<``, keeping the positions read under it for :meth:`merge`;
        a second ``<<`` in the same table is a duplicate. Returns the first ``<<``'s place."""
        if first is not None:
            self.duplicate(_MERGE, (*path, _MERGE), first, again)
            self.discard(self.next(), path, depth)
            return first
        event = self.next()
        position = self.pos(event)
        self.logging += 1
        start = len(self.log)
        value = self.node(event, (*path, _MERGE), depth)
        self.logging -= 1
        merges.append((value, position, start, len(self.log)))
        return again

    def key(self, event: Event, path: Path, depth: int) -> str | object | None:
        """The key's text, :data:`_MERGE_KEY`, or ``None`` (reported) when unusable."""
        if isinstance(event, ScalarEvent):
            self.count(event)
            if event.tag not in _PLAIN_TAGS and event.tag not in _SCALAR_TAGS:
                self.bad_tag(event, path)
                return None
            if event.tag is None and event.style in (None, "") and event.value == _MERGE:
                return _MERGE_KEY
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchor(event.value, (), [], 1)
            return str(event.value)
        if isinstance(event, AliasEvent):
            self.problem(
                self.pos(event),
                "yaml-syntax",
                f"Une clé ne peut pas être un alias (*{event.anchor}) : écrivez la clé en clair.",
                path,
            )
            return None
        self.problem(
            self.pos(event),
            "yaml-syntax",
            "Une clé doit être un simple mot (title, date…), pas une liste ni une table. "
            "Vérifiez les « ? », crochets et accolades de cette ligne.",
            path,
        )
        self.discard(event, path, depth + 1)
        return None

    def duplicate(self, key: str, path: Path, first: Position, again: Position) -> None:
        if first[0] == again[0]:
            where = f"deux fois sur la ligne {first[0]} (colonnes {first[1]} et {again[1]})"
        else:
            where = f"deux fois (ligne {first[0]} et ligne {again[0]})"
        self.problem(
            again,
            "duplicate-key",
            f"La clé « {key} » apparaît {where} : YAML ne garderait que l'une des deux "
            "valeurs. Supprimez ou renommez l'une d'elles.",
            path,
        )

    def alias(self, event: AliasEvent, path: Path) -> Any:
        name = str(event.anchor)
        position = self.pos(event)
        self.record(path, position)
        if name in self.open_anchors:
            self.problem(
                position,
                "yaml-syntax",
                f"L'alias *{name} est utilisé à l'intérieur de sa propre ancre &{name} : la "
                "valeur se contiendrait elle-même. Écrivez la valeur en clair.",
                path,
            )
            return None
        anchor = self.anchors.get(name)
        if anchor is None:
            self.problem(
                position,
                "yaml-syntax",
                f"Alias *{name} utilisé sans ancre &{name} définie avant lui : définissez "
                f"l'ancre plus haut dans le fichier, ou, si « *{name} » est du texte, mettez "
                "la valeur entre guillemets.",
                path,
            )
            return None
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise Stop(
                Problem(
                    *position,
                    "input-limit",
                    f"Trop d'alias (*nom) : rzn en accepte au plus {self.limits.max_aliases} "
                    "par fichier, et celui-ci dépasse la limite. Écrivez les valeurs en clair.",
                )
            )
        # The whole cost of the expansion is known before anything is copied:
        # an alias bomb stops at its first too costly alias.
        self.count(event, anchor.size)
        cut = len(anchor.path)
        for sub, where, is_key in anchor.entries[1:]:
            self.record((*path, *sub[cut:]), where, is_key)
        return anchor.value

    def merge(
        self,
        result: dict[str, Any],
        path: Path,
        value: Any,
        position: Position,
        entries: list[tuple[Path, Position, bool]],
    ) -> None:
        """Apply ``<<: *defaults``: keys written in the table win over merged ones."""
        sources = value if isinstance(value, list) else [value]
        prefix = (*path, _MERGE)
        if not sources or not all(isinstance(source, dict) for source in sources):
            self.problem(
                position,
                "yaml-syntax",
                "La clé de fusion « << » attend une table, ou une liste de tables (souvent un "
                "alias *nom vers une table). Pour une clé nommée « << », mettez-la entre "
                "guillemets.",
                path,
            )
            return
        # Positions read under "path.<<" (or "path.<<[i]") move to "path".
        moved: dict[tuple[int, str], list[tuple[Path, Position, bool]]] = {}
        for sub, where, is_key in entries:
            (self.tree.key_positions if is_key else self.tree.positions).pop(sub, None)
            rest = sub[len(prefix) :]
            if isinstance(value, list):
                if len(rest) < 2:
                    continue
                number, rest = rest[0], rest[1:]
            else:
                number = 0
                if not rest:
                    continue
            assert isinstance(number, int)
            moved.setdefault((number, str(rest[0])), []).append(((*path, *rest), where, is_key))
        for number, source in enumerate(sources):
            for key, item in source.items():
                if key in result:
                    continue
                result[key] = item
                for sub, where, is_key in moved.get((number, key), []):
                    self.record(sub, where, is_key)

    def bad_tag(self, event: ScalarEvent | CollectionStartEvent, path: Path) -> None:
        tag = str(event.tag)
        shown = tag.replace(_CORE, "!!")
        if "python/" in tag:
            why = "elle demanderait d'exécuter du code Python et rzn la refuse par sécurité"
            fix = "Supprimez la balise et écrivez la valeur en clair."
        else:
            why = "rzn n'accepte que des valeurs simples, des listes et des tables"
            fix = (
                f"Si « {shown} » fait partie du texte, mettez la valeur entre guillemets ; "
                "sinon supprimez la balise."
            )
        self.problem(
            self.pos(event), "unsafe-tag", f"Balise YAML « {shown} » refusée : {why}. {fix}", path
        )


_MERGE_KEY = object()
"""Marks the merge key ``<<`` (plain, untagged) among the keys of a table."""
