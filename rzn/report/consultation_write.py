"""``rzn report --consultation``: event file + consultation export → ``consultation-bilan.*``.

As for the evaluation report (:mod:`rzn.report.write`): every problem of an
export is a diagnostic located in the export, nothing is written while one
is a blocking error, and the files are written atomically, never over a file
rzn did not write.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from rzn.errors import InputError
from rzn.model.event import Event
from rzn.registrations.answers import Answers
from rzn.registrations.exports import (
    command_line_answers,
    event_answers,
    event_registrations,
)
from rzn.registrations.people import Registrations
from rzn.render.output import OutputFile
from rzn.report.charts import distribution_chart
from rzn.report.consultation import (
    NOTHING_RECOGNISED,
    ConsultationReport,
    build_consultation,
    consultation_specs,
)
from rzn.report.write import Diagnose, ReportResult, load_event, require

HTML_NAME = "consultation-bilan.html"
MARKDOWN_NAME = "consultation-bilan.md"
NO_ANSWER = (
    "aucune réponse dans l'export (le fichier n'a que la ligne d'en-tête, ou des formulaires "
    "vides) : exportez à nouveau les réponses une fois la consultation close, puis relancez "
    "rzn report --consultation."
)


@dataclass
class ConsultationResult(ReportResult):
    bilan: ConsultationReport | None = None
    compared: str | None = None
    """Why there is no comparison with the evaluation, when its export could not be read."""
    unscrubbed: str | None = None
    """Why the registrants' names could not be taken out of quotes (said to the user)."""


def make_consultation_report(
    event_path: str,
    consultation_path: str,
    answers_path: str | None,
    out_dir: str | None,
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    force: bool = False,
    quote: bool = False,
) -> ConsultationResult:
    """Read the consultation's export (and the evaluation's, to compare) and write the bilan."""
    result = ConsultationResult()
    loaded = load_event(event_path, result)
    if loaded is None:
        return result
    event, source = loaded
    base_dir = os.path.dirname(event_path) or "."
    consultation = command_line_answers(
        consultation_path, "--consultation", consultation_specs(), NOTHING_RECOGNISED
    )
    require(consultation.ref)
    assert consultation.data is not None
    registrations = None
    if event.registrations is not None:
        found = event_registrations(event, base_dir)
        # Only to scrub names from quotes: a missing export is no reason to stop here.
        registrations = _readable(found.data if found.ref.error is None else None)
        if registrations is None and quote:
            data = found.data
            why = found.ref.error or (data.fatal if data is not None else None) or ""
            result.unscrubbed = f"{found.ref.display} : {why}"
    evaluation = _evaluation(event, base_dir, answers_path, result)
    diagnose = Diagnose(event, source)
    diagnose.answers(consultation.data)
    result.read.append((consultation.data.file, consultation.data.table.description))
    if evaluation is not None:
        diagnose.answers(evaluation)
        result.read.append((evaluation.file, evaluation.table.description))
    result.diagnostics = sorted(diagnose.found, key=lambda d: d.sort_key)
    if result.failed or consultation.data.fatal is not None:
        return result
    if not consultation.data.responses:
        raise InputError(f"{consultation.ref.display} : {NO_ANSWER}")
    result.bilan = build_consultation(
        event,
        today,
        consultation.data,
        registrations,
        evaluation,
        quote=quote,
    )
    result.files = render_consultation(result.bilan, event, today, templates, Path(base_dir))
    from rzn.render.output import commit, stage

    target = Path(out_dir) if out_dir is not None else Path(base_dir) / "build"
    result.out_dir = target
    staged = stage(target, result.files, force=force)
    result.decisions = staged.decisions
    result.written = commit(staged)
    return result


def _readable(registrations: Registrations | None) -> Registrations | None:
    return registrations if registrations is not None and registrations.fatal is None else None


def _evaluation(
    event: Event, base_dir: str, answers_path: str | None, result: ConsultationResult
) -> Answers | None:
    """The evaluation's answers, for the comparison of topics; only said when absent."""
    found = event_answers(event, base_dir, answers_path)
    if found is None:
        return None
    if found.ref.error is not None:
        if answers_path is not None:
            require(found.ref)
        result.compared = f"{found.ref.display} : {found.ref.error}"
        return None
    return found.data


def charts_of(bilan: ConsultationReport) -> dict[str, Markup]:
    return {
        d.id: Markup(distribution_chart(d, f"chart-{d.id}"))
        for d in bilan.distributions
        if not d.suppressed
    }


def render_consultation(
    bilan: ConsultationReport,
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
    html = ctx.render("consultation-bilan.html.j2", report=bilan, charts=charts_of(bilan))
    markdown = ctx.render("consultation-bilan.md.j2", report=bilan)
    return [
        OutputFile(
            HTML_NAME,
            html.encode("utf-8"),
            "Bilan de la consultation, avec graphiques, pour choisir le programme",
        ),
        OutputFile(
            MARKDOWN_NAME,
            markdown.rstrip().encode("utf-8") + b"\n",
            "Bilan de la consultation (texte)",
        ),
    ]
