"""People's edits: what each new document becomes in a folder a person may have touched.

For every document, :func:`decide` compares three things: the file as it is
now, what rzn wrote there last (its digest in the manifest, its bytes under
``.rzn/base/`` for the documents rzn merges) and what rzn renders now.

- A file nobody touched follows the event: it is replaced.
- A text document a person edited is merged three ways (:mod:`rzn.render.merge`):
  their lines stay, the event's changes come in, and where both changed the
  same lines the file gets conflict markers.
- Any other edited file (spreadsheet, slides, calendar, PDF, CSV), or a text
  document whose base is lost or that cannot be merged, is kept as the person
  left it; the new version is written beside it (``budget.nouveau.xlsx``).
- A document rzn wrote and a person deleted is not brought back, unless asked
  (``--restore``), nor is anything a person wrote replaced unless forced.

Nothing here writes: the decision (:class:`Plan`) says what to place where,
and :mod:`rzn.render.output` places it all at once.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Protocol

from rzn.drafts import (
    BASE_DIR,
    MANIFEST,
    STATE_DIR,
    digest,
    manifest_bytes,
    manifest_raw,
    parse_manifest,
)
from rzn.errors import InputError, RenderError, os_reason
from rzn.render.merge import CannotMerge, merge, mergeable


class OutputFile(Protocol):
    """A document about to be written (``rzn.render.output.OutputFile``): its path and bytes.

    Said as a protocol because ``rzn.render.output`` calls :func:`decide`: naming its class
    here would make the two modules import each other.
    """

    @property
    def path(self) -> str: ...

    @property
    def content(self) -> bytes: ...


BESIDE_MARK = "nouveau"
"""``budget.xlsx`` → ``budget.nouveau.xlsx``: the new version of a file a person kept."""


class Outcome(str, Enum):
    CREATED = "créé"
    UPDATED = "mis à jour"
    UNCHANGED = "inchangé"
    MERGED = "fusionné"
    KEPT = "gardé (vos modifications, rien de nouveau à y ajouter)"
    CONFLICT = "en conflit"
    BESIDE = "gardé, nouvelle version à côté"
    KEPT_DELETED = "supprimé, non recréé"

    @property
    def edited(self) -> bool:
        """The outcome concerns a file a person edited or deleted: the summary lists it."""
        return self in (Outcome.MERGED, Outcome.CONFLICT, Outcome.BESIDE, Outcome.KEPT_DELETED)


@dataclass(frozen=True)
class Decision:
    path: str
    outcome: Outcome
    beside: str | None = None
    """Where the new version went (``BESIDE``)."""
    conflicts: int = 0
    reencoded: bool = False
    reason: str = ""
    """Why an edited text document was not merged."""
    before: bytes | None = None
    """The file's bytes before this render (for ``--diff``); ``None``: no file."""
    after: bytes | None = None
    """What the file holds after it; ``None``: unchanged or not written."""


@dataclass
class Plan:
    decisions: list[Decision] = field(default_factory=list)
    placements: dict[str, bytes] = field(default_factory=dict)
    """Relative path → bytes to place there (documents, their new bases, the manifest)."""

    @property
    def conflicts(self) -> list[Decision]:
        return [d for d in self.decisions if d.outcome is Outcome.CONFLICT]


def beside_path(path: str) -> str:
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}.{BESIDE_MARK}{pure.suffix}"))


def base_path(path: str) -> str:
    return f"{BASE_DIR}/{path}"


def decide(
    root: Path,
    files: Sequence[OutputFile],
    *,
    force: bool = False,
    restore: Sequence[str] = (),
    contents: bool = False,
) -> Plan:
    """What each document becomes in ``root`` (which may not exist yet); nothing is written.

    ``restore`` holds patterns (``speakers/*``) of deleted documents to bring back;
    ``force`` replaces every file with rzn's version, edited or not, and brings back
    every deleted document. ``contents`` keeps each file's bytes before and after in its
    decision (for ``--diff``; a render does not carry them).
    """
    _check_patterns(files, restore)
    raw = manifest_raw(root)
    previous = parse_manifest(raw)
    entries: dict[str, str | None] = dict(previous)
    plan = Plan()
    for file in files:
        if file.path == MANIFEST or _in_state_dir(file.path):
            raise RenderError(f"Chemin de sortie refusé : « {file.path} » est réservé à rzn.")
        decision = _decide_one(root, file, previous, force, restore, plan)
        if decision.outcome is not Outcome.KEPT_DELETED and decision.outcome is not Outcome.BESIDE:
            entries[file.path] = digest(file.content)
        elif decision.outcome is Outcome.BESIDE and decision.beside is not None:
            entries.setdefault(file.path, None)
            entries[decision.beside] = digest(file.content)
        if not contents:
            decision = replace(decision, before=None, after=None)
        plan.decisions.append(decision)
    manifest = manifest_bytes(entries)
    if plan.placements or raw != manifest:
        plan.placements[MANIFEST] = manifest  # placed last: see rzn.render.output
    return plan


def _in_state_dir(path: str) -> bool:
    # pathlib only for the rare path that names the folder at all: parsing every path cost
    # more than the check.
    return STATE_DIR in path and PurePosixPath(path).parts[0] == STATE_DIR


