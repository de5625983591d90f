"""Digits that ran together, through the parser: crawler text that lost the separators of its
rows' numbers (``gds.layouts(run_together=True)``: all of them, or a random subset).

A consistent report: every cell read is the printed one, in its place, and every other cell is
``None``. A report whose own arithmetic is wrong (one cell changed): a cell may be read as
other than printed only where the squashed text is, character for character, the squashed text
of a consistent report, so that no reader could tell the two apart. Hand-made cases: a reading
the evidence leaves open is ``None``, and its diagnostic lists the candidates.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.formats import FORMAT_2021
from gov_disclosure.model import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS
from gov_disclosure.testing import strategies as gds
from gov_disclosure.testing.folders import consistent_values
from gov_disclosure.testing.strategies import Layout

from .layouts import render

PROPERTY = settings(deadline=None)
ARITHMETIC = {"T3_IDENTITY", "T3_TOTAL_ROW", "T3_TOTAL_COL", "T4_SUM"}
SUMMED = [f"t3.{r}.{c}" for r in T3_ROWS for c in T3_COLUMNS] + [
    f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS
]
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}


def _squashed_layouts() -> st.SearchStrategy[Layout]:
    return gds.layouts(run_together=True)


def _read_where_printed(parsed: gd.Report, text: str) -> None:
    """Every number read stands at its span, split or not."""
    spans = parsed.cell_spans()
    for key, value in parsed.cells().items():
        if value is None:
            continue
        span = spans[key]
        assert span is not None, key
        printed = text[span.start : span.end].translate(_FULL_WIDTH)
        assert Decimal(printed.replace(",", "")) == value, (key, printed, value)


@PROPERTY
@given(gds.reports(), _squashed_layouts())
def test_a_consistent_report_is_never_misread(report: gd.Report, layout: Layout) -> None:
    text = gds.write(report, layout)
    parsed = gd.parse(text)
    printed = report.cells()
    wrong = {k: (v, printed[k]) for k, v in parsed.cells().items() if v is not None and v != printed[k]}
    assert not wrong
    _read_where_printed(parsed, text)
    placements = parsed.cell_placements()
    assert {placements[k] for k, v in parsed.cells().items() if v is not None} <= {"row", "digits_split"}
    # What the sums chose is not what they then confirm: no arithmetic error is made up.
    assert not [f for f in parsed.validate().errors if f.rule in ARITHMETIC]


def _one_cell_changed(values: dict[str, Any], key: str, by: int) -> dict[str, Any]:
    changed = dict(values)
    changed[key] = changed[key] + by
    return changed


def _arithmetic_errors(values: dict[str, Any]) -> list[str]:
    return [f.rule for f in gds.report_of(values).validate().errors if f.rule in ARITHMETIC]


def misread_unless_indistinguishable(values: dict[str, Any], layout: Layout) -> None:
    """Parse ``values`` (a report's cells) written in ``layout``; every cell read otherwise than
    printed must come from a consistent report whose text is the same, character for
    character."""
    text = gds.write(gds.report_of(values), layout)
    parsed = gd.parse(text)
    got = parsed.cells()
    differ = [k for k, v in got.items() if v is not None and v != values[k]]
    if differ:
        # The reading the parser found, the printed cells where it read nothing.
        other = {k: (values[k] if v is None else v) for k, v in got.items()}
        assert gds.write(gds.report_of(other), layout) == text, differ
        assert not _arithmetic_errors(other), (differ, _arithmetic_errors(other))


@PROPERTY
@given(st.randoms(use_true_random=False), _squashed_layouts(), st.sampled_from(SUMMED), st.integers(1, 9))
def test_a_changed_cell_is_read_otherwise_only_where_a_consistent_report_prints_the_same(
    rng: random.Random, layout: Layout, key: str, by: int
) -> None:
    values = _one_cell_changed(consistent_values(rng), key, by)
    misread_unless_indistinguishable(values, layout)


def test_consistent_reports_with_every_separator_gone_are_mostly_recovered() -> None:
    # The share is measured (and printed in the note) by benchmarks/bench_digit_runs.py;
    # here it must stay high enough that squashed text is worth parsing at all.
    read = total = 0
    rng = random.Random(14)
    for seed in range(20):
        report = gds.report_of(consistent_values(rng))
        parsed = gd.parse(gds.write(report, Layout(run_together="all", run_together_seed=seed)))
        assert not [k for k, v in parsed.cells().items() if v is not None and v != report.cells()[k]]
        read += sum(v is not None for v in parsed.cells().values())
        total += len(gd.CELL_KEYS)
    assert read / total > 0.9, read / total


# --- hand-made cases ---------------------------------------------------------------------------


def _crawled(values: dict[str, Any]) -> str:
    return gds.write(gds.report_of(values), Layout(run_together="all"))


def test_two_readings_that_both_add_up_leave_their_cells_none_and_are_both_listed() -> None:
    values = consistent_values(random.Random(3))
    # 表四 as '…100112 0113': 100|1|12|0|113 and 100|11|2|0|113 both add up to 113.
    t4 = [1, 21, 0, 3, 25, 0, 12, 12, 12, 36, 100, 1, 12, 0, 113]
    values.update(
        {
            f"t4.{g}.{c}": v
            for (g, c), v in zip(((g, c) for g in T4_GROUPS for c in T4_COLUMNS), t4, strict=True)
        }
    )
    parsed = gd.parse(_crawled(values))
    after = parsed.review_litigation.litigation_after_review
    assert after.values() == (100, None, None, 0, 113)
    assert parsed.review_litigation.review.values() == (1, 21, 0, 3, 25)
    (said,) = [d for d in parsed.diagnostics if d.code == "digits-run-together" and d.key == "t4"]
    assert set(said.expected) == {
        "1|21|0|3|25|0|12|12|12|36|100|1|12|0|113",
        "1|21|0|3|25|0|12|12|12|36|100|11|2|0|113",
    }
    assert "2 readings fit the evidence" in said.message
    placements = parsed.cell_placements()
    assert placements["t4.litigation_after_review.upheld"] == "digits_split"
    assert placements["t4.litigation_after_review.corrected"] is None


def test_table2_is_split_only_where_the_digits_leave_one_reading() -> None:
    text = render(consistent_values(random.Random(5)))
    start = text.index("规章")
    end = text.index("\n", text.index("行政规范性文件"))
    parsed = gd.parse(text[:start] + "规章\t000\n行政规范性文件\t6233440" + text[end:])
    assert parsed.active_disclosure.regulations.values() == (0, 0, 0)
    assert parsed.active_disclosure.normative_documents.values() == (None, None, None)
    (said,) = [d for d in parsed.diagnostics if d.code == "digits-run-together"]
    assert "62|33|440" in said.expected and "6|233|440" in said.expected
    one = gd.parse(text[:start] + "规章\t101\n行政规范性文件\t1\t2\t3" + text[end:])
    assert one.active_disclosure.regulations.values() == (1, 0, 1)
    assert one.cell_placements()["t2.regulations.repealed"] == "digits_split"


def test_a_report_whose_sums_are_wrong_keeps_only_what_the_digits_decide() -> None:
    values = consistent_values(random.Random(8))
    values["t3.granted.natural_person"] += 1  # the report's own error: its row's 总计 is off by 1
    parsed = gd.parse(_crawled(values))
    got = parsed.cells()
    assert not [k for k, v in got.items() if v is not None and v != values[k]]
    notes = [d.message for d in parsed.diagnostics if d.code == "digits-run-together" and d.key is None]
    assert any("no split of its digits satisfies its own sums" in n for n in notes)
    assert any("cannot be checked over every row" in n for n in notes)
    # Validation reports the broken sum as for any report, or says it could not check it.
    rules = {f.rule: f.severity for f in parsed.validate() if f.rule in ARITHMETIC}
    assert rules and set(rules.values()) <= {"error", "incomplete"}


def test_the_sums_that_chose_a_split_do_not_check_it() -> None:
    values = consistent_values(random.Random(9))
    parsed = gd.parse(_crawled(values))
    findings = {f.rule: f for f in parsed.validate()}
    assert findings["PLACED_BY_DIGITS"].severity == "warning"
    split_by = {rule for d in parsed.diagnostics if d.code == "digits-split" for rule in d.expected}
    for rule in split_by:
        assert findings[rule].severity == "incomplete"
        assert "拆分" in findings[rule].message_zh


# --- a row that dropped a cell is not a row whose digits ran together -------------------------


def _without_one_cell(values: dict[str, Any], row: str, column: int) -> str:
    """The report as tab-separated text, with cell ``column`` of 表三's ``row`` left out (an
    empty cell that vanished from text whose cells are separated by spaces)."""
    text = render(values)
    label = T3_LABELS[row]
    start = text.index(label)
    end = text.index("\n", start)
    cells = text[start:end].split("\t")
    del cells[len(cells) - 7 + column]
    return text[:start] + "\t".join(cells) + text[end:]


T3_LABELS = {row.key: row.label.text for row in FORMAT_2021.table("t3").rows}


@PROPERTY
@given(st.randoms(use_true_random=False), st.sampled_from(T3_ROWS), st.integers(0, 6))
def test_a_row_that_dropped_a_cell_is_never_split(rng: random.Random, row: str, column: int) -> None:
    # Its numbers are whole and add up with the dropped cell as 0: no split of them adds up (a
    # split part is less than its number, a split 总计 less than the parts), so the row stays a
    # cell-count problem and the rest of the table is read as printed.
    values = consistent_values(rng)
    parsed = gd.parse(_without_one_cell(values, row, column))
    got = parsed.cells()
    assert not [k for k, v in got.items() if v is not None and v != values[k]]
    assert all(got[f"t3.{row}.{c}"] is None for c in T3_COLUMNS)
    assert "digits_split" not in parsed.cell_placements().values()


def test_numbers_that_may_be_whole_are_split_only_by_their_sums() -> None:
    values = consistent_values(random.Random(1))
    text = render(values)
    row = "（一）予以公开\t1\t1\t0\t0\t1\t1\t4"
    assert row in text
    # '11 0 0 114': numbers that could be whole ones with three cells dropped. Its own 总计 and
    # the table's column sums split them, so it is read.
    parsed = gd.parse(text.replace(row, "（一）予以公开\t11\t0\t0\t114"))
    assert parsed.applications.granted.values() == (1, 1, 0, 0, 1, 1, 4)
    assert set(parsed.applications.granted.placed) == {"digits_split"}
    # A 表二 row has no sums: the same doubt ('12 3': 1|2|3, or 12|3 with a cell dropped)
    # leaves it a cell-count problem.
    start = text.index("规章")
    end = text.index("\n", start)
    parsed = gd.parse(text[:start] + "规章\t12\t3" + text[end:])
    assert parsed.active_disclosure.regulations.values() == (None, None, None)
    assert [d.code for d in parsed.diagnostics if d.key == "t2.regulations"] == ["cell-count"]


def test_two_tables_that_both_add_up_leave_their_cells_none_and_are_both_listed() -> None:
    # 表三 squashed whole: '1662276187' for 一、本年新收 reads 16|6|2|27|6|18|75 or
    # 16|6|22|7|6|18|75, and 二、上年结转 8|25|22|2|… or 8|25|2|22|…; each pair keeps
    # 一 + 二 = （七）总计 + 四 (24 and 29 in those columns), so the table's sums cannot choose.
    rng = random.Random(5)
    for _ in range(37):
        values = consistent_values(rng)
    assert [values[f"t3.new_received.{c}"] for c in T3_COLUMNS] == [16, 6, 2, 27, 6, 18, 75]
    assert [values[f"t3.carried_over.{c}"] for c in T3_COLUMNS] == [8, 25, 22, 2, 19, 8, 84]
    parsed = gd.parse(_crawled(values))
    assert parsed.applications.new_received.values() == (16, 6, None, None, 6, 18, 75)
    assert parsed.applications.carried_over.values() == (8, 25, None, None, 19, 8, 84)
    said = {d.key: d for d in parsed.diagnostics if d.code == "digits-run-together" and d.key}
    assert set(said["t3.new_received"].expected) == {"16|6|22|7|6|18|75", "16|6|2|27|6|18|75"}
    assert set(said["t3.carried_over"].expected) == {"8|25|2|22|19|8|84", "8|25|22|2|19|8|84"}
    others = {k: v for k, v in parsed.cells().items() if k.startswith("t3.") and ".new_" not in k}
    assert all(v == values[k] for k, v in others.items() if ".carried_over." not in k)
