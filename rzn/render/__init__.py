"""``rzn render``: one event file → the vade-mecum's documents.

``load → model → rules`` as for ``rzn check`` (an event with errors renders
nothing), then every registered document is built in memory, then written
by :func:`rzn.render.output.write_outputs`. With ``pdf``, the documents made
for printing also get a PDF (:mod:`rzn.render.pdf`), built in memory with
the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Sequence
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


def write_documents(
    result: RenderReport,
    files: list[OutputFile],
    event_path: str,
    out_dir: str | None,
    *,
    force: bool = False,
) -> RenderReport:
    """Write what :func:`build_documents` built (nothing when the event had errors)."""
    from rzn.render.output import write_outputs

    if not files:
        return result
    target = Path(out_dir) if out_dir is not None else Path(event_path).parent / "build"
    result.files = files
    result.out_dir = target
    result.written = write_outputs(target, files, force=force)
    return result


def render_event(
    event_path: str,
    out_dir: str | None,
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    force: bool = False,
    pdf: bool = False,
) -> RenderReport:
    result, files = build_documents(event_path, today, templates, pdf=pdf)
    return write_documents(result, files, event_path, out_dir, force=force)


PARALLEL_FROM = 3
"""Events in one call from which ``rzn render`` builds them in worker processes.

One event takes a tenth of a second or more to build, and forking a worker a few
milliseconds: from three events, the second core pays for itself.
"""

Built = tuple[RenderReport, list[OutputFile]]


@dataclass(frozen=True)
class _Job:
    today: dt.date
    templates: tuple[str, ...]
    pdf: bool


_JOB: _Job | None = None


def _build_in_worker(event_path: str) -> Built | Exception:
    from rzn.workers import portable

    assert _JOB is not None
    try:
        return build_documents(event_path, _JOB.today, _JOB.templates, pdf=_JOB.pdf)
    except Exception as exc:  # travels back and is raised in the parent, in its turn
        return portable(exc)


def build_many(
    event_paths: Sequence[str],
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    pdf: bool = False,
    jobs: int = 0,
) -> Generator[Built, None, None]:
    """:func:`build_documents` for each event, in order, over ``jobs`` workers (0: automatic).

    Only building runs in the workers: the caller writes each event's files as it
    receives them, so an interruption never leaves a folder half written. The first
    event is built here, which warms every cache (imports, compiled templates) the
    forked workers then inherit.
    """
    from rzn.workers import auto_jobs, ordered_map

    global _JOB
    if jobs <= 0:
        jobs = auto_jobs(len(event_paths), PARALLEL_FROM)
    paths = list(event_paths)
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield build_documents(path, today, templates, pdf=pdf)
        return
    yield build_documents(paths[0], today, templates, pdf=pdf)
    _JOB = _Job(today, tuple(templates), pdf)  # inherited by the forked workers
    for built in ordered_map(_build_in_worker, paths[1:], jobs):
        if isinstance(built, Exception):
            raise built
        yield built