def _decide_one(
    root: Path,
    file: OutputFile,
    previous: dict[str, str | None],
    force: bool,
    restore: Sequence[str],
    plan: Plan,
) -> Decision:
    path, new = file.path, file.content
    current = _read(_at(root, path))
    known = path in previous

    def adopt(outcome: Outcome, content: bytes = new, **extra: object) -> Decision:
        """rzn's new version becomes the base; ``content`` goes into the file."""
        if content != current:
            plan.placements[path] = content
        if mergeable(path) and _read(_at(root, base_path(path))) != new:
            plan.placements[base_path(path)] = new
        after = content if content != current else None
        return Decision(path, outcome, before=current, after=after, **extra)  # type: ignore[arg-type]

    if current is None:
        if known and not force and not _matches(path, restore):
            return Decision(path, Outcome.KEPT_DELETED)
        return adopt(Outcome.CREATED)
    if current == new:
        return adopt(Outcome.UNCHANGED)
    if not known and not force:
        raise RenderError(
            f"{root / path} existe déjà et n'a pas été écrit par rzn : rzn ne l'écrase pas. "
            "Choisissez un autre dossier de sortie (-o) ou relancez avec --force pour le "
            "remplacer."
        )
    last = previous.get(path)
    if force or (last is not None and digest(current) == last):
        return adopt(Outcome.UPDATED)
    # A person edited the file since rzn last wrote it.
    reason = "rzn n'a pas gardé sa version précédente"
    base = _read(_at(root, base_path(path))) if mergeable(path) and last is not None else None
    if base is not None and digest(base) == last:
        try:
            merged = merge(path, base, current, new)
        except CannotMerge as exc:
            reason = str(exc)
        else:
            if merged.conflicts:
                outcome = Outcome.CONFLICT
            elif merged.content == current:
                outcome = Outcome.KEPT
            else:
                outcome = Outcome.MERGED
            return adopt(
                outcome, merged.content, conflicts=merged.conflicts, reencoded=merged.reencoded
            )
    elif not mergeable(path):
        reason = ""
    return _beside(root, path, new, previous, plan, current, reason)


def _beside(
    root: Path,
    path: str,
    new: bytes,
    previous: dict[str, str | None],
    plan: Plan,
    current: bytes,
    reason: str,
) -> Decision:
    beside = beside_path(path)
    there = _read(_at(root, beside))
    if there is not None and there != new:
        recorded = previous.get(beside)
        if recorded is None or digest(there) != recorded:
            raise RenderError(
                f"{root / path} a été modifié à la main et rzn écrirait sa nouvelle version "
                f"dans {root / beside}, qui existe déjà et a été modifié ou n'a pas été écrit "
                f"par rzn. Renommez ou déplacez {beside}, puis relancez rzn render."
            )
    if there != new:
        plan.placements[beside] = new
    return Decision(path, Outcome.BESIDE, beside=beside, reason=reason, before=current)


def _at(root: Path, path: str) -> str:
    """``root / path`` as a string: a few per document at every render, where pathlib's
    parsing cost more than the comparisons (same text on POSIX; Windows keeps pathlib's
    separators in messages)."""
    return os.path.join(root, path) if os.sep == "/" else str(root / path)


def _read(path: str) -> bytes | None:
    """A regular file's bytes; ``None`` when there is none. A folder in the way is an error."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise RenderError(
            f"{path} est un dossier, là où rzn écrit un document : renommez-le ou choisissez "
            "un autre dossier de sortie (-o)."
        )
    if not stat.S_ISREG(info.st_mode):
        raise RenderError(
            f"{path} n'est pas un fichier ordinaire (lien ou fichier spécial) : rzn n'y écrit "
            "pas. Retirez-le ou choisissez un autre dossier de sortie (-o)."
        )
    from rzn.load.limits import LIMITS, TooLarge, read_sized

    try:
        return read_sized(path, info.st_size, LIMITS.max_state_bytes)
    except TooLarge as exc:
        from rzn.load.limits import french_number, megabytes

        raise RenderError(
            f"{path} : fichier trop gros ({french_number(exc.size)} octets) pour que rzn le "
            f"compare à ce qu'il a écrit (au plus {megabytes(exc.limit)}). Déplacez-le hors du "
            "dossier de sortie, puis relancez rzn render."
        ) from None
    except OSError as exc:
        raise RenderError(
            f"{path} : lecture impossible ({os_reason(exc)}) ; vérifiez les droits d'accès."
        ) from None


def _matches(path: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, _pattern(p)) for p in patterns)


def _pattern(pattern: str) -> str:
    return pattern.replace("\\", "/").removeprefix("./").rstrip("/")


def _check_patterns(files: Sequence[OutputFile], patterns: Sequence[str]) -> None:
    paths = [f.path for f in files]
    for pattern in patterns:
        if not any(fnmatch.fnmatchcase(p, _pattern(pattern)) for p in paths):
            import difflib

            close = difflib.get_close_matches(_pattern(pattern), paths, n=1)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            raise InputError(
                f"--restore {pattern} : aucun document de rzn ne porte ce nom.{hint} "
                "Indiquez le chemin dans le dossier de sortie (speakers/dupont/1-bilateral.md) "
                "ou un motif (speakers/*)."
            )
