"""What each file of a ``--templates`` folder does: which template it replaces, which of
the person's templates includes it — or that it does nothing.

A template is found by its path inside the folder (``run-sheet.md.j2``,
``public/page.html.j2``): a file named ``runsheet.md.j2``, or ``checklist.md``
without ``.j2``, or put at the top instead of in ``public/``, is silently
ignored by Jinja. rzn says so, with the closest name, without stopping: the
documents are still written with rzn's template.

A file that replaces no template is still in use when a template in use
includes, imports or extends it (a person's ``_pied.html.j2``), directly or
through another one. Files are matched the way the loader opens them, by
the file system (a name that differs in case only does replace a template on
a case-insensitive disk).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

MAX_FILES = 2000
"""Files looked at in one folder: ``--templates .`` in a big repository is not a reason to
walk it all."""


class Role(str, Enum):
    REPLACES = "replaces"
    """Same name as a template of rzn, and the first folder that has it."""
    INCLUDED = "included"
    """Named by a template in use (``{% include %}``, ``{% import %}``, ``{% extends %}``)."""
    SHADOWED = "shadowed"
    """Same name as a template, but an earlier ``--templates`` folder has it too."""
    INIT = "init"
    """``rzn init``'s model: not rendered by ``rzn render``."""
    UNUSED = "unused"


@dataclass(frozen=True)
class UserTemplate:
    folder: str
    name: str
    """Path inside the folder, with ``/``: the name a template would have."""
    role: Role
    other: tuple[str, ...] = ()
    """The template replaced (REPLACES, SHADOWED: the file that wins), the file that includes
    it (INCLUDED), the closest names (UNUSED)."""

    @property
    def path(self) -> str:
        return os.path.join(self.folder, *self.name.split("/"))

    def warning(self) -> str | None:
        """What to tell the person, in French; ``None`` when the file is in use."""
        if self.role is Role.SHADOWED:
            return (
                f"{self.path} ne sert pas : {self.other[0]}, du même nom dans un dossier "
                "--templates donné avant, est utilisé à sa place."
            )
        if self.role is Role.INIT:
            return (
                f"{self.path} ne sert pas : le modèle de « rzn init » ne se remplace pas avec "
                "--templates."
            )
        if self.role is not Role.UNUSED:
            return None
        where = "ne remplace aucun gabarit de rzn et aucun de vos gabarits ne l'inclut"
        if not self.other:
            return (
                f"{self.path} {where} : il est ignoré. « rzn templates list » donne les noms "
                "des gabarits."
            )
        names = " ou ".join(f"« {name} »" for name in self.other)
        hint = f"Vouliez-vous dire {names} ?"
        if not self.name.endswith(".j2") and f"{self.name}.j2" in self.other:
            hint = f"Un gabarit finit par .j2 : vouliez-vous dire {names} ?"
        return f"{self.path} {where} : il est ignoré. {hint} Renommez-le pour qu'il serve."


def user_templates(folders: Sequence[str], builtin: Sequence[str]) -> list[UserTemplate]:
    """Every file of ``folders`` (hidden ones aside), with what it does for ``builtin``
    (the names of rzn's templates)."""
    unique: dict[str, str] = {}
    for folder in folders:  # a folder given twice is looked at once
        unique.setdefault(os.path.realpath(folder), folder)
    folders = list(unique.values())
    files = {folder: list(_files(folder)) for folder in folders}
    winner: dict[tuple[int, int], str] = {}
    shadowed: dict[tuple[int, int], str] = {}
    for name in builtin:
        first = None
        for folder in folders:
            identity = _identity(os.path.join(folder, *name.split("/")))
            if identity is None:
                continue
            if first is None:
                first = os.path.join(folder, *name.split("/"))
                winner[identity] = name
            else:
                shadowed[identity] = first
    found: list[UserTemplate] = []
    for folder in folders:
        for name, identity in files[folder]:
            if identity in winner:
                role = Role.INIT if winner[identity].startswith("init/") else Role.REPLACES
                found.append(UserTemplate(folder, name, role, (winner[identity],)))
            elif identity in shadowed:
                found.append(UserTemplate(folder, name, Role.SHADOWED, (shadowed[identity],)))
            else:
                found.append(UserTemplate(folder, name, Role.UNUSED))
    return _mark_included(found, builtin)


