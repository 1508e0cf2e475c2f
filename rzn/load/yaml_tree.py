"""YAML text → plain Python data plus the position of every value.

Why not ``yaml.safe_load``: YAML 1.1 reads ``14:30`` as the integer 870,
``01000`` as 512 and ``no`` as ``False``, and keeps the last of two
duplicate keys without a word. Here every scalar stays the text the user
wrote (``null``/``~``/empty become ``None``); the pydantic model decides what
a field's text means. Parsing and composing stay in libyaml (fast); only
the small tree walk below runs in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rzn.load.limits import LIMITS, Limits
from rzn.load.messages import translate_yaml_error

try:
    from yaml._yaml import CParser as _Parser

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    HAS_LIBYAML = False

Path = tuple[str | int, ...]
Position = tuple[int, int]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# Explicit standard tags are harmless: the model validates the value anyway.
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "timestamp", "null")
)
_SAFE_C_COMPOSE_DEPTH = 10_000


class _Composer(_Parser):
    """libyaml's parser and composer with a resolver that types nothing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.yaml_implicit_resolvers: dict[Any, Any] = {}
        self.yaml_path_resolvers: dict[Any, Any] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    # The pure-Python Composer needs these; CParser ignores them.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


@dataclass
class Problem:
    line: int
    column: int
    rule: str
    message: str
    path: Path = ()


class LimitExceeded(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


@dataclass
class Tree:
    data: Any = None
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse(text: str, limits: Limits = LIMITS) -> Tree:
    tree = Tree()
    too_deep = _flow_nesting_too_deep(text, limits)
    if too_deep is not None:
        tree.problems.append(too_deep)
        return tree
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, column, message = translate_yaml_error(exc, text)
        tree.problems.append(Problem(line, column, "yaml-syntax", message))
        return tree
    except yaml.YAMLError as exc:  # errors without a mark (reader errors)
        line, column, message = translate_yaml_error(exc, text)
        tree.problems.append(Problem(line, column, "yaml-syntax", message))
        return tree
    finally:
        dispose = getattr(composer, "dispose", None)
        if dispose is not None:
            dispose()
    if node is None:
        return tree
    builder = _Builder(tree, limits)
    try:
        tree.data = builder.build(node, (), 0)
    except LimitExceeded as exc:
        mark = exc.node.start_mark
        tree.data = None
        tree.problems.append(Problem(mark.line + 1, mark.column + 1, "input-limit", exc.message))
    return tree


def _flow_nesting_too_deep(text: str, limits: Limits) -> Problem | None:
    """Refuse absurd nesting before libyaml's recursive composer sees it.

    libyaml composes recursively in C and crashes the interpreter past a few
    tens of thousands of levels. Block nesting needs one column per level (two
    at most), so a cheap bound on the depth is the longest line plus the
    number of brackets; only when that bound is high do we walk the events.
    """
    bound = 2 * (max(map(len, text.splitlines()), default=0) + 1)
    bound += text.count("[") + text.count("{")
    if bound <= _SAFE_C_COMPOSE_DEPTH:
        return None
    depth = 0
    events = _Composer(text)
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    line, column = _position(event)
                    return Problem(line, column, "input-limit", _depth_message(limits))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer will report the syntax error with its location
    return None


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _depth_message(limits: Limits) -> str:
    return (
        f"Imbrication trop profonde : rzn accepte au plus {limits.max_depth} niveaux "
        "(un fichier d'événement en compte environ cinq). Vérifiez l'indentation et "
        "les crochets [ ] et accolades { } ouverts ici."
    )


class _Builder:
    def __init__(self, tree: Tree, limits: Limits) -> None:
        self.tree = tree
        self.limits = limits
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()

    def build(self, node: Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise LimitExceeded(
                node,
                f"Trop de valeurs : plus de {self.limits.max_nodes} une fois les alias "
                "(*nom) développés. Un fichier d'événement n'en a besoin que de quelques "
                "centaines ; retirez les alias imbriqués.",
            )
        if depth > self.limits.max_depth:
            raise LimitExceeded(node, _depth_message(self.limits))
        key = id(node)
        if key in self.seen:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise LimitExceeded(
                    node,
                    f"Trop d'alias (*nom) : rzn en accepte au plus {self.limits.max_aliases} "
                    "par fichier. Écrivez les valeurs en clair.",
                )
        else:
            self.seen.add(key)
        mark = node.start_mark
        self.tree.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self._bad_tag(node, path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        if node.tag != _MAP:
            self._bad_tag(node, path)
        return self._mapping(node, path, depth)

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        tag = node.tag
        if tag != _STR and tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return None
        value = node.value
        if tag == "tag:yaml.org,2002:null" or (not node.style and value in _NULLS):
            return None
        return value

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merges: list[tuple[Node, Path]] = []
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kpos = (kmark.line + 1, kmark.column + 1)
            if not isinstance(key_node, ScalarNode):
                self.tree.problems.append(
                    Problem(
                        *kpos,
                        "yaml-syntax",
                        "Une clé doit être un simple mot (title, date…), pas une liste ni une "
                        "table. Vérifiez les « ? » et les crochets de cette ligne.",
                        path,
                    )
                )
                continue
            if key_node.value == "<<" and not key_node.style:
                merges.append((value_node, path))
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = self.tree.key_positions[child]
                self.tree.problems.append(
                    Problem(
                        *kpos,
                        "duplicate-key",
                        f"La clé « {key} » apparaît deux fois (ligne {first[0]} et ligne "
                        f"{kpos[0]}) : YAML ne garderait que l'une des deux valeurs. "
                        "Supprimez ou renommez l'une d'elles.",
                        child,
                    )
                )
                continue
            self.tree.key_positions[child] = kpos
            result[key] = self.build(value_node, child, depth + 1)
        for value_node, mpath in merges:
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                merged = self.build(source, mpath, depth + 1)
                if isinstance(merged, dict):
                    for key, value in merged.items():
                        result.setdefault(key, value)
        return result

    def _bad_tag(self, node: Node, path: Path) -> None:
        mark = node.start_mark
        tag = node.tag
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        if "python/" in tag:
            why = "elle demanderait d'exécuter du code Python et rzn la refuse par sécurité"
        else:
            why = "rzn n'accepte que des valeurs simples, des listes et des tables"
        self.tree.problems.append(
            Problem(
                mark.line + 1,
                mark.column + 1,
                "unsafe-tag",
                f"Balise YAML « {shown} » refusée : {why}. Supprimez la balise et écrivez "
                "la valeur en clair.",
                path,
            )
        )
