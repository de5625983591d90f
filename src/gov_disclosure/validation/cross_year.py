"""This year's report against last year's: XY_YEAR, XY_CARRY, XY_T2_BALANCE. Across a 2020
report in the 2019 format and a 2021 one, what both print: 表三's carry-over."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats import FORMAT_2019, FORMAT_2021
from ..model import T3_COLUMNS, ActiveDisclosure, Applications, DocumentCounts, Report
from .arithmetic import Equality, compare, incomplete
from .findings import COLUMN_ZH, Finding
from .rules import XY_CARRY, XY_T2_BALANCE, XY_YEAR


def check_cross_year(report: Report, previous: Report) -> Iterator[Finding]:
    """The cross-year rules, when ``previous`` is the report of the year before; else one
    XY_YEAR finding and nothing computed on the wrong pair."""
    if report.year is None or previous.year is None:
        unknown = "本报告" if report.year is None else "上一年度报告"
        yield Finding(
            XY_YEAR.id,
            "incomplete",
            f"{unknown}的年度不明，无法确认两份报告为相邻年度，未做跨年核对",
            f"the year of {'this' if report.year is None else 'the previous'} report is unknown, so "
            "the pair cannot be checked across years",
            expected=report.year - 1 if report.year is not None else None,
            actual=previous.year,
        )
        return
    if previous.year != report.year - 1:
        yield Finding(
            XY_YEAR.id,
            "warning",
            f"上年报告的年度应为 {report.year - 1}，实为 {previous.year}：未做跨年核对",
            f"the previous report should be for {report.year - 1}, it is for {previous.year}: "
            "no cross-year check was made",
            expected=report.year - 1,
            actual=previous.year,
        )
        return
    if report.agency and previous.agency and report.agency != previous.agency:
        yield Finding(
            XY_YEAR.id,
            "warning",
            f"上一年度报告的机关为“{previous.agency}”，本报告为“{report.agency}”",
            f"the previous report is by {previous.agency!r}, this one by {report.agency!r}",
            expected=report.agency,
            actual=previous.agency,
        )
    yield from _carry(report, previous)
    yield from _balance(report, previous)


def cross_year_part(report: Report) -> Report:
    """The part of ``report`` the cross-year rules read (year, agency, format, 表三's carried
    rows, 表二's document counts), spans kept: a batch keeps this of every report, not all
    of it, until it knows which reports make pairs."""
    return Report(
        year=report.year,
        agency=report.agency,
        format=report.format,
        applications=Applications(
            carried_over=report.applications.carried_over,
            carried_forward=report.applications.carried_forward,
        ),
        active_disclosure=ActiveDisclosure(
            regulations=report.active_disclosure.regulations,
            normative_documents=report.active_disclosure.normative_documents,
        ),
    )


def _carry(report: Report, previous: Report) -> Iterator[Finding]:
    now, then = report.applications.carried_over, previous.applications.carried_forward
    yield from compare(
        XY_CARRY,
        "t3",
        "本年“二、上年结转”为 {actual}，而上一年度报告“四、结转下年度继续办理”为 {expected}",
        "carried over is {actual}, but last year's report carried {expected} forward",
        (
            Equality(
                column,
                COLUMN_ZH[column] + "列",
                getattr(then, column),
                getattr(now, column),
                row="carried_over",
                column=column,
                span=span,
            )
            for column, span in zip(T3_COLUMNS, now.spans, strict=True)
        ),
        every=7,
    )


def _balance(report: Report, previous: Report) -> Iterator[Finding]:
    if FORMAT_2019.name in (report.format, previous.format):
        return  # the 2019 表二 counts documents made and published, not those in force
    table = FORMAT_2021.table("t2")
    for name in ("regulations", "normative_documents"):
        label = table.row(name).label.text
        now: DocumentCounts = getattr(report.active_disclosure, name)
        then: DocumentCounts = getattr(previous.active_disclosure, name)
        values = (then.in_force, now.issued, now.repealed, now.in_force)
        if any(v is None for v in values):
            yield incomplete(XY_T2_BALANCE, "t2", [label], [name])
            continue
        last, issued, repealed, in_force = (v or 0 for v in values)
        expected = last + issued - repealed
        if expected != in_force:
            yield Finding(
                XY_T2_BALANCE.id,
                "warning",
                f"上年现行有效 {last} + 本年制发 {issued} − 本年废止 {repealed} = {expected}，"
                f"而本年现行有效件数为 {in_force}（修改、清理也会造成差异，请核实）",
                f"last year's {last} in force + {issued} issued - {repealed} repealed = {expected}, "
                f"but {in_force} are in force",
                table="t2",
                row=name,
                column="in_force",
                expected=expected,
                actual=in_force,
                span=now.spans[2] if now.spans else None,
            )
