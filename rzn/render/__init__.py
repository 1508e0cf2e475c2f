"""``rzn render``: one event file → the vade-mecum's documents.

``load → model → rules`` as for ``rzn check`` (an event with errors renders
nothing), then every registered document is built in memory, then written
by :func:`rzn.render.output.write_outputs`. With ``pdf``, the documents made
for printing also get a PDF (:mod:`rzn.render.pdf`), built in memory with
the others.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rzn.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:  # documents only: the import of rzn.render stays light
    from rzn.render.edits import Decision
    from rzn.render.folder_lock import Waiting
    from rzn.render.output import OutputFile, Staged


@dataclass
class RenderReport:
    diagnostics: list[Diagnostic]
    files: list[OutputFile] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    decisions: list[Decision] = field(default_factory=list)
    """What became of each document in a folder a person may have edited."""
    interrupted: bool = False
    """A preview (``dry_run``) of a folder an interrupted run left half old, half new: the
    next real run puts it back as it was before that run, then writes."""

    @property
    def failed(self) -> bool:
        return any(d.severity is Severity.ERROR and d.ignored is None for d in self.diagnostics)


def build_documents(
    event_path: str,
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    pdf: bool = False,
    only: Sequence[str] = (),
) -> tuple[RenderReport, list[OutputFile]]:
    """Check the event and build every document in memory (nothing is written).

    ``only``: the names of the documents to build (``("public",)``), all when empty.
    """
    from rzn.check import CheckOptions, check_file
    from rzn.render.context import RenderContext
    from rzn.render.environment import environment
    from rzn.render.registry import all_documents

    if pdf:
        from rzn.render.pdf import weasyprint

        weasyprint()  # missing: say so before any work, and write nothing
    # Conflict markers left in the drafts are merged again and reported by the render.
    report = check_file(event_path, CheckOptions(today=today, drafts=False))
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
    for name, builder in all_documents().items():
        if not only or name in only:
            files.extend(builder(ctx))
    if pdf:
        from rzn.render.pdf import with_pdfs

        files = with_pdfs(files, report.event)
    return result, files


def _target(event_path: str, out_dir: str | None) -> Path:
    return Path(out_dir) if out_dir is not None else Path(event_path).parent / "build"


def stage_documents(
    result: RenderReport,
    files: list[OutputFile],
    event_path: str,
    out_dir: str | None,
    *,
    force: bool = False,
    tag: str = "",
    restore: Sequence[str] = (),
    dry_run: bool = False,
    waiting: Waiting | None = None,
) -> tuple[RenderReport, Staged | None]:
    """Write what :func:`build_documents` built beside the output folder, not into it yet."""
    from rzn.render.output import NO_WAIT, stage

    if not files:
        return result, None
    target = _target(event_path, out_dir)
    result.files = files
    result.out_dir = target
    staged = stage(
        target, files, force=force, tag=tag, restore=restore, dry_run=dry_run,
        waiting=waiting or NO_WAIT,
    )  # fmt: skip
    result.decisions = staged.decisions
    result.interrupted = staged.interrupted
    return result, staged


def write_documents(
    result: RenderReport,
    files: list[OutputFile],
    event_path: str,
    out_dir: str | None,
    *,
    force: bool = False,
    restore: Sequence[str] = (),
    dry_run: bool = False,
    waiting: Waiting | None = None,
) -> RenderReport:
    """Write what :func:`build_documents` built (nothing when the event had errors)."""
    from rzn.render.output import commit

    result, staged = stage_documents(
        result, files, event_path, out_dir,
        force=force, restore=restore, dry_run=dry_run, waiting=waiting,
    )  # fmt: skip
    if staged is not None:
        result.written = commit(staged)
    return result


def render_event(
    event_path: str,
    out_dir: str | None,
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    force: bool = False,
    pdf: bool = False,
    restore: Sequence[str] = (),
    dry_run: bool = False,
    only: Sequence[str] = (),
    waiting: Waiting | None = None,
) -> RenderReport:
    result, files = build_documents(event_path, today, templates, pdf=pdf, only=only)
    return write_documents(
        result, files, event_path, out_dir,
        force=force, restore=restore, dry_run=dry_run, waiting=waiting,
    )  # fmt: skip


PARALLEL_FROM = 3
"""Events in one call from which ``rzn render`` builds them in worker processes.

