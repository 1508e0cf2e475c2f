"""The exports an event file names: found safely, read once.

``registrations:`` and ``answers:`` are paths relative to the event file.
The event file may come from someone else (a pull request, a shared
folder), so a path is followed only inside the event's folder: no absolute
path, no ``..``, no symbolic link leading out — otherwise a rendered
attendance sheet could print lines of any file of the computer.

Several rules and documents need the same export during one run; reading
it is cached by path, size and modification time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

from rzn.errors import os_reason
from rzn.files import resolved
from rzn.model.event import Event
from rzn.registrations.answers import (
    Answers,
    ColumnSpec,
    header_score_for,
    header_score_of,
    read_answers,
    read_answers_of,
)
from rzn.registrations.columns import header_score
from rzn.registrations.people import Registrations, read_registrations
from rzn.registrations.table import Table, read_table
from rzn.registrations.text import quoted_list


@dataclass(frozen=True)
class ExportRef:
    field: str
    """``registrations`` or ``answers``: the event file's key, for messages."""
    written: str
    """The path as the event file (or the command line) wrote it."""
    display: str
    """The path shown in messages (relative to where rzn runs, like the event file's)."""
    path: Path | None = None
    """Where to read, when the path is usable."""
    error: str | None = None
    missing: bool = False
    """The file does not exist (a warning: exports are kept out of version control)."""


def locate(base_dir: str | os.PathLike[str], written: str, field: str) -> ExportRef:
    """Resolve ``written`` inside ``base_dir``, or say why it is refused."""
    posix = written.replace("\\", "/")
    display = os.path.normpath(os.path.join(os.fspath(base_dir), posix))
    pure = PurePosixPath(posix)
    if pure.is_absolute() or PureWindowsPath(written).drive or ".." in pure.parts:
        return ExportRef(
            field,
            written,
            display,
            error=(
                f"chemin « {written} » refusé : rzn ne lit que les fichiers du dossier du "
                "fichier d'événement (ou de ses sous-dossiers). Copiez l'export à côté du "
                "fichier d'événement et écrivez son nom seul, par exemple inscriptions.csv."
            ),
        )
    try:
        root = resolved(base_dir)
        target = resolved(root / posix)
    except OSError:
        return ExportRef(
            field,
            written,
            display,
            error=(
                f"« {written} » est un lien symbolique qui boucle sur lui-même : remplacez-le "
                "par l'export lui-même."
            ),
        )
    if target != root and root not in target.parents:
        return ExportRef(
            field,
            written,
            display,
            error=(
                f"« {written} » mène hors du dossier du fichier d'événement (lien symbolique) : "
                "copiez l'export dans ce dossier."
            ),
        )
    if not target.exists():
        here = _neighbours(target.parent)
        listing = f" Fichiers CSV présents : {quoted_list(here)}." if here else ""
        return ExportRef(
            field,
            written,
            display,
            error=(
                f"export « {written} » introuvable à côté du fichier d'événement : exportez-le "
                "depuis l'outil d'inscription ou de formulaire (format CSV) et enregistrez-le "
                f"sous ce nom, ou corrigez {field}.{listing}"
            ),
            missing=True,
        )
    if not target.is_file():
        return ExportRef(
            field,
            written,
            display,
            error=f"« {written} » est un dossier, pas un fichier : indiquez le fichier .csv.",
        )
    return ExportRef(field, written, display, path=target)


def _neighbours(folder: Path) -> list[str]:
    try:
        return sorted(p.name for p in folder.iterdir() if p.suffix.lower() == ".csv")
    except OSError:
        return []


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _registrations(
    path: Path, display: str, stamp: tuple[int, int], overrides: tuple[tuple[str, str], ...]
) -> Registrations:
    data = _read_bytes(path, display)
    if isinstance(data, Table):
        return Registrations(data)
    return read_registrations(read_table(data, display, header_score), dict(overrides))


def _read_bytes(path: Path, display: str) -> bytes | Table:
    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    try:
        return read_bounded(path, LIMITS.max_export_bytes)
    except TooLarge as exc:
        table = Table(display)
        table.fatal = (
            f"{exc.describe('les exports')} ; vérifiez que c'est le bon fichier, ou gardez "
            "seulement les colonnes utiles."
        )
        return table
    except OSError as exc:
        table = Table(display)
        table.fatal = f"lecture impossible ({os_reason(exc)}) : vérifiez les droits sur le fichier."
        return table


@dataclass(frozen=True)
class LoadedRegistrations:
    ref: ExportRef
    data: Registrations | None
    """``None`` when the file could not be found or was refused (see ``ref.error``)."""


@dataclass(frozen=True)
class LoadedAnswers:
    ref: ExportRef
    data: Answers | None


def event_registrations(event: Event, base_dir: str | os.PathLike[str]) -> LoadedRegistrations:
    """The registrations the event names; call only when ``event.registrations`` is set."""
    assert event.registrations is not None
    ref = locate(base_dir, event.registrations, "registrations")
    if ref.path is None:
        return LoadedRegistrations(ref, None)
    overrides = tuple(sorted(event.registration_columns.items()))
    return LoadedRegistrations(
        ref, _registrations(ref.path, ref.display, _stamp(ref.path), overrides)
    )


def event_answers(
    event: Event, base_dir: str | os.PathLike[str], command_line: str | None = None
) -> LoadedAnswers | None:
    """The answers named on the command line, else by the event; ``None`` when neither."""
    if command_line is not None:
        ref = _command_line_ref(command_line, "--answers")
    elif event.answers is not None:
        ref = locate(base_dir, event.answers, "answers")
    else:
        return None
    if ref.path is None:
        return LoadedAnswers(ref, None)
    data = _read_bytes(ref.path, ref.display)
    if isinstance(data, Table):
        return LoadedAnswers(ref, Answers(data))
    table = read_table(data, ref.display, header_score_for(event))
    return LoadedAnswers(ref, read_answers(table, event, dict(event.answer_columns)))


def command_line_answers(
    path: str, field: str, specs: list[ColumnSpec], nothing_recognised: str
) -> LoadedAnswers:
    """Answers to another questionnaire (``specs``), from a file named on the command line."""
    ref = _command_line_ref(path, field)
    if ref.path is None:
        return LoadedAnswers(ref, None)
    data = _read_bytes(ref.path, ref.display)
    if isinstance(data, Table):
        return LoadedAnswers(ref, Answers(data))
    table = read_table(data, ref.display, header_score_of(specs))
    return LoadedAnswers(ref, read_answers_of(table, specs, {}, nothing_recognised))


def _command_line_ref(path: str, field: str) -> ExportRef:
    target = Path(path)
    if not target.exists():
        return ExportRef(
            field,
            path,
            path,
            error=f"fichier « {path} » introuvable : vérifiez le chemin et le nom du fichier.",
            missing=True,
        )
    if not target.is_file():
        return ExportRef(
            field, path, path, error=f"« {path} » est un dossier : indiquez le fichier .csv."
        )
    return ExportRef(field, path, path, path=target.resolve())
