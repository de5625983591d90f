"""Linear time on hostile input: ten times the input costs at most fifteen times as much.

Every shape of ``gov_disclosure.testing.hostile`` (runs of each separator, label fragments,
digits, labels cut before long runs of spaces, malformed markup) is timed at two sizes. A
regex that rescans a run from each of its positions, or a parser that does, shows up as ten
times the input costing a hundred times as much; growth is checked, not absolute time, so the
test holds on a slow machine. A timing is this process's CPU time, which the other processes
of a busy machine (the test workers beside this one among them) do not add to; it is the best
of a few runs (of the large input, one run first: it costs most), and a shape over the bound is
timed again, with more runs, before it fails.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

import pytest

import gov_disclosure as gd
from gov_disclosure.testing.hostile import SHAPES, Shape

SMALL = 16_000
LARGE = 10 * SMALL
MOST_GROWTH = 15.0
ATTEMPTS = 3


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    gd.parse("二、主动公开政府信息情况\n规章\t1\t2\t3\n")


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _at_most(seconds: float) -> Iterator[None]:
    """Stops a run that takes far too long (a quadratic regression would take minutes)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _best(shape: Shape, size: int, runs: int) -> float:
    text = shape.make(size)
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        shape.run(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.slow  # about five seconds for the whole family; the full suite and CI run it
@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_ten_times_the_input_costs_at_most_fifteen_times_as_much(shape: Shape) -> None:
    growth = float("inf")
    for attempt in range(ATTEMPTS):
        small = _best(shape, SMALL, 5)
        try:
            with _at_most(max(5.0, 100 * small)):
                large = _best(shape, LARGE, 1 + attempt)
        except _TooSlow:
            pytest.fail(f"{shape.name}: {LARGE:,} characters took over 100 times as long as {SMALL:,}")
        # Below a millisecond for the large input there is nothing to measure.
        growth = 1.0 if large < 1e-3 else large / max(small, 1e-6)
        if growth <= MOST_GROWTH:
            return
    pytest.fail(f"{shape.name}: {LARGE:,} characters cost {growth:.1f} times {SMALL:,}")


def test_shapes_have_distinct_names() -> None:
    names = [shape.name for shape in SHAPES]
    assert len(set(names)) == len(names)