One event takes several hundredths of a second to build and write, and forking a
worker a few milliseconds: from three events, the second core pays for itself.
"""


@dataclass(frozen=True)
class _Job:
    today: dt.date
    templates: tuple[str, ...]
    pdf: bool
    force: bool
    tag: str
    restore: tuple[str, ...]
    dry_run: bool
    only: tuple[str, ...] = ()


_JOB: _Job | None = None


WorkerResult = tuple[RenderReport, "Staged | None"]


def _render_in_worker(item: tuple[str, str | None]) -> WorkerResult | Exception:
    from rzn.workers import portable

    assert _JOB is not None
    event_path, out_dir = item
    try:
        result, files = build_documents(
            event_path, _JOB.today, _JOB.templates, pdf=_JOB.pdf, only=_JOB.only
        )
        result, staged = stage_documents(
            result,
            files,
            event_path,
            out_dir,
            force=_JOB.force,
            tag=_JOB.tag,
            restore=_JOB.restore,
            dry_run=_JOB.dry_run,
        )
        # The parent lists the documents (path, description); their bytes are staged on disk
        # already. Sending them back through the pipe cost about 2 ms of pickling an event.
        result.files = [replace(file, content=b"") for file in result.files]
        return result, staged
    except Exception as exc:  # travels back and is raised in the parent, in its turn
        return portable(exc)


def render_many(
    event_paths: Sequence[str],
    out_dirs: Sequence[str | None],
    today: dt.date,
    templates: Sequence[str] = (),
    *,
    pdf: bool = False,
    force: bool = False,
    jobs: int = 0,
    restore: Sequence[str] = (),
    dry_run: bool = False,
    only: Sequence[str] = (),
    waiting: Waiting | None = None,
) -> Generator[RenderReport, None, None]:
    """:func:`render_event` for each event, in order, over ``jobs`` workers (0: automatic).

    Workers build each event and write its documents into a hidden staging folder in
    its output folder (creating files is most of the writing time); this process
    moves them into place, one event after the other, in order. So an error stops
    at the same event as in one process, and Ctrl-C never leaves an output folder
    half old, half new: staging folders of events not moved in yet are removed.
    The first event is rendered here, which warms every cache (imports, compiled
    templates) the forked workers then inherit.
    """
    import secrets
    import shutil

    from rzn.render.output import STAGING_PREFIX, commit
    from rzn.workers import auto_jobs, ordered_map

    global _JOB

    def one(event_path: str, out_dir: str | None) -> RenderReport:
        return render_event(
            event_path, out_dir, today, templates,
            force=force, pdf=pdf, restore=restore, dry_run=dry_run, only=only,
            waiting=waiting,
        )  # fmt: skip

    items = list(zip(event_paths, out_dirs, strict=True))
    if jobs <= 0:
        jobs = auto_jobs(len(items), PARALLEL_FROM)
    targets = [_target(*item) for item in items]
    check_targets(event_paths, targets)
    if jobs <= 1 or len(items) < 2:
        for event_path, out_dir in items:
            yield one(event_path, out_dir)
        return
    (event_path, out_dir), rest = items[0], items[1:]
    yield one(event_path, out_dir)
    tag = f"{os.getpid()}-{secrets.token_hex(4)}-"
    # Inherited by the forked workers:
    _JOB = _Job(today, tuple(templates), pdf, force, tag, tuple(restore), dry_run, tuple(only))
    pending: list[Path | None] = list(targets[1:])
    # What did not exist yet, so that an event stopped before its move leaves no empty folder.
    missing = [_first_missing(target) for target in targets[1:]]
    from rzn.render.output import NO_WAIT, lock_folder, unlock_folder

    locked: list[Path] = []
    outcomes = None
    try:
        if not dry_run:
            # Held from the workers' first read to this process's last move; the workers
            # inherit it. Taken in one order by every run, so two runs waiting for each
            # other's folders cannot each hold what the other waits for.
            for target in sorted(targets[1:], key=lambda t: os.path.realpath(t)):
                if lock_folder(target, create=True, waiting=waiting or NO_WAIT):
                    locked.append(target)
        outcomes = ordered_map(_render_in_worker, rest, jobs)
        for index, outcome in enumerate(outcomes):
            if isinstance(outcome, Exception):
                raise outcome
            report, staged = outcome
            if staged is not None:
                report.written = commit(staged)
            elif missing[index] is not None:
                # Made only to hold the lock, for an event that wrote nothing (its errors).
                unlock_folder(targets[index + 1])
                _remove_empty(targets[index + 1], missing[index])  # type: ignore[arg-type]
            pending[index] = None
            yield report
    finally:
        if outcomes is not None:
            outcomes.close()  # the workers are stopped before what they staged is removed
        for unmoved in pending:
            for leftover in unmoved.glob(f"{STAGING_PREFIX}{tag}*") if unmoved else ():
                shutil.rmtree(leftover, ignore_errors=True)
        for folder in locked:
            unlock_folder(folder)
        for unmoved, top in zip(pending, missing, strict=True):
            if unmoved is not None and top is not None:
                _remove_empty(unmoved, top)


def check_targets(event_paths: Sequence[str], targets: Sequence[Path]) -> None:
    """Refuse two events that would write the same output folder (one would replace the
    other's documents)."""
    from rzn.errors import UsageError
    from rzn.files import resolved

    seen: dict[Path, str] = {}
    for event_path, target in zip(event_paths, targets, strict=True):
        try:
            key = resolved(target)
        except OSError:  # a link that loops: said when the folder is written
            key = target.absolute()
        if key in seen:
            raise UsageError(
                f"{seen[key]} et {event_path} écriraient tous deux leurs documents dans "
                f"{target} : l'un remplacerait ceux de l'autre. Donnez à chacun son dossier "
                "de sortie (rzn render -o DOSSIER, un par événement), ou rendez-les dans un "
                "même dossier parent (rzn render a.yaml b.yaml -o DOSSIER : un sous-dossier "
                "par événement)."
            )
        seen[key] = event_path


def _first_missing(folder: Path) -> Path | None:
    """The highest folder of ``folder``'s path that does not exist yet (``None``: it exists)."""
    folder = folder.absolute()
    top = None
    while not folder.exists() and folder.parent != folder:
        top, folder = folder, folder.parent
    return top


def _remove_empty(folder: Path, top: Path) -> None:
    """Remove ``folder`` and its parents up to ``top`` while they are empty."""
    folder = folder.absolute()
    while True:
        try:
            folder.rmdir()
        except OSError:  # not empty (another event's output), or already gone
            return
        if folder == top:
            return
        folder = folder.parent
