"""The sums tables 三 and 四 must satisfy: T3_IDENTITY, T3_TOTAL_ROW, T3_TOTAL_COL, T4_SUM."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from ..formats import FORMAT_2021, Format
from ..model import (
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    Applications,
    CaseOutcomes,
    Count,
    ReviewLitigation,
    Span,
)
from .findings import COLUMN_ZH, ROW_ZH, Finding
from .rules import T3_IDENTITY, T3_TOTAL_COL, T3_TOTAL_ROW, T4_SUM, Rule


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


class Equality(NamedTuple):
    """Two numbers a rule says are equal at one place of a table."""

    place: str  # the row or column key, named when the check is blocked
    place_zh: str
    expected: Count
    actual: Count
    row: str | None = None
    column: str | None = None
    span: Span | None = None


def compare(
    rule: Rule, table: str, message_zh: str, message_en: str, checks: Iterable[Equality], *, every: int
) -> Iterator[Finding]:
    """An error at each place where the two numbers differ (the messages are formatted with
    ``expected`` and ``actual``), and one incomplete finding for the places not read."""
    blocked: list[Equality] = []
    for check in checks:
        expected, actual = check.expected, check.actual
        if expected is None or actual is None:
            blocked.append(check)
            continue
        if expected != actual:
            yield Finding(
                rule.id,
                "error",
                message_zh.format(expected=expected, actual=actual),
                message_en.format(expected=expected, actual=actual),
                table=table,
                row=check.row,
                column=check.column,
                expected=expected,
                actual=actual,
                span=check.span,
            )
    if blocked:
        yield incomplete(rule, table, [b.place_zh for b in blocked], [b.place for b in blocked], every=every)


_COLUMN = {column: i for i, column in enumerate(T3_COLUMNS)}
_Grid = dict[str, tuple[Count, ...]]


def _grid(applications: Applications, rows: tuple[str, ...]) -> _Grid:
    return {row: counts.values() for row, counts in applications.rows(rows)}


def _span(applications: Applications, row: str, column: str) -> Span | None:
    spans = getattr(applications, row).spans
    return spans[T3_COLUMNS.index(column)] if spans else None


def _split_by(rule: Rule, table: str, rows: Iterable[str]) -> Finding:
    """The finding for a check whose sums chose how digits run together were split."""
    order = list(ROW_ZH)
    keys = sorted(rows, key=lambda key: order.index(key[3:]) if key[3:] in order else len(order))
    names_zh = "、".join(ROW_ZH.get(key[3:], "表四") for key in keys)
    return Finding(
        rule.id,
        "incomplete",
        f"以下各行的数字在文本中连在一起，是按本规则拆分的，无法再用本规则核对：{names_zh}",
        f"digits run together were split by this rule's sums, so it cannot check them: {', '.join(keys)}",
        table=table,
    )


def check_applications(
    t3: Applications, template: Format = FORMAT_2021, *, split_by: Mapping[str, set[str]] | None = None
) -> Iterator[Finding]:
    """T3_IDENTITY, T3_TOTAL_ROW and T3_TOTAL_COL over the rows of ``template``'s 表三 (2019
    has one （六） row where 2021 has three). ``split_by``: rule id -> the rows whose digits,
    run together, its sums split (``validation.diagnostics.split_by_sums``): it does not check
    them."""
    split_by = split_by or {}
    rows = template.table("t3").row_keys
    outcome_rows = template.identity("T3_TOTAL_ROW").left
    grid = _grid(t3, rows)
    for rule in (T3_IDENTITY, T3_TOTAL_ROW):
        if rule.id in split_by:
            yield _split_by(rule, "t3", split_by[rule.id])
    if T3_IDENTITY.id not in split_by:
        yield from _t3_identity(t3, grid)
    if T3_TOTAL_ROW.id not in split_by:
        yield from _t3_total_row(t3, grid, outcome_rows)
    split_rows = {key.partition(".")[2] for key in split_by.get(T3_TOTAL_COL.id, ())}
    if split_rows:
        yield _split_by(T3_TOTAL_COL, "t3", split_by[T3_TOTAL_COL.id])
    checked = [row for row in rows if row not in split_rows]
    yield from compare(
        T3_TOTAL_COL,
        "t3",
        "自然人与五类法人或其他组织之和为{expected}，总计列为{actual}",
        "the six applicant columns add up to {expected}, the total column says {actual}",
        (
            Equality(
                row,
                ROW_ZH[row] + "行",
                total(grid[row][:6]),
                grid[row][6],
                row=row,
                column="total",
                span=_span(t3, row, "total"),
            )
            for row in checked
        ),
        every=len(checked),
    )


def _t3_identity(t3: Applications, grid: _Grid) -> Iterator[Finding]:
    yield from compare(
        T3_IDENTITY,
        "t3",
        "一+二={expected}，（七）总计+四={actual}，两者应相等",
        "new + carried over = {expected}, but total processed + carried forward = {actual}",
        (
            Equality(
                column,
                COLUMN_ZH[column] + "列",
                total([grid["new_received"][i], grid["carried_over"][i]]),
                total([grid["total_processed"][i], grid["carried_forward"][i]]),
                column=column,
                span=_span(t3, "total_processed", column),
            )
            for column, i in _COLUMN.items()
        ),
        every=7,
    )


def _t3_total_row(t3: Applications, grid: _Grid, outcome_rows: Sequence[str]) -> Iterator[Finding]:
    yield from compare(
        T3_TOTAL_ROW,
        "t3",
        "（一）至（六）各项之和为{expected}，（七）总计为{actual}",
        "the outcome rows add up to {expected}, total processed says {actual}",
        (
            Equality(
                column,
                COLUMN_ZH[column] + "列",
                total([grid[row][i] for row in outcome_rows]),
                grid["total_processed"][i],
                row="total_processed",
                column=column,
                span=_span(t3, "total_processed", column),
            )
            for column, i in _COLUMN.items()
        ),
        every=7,
    )


def check_review_litigation(
    t4: ReviewLitigation, *, placed_by_sums: bool = False, split_by: Mapping[str, set[str]] | None = None
) -> Iterator[Finding]:
    if split_by and T4_SUM.id in split_by:
        yield _split_by(T4_SUM, "t4", split_by[T4_SUM.id])
        return
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
    yield from compare(
        T4_SUM,
        "t4",
        "结果维持+结果纠正+其他结果+尚未审结={expected}，总计为{actual}",
        "upheld + corrected + other + pending = {expected}, the total says {actual}",
        (_group_sum(group, getattr(t4, group)) for group in T4_GROUPS),
        every=3,
    )


def _group_sum(group: str, outcomes: CaseOutcomes) -> Equality:
    span = outcomes.spans[T4_COLUMNS.index("total")] if outcomes.spans else None
    parts = total(outcomes.values()[:4])
    return Equality(group, ROW_ZH[group], parts, outcomes.total, row=group, column="total", span=span)
