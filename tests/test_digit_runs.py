"""The solver of digits that ran together (``parsing/digit_runs.py``): splits, each row's own
evidence, the column identities, ambiguity left open, a report's wrong arithmetic never
choosing a split, and the bounds."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.formats import FORMAT_2021
from gov_disclosure.model import T3_COLUMNS, T3_ROWS
from gov_disclosure.parsing.digit_runs import RowDigits, row_readings, solve, splits
from gov_disclosure.testing.folders import consistent_values

from .profiles import examples

T3 = FORMAT_2021.table("t3")
T3_IDENTITIES = [i for i in FORMAT_2021.identities if i.table == "t3"]


def _squashed(cells: list[int]) -> str:
    return "".join(map(str, cells))


@pytest.mark.parametrize(
    ("digits", "count", "expected"),
    [
        ("000", 3, [(0, 0, 0)]),
        ("101", 3, [(1, 0, 1)]),
        ("05", 1, []),  # no count starts with 0
        ("05", 2, [(0, 5)]),
        ("123", 2, [(1, 23), (12, 3)]),
        ("12", 3, []),  # fewer digits than cells
    ],
)
def test_splits_keep_every_cut_without_a_leading_zero(
    digits: str, count: int, expected: list[tuple[int, ...]]
) -> None:
    assert list(splits(digits, count)) == expected


def test_a_surviving_separator_is_a_cell_boundary() -> None:
    # '2100000 21': the space is a boundary, and only 21|0|0|0|0|0|21 respects it and its 总计.
    row = RowDigits("new_received", ("2100000", "21"), 7)
    assert row_readings(row, [(tuple(range(6)), (6,))]) == ((21, 0, 0, 0, 0, 0, 21),)
    other = RowDigits("new_received", ("21000002", "1"), 7)
    assert row_readings(other, [(tuple(range(6)), (6,))]) == ()  # 总计 1 cannot be 21 + …


def test_the_pingtan_table_is_decided_by_its_own_sums() -> None:
    # 表三 of the 2024 Pingtan report, as its crawled text prints it (the enumerator of the next
    # row taken off): every row has exactly one split whose 总计 is its six columns' sum, and
    # the column identities hold for them.
    printed = {key: [0] * 7 for key in T3_ROWS}
    printed.update(
        {
            "new_received": [217, 1, 0, 0, 0, 0, 218],
            "granted": [71, 0, 0, 0, 0, 0, 71],
            "partially_granted": [29, 0, 0, 0, 0, 0, 29],
            "denied_state_secret": [4, 0, 0, 0, 0, 0, 4],
            "denied_third_party_rights": [3, 0, 0, 0, 0, 0, 3],
            "denied_internal_affairs": [32, 0, 0, 0, 0, 0, 32],
            "unable_not_held": [75, 0, 0, 0, 0, 0, 75],
            "not_processed_duplicate": [1, 0, 0, 0, 0, 0, 1],
            "other_overdue_correction": [1, 0, 0, 0, 0, 0, 1],
            "other_other": [1, 1, 0, 0, 0, 0, 2],
            "total_processed": [217, 1, 0, 0, 0, 0, 218],
        }
    )
    rows = [RowDigits(key, (_squashed(cells),), 7) for key, cells in printed.items()]
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    assert {key: list(cells) for key, cells in solution.cells.items()} == printed
    assert not solution.open_rows and solution.used_identities


def test_a_table_with_a_row_missing_keeps_only_what_the_digits_decide() -> None:
    # Without every row the column identities cannot be checked, and a row's own 总计 alone
    # could be met by a split that a wrong number made: only the digits decide.
    rows = [RowDigits("granted", ("710000071",), 7), RowDigits("carried_forward", ("0000000",), 7)]
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    # (Its middle 0s are 0 in every split, but not the same 0s: which digits are a cell is open.)
    assert solution.cells == {"granted": (None,) * 7, "carried_forward": (0,) * 7}
    assert "cannot be checked over every row" in solution.notes[0]


def _table(values: dict[str, list[int]], squashed: set[str]) -> list[RowDigits]:
    """表三 with the rows in ``squashed`` printed without separators, the others with."""
    return [
        RowDigits(key, (_squashed(cells),) if key in squashed else tuple(map(str, cells)), 7)
        for key, cells in values.items()
    ]


def _consistent() -> dict[str, list[int]]:
    values = {key: [0] * 7 for key in T3_ROWS}
    for key, natural in (("granted", 12), ("partially_granted", 3), ("other_other", 1)):
        values[key] = [natural, 0, 0, 0, 0, 0, natural]
    values["total_processed"] = [16, 0, 0, 0, 0, 0, 16]
    values["new_received"] = [15, 0, 0, 0, 0, 0, 15]
    values["carried_over"] = [1, 0, 0, 0, 0, 0, 1]
    return values


def test_the_column_identities_decide_what_a_row_leaves_open() -> None:
    values = _consistent()
    # '11000011' alone is 11|0|0|0|0|0|11 or 1|10|0|0|0|0|11: its own 总计 leaves two readings.
    values["granted"] = [11, 0, 0, 0, 0, 0, 11]
    values["total_processed"] = [15, 0, 0, 0, 0, 0, 15]
    values["new_received"] = [14, 0, 0, 0, 0, 0, 14]
    rows = _table(values, {"granted"})
    own = row_readings(rows[T3_ROWS.index("granted")], [(tuple(range(6)), (6,))])
    assert own is not None and len(own) == 2  # 11|0|0|0|0|0|11 and 1|10|0|0|0|0|11
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    assert solution.cells["granted"] == (11, 0, 0, 0, 0, 0, 11)  # the columns' sums decide
    assert "granted" not in solution.open_rows


def test_two_consistent_readings_leave_the_cells_open_and_list_both() -> None:
    values = _consistent()
    # Two rows each 1|10|…|11 or 11|0|…|11, and the column sums hold either way round.
    values["granted"] = [11, 0, 0, 0, 0, 0, 11]
    values["partially_granted"] = [1, 10, 0, 0, 0, 0, 11]
    values["total_processed"] = [13, 10, 0, 0, 0, 0, 23]
    values["new_received"] = [12, 10, 0, 0, 0, 0, 22]
    solution = solve(_table(values, {"granted", "partially_granted"}), T3_IDENTITIES, T3_COLUMNS)
    assert solution.cells["granted"] == (None, None, 0, 0, 0, 0, 11)
    assert set(solution.open_rows["granted"]) == {(11, 0, 0, 0, 0, 0, 11), (1, 10, 0, 0, 0, 0, 11)}


def test_wrong_arithmetic_never_chooses_a_split() -> None:
    values = _consistent()
    values["granted"] = [11, 0, 0, 0, 0, 0, 11]
    values["total_processed"] = [99, 0, 0, 0, 0, 0, 99]  # the report's own error
    solution = solve(_table(values, {"granted"}), T3_IDENTITIES, T3_COLUMNS)
    # '11000011': its 总计 would pick 11|0|0|0|0|0|11 or 1|10|…; the table's sums are broken, so
    # neither is taken: only what the digits alone decide, which here is nothing (a 0 of the
    # middle is a 0 in every split, but the splits cut it from different digits).
    assert solution.cells["granted"] == (None,) * 7
    assert any("admit no reading" in note for note in solution.notes)


def test_a_row_whose_own_total_is_wrong_keeps_only_what_its_digits_decide() -> None:
    values = _consistent()
    rows = [*_table(values, set())]
    rows[T3_ROWS.index("granted")] = RowDigits("granted", ("0000007",), 7)  # 总计 7, columns 0
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    assert solution.cells["granted"] == (0, 0, 0, 0, 0, 0, 7)  # seven digits, seven cells
    assert any("'granted': no split of its digits satisfies its own sums" in n for n in solution.notes)


def test_a_long_run_of_digits_is_refused_quickly() -> None:
    started = time.perf_counter()
    solution = solve([RowDigits("granted", ("1" * 10_000,), 7)], T3_IDENTITIES, T3_COLUMNS)
    assert "granted" not in solution.cells
    assert solution.notes[0] == "row 'granted': too many ways to split its digits; not read"
    many = solve([RowDigits("granted", ("12345678912345678912",), 7)], T3_IDENTITIES, T3_COLUMNS)
    assert time.perf_counter() - started < 5
    assert all(v is None for v in many.cells.get("granted", (None,)))


# --- on generated tables: separators removed, all of them or some ------------------------------


def _printed_rows(values: dict[str, list[int]], kept: list[list[bool]]) -> list[RowDigits]:
    """Each row with the separators ``kept`` says survived (one flag per boundary)."""
    rows = []
    for (key, cells), keep in zip(values.items(), kept, strict=True):
        pieces, current = [], str(cells[0])
        for cell, boundary in zip(cells[1:], keep, strict=True):
            if boundary:
                pieces.append(current)
                current = ""
            current += str(cell)
        rows.append(RowDigits(key, (*pieces, current), len(cells)))
    return rows


def _t3(values: Mapping[str, int | Decimal]) -> dict[str, list[int]]:
    return {row: [int(values[f"t3.{row}.{column}"]) for column in T3_COLUMNS] for row in T3_ROWS}


@st.composite
def _squashed_tables(draw: st.DrawFn) -> tuple[dict[str, list[int]], list[RowDigits]]:
    values = _t3(consistent_values(draw(st.randoms(use_true_random=False))))
    every = draw(st.booleans())  # every separator gone, or a random subset
    kept = [[False if every else draw(st.booleans()) for _ in range(6)] for _ in T3_ROWS]
    return values, _printed_rows(values, kept)


@given(_squashed_tables())
@settings(max_examples=examples(100), deadline=None)
def test_a_consistent_table_is_never_misread(table: tuple[dict[str, list[int]], list[RowDigits]]) -> None:
    values, rows = table
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    for key, cells in solution.cells.items():
        for got, printed in zip(cells, values[key], strict=True):
            assert got is None or got == printed, (key, cells, values[key])


@given(_squashed_tables(), st.data())
@settings(max_examples=examples(100), deadline=None)
def test_a_changed_cell_is_read_otherwise_only_where_a_consistent_table_prints_the_same(
    table: tuple[dict[str, list[int]], list[RowDigits]], data: st.DataObject
) -> None:
    values, _ = table
    key = data.draw(st.sampled_from(T3_ROWS))
    column = data.draw(st.integers(0, 6))
    changed = {k: list(v) for k, v in values.items()}
    changed[key][column] += data.draw(st.integers(1, 9))  # the report's own error
    rows = _printed_rows(changed, [[False] * 6 for _ in T3_ROWS])
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    for row_key, cells in solution.cells.items():
        for got, printed in zip(cells, changed[row_key], strict=True):
            if got is not None and got != printed:
                # Then the search found readings that satisfy every identity, from the same
                # digits: a consistent table no reader could tell from this one.
                assert solution.used_identities, (row_key, cells, changed[row_key])


def test_the_share_of_cells_decided_on_consistent_tables_with_every_separator_gone() -> None:
    decided = total = 0
    rng = random.Random(14)
    for _ in range(200):
        values = _t3(consistent_values(rng))
        solution = solve(_printed_rows(values, [[False] * 6 for _ in T3_ROWS]), T3_IDENTITIES, T3_COLUMNS)
        for key, cells in solution.cells.items():
            assert all(got is None or got == printed for got, printed in zip(cells, values[key], strict=True))
            decided += sum(got is not None for got in cells)
        total += 7 * len(T3_ROWS)
    assert decided / total > 0.9, decided / total


@given(st.lists(st.integers(0, 300), min_size=6, max_size=6))
@settings(max_examples=examples(200))
def test_a_row_s_readings_are_every_split_whose_total_holds(columns: list[int]) -> None:
    # One run of digits takes the path that cuts the 总计 first and follows only cuts that can
    # still add up to it; it must find what filtering every split finds.
    digits = _squashed([*columns, sum(columns)])
    every = [cells for cells in splits(digits, 7) if sum(cells[:6]) == cells[6]]
    assert sorted(
        row_readings(RowDigits("granted", (digits,), 7), [(tuple(range(6)), (6,))]) or ()
    ) == sorted(every)


def test_the_rows_of_a_table_share_one_bound() -> None:
    # Every row a run of 40 ones: each has millions of splits. The rows' searches share one
    # budget of steps, so a table of them costs one bound, and the rows past it say so.
    rows = [RowDigits(key, ("1" * 40,), 7) for key in T3_ROWS]
    solution = solve(rows, T3_IDENTITIES, T3_COLUMNS)
    refused = [n for n in solution.notes if "too many ways to split its digits" in n]
    assert len(refused) >= len(T3_ROWS) - 2
    assert not solution.used_identities
