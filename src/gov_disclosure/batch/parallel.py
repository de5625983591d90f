"""One function over many items in worker processes, results in input order.

- A bounded number of chunks is in flight (``_CHUNKS_IN_FLIGHT`` per worker), so memory stays
  flat however many items there are and however slowly the results are consumed.
- Each worker loads the table parser once, when it starts (``_start_worker``).
- Workers ignore Ctrl-C: the main process stops them (``_stop_now``) and keeps what was done.
- A worker that dies (a reader crashing on a hostile file) breaks the pool; its chunk is then
  run again one item at a time in a new pool, and the item that kills a worker again is
  given to ``on_crash``. Every other item is still run.
- Workers are started by ``forkserver`` where there is one (POSIX), else ``spawn``: forking a
  process that runs threads (a progress bar's, the pool's own) can deadlock.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

__all__ = ["Workers", "WorkersCannotStart", "worker_count"]

T = TypeVar("T")
R = TypeVar("R")

_CHUNKS_IN_FLIGHT = 4


def worker_count(jobs: int | None) -> int:
    """``jobs`` as a number of processes: ``None`` or 0 is one per core."""
    if jobs is None or jobs == 0:
        return max(
            1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        )
    if jobs < 0:
        raise ValueError(f"jobs must be at least 1 (or 0 or None for one per core), got {jobs}")
    return jobs


class Workers:
    """``jobs`` worker processes (none for one job), for one ordered map after another:
    ``with Workers(2) as workers: for result in workers.map(f, items, ...): ...``. Leaving the
    block normally waits for them; on an error or Ctrl-C they are stopped at once."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = _new_pool(self.jobs)
        return self._pool

    def restart(self) -> None:
        self.stop()
        self._pool = _new_pool(self.jobs)

    def stop(self) -> None:
        if self._pool is not None:
            _stop_now(self._pool)
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None and self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        self.stop()

    def map(
        self, function: Callable[[T], R], items: Iterable[T], *, chunk_size: int, on_crash: Callable[[T], R]
    ) -> Iterator[R]:
        """``function(item)`` for each item, in order. ``function`` must be picklable (a
        module-level function, or a ``functools.partial`` of one)."""
        if self.jobs <= 1:
            yield from map(function, items)
            return
        run = _OrderedRun(self, function, on_crash)
        finished = False
        try:
            for chunk in _chunks(items, chunk_size):
                run.submit(chunk)
                while run.full():
                    yield from run.next_results()
            while run.pending:
                yield from run.next_results()
            finished = True
        finally:
            if not finished:  # an error, Ctrl-C, or the caller stopped early: chunks in flight
                self.stop()


class _OrderedRun(Generic[T, R]):
    """The chunks in flight, oldest first."""

    def __init__(self, workers: Workers, function: Callable[[T], R], on_crash: Callable[[T], R]) -> None:
        self.workers, self.function, self.on_crash = workers, function, on_crash
        self.pending: deque[tuple[list[T], Future[list[R]]]] = deque()

    def submit(self, chunk: list[T]) -> None:
        try:
            future = self.workers.pool.submit(_run_chunk, self.function, chunk)
        except BrokenProcessPool as error:  # a worker died since the last result was taken
            future = Future()
            future.set_exception(error)
        self.pending.append((chunk, future))

    def full(self) -> bool:
        return len(self.pending) >= self.workers.jobs * _CHUNKS_IN_FLIGHT

    def next_results(self) -> list[R]:
        head, future = self.pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # A worker died: every chunk in flight failed with it. Find the item that killed it in
        # the oldest chunk, then run the others again.
        self.workers.stop()
        results = list(self._isolated(head))
        self.workers.restart()
        chunks = [chunk for chunk, _ in self.pending]
        self.pending.clear()
        for chunk in chunks:
            self.submit(chunk)
        return results

    def _isolated(self, chunk: list[T]) -> Iterator[R]:
        """Each item of ``chunk`` in a pool of its own; one that breaks it again is a crash."""
        pool = _new_pool(1)
        try:
            for item in chunk:
                try:
                    yield pool.submit(self.function, item).result()
                except BrokenProcessPool:
                    _stop_now(pool)
                    _check_workers_start()
                    pool = _new_pool(1)
                    yield self.on_crash(item)
        finally:
            _stop_now(pool)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _run_chunk(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


class WorkersCannotStart(RuntimeError):
    """Worker processes die before they run anything (not one file's fault)."""


def _check_workers_start() -> None:
    pool = _new_pool(1)
    try:
        pool.submit(_nothing).result()
    except BrokenProcessPool:
        raise WorkersCannotStart(
            "worker processes die as they start: run the program from a file (not standard input), "
            'with its work under `if __name__ == "__main__":`, or use jobs=1'
        ) from None
    finally:
        _stop_now(pool)


def _nothing() -> None:
    pass


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker)


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group; the main process alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _load_parsers()


def _load_parsers() -> None:
    # The format in force; a worker loads 2019's (functools.cache) at its first 2019 report.
    from ..formats import FORMAT_2021
    from ..parsing.grammar import table_parser

    table_parser(FORMAT_2021.name)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` without waiting for the items in hand: cancel what has not started and
    end the workers (``terminate_workers`` from Python 3.14; its processes before that)."""
    terminate = getattr(pool, "terminate_workers", None)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    if terminate is not None:
        terminate()
    else:
        for process in processes:
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
