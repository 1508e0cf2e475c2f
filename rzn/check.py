"""The core of ``rzn check``: files → located diagnostics.

``load → model → rules``; nothing here prints or exits. Files are handled
one at a time (:func:`check_paths` is a generator) so memory stays flat
over thousands of files.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rzn.diagnostics import Diagnostic, Severity, format_path
from rzn.errors import InputError
from rzn.load import Loaded, load_path
from rzn.load.yaml_tree import Problem
from rzn.model.event import Event
from rzn.model.validate import validate
from rzn.rules.registry import Rule, RuleContext, all_rules, find


@dataclass(frozen=True)
class CheckOptions:
    today: dt.date
    select: frozenset[str] = frozenset()
    """Rule names to run (empty: all)."""
    ignore: frozenset[str] = frozenset()
    """Rule names not to run."""
    severities: dict[str, Severity] = field(default_factory=dict)
    """Severity overrides by rule name."""

    def enabled(self, rule: Rule) -> bool:
        if rule.name in self.ignore:
            return False
        return not self.select or rule.name in self.select

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.name, rule.severity)


def resolve_rule_names(names: Iterable[str]) -> frozenset[str]:
    """Rule names or codes → names; unknown ones are a usage error."""
    resolved = set()
    for raw in names:
        for name in raw.split(","):
            if not name.strip():
                continue
            found = find(name)
            if found is None:
                import difflib

                close = difflib.get_close_matches(name.strip(), list(all_rules()), n=1)
                hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                raise InputError(
                    f"Règle inconnue « {name.strip()} ».{hint} « rzn rules » liste toutes les "
                    "règles."
                )
            resolved.add(found.name)
    return frozenset(resolved)


@dataclass
class FileReport:
    file: str
    diagnostics: list[Diagnostic]
    event: Event | None = None
    unusable: bool = False


def discover(paths: Iterable[str]) -> Iterator[str]:
    """Every event file named or found below the given folders, in a stable order.

    Raises :class:`InputError` for a missing path or a folder without any
    ``*.yaml``/``*.yml`` file.
    """
    for path in paths:
        if os.path.isdir(path):
            found = False
            for file in _walk(path):
                found = True
                yield file
            if not found:
                raise InputError(
                    f"{path} : aucun fichier d'événement (*.yaml ou *.yml) dans ce dossier ni "
                    "ses sous-dossiers. Indiquez un fichier ou un autre dossier."
                )
        elif os.path.exists(path):
            yield path
        else:
            raise InputError(
                f"{path} : fichier ou dossier introuvable. Vérifiez le chemin (rzn check "
                "mon-evenement/event.yaml)."
            )


def _walk(folder: str) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"{folder} : lecture du dossier impossible ({exc.strerror}).") from None
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .github, editor files
        if entry.is_dir():
            subfolders.append(entry.path)
        elif entry.name.lower().endswith((".yaml", ".yml")):
            yield entry.path
    for sub in subfolders:
        yield from _walk(sub)


def problems_to_diagnostics(file: str, problems: Iterable[Problem]) -> list[Diagnostic]:
    rules = all_rules()
    out = []
    for problem in problems:
        rule = rules[problem.rule]
        out.append(
            Diagnostic(
                file,
                problem.line,
                problem.column,
                rule.code,
                rule.name,
                rule.severity,
                problem.message,
                format_path(problem.path),
            )
        )
    return out


def check_loaded(loaded: Loaded, options: CheckOptions) -> FileReport:
    file = loaded.source.file
    if loaded.problems:
        return FileReport(
            file, problems_to_diagnostics(file, loaded.problems), None, loaded.unusable
        )
    event, problems = validate(loaded)
    if event is None:
        return FileReport(file, problems_to_diagnostics(file, problems))
    ctx = RuleContext(event, loaded.source, options.today, os.path.dirname(file) or ".")
    diagnostics = run_rules(ctx, options)
    return FileReport(file, diagnostics, event)


def run_rules(ctx: RuleContext, options: CheckOptions) -> list[Diagnostic]:
    source = ctx.source
    silenced = _silenced(ctx.event)
    diagnostics = []
    for rule in all_rules().values():
        if rule.check is None or not options.enabled(rule):
            continue
        severity = options.severity(rule)
        reason = silenced.get(rule.name)
        for finding in rule.check(ctx):
            line, column = source.locate(finding.path, key=finding.key)
            diagnostics.append(
                Diagnostic(
                    source.file,
                    line,
                    column,
                    rule.code,
                    rule.name,
                    severity,
                    finding.message,
                    format_path(finding.path),
                    reason,
                )
            )
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics


def _silenced(event: Event) -> dict[str, str]:
    """``check: {ignore: {rule-or-code: reason}}`` → reasons by rule name."""
    out = {}
    for key, reason in event.check.ignore.items():
        found = find(key)
        if found is not None:
            out[found.name] = reason
    return out


def check_file(path: str, options: CheckOptions) -> FileReport:
    return check_loaded(load_path(path), options)


def check_paths(paths: Iterable[str], options: CheckOptions) -> Iterator[FileReport]:
    for file in discover(paths):
        yield check_file(file, options)
