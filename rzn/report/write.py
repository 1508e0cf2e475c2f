"""``rzn report``: event file + exports → ``report.html`` and ``report.md``.

The exports are read, each problem becomes a located diagnostic (in the
export itself: file and line), and only when none is a blocking error is
the report rendered and written — atomically, and never over a file rzn did
not write (:func:`rzn.render.output.write_outputs`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from rzn.diagnostics import Diagnostic, Severity, format_path
from rzn.errors import InputError
from rzn.load.source import Source
from rzn.model.event import Event
from rzn.registrations.answers import Answers, unknown_value_message
from rzn.registrations.exports import ExportRef, event_answers, event_registrations
from rzn.registrations.people import Registrations
from rzn.registrations.workshops import signups, unknown_choice_message, workshops_of
from rzn.render.edits import Decision
from rzn.render.output import OutputFile
from rzn.report.build import EventReport, build_report
from rzn.report.charts import counts_chart, distribution_chart, shares_chart

UNREADABLE = "registrations-unreadable"
UNKNOWN_CHOICE = "unknown-workshop-choice"
UNRECOGNISED = "answer-unrecognised"


@dataclass
class ReportResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: EventReport | None = None
    files: list[OutputFile] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    """What became of report files a person edited (merged, kept…)."""
    out_dir: Path | None = None
    read: list[tuple[str, str]] = field(default_factory=list)
    """(file, what rzn understood of it) — the encoding and separator, said to the user."""

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR and d.ignored is None for d in self.diagnostics)


def make_report(
    event_path: str,
    answers_path: str | None,
    out_dir: str | None,
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    force: bool = False,
    quote: bool = False,
) -> ReportResult:
    """Read the exports and write the report; free text is quoted only when ``quote``."""
    result = ReportResult()
    loaded = load_event(event_path, result)
    if loaded is None:
        return result
    event, source = loaded
    base_dir = os.path.dirname(event_path) or "."
    answers = event_answers(event, base_dir, answers_path)
    if answers is None:
        raise InputError(
            "Indiquez l'export des réponses au questionnaire : rzn report EVENEMENT --answers "
            "reponses.csv, ou answers: reponses.csv dans le fichier d'événement."
        )
    require(answers.ref)
    registrations = None
    if event.registrations is not None:
        loaded_registrations = event_registrations(event, base_dir)
        require(loaded_registrations.ref)
        registrations = loaded_registrations.data
    assert answers.data is not None
    diagnose = Diagnose(event, source)
    if registrations is not None:
        diagnose.registrations(registrations)
        result.read.append((registrations.file, registrations.table.description))
    diagnose.answers(answers.data)
    result.read.append((answers.data.file, answers.data.table.description))
    result.diagnostics = sorted(diagnose.found, key=lambda d: d.sort_key)
    if result.failed or answers.data.fatal is not None:
        return result
    result.report = build_report(event, today, answers.data, registrations, quote=quote)
    result.files = render_report(result.report, event, today, templates, Path(base_dir))
    from rzn.render.output import commit, stage

    target = Path(out_dir) if out_dir is not None else Path(base_dir) / "build"
    result.out_dir = target
    staged = stage(target, result.files, force=force)
    result.decisions = staged.decisions
    result.written = commit(staged)
    return result


def load_event(event_path: str, result: ReportResult) -> tuple[Event, Source] | None:
    """The event, or ``None`` with its problems as ``result``'s diagnostics."""
    from rzn.check import problems_to_diagnostics
    from rzn.load import load_path
    from rzn.model.validate import validate

    loaded = load_path(event_path)
    if loaded.problems:
        result.diagnostics = problems_to_diagnostics(loaded.source.file, loaded.problems)
        if loaded.unusable:
            raise InputError(f"{event_path} : {loaded.problems[0].message}")
        return None
    event, problems = validate(loaded)
    if event is None:
        result.diagnostics = problems_to_diagnostics(loaded.source.file, problems)
        return None
    return event, loaded.source


