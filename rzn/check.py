"""The core of ``rzn check``: files → located diagnostics.

``load → model → rules``; nothing here prints or exits. Files are handled
one at a time (:func:`check_paths` is a generator) so memory stays flat
over thousands of files; what is compared across events (:mod:`rzn.project`)
keeps only a few facts of each.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rzn.check_options import CheckOptions
from rzn.diagnostics import Diagnostic, format_path
from rzn.errors import InputError, os_reason
from rzn.load import Loaded, load_path
from rzn.load.yaml_tree import Problem
from rzn.model.event import Event
from rzn.model.validate import validate
from rzn.project import Comparison, EventFacts, facts_of
from rzn.rules.registry import RuleContext, all_rules, find

if TYPE_CHECKING:
    from rzn.config import Config

__all__ = ["CheckOptions", "FileReport", "build_options", "check_file", "check_paths"]


def build_options(
    config: Config,
    today: dt.date,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    calendars: Iterable[str] = (),
) -> CheckOptions:
    """Repository settings and command-line options together; the command line wins.

    ``--select`` replaces the settings' ``select``; ``--ignore`` and
    ``--calendar`` add to theirs.
    """
    from rzn.calendars import load_agenda

    chosen = resolve_rule_names(select)
    origins = dict.fromkeys(config.calendars, f"« calendars » de {config.file}")
    origins.update((path, "--calendar") for path in calendars if path not in origins)
    agendas = tuple(load_agenda(path, origin=origin) for path, origin in origins.items())
    return CheckOptions(
        today=today,
        select=chosen or config.select,
        ignore=config.ignore | resolve_rule_names(ignore),
        severities=dict(config.severities),
        agendas=agendas,
        settings=config.diagnostics,
    )


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
    kind: Literal["event", "settings", "project"] = "event"
    """``event``: one event file's own check; ``settings``: the ``rzn.toml`` read;
    ``project``: findings across events, for a file already reported."""


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


def _walk(
    folder: str, seen: set[tuple[int, int]] | None = None, root: str | None = None
) -> Iterator[str]:
    """Event files below ``folder``: each folder once (a loop of links would go round for
    ever), never a folder a link takes outside the one scanned (a link to ``..`` would read
    the parent and beyond), regular files only (a FIFO named ``*.yaml`` would block)."""
    if seen is None:
        seen = set()
    if root is None:
        root = os.path.realpath(folder)
    try:
        info = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"{folder} : lecture du dossier impossible ({os_reason(exc)}).") from None
    if (info.st_dev, info.st_ino) in seen:
        return
    seen.add((info.st_dev, info.st_ino))
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .github, editor files
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError:  # a loop of links: neither
            continue
        if is_dir:
            if entry.is_symlink() and not _inside(os.path.realpath(entry.path), root):
                continue
            subfolders.append(entry.path)
        elif is_file and entry.name.lower().endswith((".yaml", ".yml")):
            yield entry.path
    for sub in subfolders:
        yield from _walk(sub, seen, root)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


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
    return _check_loaded(loaded, options)[0]


def _check_loaded(loaded: Loaded, options: CheckOptions) -> tuple[FileReport, EventFacts | None]:
    """The file's report, and the facts other events are compared with (valid events only)."""
    file = loaded.source.file
    if loaded.problems:
        diagnostics = problems_to_diagnostics(file, loaded.problems)
        return FileReport(file, diagnostics, None, loaded.unusable), None
    event, problems = validate(loaded)
    if event is None:
        diagnostics = sorted(problems_to_diagnostics(file, problems), key=lambda d: d.sort_key)
        return FileReport(file, diagnostics), None
    ctx = RuleContext(event, loaded.source, options.today, os.path.dirname(file) or ".")
    silenced, diagnostics = _silenced(ctx, options)
    diagnostics += run_rules(ctx, options, silenced)
    if options.drafts:
        diagnostics += draft_conflicts(ctx, options, silenced)
    diagnostics += _unused_ignores(ctx, options, silenced, diagnostics)
    diagnostics.sort(key=lambda d: d.sort_key)
    return FileReport(file, diagnostics, event), facts_of(ctx, silenced)


