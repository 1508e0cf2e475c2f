"""Repository settings for ``rzn check``: ``rzn.toml`` or ``[tool.rzn]`` in ``pyproject.toml``.

A regional or national coordination keeps many event files in one
repository; one file at its root says how all of them are checked::

    # rzn.toml
    select = ["ag-season", "RZN104"]      # only these rules (default: all)
    ignore = ["weekend"]                   # never these
    strict = true                          # warnings fail too (as --strict)
    calendars = ["agendas/territoire.ics"] # as --calendar, relative to this file

    [severity]                             # per-rule severity: error, warning or info
    school-holidays = "error"

In ``pyproject.toml`` the same keys go under ``[tool.rzn]`` and
``[tool.rzn.severity]``. The file is found by walking up from the first
path given to ``rzn check`` (or the current folder) to the folder holding
``.git``; ``rzn.toml`` wins over ``pyproject.toml`` in the same folder.

Command-line options win: ``--select`` replaces ``select``, ``--ignore``
adds to ``ignore``, ``--strict`` turns strict on, ``--calendar`` adds
agendas. A malformed file or an unknown key is a usage error (exit 2); a
rule name that does not exist is a located ``unknown-rule`` diagnostic.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from rzn.diagnostics import Diagnostic, Severity
from rzn.errors import UsageError, os_reason
from rzn.rules.registry import all_rules, find

CONFIG_FILE = "rzn.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "strict", "severity", "calendars")
_SEVERITY_WORDS = {
    "error": Severity.ERROR,
    "erreur": Severity.ERROR,
    "warning": Severity.WARNING,
    "avertissement": Severity.WARNING,
    "info": Severity.INFO,
    "information": Severity.INFO,
}


@dataclass(frozen=True)
class Config:
    file: str | None = None
    """The file read, as shown in messages; ``None`` when there is none."""
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    strict: bool = False
    severities: dict[str, Severity] = field(default_factory=dict)
    calendars: tuple[str, ...] = ()
    """Paths of agendas, resolved against the config file's folder and shown from the
    current one (:func:`display`)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Located problems found while reading it (unknown rule names)."""


def find_config(start: str) -> str | None:
    """The settings file for ``start`` (a file or folder), walking up to the repository root."""
    folder = os.path.abspath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return candidate
        pyproject = os.path.join(folder, PYPROJECT)
        if os.path.isfile(pyproject) and _has_tool_rzn(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


def _has_tool_rzn(path: str) -> bool:
    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    try:
        text = read_bounded(path, LIMITS.max_settings_bytes).decode("utf-8")
    except TooLarge:
        return True  # load_config says it is too large, rather than ignoring it
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\.rzn\s*[\].]", text, re.MULTILINE) is not None


def load_config(path: str) -> Config:
    """Read ``path`` (``rzn.toml`` or a ``pyproject.toml``); raises :class:`UsageError`."""
    from rzn.load.limits import LIMITS, TooLarge, read_bounded

    shown = display(path)
    try:
        raw = read_bounded(path, LIMITS.max_settings_bytes)
        text = raw.decode("utf-8-sig")
    except TooLarge as exc:
        raise UsageError(
            f"{shown} : {exc.describe('les fichiers de réglages')} ; vérifiez le chemin."
        ) from None
    except FileNotFoundError:
        raise UsageError(
            f"{shown} : fichier de réglages introuvable. Vérifiez le chemin donné à --config."
        ) from None
    except OSError as exc:
        raise UsageError(f"{shown} : lecture impossible ({os_reason(exc)}).") from None
    except UnicodeDecodeError as exc:
        from rzn.load.decode import error_position

        line, column = error_position(exc, "utf-8-sig")
        raise UsageError(
            f"{shown}:{line}:{column} : le fichier n'est pas encodé en UTF-8 (octet "
            f"0x{exc.object[exc.start]:02X}) ; réenregistrez-le en UTF-8."
        ) from None
    import tomllib  # here: most runs have no settings file, and it compiles its patterns

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(_toml_error(shown, text, str(exc))) from None
    in_pyproject = os.path.basename(path) == PYPROJECT
    tool = data.get("tool", {}) if in_pyproject else {}
    if not isinstance(tool, dict):
        raise UsageError(
            f"{shown} : « tool » doit être une table ([tool.rzn] pour les réglages de rzn) ; "
            "corrigez le fichier."
        )
    table = tool.get("rzn", {}) if in_pyproject else data
    prefix = "tool.rzn." if in_pyproject else ""
    reader = _Reader(shown, text, prefix)
    return reader.read(table, os.path.dirname(os.path.abspath(path)))


class _Reader:
    def __init__(self, file: str, text: str, prefix: str) -> None:
        self.file = file
        # Numbered as tomllib and editors number them: "\n" ends a line, nothing else does
        # (str.splitlines would also break at U+2028, which a TOML string may hold).
        self.lines = text.split("\n")
        self.prefix = prefix
        self.diagnostics: list[Diagnostic] = []

    def read(self, table: Any, base: str) -> Config:
        if not isinstance(table, dict):
            raise self.error(1, f"« {self.prefix.rstrip('.')} » doit être une table.")
        for key in table:
            if key not in KEYS:
                import difflib

                close = difflib.get_close_matches(key, KEYS, n=1)
                hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                raise self.error(
                    self.line_of(key),
                    f"clé inconnue « {self.prefix}{key} ».{hint} Clés possibles : "
                    f"{', '.join(KEYS)}.",
                )
        strict = table.get("strict", False)
        if not isinstance(strict, bool):
            raise self.error(
                self.line_of("strict"), "« strict » vaut true ou false (sans guillemets)."
            )
        calendars = self.strings(
            "calendars", table.get("calendars", []), "chemins de fichiers .ics"
        )
        return Config(
            file=self.file,
            select=self.rules("select", table.get("select", [])),
            ignore=self.rules("ignore", table.get("ignore", [])),
            strict=strict,
            severities=self.severities(table.get("severity", {})),
            calendars=tuple(display(os.path.join(base, c)) for c in calendars),
            diagnostics=tuple(self.diagnostics),
        )

    def strings(self, key: str, value: Any, what: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(
                self.line_of(key),
                f"« {key} » doit être une liste de {what} entre guillemets, par exemple "
                f'{key} = ["…", "…"].',
            )
        return value

    def rules(self, key: str, value: Any) -> frozenset[str]:
        names = set()
        for raw in self.strings(key, value, "noms ou codes de règles"):
            rule = self.rule(raw, key)
            if rule is not None:
                names.add(rule)
        return frozenset(names)

    def rule(self, raw: str, key: str) -> str | None:
        found = find(raw)
        if found is not None:
            return found.name
        line, column = self.position(raw, key)
        self.diagnostics.append(unknown_rule(self.file, line, column, raw, self.prefix + key))
        return None

    def severities(self, value: Any) -> dict[str, Severity]:
        key = "severity"
        if not isinstance(value, dict):
            raise self.error(
                self.line_of(key),
                "« severity » doit être une table : [severity] puis une ligne par règle, par "
                'exemple weekend = "warning".',
            )
        out = {}
        for name, level in value.items():
            word = level.strip().lower() if isinstance(level, str) else None
            if word not in _SEVERITY_WORDS:
                raise self.error(
                    self.line_of(name),
                    f'gravité « {level} » inconnue pour « {name} » : choisissez "error", '
                    '"warning" ou "info".',
                )
            rule = self.rule(name, key)
            if rule is not None:
                out[rule] = _SEVERITY_WORDS[word]
        return out

    def error(self, line: int, message: str) -> UsageError:
        return UsageError(f"{self.file}:{line} : {message}")

    def line_of(self, key: str) -> int:
        return self.position(key, key)[0]

    def position(self, word: str, key: str) -> tuple[int, int]:
        """Where ``word`` is written, preferring the lines of ``key`` or its table.

        tomllib keeps no positions; a textual search is enough to point a
        person at the right line in a file of a few lines.
        """
        pattern = re.compile(rf"""(^|[\s\[,{{"'])({re.escape(word)})(?=["'\s=,\]}}]|$)""")
        found = None
        for number, text in enumerate(self.lines, start=1):
            code = text.split("#", 1)[0]
            match = pattern.search(code)
            if match:
                position = (number, match.start(2) + 1)
                if key in code or found is None:
                    found = position
                if key in code:
                    break
        return found or (1, 1)


def unknown_rule(
    file: str,
    line: int,
    column: int,
    name: str,
    where: str,
    path: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """The located ``unknown-rule`` diagnostic, with a "did you mean"."""
    rule = all_rules()["unknown-rule"]
    codes = [r.code for r in all_rules().values()]
    import difflib

    close = difflib.get_close_matches(name, [*all_rules(), *codes], n=1, cutoff=0.6)
    hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
    return Diagnostic(
        file,
        line,
        column,
        rule.code,
        rule.name,
        severity or rule.severity,
        f"Règle inconnue « {name} » dans « {where} ».{hint} « rzn rules » liste les noms et codes "
        "des règles.",
        where if path is None else path,
    )


_TOML_MESSAGES = (
    ("Unclosed array", "crochet [ ouvert mais jamais fermé"),
    ("Unclosed inline table", "accolade { ouverte mais jamais fermée"),
    ("Cannot overwrite a value", "cette clé est déjà définie plus haut"),
    ("Cannot declare", "cette table est déjà déclarée plus haut"),
    ("Invalid value", 'valeur invalide : un texte s\'écrit entre guillemets ("…"), oui/non '
     "s'écrit true ou false"),
    ("Unescaped", "barre oblique inverse \\ à doubler (\\\\) ou texte à mettre entre "
     "guillemets simples '…'"),
    ("Unterminated string", "guillemet non fermé"),
    ("Expected '=' after a key", "signe = attendu après la clé"),
    ("Expected newline or end of document", "une seule clé = valeur par ligne"),
    ("Invalid statement", "ligne incompréhensible : écrivez clé = valeur ou [table]"),
)  # fmt: skip


def _toml_error(file: str, text: str, message: str) -> str:
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if where:
        location = f"{file}:{where.group(1)}:{where.group(2)}"
    else:
        last = text.rstrip("\n").count("\n") + 1
        location = f"{file}:{last}"
    english = re.sub(r"\s*\(at [^)]*\)$", "", message)
    said = next(
        (french for start, french in _TOML_MESSAGES if english.startswith(start)),
        f"erreur de syntaxe : {english}",
    )
    return (
        f"{location} : configuration TOML invalide ({said}). Corrigez le fichier : une clé = "
        "valeur par ligne, textes entre guillemets, listes entre crochets."
    )


def display(path: str) -> str:
    """A path as the user would type it: relative to the current folder when below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return path
    return path if relative.startswith("..") else relative
