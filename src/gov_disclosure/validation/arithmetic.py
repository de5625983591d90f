"""The sums tables 三 and 四 must satisfy: T3_IDENTITY, T3_TOTAL_ROW, T3_TOTAL_COL, T4_SUM."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, Applications, Count, ReviewLitigation, Span
from .findings import COLUMN_ZH, ROW_ZH, Finding
from .rules import T3_IDENTITY, T3_TOTAL_COL, T3_TOTAL_ROW, T4_SUM, Rule

# The 22 outcome rows (一)…(六) whose sum is (七)总计.
OUTCOME_ROWS = T3_ROWS[2:23]
APPLICANT_COLUMNS = T3_COLUMNS[:6]


def total(values: Sequence[Count]) -> int | None:
    """The sum, or None when a value is missing."""
    if None in values:
        return None
    return sum(values)  # type: ignore[arg-type]  # no None left


def incomplete(rule: Rule, table: str, places: list[str], places_en: list[str], *, every: int = 0) -> Finding:
    """The finding for a check that numbers not read blocked; ``every`` is how many places
    the check has, so that a table with nothing read says so in one short line."""
    what = rule.name_zh
    if every and len(places) == every:
        return Finding(
            rule.id,
            "incomplete",
            f"未读到数字，无法核对{what}",
            "no numbers were read for this check",
            table=table,
        )
    return Finding(
        rule.id,
        "incomplete",
        f"有未能读取的数字，无法核对{what}：{'、'.join(places)}",
        f"numbers that could not be read block this check for: {', '.join(places_en)}",
        table=table,
    )


_COLUMN = {column: i for i, column in enumerate(T3_COLUMNS)}
_Grid = dict[str, tuple[Count, ...]]


def _grid(applications: Applications) -> _Grid:
    return {row: counts.values() for row, counts in applications.rows()}


def _span(applications: Applications, row: str, column: str) -> Span | None:
    spans = getattr(applications, row).spans
    return spans[T3_COLUMNS.index(column)] if spans else None


def check_applications(applications: Applications) -> Iterator[Finding]:
    grid = _grid(applications)
    yield from _identity(applications, grid)
    yield from _total_row(applications, grid)
    yield from _total_column(applications, grid)


def _identity(t3: Applications, grid: _Grid) -> Iterator[Finding]:
    blocked: list[str] = []
    for column, i in _COLUMN.items():
        lhs = total([grid["new_received"][i], grid["carried_over"][i]])
        rhs = total([grid["total_processed"][i], grid["carried_forward"][i]])
        if lhs is None or rhs is None:
            blocked.append(column)
            continue
        if lhs != rhs:
            yield Finding(
                T3_IDENTITY.id,
                "error",
                f"一+二={lhs}，（七）总计+四={rhs}，两者应相等",
                f"new + carried over = {lhs}, but total processed + carried forward = {rhs}",
                table="t3",
                column=column,
                expected=lhs,
                actual=rhs,
                span=_span(t3, "total_processed", column),
            )
    if blocked:
        yield incomplete(T3_IDENTITY, "t3", [COLUMN_ZH[c] + "列" for c in blocked], blocked, every=7)


def _total_row(t3: Applications, grid: _Grid) -> Iterator[Finding]:
    blocked: list[str] = []
    for column, i in _COLUMN.items():
        outcomes = total([grid[row][i] for row in OUTCOME_ROWS])
        stated = grid["total_processed"][i]
        if outcomes is None or stated is None:
            blocked.append(column)
            continue
        if outcomes != stated:
            yield Finding(
                T3_TOTAL_ROW.id,
                "error",
                f"（一）至（六）各项之和为{outcomes}，（七）总计为{stated}",
                f"the outcome rows add up to {outcomes}, total processed says {stated}",
                table="t3",
                row="total_processed",
                column=column,
                expected=outcomes,
                actual=stated,
                span=_span(t3, "total_processed", column),
            )
    if blocked:
        yield incomplete(T3_TOTAL_ROW, "t3", [COLUMN_ZH[c] + "列" for c in blocked], blocked, every=7)


def _total_column(t3: Applications, grid: _Grid) -> Iterator[Finding]:
    blocked: list[str] = []
    for row in T3_ROWS:
        values = grid[row]
        parts = total(values[:6])
        stated = values[6]
        if parts is None or stated is None:
            blocked.append(row)
            continue
        if parts != stated:
            yield Finding(
                T3_TOTAL_COL.id,
                "error",
                f"自然人与五类法人或其他组织之和为{parts}，总计列为{stated}",
                f"the six applicant columns add up to {parts}, the total column says {stated}",
                table="t3",
                row=row,
                column="total",
                expected=parts,
                actual=stated,
                span=_span(t3, row, "total"),
            )
    if blocked:
        yield incomplete(T3_TOTAL_COL, "t3", [ROW_ZH[r] + "行" for r in blocked], blocked, every=25)


def check_review_litigation(t4: ReviewLitigation, *, placed_by_sums: bool = False) -> Iterator[Finding]:
    if placed_by_sums:
        # The parser used this very rule to put interleaved numbers in their columns.
        yield Finding(
            T4_SUM.id,
            "incomplete",
            "表四的数字在文本中与表头交错，是按各组之和排入各栏的，无法再用本规则核对",
            "表四's numbers were interleaved with its header and were placed by this sum rule, "
            "so it cannot check them",
            table="t4",
        )
        return
    blocked: list[str] = []
    for group in T4_GROUPS:
        outcomes = getattr(t4, group)
        values = outcomes.values()
        parts, stated = total(values[:4]), values[4]
        if parts is None or stated is None:
            blocked.append(group)
            continue
        if parts != stated:
            yield Finding(
                T4_SUM.id,
                "error",
                f"结果维持+结果纠正+其他结果+尚未审结={parts}，总计为{stated}",
                f"upheld + corrected + other + pending = {parts}, the total says {stated}",
                table="t4",
                row=group,
                column="total",
                expected=parts,
                actual=stated,
                span=outcomes.spans[T4_COLUMNS.index("total")] if outcomes.spans else None,
            )
    if blocked:
        yield incomplete(T4_SUM, "t4", [ROW_ZH[g] for g in blocked], blocked, every=3)