def require(ref: ExportRef) -> None:
    if ref.error is not None:
        raise InputError(f"{ref.display} : {ref.error}")


class Diagnose:
    """Problems of the exports as diagnostics located in the exports themselves."""

    def __init__(self, event: Event, source: Source) -> None:
        from rzn.rules.registry import all_rules, find

        self.event = event
        self.source = source
        self.rules = all_rules()
        # ``check: ignore:`` of the event file applies here as in rzn check.
        self.silenced: dict[str, str] = {}
        for key, reason in event.check.ignore.items():
            rule = find(key)
            if rule is not None:
                self.silenced[rule.name] = reason
        self.found: list[Diagnostic] = []

    def add(self, rule_name: str, file: str, line: int, message: str, path: str = "") -> None:
        rule = self.rules[rule_name]
        self.found.append(
            Diagnostic(
                file,
                line,
                1,
                rule.code,
                rule.name,
                rule.severity,
                message,
                path,
                self.silenced.get(rule.name),
            )
        )

    def in_event(self, rule_name: str, path: tuple[str, ...], message: str) -> None:
        line, _ = self.source.locate(path, key=True)
        self.add(rule_name, self.source.file, line, message, format_path(path))

    def registrations(self, data: Registrations) -> None:
        if data.fatal is not None:
            self.add(UNREADABLE, data.file, 1, data.fatal)
            return
        for name, message in data.columns.problems:
            self.in_event(UNREADABLE, ("registration_columns", name), f"{data.file} : {message}")
        for problem in data.problems:
            self.add(UNREADABLE, data.file, problem.line, problem.message)
        if data.has_workshops:
            titles = [w.title for w in workshops_of(self.event)]
            for unknown in signups(self.event, data).unknown:
                message = unknown_choice_message(unknown, titles)
                self.add(UNKNOWN_CHOICE, data.file, unknown.lines[0], message)

    def answers(self, data: Answers) -> None:
        if data.fatal is not None:
            self.add(UNREADABLE, data.file, 1, data.fatal)
            return
        for name, message in data.mapping_problems:
            self.in_event(UNREADABLE, ("answer_columns", name), f"{data.file} : {message}")
        for problem in data.problems:
            self.add(UNREADABLE, data.file, problem.line, problem.message)
        for unknown in data.unknown_values:
            self.add(UNRECOGNISED, data.file, unknown.lines[0], unknown_value_message(unknown))


def charts_of(report: EventReport) -> dict[str, Markup]:
    """Every chart of the report, by name, as table markup built (and escaped) in code."""
    charts: dict[str, Markup] = {}
    if report.workshops:
        charts["workshops"] = Markup(
            counts_chart(
                [(w.title, w.signups, w.capacity) for w in report.workshops],
                "chart-workshops",
            )
        )
    for block in report.blocks:
        for d in block.distributions:
            if not d.suppressed:
                charts[d.id] = Markup(distribution_chart(d, f"chart-{d.id}"))
        shown = [s for s in block.sessions if not s.distribution.suppressed]
        if shown:
            charts["sessions"] = Markup(
                shares_chart(
                    [
                        (s.label, s.distribution.satisfied or 0.0, s.distribution.size)
                        for s in shown
                    ],
                    "chart-sessions",
                )
            )
    return charts


def render_report(
    report: EventReport,
    event: Event,
    today: dt.date,
    templates: Sequence[str] = (),
    event_dir: Path | None = None,
) -> list[OutputFile]:
    from rzn.render.context import RenderContext
    from rzn.render.environment import environment

    ctx = RenderContext(
        event, today, environment(tuple(str(t) for t in templates)), event_dir or Path(".")
    )
    charts = charts_of(report)
    html = ctx.render("report.html.j2", report=report, charts=charts)
    markdown = ctx.render("report.md.j2", report=report)
    return [
        OutputFile("report.html", html.encode("utf-8"), "Bilan de la rencontre, avec graphiques"),
        OutputFile("report.md", markdown.encode("utf-8"), "Bilan de la rencontre (texte)"),
    ]
