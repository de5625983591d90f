"""Placing 表四's numbers that PDF text interleaved with the header: one placement or none."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.parsing import interleaved
from gov_disclosure.parsing.interleaved import place_runs

REVIEW, DIRECT, AFTER = [72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]


def test_one_run_in_table_order() -> None:
    assert place_runs([REVIEW + DIRECT + AFTER], [None]) == list(range(15))


def test_headings_and_sums_leave_one_placement() -> None:
    # pdftotext's reading order of a real report (2024 淮安市): review 1-4, after-review 1-4,
    # review total, direct 1-5, after-review total.
    runs = [REVIEW[:4], AFTER[:4], REVIEW[4:], DIRECT, AFTER[4:]]
    assert place_runs(runs, [0, 2, None, None, None]) == [0, 1, 2, 3, 10, 11, 12, 13, 4, 5, 6, 7, 8, 9, 14]


def test_tied_placements_are_not_chosen() -> None:
    runs = [REVIEW[:4], AFTER[:4], REVIEW[4:], DIRECT, AFTER[4:]]
    assert place_runs(runs, [0, None, None, None, None]) is None  # direct and after-review swap
    assert place_runs(runs, [None] * 5) is None


def test_no_placement_when_the_sums_do_not_hold() -> None:
    assert place_runs([REVIEW + DIRECT + AFTER[:4] + [21]], [None]) is None


def test_not_fifteen_numbers() -> None:
    assert place_runs([REVIEW + DIRECT], [0]) is None
    assert place_runs([REVIEW + DIRECT + AFTER + [1]], [0]) is None


@st.composite
def interleavings(draw: st.DrawFn) -> tuple[list[list[int]], list[int | None], list[int]]:
    """A consistent 表四 printed as runs in some reading order the model allows, with the
    heading before some runs: (runs, starts, the true column of each number in text order)."""
    groups = []
    for _ in range(3):
        parts = draw(st.lists(st.integers(0, 3), min_size=4, max_size=4))
        groups.append([*parts, sum(parts)])
    chunks: list[list[list[tuple[int, int]]]] = []  # per group, its runs of (group, column)
    for g in range(3):
        cuts = sorted(draw(st.sets(st.integers(1, 4), max_size=4)))
        bounds = [0, *cuts, 5]
        chunks.append([[(g, c) for c in range(a, b)] for a, b in itertools.pairwise(bounds)])
    order: list[list[tuple[int, int]]] = []
    while any(chunks):
        g = draw(st.sampled_from([g for g in range(3) if chunks[g]]))
        order.append(chunks[g].pop(0))
    runs = [[groups[g][c] for g, c in run] for run in order]
    starts = [run[0][0] if draw(st.booleans()) else None for run in order]
    return runs, starts, [5 * g + c for run in order for g, c in run]


@given(interleavings())
def test_a_placement_is_always_the_true_one(
    case: tuple[list[list[int]], list[int | None], list[int]],
) -> None:
    runs, starts, truth = case
    assert place_runs(runs, starts) in (None, truth)


@given(interleavings())
def test_every_heading_known_and_distinct_values_place_uniquely(
    case: tuple[list[list[int]], list[int | None], list[int]],
) -> None:
    runs, _, truth = case
    starts: list[int | None] = []
    at = 0
    for run in runs:
        starts.append(truth[at] // 5)
        at += len(run)
    # With every run's group known, only the split of a group's runs into columns is left,
    # and the order within the group fixes it.
    assert place_runs(runs, starts) == truth


def test_a_search_past_its_bound_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = [REVIEW[:4], AFTER[:4], REVIEW[4:], DIRECT, AFTER[4:]]
    monkeypatch.setattr(interleaved, "MAX_STATES", 2)
    assert place_runs(runs, [0, 2, None, None, None]) is None
