"""The house as ARCHITECTURE.md draws it: imports only go down, no circle, no file too long.

The layers are data read from ARCHITECTURE.md: the table (which files each row
holds, and its « n'importe jamais » column: libraries and ``rzn.*`` packages the
row never imports), the order ``load → model → plan → rules → render`` (no layer
imports one to its right) and the CLI row on top (nothing else imports it). The
imports are read from the code with ``ast``: module level, inside functions, and
under ``TYPE_CHECKING``: an import delayed for speed is still a dependency.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "rzn"
ARCHITECTURE = ROOT / "ARCHITECTURE.md"

# An import that breaks the table while a change fixes it: (importer, imported) → why. Empty
# on main; a test fails once a listed import no longer happens, so no entry outlives its fix.
KNOWN_LAYER_BREAKS: dict[tuple[str, str], str] = {}
# A circle being broken: the edge named here is left out of the graph, which must then have
# no circle. Empty on main, like the list above.
KNOWN_CIRCLE_EDGES: dict[tuple[str, str], str] = {}


# --- ARCHITECTURE.md as data ------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    layer: str
    places: tuple[str, ...]
    """Dotted modules (``rzn.check``) and packages with all they hold (``rzn.load.*``)."""
    never: tuple[str, ...]
    """Libraries (``jinja2``) and rzn packages (``rzn.render``) the row never imports."""


def read_table() -> list[Row]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if "n'importe jamais" in line)
    columns = [c.strip() for c in header.strip("|").split("|")]
    place_col, never_col = columns.index("paquet"), columns.index("n'importe jamais")
    rows = []
    lines = text.splitlines()
    start = lines.index(header) + 2
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        places = tuple(_dotted(p) for p in re.findall(r"`(rzn/[^`]*)`", cells[place_col]))
        never = tuple(
            word.strip("`")
            for word in re.split(r",\s*", cells[never_col])
            if word.strip() not in ("", "—")
        )
        rows.append(Row(cells[0], places, never))
    return rows


def read_order() -> list[str]:
    """``load → model → plan → rules → render``, as packages."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    found = re.search(r"\b(\w+(?: → \w+){3,})", text)
    assert found, "ARCHITECTURE.md: the layer order « load → model → … » is missing"
    return [f"rzn.{word}" for word in found.group(1).split(" → ")]


def _dotted(path: str) -> str:
    if path.endswith("/"):
        return path.strip("/").replace("/", ".") + ".*"
    return path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


ROWS = read_table()
ORDER = read_order()
TOP = next(row for row in ROWS if row.layer == "CLI")


# --- the code's imports -----------------------------------------------------------------


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = modules()


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    where: str
    """``module``, ``function`` or ``typing`` (under ``if TYPE_CHECKING:``)."""


def imports_of(name: str, path: Path) -> Iterator[Import]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def targets(node: ast.Import | ast.ImportFrom) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = node.module or ""
        if node.level:
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, base] if base else parts)
        # ``from rzn.render import logos`` is an import of the module rzn.render.logos.
        return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]

    def walk(node: ast.AST, where: str) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in targets(child):
                    yield Import(name, target, child.lineno, where)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from walk(child, "function")
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                yield from walk(child, "typing" if where == "module" else where)
            else:
                yield from walk(child, where)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")), "module")


IMPORTS = [imp for name, path in MODULES.items() for imp in imports_of(name, path)]
INTERNAL = [imp for imp in IMPORTS if imp.imported.split(".")[0] == "rzn"]


def within(module: str, place: str) -> bool:
    """``module`` is ``place``, or inside it when ``place`` is a package."""
    place = place.removesuffix(".*")
    return module == place or module.startswith(place + ".")


def held(module: str, place: str) -> bool:
    """The table's ``place`` holds ``module``: a file holds itself, a folder all it has."""
    return within(module, place) if place.endswith(".*") else module == place


def row_of(module: str) -> Row | None:
    """The row whose most precise place holds ``module``."""
    best: tuple[int, Row] | None = None
    for row in ROWS:
        for place in row.places:
            if held(module, place) and (best is None or len(place) > best[0]):
                best = (len(place), row)
    return best[1] if best else None


