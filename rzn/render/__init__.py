"""``rzn render``: one event file → the vade-mecum's documents.

``load → model → rules`` as for ``rzn check`` (an event with errors renders
nothing), then every registered document is built in memory, then written
by :func:`rzn.render.output.write_outputs`. With ``pdf``, the documents made
for printing also get a PDF (:mod:`rzn.render.pdf`), built in memory with
the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rzn.diagnostics import Diagnostic, Severity
from rzn.render.output import OutputFile


@dataclass
class RenderReport:
    diagnostics: list[Diagnostic]
    files: list[OutputFile] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    out_dir: Path | None = None

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR and d.ignored is None for d in self.diagnostics)


def build_documents(
    event_path: str, today: dt.date, templates: Sequence[str] = (), *, pdf: bool = False
) -> tuple[RenderReport, list[OutputFile]]:
    """Check the event and build every document in memory (nothing is written)."""
    from rzn.check import CheckOptions, check_file
    from rzn.render.context import RenderContext
    from rzn.render.environment import environment
    from rzn.render.registry import all_documents

    if pdf:
        from rzn.render.pdf import weasyprint

        weasyprint()  # missing: say so before any work, and write nothing
    report = check_file(event_path, CheckOptions(today=today))
    result = RenderReport(report.diagnostics)
    if report.event is None or result.failed:
        return result, []
    ctx = RenderContext(
        report.event,
        today,
        environment(tuple(str(t) for t in templates)),
        Path(event_path).resolve().parent,
    )
    files: list[OutputFile] = []
    for builder in all_documents().values():
        files.extend(builder(ctx))
    if pdf:
        from rzn.render.pdf import with_pdfs

        files = with_pdfs(files, report.event)
    return result, files


def render_event(
    event_path: str,
    out_dir: str | None,
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    force: bool = False,
    pdf: bool = False,
) -> RenderReport:
    from rzn.render.output import write_outputs

    result, files = build_documents(event_path, today, templates, pdf=pdf)
    if not files:
        return result
    target = Path(out_dir) if out_dir is not None else Path(event_path).parent / "build"
    result.files = files
    result.out_dir = target
    result.written = write_outputs(target, files, force=force)
    return result
