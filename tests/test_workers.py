"""rzn.workers: forked workers in order, errors that travel, Ctrl-C left to the parent."""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest

from rzn import workers

forking = pytest.mark.skipif(not workers.can_fork(), reason="no fork on this platform")


_BARRIER = None


def _where(item: int) -> tuple[int, int, bool]:
    if item < 2 and _BARRIER is not None:
        # The first two items meet: they can only be in two processes at once.
        _BARRIER.wait(timeout=30)
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    return item * item, os.getpid(), ignored


@forking
def test_results_come_back_in_order_from_other_processes(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(
        sys.modules[__name__], "_BARRIER", multiprocessing.get_context("fork").Barrier(2)
    )
    results = list(workers.ordered_map(_where, range(40), jobs=2))
    assert [square for square, _, _ in results] == [i * i for i in range(40)]
    pids = {pid for _, pid, _ in results}
    assert os.getpid() not in pids and len(pids) == 2
    assert all(ignored for _, _, ignored in results)  # Ctrl-C is the parent's business


def test_one_job_runs_here():
    assert {pid for _, pid, _ in workers.ordered_map(_where, range(5), jobs=1)} == {os.getpid()}
    assert list(workers.ordered_map(_where, [], jobs=4)) == []


def test_auto_jobs_waits_for_enough_work():
    assert workers.auto_jobs(2, parallel_from=3) == 1
    assert workers.auto_jobs(3, parallel_from=3) == min(os.cpu_count() or 1, 4)


def test_an_exception_that_cannot_travel_is_named():
    class Holding(Exception):
        def __init__(self, lock: object) -> None:
            super().__init__("verrou")
            self.lock = lock

    travelling = workers.portable(Holding(threading.Lock()))
    assert isinstance(travelling, workers.WorkerError)
    assert (travelling.kind, travelling.detail) == ("Holding", "verrou")
    plain = ValueError("x")
    assert workers.portable(plain) is plain