def _mark_included(found: list[UserTemplate], builtin: Sequence[str]) -> list[UserTemplate]:
    """Unused files a template in use names (transitively) become INCLUDED; the others that
    look like a template get their closest names."""
    first_of: dict[str, UserTemplate] = {}
    for item in found:
        if item.role is Role.UNUSED:
            first_of.setdefault(item.name, item)
    included: dict[str, str] = {}
    queue = [t for t in found if t.role is Role.REPLACES]
    while queue:
        current = queue.pop()
        for name in _references(current.path):
            target = first_of.get(name)
            if target is not None and name not in included:
                included[name] = current.path
                queue.append(target)
    out = []
    for item in found:
        folder, name = item.folder, item.name
        if item.role is Role.UNUSED and name in included:
            first = first_of[name]
            if first is item:
                out.append(UserTemplate(folder, name, Role.INCLUDED, (included[name],)))
            else:  # the loader opens the first folder's file of that name
                out.append(UserTemplate(folder, name, Role.SHADOWED, (first.path,)))
        elif item.role is Role.UNUSED:
            out.append(UserTemplate(folder, name, Role.UNUSED, closest(name, builtin)))
        else:
            out.append(item)
    return [t for t in out if t.role is not Role.UNUSED or _looks_like_a_template(t)]


def _looks_like_a_template(item: UserTemplate) -> bool:
    """A ``.j2`` file is always meant as a template; another file (a README, an image) only
    when its name is close to a template's."""
    return item.name.endswith(".j2") or bool(item.other)


def closest(name: str, builtin: Sequence[str]) -> tuple[str, ...]:
    """The template names ``name`` was probably meant to be: the same file name in another
    folder (``page.html.j2`` → ``public/page.html.j2``), else the nearest spelling of its
    stem (``runsheet`` → ``run-sheet``), same kind of file first (``.md``, ``.html``)."""
    from rzn.registrations.text import did_you_mean

    names = [n for n in builtin if not n.startswith("init/")]
    folder, _, base = name.rpartition("/")
    for candidate in (base, f"{base}.j2"):
        same = tuple(n for n in names if n.rpartition("/")[2] == candidate)
        if same:
            return same
    stem, kind = _stem(base)
    by_stem: dict[str, list[str]] = {}
    for n in names:
        by_stem.setdefault(_stem(n.rpartition("/")[2])[0], []).append(n)
    # Anything may sit in a templates folder (a README, an image): a file that is no
    # template is only said to be one when its name is very close.
    near = did_you_mean(stem, list(by_stem), cutoff=0.6 if base.endswith(".j2") else 0.8)
    if near is None:
        return ()
    options = [n for n in by_stem[near] if _stem(n.rpartition("/")[2])[1] == kind]
    options = options or by_stem[near]
    here = [n for n in options if n.rpartition("/")[0] == folder]
    return tuple((here or options)[:2])


def _stem(base: str) -> tuple[str, str]:
    """``run-sheet.md.j2`` → ``("run-sheet", ".md")``; ``roster.online.md.j2`` →
    ``("roster", ".online.md")``."""
    stem, dot, kind = base.removesuffix(".j2").partition(".")
    return stem, dot + kind


def _references(path: str) -> Iterator[str]:
    """Template names ``path`` includes, imports or extends, when they are written as is."""
    import jinja2
    import jinja2.meta

    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    try:
        text = read_bounded(path, LIMITS.max_template_bytes).decode("utf-8-sig")
        tree = jinja2.Environment().parse(text)
    except (OSError, TooLarge, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return  # rendering says what is wrong with it, with its line
    for name in jinja2.meta.find_referenced_templates(tree):
        if name is not None and not name.startswith("default:"):
            yield name


def _files(folder: str) -> Iterator[tuple[str, tuple[int, int]]]:
    count = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(names):
            if file.startswith("."):
                continue
            path = os.path.join(root, file)
            identity = _identity(path)
            if identity is None:
                continue
            count += 1
            if count > MAX_FILES:
                return
            yield os.path.relpath(path, folder).replace(os.sep, "/"), identity


def _identity(path: str) -> tuple[int, int] | None:
    """The file behind ``path`` (links followed, as the loader does); ``None`` unless a file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not os.path.isfile(path):
        return None
    return stat.st_dev, stat.st_ino


def override_warnings(folders: Sequence[str]) -> list[str]:
    """One French sentence per file of ``folders`` that does nothing."""
    from rzn.render.environment import list_templates

    found = user_templates(folders, list_templates())
    return [w for w in (t.warning() for t in found) if w is not None]
