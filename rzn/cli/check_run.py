"""``rzn check`` without Typer: the command's body, and a parser for its usual command lines.

``rzn check`` runs in editors on save and in pre-commit hooks: importing
Typer (and the click it ships) would cost more than checking the file. A
command line made only of paths and well-formed ``rzn check`` options is
read here; anything else (``--help``, an unknown or abbreviated option, a
missing or out-of-range value, ``--``) goes through Typer, so that help and
usage errors stay exactly those of every other command.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from rzn.diagnostics import Severity
from rzn.errors import ExitCode, UsageError

_AUTO = -1
"""``check_paths`` decides from the number of files."""

FORMATS = ("text", "json", "github", "sarif", "junit")

MAX_JOBS = 64
"""The upper bound of ``-j/--jobs`` (:func:`rzn.cli.options.jobs_option`)."""


@dataclass
class CheckArgs:
    """The options of ``rzn check``, as Typer passes them to the command."""

    paths: list[str]
    output_format: str = "text"
    today: str | None = None
    strict: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    calendar: list[str] = field(default_factory=list)
    config: str | None = None
    jobs: int = 0


_VALUED = {
    "--format": "output_format",
    "-f": "output_format",
    "--today": "today",
    "--select": "select",
    "--ignore": "ignore",
    "--calendar": "calendar",
    "--config": "config",
    "--jobs": "jobs",
    "-j": "jobs",
}


def parse_check_args(args: list[str]) -> CheckArgs | None:
    """``rzn check`` arguments (after ``check``) read as click would, or None to let Typer.

    Only unambiguous forms are accepted: ``--option value``, ``--option=value``,
    ``-f value``, ``-j N``, ``--strict`` and paths not starting with ``-``.
    """
    parsed = CheckArgs([])
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if not word.startswith("-") or word == "-":
            parsed.paths.append(word)
            continue
        if word == "--strict":
            parsed.strict = True
            continue
        name, equals, value = word.partition("=")
        if not equals or not name.startswith("--"):
            if word not in _VALUED or not rest or rest[0].startswith("-"):
                return None
            name, value = word, rest.pop(0)
        attribute = _VALUED.get(name)
        if attribute is None:
            return None
        if attribute == "jobs":
            if not value.isascii() or not value.isdigit() or int(value) > MAX_JOBS:
                return None
            parsed.jobs = int(value)
        elif attribute in ("select", "ignore", "calendar"):
            getattr(parsed, attribute).append(value)
        else:
            setattr(parsed, attribute, value)
    return parsed if parsed.paths else None


def run_check(args: CheckArgs) -> int:
    """Check the files; the exit code (0, 1 invalid, 2 unusable). Usage errors raise."""
    from rzn.check import build_options, check_paths
    from rzn.cli.options import parse_today
    from rzn.cli.perf import settle_heap

    settle_heap()
    from rzn.config import Config, find_config, load_config
    from rzn.output.summary import Summary

    if args.output_format not in FORMATS:
        raise UsageError(
            f"--format « {args.output_format} » inconnu : choisissez parmi {', '.join(FORMATS)}."
        )
    paths = args.paths
    config_file = args.config or find_config(paths[0] if paths else ".")
    settings = load_config(config_file) if config_file else Config()
    options = build_options(
        settings, parse_today(args.today), args.select, args.ignore, args.calendar
    )
    for agenda in options.agendas:
        for note in agenda.notes():
            sys.stderr.write(f"rzn : {note}\n")
    strict = args.strict or settings.strict
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    printer = _printer(args.output_format, failing)
    summary = Summary()
    unusable = False
    failed = False
    for report in check_paths(paths, options, args.jobs or _AUTO):
        printer.file(report.file, report.diagnostics)
        summary.add(report.diagnostics, file=report.kind == "event")
        unusable = unusable or report.unusable
        failed = failed or any(
            d.severity in failing and d.ignored is None for d in report.diagnostics
        )
    printer.finish(summary)
    if unusable:
        return int(ExitCode.UNUSABLE)
    if failed:
        return int(ExitCode.INVALID)
    return int(ExitCode.OK)


def _printer(output_format: str, failing: set[Severity]):  # type: ignore[no-untyped-def]
    out = sys.stdout
    if output_format == "json":
        from rzn.output.json_report import JsonPrinter

        return JsonPrinter(out)
    if output_format == "github":
        from rzn.output.github import GithubPrinter

        return GithubPrinter(out)
    if output_format == "sarif":
        from rzn.output.sarif import SarifPrinter

        return SarifPrinter(out)
    if output_format == "junit":
        from rzn.output.junit import JunitPrinter

        return JunitPrinter(out, failing)
    from rzn.output import text_printer

    return text_printer(out)