def run_rules(
    ctx: RuleContext, options: CheckOptions, silenced: dict[str, str] | None = None
) -> list[Diagnostic]:
    """Every enabled event rule on ``ctx``; findings the event silenced carry its reason."""
    source = ctx.source
    silenced = _silenced(ctx, options)[0] if silenced is None else silenced
    diagnostics = []
    for rule, severity in options.event_checks:
        assert rule.check is not None
        reason = silenced.get(rule.name)
        for finding in rule.check(ctx):
            if finding.file:
                file = os.path.normpath(finding.file)
                line, column = finding.line or 1, finding.column or 1
            else:
                file = source.file
                line, column = source.locate(finding.path, key=finding.key)
            diagnostics.append(
                Diagnostic(
                    file,
                    line,
                    column,
                    rule.code,
                    rule.name,
                    finding.severity or severity,
                    finding.message,
                    format_path(finding.path),
                    reason,
                )
            )
    diagnostics.sort(key=lambda d: d.sort_key)
    return diagnostics


DRAFTS_FOLDER = "build"
"""Where ``rzn render`` writes an event's drafts unless told otherwise (``-o``)."""


def draft_conflicts(
    ctx: RuleContext, options: CheckOptions, silenced: dict[str, str]
) -> list[Diagnostic]:
    """``unresolved-conflict``: drafts rzn merged that still hold conflict markers."""
    rule = all_rules()["unresolved-conflict"]
    if not options.enabled(rule):
        return []
    folder = os.path.join(os.path.dirname(ctx.source.file), DRAFTS_FOLDER)
    if not os.path.isfile(os.path.join(folder, ".rzn-manifest.json")):
        return []
    from rzn.drafts import conflicts_in  # only for an event rendered before

    out = []
    for conflict in conflicts_in(folder):
        places = "un conflit" if conflict.blocks == 1 else f"{conflict.blocks} conflits"
        out.append(
            Diagnostic(
                os.path.normpath(conflict.file),
                conflict.line,
                1,
                rule.code,
                rule.name,
                options.severity(rule),
                f"Ce brouillon contient encore {places} de fusion (marques « <<<<<<< », "
                "« ======= », « >>>>>>> ») : gardez le bon texte, supprimez les marques, "
                "puis relancez rzn render. Ne l'envoyez pas tel quel.",
                "",
                silenced.get(rule.name),
            )
        )
    return out


def _silenced(ctx: RuleContext, options: CheckOptions) -> tuple[dict[str, str], list[Diagnostic]]:
    """``check: {ignore: {rule-or-code: reason}}`` → reasons by rule name.

    An unknown name is an ``unknown-rule`` diagnostic at its key, with the
    closest rule name: a typo must not leave a warning silently unsilenced.
    """
    from rzn.config import unknown_rule

    out: dict[str, str] = {}
    problems = []
    for key, reason in ctx.event.check.ignore.items():
        found = find(key)
        if found is not None:
            out[found.name] = reason
            continue
        rule = all_rules()["unknown-rule"]
        if options.enabled(rule):
            path = ("check", "ignore", key)
            line, column = ctx.source.locate(path, key=True)
            problems.append(
                unknown_rule(
                    ctx.source.file,
                    line,
                    column,
                    key,
                    "check.ignore",
                    path=format_path(path),
                    severity=options.severity(rule),
                )
            )
    return out, problems