def rank(module: str) -> int | None:
    return next((i for i, layer in enumerate(ORDER) if within(module, layer)), None)


def broken_rule(imp: Import) -> str | None:
    """The rule of ARCHITECTURE.md ``imp`` breaks, said for the failure message."""
    row = row_of(imp.importer)
    if row is None:
        return None
    for never in row.never:
        library = not never.startswith("rzn")
        if (library and imp.imported.split(".")[0] == never) or within(imp.imported, never):
            return f"the row « {row.layer} » never imports {never}"
    low, high = rank(imp.importer), rank(imp.imported)
    if low is not None and high is not None and high > low:
        return f"{ORDER[low]} is below {ORDER[high]} ({' → '.join(ORDER)})"
    if row is not TOP and row_of(imp.imported) is TOP:
        return "the CLI is on top: nothing else imports it"
    return None


def breaks() -> dict[tuple[str, str], str]:
    found = {}
    for imp in IMPORTS:
        rule = broken_rule(imp)
        if rule is not None:
            key = (imp.importer, imp.imported)
            found.setdefault(key, f"{MODULES[imp.importer].relative_to(ROOT)}:{imp.line}: {rule}")
    return found


def circles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Each import circle, as a path that comes back to its start (Tarjan, iterative)."""
    graph: dict[str, list[str]] = {}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            nexts = graph.get(node, [])
            if i < len(nexts):
                work.append((node, i + 1))
                target = nexts[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return [_cycle(component, graph) for component in components]


def _cycle(component: list[str], graph: dict[str, list[str]]) -> list[str]:
    """One circle through the component's first module, for the message."""
    inside = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in graph.get(node, []):
            if target == start:
                return [*paths[node], start]
            if target in inside and target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return component


def import_edges() -> set[tuple[str, str]]:
    # A module that imports its own package (a registry loading every rule of
    # rzn.rules) completes the package it belongs to: not a circle between modules.
    return {
        (imp.importer, imp.imported)
        for imp in INTERNAL
        if imp.imported in MODULES
        and imp.importer != imp.imported
        and not within(imp.importer, imp.imported)
    }


# --- the tests --------------------------------------------------------------------------


def test_architecture_names_the_layers_the_test_reads():
    assert [layer.removeprefix("rzn.") for layer in ORDER] == [
        "load",
        "model",
        "plan",
        "rules",
        "render",
    ]
    placed = {place.removesuffix(".*") for row in ROWS for place in row.places}
    assert [layer for layer in ORDER if layer not in placed] == []
    assert "rzn.cli.*" in TOP.places


def test_every_module_has_its_row_in_architecture():
    assert [name for name in MODULES if row_of(name) is None] == [], (
        "name these modules in the table of ARCHITECTURE.md"
    )


def test_rows_name_only_existing_places():
    missing = [p for row in ROWS for p in row.places if p.removesuffix(".*") not in MODULES]
    assert missing == [], "ARCHITECTURE.md names modules that do not exist"


def test_imports_follow_the_layers():
    found = breaks()
    new = [message for key, message in sorted(found.items()) if key not in KNOWN_LAYER_BREAKS]
    assert new == [], "imports that break ARCHITECTURE.md:\n" + "\n".join(
        f"{importer} imports {imported} — {found[(importer, imported)]}"
        for importer, imported in sorted(found)
        if (importer, imported) not in KNOWN_LAYER_BREAKS
    )


def test_known_layer_breaks_still_happen():
    fixed = [key for key in KNOWN_LAYER_BREAKS if key not in breaks()]
    assert fixed == [], "fixed: remove these from KNOWN_LAYER_BREAKS"


def test_no_import_circle():
    edges = import_edges() - set(KNOWN_CIRCLE_EDGES)
    found = circles(edges)
    assert found == [], "import circles (each import counts, in functions too):\n" + "\n".join(
        " → ".join(cycle) for cycle in found
    )


def reaches(edges: set[tuple[str, str]], start: str, goal: str) -> bool:
    seen, queue = {start}, [start]
    while queue:
        node = queue.pop()
        for a, b in edges:
            if a == node and b not in seen:
                if b == goal:
                    return True
                seen.add(b)
                queue.append(b)
    return False


