"""The loaded event file and its source map."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from rzn.errors import os_reason
from rzn.load.decode import decode
from rzn.load.limits import LIMITS, Limits, french_number, megabytes
from rzn.load.problem import Path, Position, Problem
from rzn.load.yaml_tree import parse


@dataclass
class Source:
    """Where each value of an event file stands in the text."""

    file: str
    """The path as the user named it, used in every message."""
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)
    text: str = ""
    """The decoded text, for rules that can rule themselves out with a substring test."""

    def locate(self, path: Path, *, key: bool = False) -> Position:
        """Line and column of ``path``, or of its nearest located parent.

        With ``key=True`` the key (``venue:``) is preferred to its value,
        which reads better for "missing" and "unknown" problems.
        """
        probe = tuple(path)
        while True:
            if key and probe in self.key_positions:
                return self.key_positions[probe]
            if probe in self.positions:
                pos = self.positions[probe]
                if probe != tuple(path) and probe in self.key_positions:
                    return self.key_positions[probe]
                return pos
            if not probe:
                return (1, 1)
            probe = probe[:-1]


@dataclass
class Loaded:
    source: Source
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    unusable: bool = False
    """The input could not be read as text at all (exit code 2)."""

    @property
    def ok(self) -> bool:
        return not self.problems and isinstance(self.data, dict)


def load_text(text: str, file: str = "<texte>", limits: Limits = LIMITS) -> Loaded:
    tree = parse(text, limits)
    source = Source(file, tree.positions, tree.key_positions, text)
    loaded = Loaded(source, tree.data, tree.problems)
    if not tree.problems:
        _check_top_level(loaded, text)
    return loaded


def load_path(path: str | os.PathLike[str], limits: Limits = LIMITS) -> Loaded:
    """Read an event file; a path that cannot be read gives ``unusable``, never an exception."""
    file = os.fspath(path)
    try:
        # The size is checked before reading a byte, so a 50 Mo log passed by
        # mistake costs nothing; the read is bounded too, for pipes and
        # special files whose size the system does not know.
        size = os.stat(file).st_size
        if size <= limits.max_bytes:
            with open(file, "rb") as handle:
                data = handle.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:  # a pipe, or a file growing meanwhile
                return _unusable(file, too_big_message(len(data), limits, True), "input-limit")
        else:
            return _unusable(file, too_big_message(size, limits), "input-limit")
    except IsADirectoryError:
        return _unusable(file, "C'est un dossier, pas un fichier : indiquez un fichier .yaml.")
    except FileNotFoundError:
        return _unusable(file, "Fichier introuvable : vérifiez le chemin et le nom du fichier.")
    except PermissionError:
        return _unusable(file, "Lecture refusée : vérifiez les droits d'accès à ce fichier.")
    except OSError as exc:
        return _unusable(file, f"Lecture impossible ({os_reason(exc)}) : vérifiez le fichier.")
    return load_bytes(data, file, limits)


def load_bytes(data: bytes, file: str = "<octets>", limits: Limits = LIMITS) -> Loaded:
    """Read the content of an event file (``file`` only names it in messages)."""
    if len(data) > limits.max_bytes:
        return _unusable(file, too_big_message(len(data), limits), "input-limit")
    text, problem = decode(data)
    if problem is not None:
        loaded = Loaded(
            Source(file), None, [Problem(problem.line, problem.column, "encoding", problem.message)]
        )
        loaded.unusable = problem.unusable
        return loaded
    assert text is not None
    return load_text(text, file, limits)


def too_big_message(size: int, limits: Limits = LIMITS, at_least: bool = False) -> str:
    shown = f"plus de {french_number(limits.max_bytes)}" if at_least else french_number(size)
    return (
        f"Fichier trop gros ({shown} octets) : rzn refuse les fichiers "
        f"d'événement de plus de {megabytes(limits.max_bytes)} "
        f"({french_number(limits.max_bytes)} octets) ; un événement en fait quelques Ko. "
        "Vérifiez que vous avez indiqué le bon fichier."
    )


def is_event_candidate(path: FsPath) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _unusable(file: str, message: str, rule: str = "unreadable") -> Loaded:
    loaded = Loaded(Source(file), None, [Problem(1, 1, rule, message)])
    loaded.unusable = True
    return loaded


def _check_top_level(loaded: Loaded, text: str) -> None:
    data = loaded.data
    if data is None:
        # Document markers (---, ...) say nothing either; comments may hide a
        # commented-out event, which is worth saying.
        lines = [line.strip() for line in text.splitlines()]
        written = [line for line in lines if line and line not in ("---", "...")]
        comments = bool(written) and all(line.startswith("#") for line in written)
        what = "ne contient que des commentaires" if comments else "est vide"
        loaded.problems.append(
            Problem(
                1,
                1,
                "not-a-mapping",
                f"Le fichier {what} : un événement a au moins title, date, format et "
                "organizers. Lancez « rzn init DOSSIER » pour partir d'un modèle commenté.",
            )
        )
    elif not isinstance(data, dict):
        kind = "une liste" if isinstance(data, list) else "une valeur seule"
        loaded.problems.append(
            Problem(
                *loaded.source.positions.get((), (1, 1)),
                "not-a-mapping",
                f"Le fichier contient {kind} au lieu d'une table de clés (title: …, date: …). "
                "Un fichier d'événement commence par « title: » au début de la ligne, sans "
                "tiret.",
            )
        )
