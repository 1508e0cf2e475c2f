"""Worker processes shared by ``rzn check`` and ``rzn render``.

Workers are forked, never spawned: they start with the parent's imported
modules, warm caches and frozen heap, so a worker costs a few milliseconds
instead of a second interpreter's imports. Where ``fork`` does not exist
(Windows), everything runs in the calling process.

Ctrl-C is the parent's business: workers ignore SIGINT, so an interrupted
run prints one French message from the parent instead of a traceback per
worker, and the parent stops the pool. A worker that dies (``kill -9``, the
system short of memory) stops the run with a message, instead of leaving the
parent waiting for a result that will never come.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
from collections.abc import Callable, Generator, Iterable
from typing import TypeVar

from rzn.errors import RznError

T = TypeVar("T")
R = TypeVar("R")

MAX_AUTO_JOBS = 4
"""More workers than this buys nothing on the machines rzn runs on, and costs memory."""


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def auto_jobs(count: int, parallel_from: int) -> int:
    """Worker processes for ``count`` inputs when the user did not say."""
    if count < parallel_from:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_AUTO_JOBS))


class WorkerError(Exception):
    """An unexpected error raised in a worker whose exception could not travel back as is."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


class WorkerDied(RznError):
    """A worker process was killed before sending its result back."""

    def __init__(self) -> None:
        super().__init__(
            "Un processus de travail de rzn s'est arrêté brutalement (arrêté par kill, ou "
            "le système a manqué de mémoire) : rzn s'est arrêté là, les documents des "
            "événements restants n'ont pas été modifiés. Relancez, au besoin avec -j 1 "
            "(un seul processus, moins de mémoire)."
        )


def portable(exc: Exception) -> Exception:
    """``exc`` itself if it survives pickling, else a :class:`WorkerError` naming it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return WorkerError(type(exc).__name__, str(exc))
    return exc


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (kill -9) cannot stop its workers, and they would wait for
    # work for ever, holding what they inherited: the output folders' locks, the
    # terminal's or the CI job's output. Each worker watches for it and ends.
    import threading

    parent = os.getppid()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(1)


PARENT_CHECK = 0.5
"""Seconds between a worker's checks that its parent still runs."""


def ordered_map(
    function: Callable[[T], R], items: Iterable[T], jobs: int, chunksize: int = 1
) -> Generator[R, None, None]:
    """``map(function, items)`` over ``jobs`` forked workers, results in the items' order.

    ``function`` must be a module-level function (it is sent by name); whatever it
    needs beyond its argument should be set in a module global before the call, so
    that workers inherit it instead of receiving it pickled.
    """
    items = list(items)
    if jobs <= 1 or len(items) < 2 or not can_fork():
        yield from map(function, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Objects alive now are shared copy-on-write with the workers; keep the collector
    # from touching (and so copying) them in every worker.
    gc.freeze()
    # Not multiprocessing.Pool: a dead worker's task is lost there, and the parent waits
    # for it forever.
    pool = ProcessPoolExecutor(
        min(jobs, len(items)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
    )
    try:
        yield from pool.map(function, items, chunksize=chunksize)
    except BrokenProcessPool:
        raise WorkerDied() from None
    finally:
        # Tasks not started are dropped; running ones end first, so that the caller
        # removes what they wrote only once they no longer write.
        pool.shutdown(wait=True, cancel_futures=True)