def test_known_circles_still_close():
    edges = import_edges()
    fixed = [
        (a, b) for a, b in KNOWN_CIRCLE_EDGES if (a, b) not in edges or not reaches(edges, b, a)
    ]
    assert fixed == [], "fixed: remove these from KNOWN_CIRCLE_EDGES"


def test_the_reader_sees_every_kind_of_import():
    # The rules above are only as good as the parse: these imports exist in the code.
    kinds = {(imp.importer, imp.imported): imp.where for imp in INTERNAL}
    assert kinds[("rzn.rules.registry", "rzn.rules")] == "function"
    assert kinds[("rzn.rules.registry", "rzn.model.event")] == "typing"
    assert kinds[("rzn.cli.check_cmd", "rzn.cli.check_run")] == "function"


@pytest.mark.parametrize(
    ("importer", "imported", "message"),
    [
        ("rzn.load.source", "rzn.render.french", "never imports rzn.render"),
        ("rzn.model.event", "rzn.rules.registry", "rzn.model is below rzn.rules"),
        ("rzn.plan.tasks", "jinja2", "never imports jinja2"),
        ("rzn.render.french", "rzn.cli.help", "the CLI is on top"),
    ],
)
def test_a_new_upward_import_would_fail(importer: str, imported: str, message: str):
    rule = broken_rule(Import(importer, imported, 1, "function"))
    assert rule is not None and message in rule


def test_a_circle_is_named_module_by_module():
    edges = {("rzn.a", "rzn.b"), ("rzn.b", "rzn.c"), ("rzn.c", "rzn.a"), ("rzn.c", "rzn.d")}
    assert circles(edges) == [["rzn.a", "rzn.b", "rzn.c", "rzn.a"]]


def test_the_document_registry_names_existing_modules():
    # The registry loads them by name (importlib): the import graph does not see these.
    from rzn.render.registry import MODULES as DOCUMENT_MODULES

    names = [f"rzn.render.documents.{name}" for name in DOCUMENT_MODULES]
    assert [name for name in names if name not in MODULES] == []


# --- sizes ------------------------------------------------------------------------------

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
"""Counted from the first statement of the body (after the docstring): a Typer command's
signature declares its options, it is not code to scroll through."""
WHY_LONG = "Why long:"
"""A module longer than the limits says why in its first lines, after these words."""

# A file being split by a change in progress (empty on main): path → what it holds.
BEING_SPLIT: dict[str, str] = {}


def too_long() -> dict[str, list[str]]:
    """Each module over the limits → what is over (``412 lines``, ``render(): 93 lines``)."""
    found: dict[str, list[str]] = {}
    # The benchmark is read by whoever checks a figure: the same limits hold there.
    for path in [*MODULES.values(), *sorted((ROOT / "benchmarks").glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        over = []
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES:
            over.append(f"{lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = function_length(node)
                if length > MAX_FUNCTION_LINES:
                    over.append(f"{node.name}() at line {node.lineno}: {length} lines")
        if over and WHY_LONG not in "\n".join(text.splitlines()[:25]):
            found[str(path.relative_to(ROOT))] = over
    return found


def function_length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return (node.end_lineno or node.lineno) - body[0].lineno + 1


def test_no_module_or_function_too_long():
    found = {path: over for path, over in too_long().items() if path not in BEING_SPLIT}
    assert found == {}, (
        f"over {MAX_MODULE_LINES} lines a module, {MAX_FUNCTION_LINES} a function: split it, "
        f"or say why in the module's first lines (« {WHY_LONG} … »):\n"
        + "\n".join(f"{path}: {', '.join(over)}" for path, over in sorted(found.items()))
    )


def test_files_being_split_are_still_long():
    assert [path for path in BEING_SPLIT if path not in too_long()] == [], (
        "split: remove these from BEING_SPLIT"
    )


def test_function_length_leaves_out_signature_and_docstring():
    tree = ast.parse('def f(\n    a,\n    b,\n):\n    """Doc."""\n    x = 1\n    return x\n')
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef)
    assert function_length(node) == 2