def _unused_ignores(
    ctx: RuleContext, options: CheckOptions, silenced: dict[str, str], found: list[Diagnostic]
) -> list[Diagnostic]:
    unused = all_rules()["unused-ignore"]
    if not silenced or not options.enabled(unused):
        return []
    fired = {d.rule for d in found}
    out = []
    for name in silenced:
        rule = all_rules()[name]
        if rule.scope == "project" or name in fired or not options.enabled(rule):
            continue  # project rules depend on the other files checked
        if rule.scope == "file":
            message = (
                f"« {name} » concerne la lecture du fichier : un fichier qui ne se lit pas ne "
                "peut pas se faire taire lui-même. Retirez cette ligne de check.ignore."
            )
        else:
            message = (
                f"« {name} » ne signale plus rien dans ce fichier : retirez cette ligne de "
                "check.ignore, pour que le problème soit signalé s'il revenait."
            )
        path = ("check", "ignore", _written_key(ctx, name))
        line, column = ctx.source.locate(path, key=True)
        out.append(
            Diagnostic(
                ctx.source.file,
                line,
                column,
                unused.code,
                unused.name,
                options.severity(unused),
                message,
                format_path(path),
                silenced.get(unused.name),
            )
        )
    return out


def _written_key(ctx: RuleContext, name: str) -> str:
    """The key as the file writes it: ``ag-season`` or ``RZN101``."""
    for key in ctx.event.check.ignore:
        found = find(key)
        if found is not None and found.name == name:
            return key
    return name


def check_file(path: str, options: CheckOptions) -> FileReport:
    return check_loaded(load_path(path), options)


PARALLEL_FROM = 200
"""Below this many files, starting worker processes costs more than it saves."""


def check_paths(paths: Iterable[str], options: CheckOptions, jobs: int = 1) -> Iterator[FileReport]:
    """Reports of the settings file, then each event file, then comparisons across events.

    Every path is looked up before any file is checked, so a missing one stops the run
    before anything is printed. A file named twice (``rzn check events/ events/a.yaml``)
    is checked once, so that it never collides with itself. With ``jobs`` > 1 and many
    files, files are checked in worker processes; reports still come in file order.
    """
    files = _unique(discover(paths))
    if jobs < 0:
        jobs = auto_jobs(len(files))
    if options.settings:
        yield FileReport(options.settings[0].file, list(options.settings), kind="settings")
    comparison = Comparison(options)
    for report, facts in _reports(files, options, jobs):
        if facts is not None:
            found = comparison.add(facts)
            if found:
                report.diagnostics = sorted(report.diagnostics + found, key=lambda d: d.sort_key)
        yield report
    for file, diagnostics in comparison.finish():
        yield FileReport(file, diagnostics, kind="project")


def _unique(files: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for file in files:
        real = os.path.realpath(file)
        if real not in seen:
            seen.add(real)
            unique.append(file)
    return unique


def auto_jobs(count: int) -> int:
    """Worker processes for ``count`` files when the user did not say (``--jobs 0``)."""
    if count < PARALLEL_FROM:
        return 1  # decided before importing the worker pool: one file is the common case
    from rzn.workers import auto_jobs as workers_for

    return workers_for(count, PARALLEL_FROM)


_POOL_OPTIONS: CheckOptions | None = None


def _check_in_worker(file: str) -> tuple[FileReport, EventFacts | None]:
    assert _POOL_OPTIONS is not None
    report, facts = _check_loaded(load_path(file), _POOL_OPTIONS)
    report.event = None  # the model stays in the worker: only findings travel back
    return report, facts


def _reports(
    files: list[str], options: CheckOptions, jobs: int
) -> Iterator[tuple[FileReport, EventFacts | None]]:
    if jobs > 1 and len(files) > 1:
        from rzn.workers import can_fork, ordered_map  # not for one file: a few ms

        if can_fork():
            global _POOL_OPTIONS
            _POOL_OPTIONS = options  # inherited by the forked workers, never pickled
            yield from ordered_map(_check_in_worker, files, jobs, chunksize=32)
            return
    for file in files:
        yield _check_loaded(load_path(file), options)
