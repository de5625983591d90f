"""Checks of the report's shape: sections, tables, rows, columns, labels, format and year.

Most of what they need the parser has already noted in ``report.diagnostics``; these rules
turn those notes into findings. A text cut short (an excerpt, a truncated download) is not
a report with missing parts: what should come after the cut is ``incomplete``, not an error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..diagnostic_codes import DiagnosticCode as Code
from ..formats import FORMAT_2021
from ..model import T2_ROWS, T3_ROWS, Diagnostic, Report
from ..parsing.metadata import STATISTICS_PERIOD, YEAR
from ..parsing.sections import SECTION_NAMES
from .findings import COLUMN_ZH, ROW_ZH, Finding
from .rules import FINDING_FOR_CODE, FORMAT_2019, TABLE_COLS, TITLE_YEAR

SECTION_MISSING = FINDING_FOR_CODE[Code.SECTION_MISSING]
SECTION_ORDER = FINDING_FOR_CODE[Code.SECTION_OUT_OF_ORDER]
TABLE_MISSING = FINDING_FOR_CODE[Code.TABLE_MISSING]
TABLE_ROWS = FINDING_FOR_CODE[Code.ROW_MISSING]
LABEL_VARIANT = FINDING_FOR_CODE[Code.LABEL_VARIANT]
FORMAT_OUTDATED = FINDING_FOR_CODE[Code.OLD_FORMAT]
# Codes whose rows cannot be told apart in the text: their row findings are incomplete.
_TANGLED = (Code.DIGITS_RUN_TOGETHER, Code.CELLS_INTERLEAVED)

TABLE_SECTION = {table.key: table.section for table in FORMAT_2021.tables}
TABLE_NAME = {table.key: f"{table.number}（{table.title}）" for table in FORMAT_2021.tables}


class _Shape:
    """What of the report was read, to tell a missing part from a part after a cut."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.codes = Counter(d.code for d in report.diagnostics)
        self.cut = self.codes[Code.INPUT_CUT] > 0
        self.start_cut = self.codes[Code.INPUT_STARTS_CUT] > 0
        self.sections = {s.number for s in report.sections}
        t2 = report.active_disclosure
        read = {
            f"t2.{name}"
            for name in ("regulations", "normative_documents")
            if any(v is not None for v in getattr(t2, name).values())
        }
        read |= {f"t2.{name}" for name in t2.SINGLE_FIELDS if getattr(t2, name) is not None}
        read |= {
            f"t3.{name}"
            for name, row in report.applications.rows()
            if any(v is not None for v in row.values())
        }
        t4 = report.review_litigation
        read |= {
            f"t4.{g}"
            for g in ("review", "litigation_direct", "litigation_after_review")
            if any(v is not None for v in getattr(t4, g).values())
        }
        self.read_rows = read
        self.tables_read = {key.split(".")[0] for key in read}

    def later_section(self, number: int) -> bool:
        return any(n > number for n in self.sections)

    def earlier_section(self, number: int) -> bool:
        return any(n < number for n in self.sections)

    def earlier_row(self, table: str, row: str) -> bool:
        rows = T2_ROWS if table == "t2" else T3_ROWS if table == "t3" else ()
        before = rows[: rows.index(row)] if row in rows else ()
        order = ("t2", "t3", "t4")
        earlier_tables = order[: order.index(table)] if table in order else ()
        return any(f"{table}.{r}" in self.read_rows for r in before) or any(
            t in self.tables_read for t in earlier_tables
        )

    def unknown(self, table: str, row: str | None) -> bool:
        """Whether a missing row (or table, when ``row`` is None) may lie outside the text."""
        after_end = self.cut and not (row and self.later_row(table, row)) and not self.later_table(table)
        before_start = self.start_cut and not (row and self.earlier_row(table, row))
        return after_end or before_start

    def later_table(self, table: str) -> bool:
        order = ("t2", "t3", "t4")
        later = order[order.index(table) + 1 :]
        return any(t in self.tables_read for t in later) or self.later_section(TABLE_SECTION[table])

    def later_row(self, table: str, row: str) -> bool:
        rows = T2_ROWS if table == "t2" else T3_ROWS if table == "t3" else ()
        after = rows[rows.index(row) + 1 :] if row in rows else ()
        prefix = "t2." if table == "t2" else f"{table}."
        return any(f"{prefix}{r}" in self.read_rows for r in after) or self.later_table(table)


def check_structure(report: Report) -> Iterator[Finding]:
    shape = _Shape(report)
    yield from _sections(report, shape)
    yield from _tables(report, shape)
    yield from _labels(report)
    yield from _format(report)
    yield from _title_year(report)


def _sections(report: Report, shape: _Shape) -> Iterator[Finding]:
    for diagnostic in report.diagnostics:
        if diagnostic.code == Code.SECTION_OUT_OF_ORDER and diagnostic.expected:
            number = next((n for n, name in SECTION_NAMES.items() if name == diagnostic.expected[0]), None)
            yield Finding(
                SECTION_ORDER.id,
                "error",
                f"“{diagnostic.expected[0]}”出现在应排在它前面的部分之前",
                "this section stands before a section that should precede it",
                section=number,
                expected=diagnostic.expected[0],
                span=diagnostic.span,
            )
    out_of_order = {
        d.expected[0] for d in report.diagnostics if d.code == Code.SECTION_OUT_OF_ORDER and d.expected
    }
    for number, name in SECTION_NAMES.items():
        if number in shape.sections or name in out_of_order:
            continue
        outside = (not shape.later_section(number) and shape.cut) or (
            not shape.earlier_section(number) and shape.start_cut
        )
        if outside:
            yield Finding(
                SECTION_MISSING.id,
                "incomplete",
                f"文本不完整（在此部分之外中断），无法确认是否缺少“{name}”",
                "the text is cut where this section would be; whether it is missing is unknown",
                section=number,
            )
            continue
        yield Finding(
            SECTION_MISSING.id,
            "error",
            f"缺少“{name}”部分",
            f"section {number} ({name}) is missing",
            section=number,
            expected=name,
        )


def _tables(report: Report, shape: _Shape) -> Iterator[Finding]:
    by_code: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        by_code.setdefault(diagnostic.code, []).append(diagnostic)
    yield from _missing_tables(by_code, shape)
    column_problem: set[str] = set()
    yield from _column_changes(by_code, column_problem)
    yield from _rows(report, shape, by_code, column_problem)


def _missing_tables(by_code: dict[str, list[Diagnostic]], shape: _Shape) -> Iterator[Finding]:
    missing_tables: set[str] = set()
    for diagnostic in by_code.get(Code.TABLE_MISSING, []) + by_code.get(Code.TABLES_MISSING, []):
        missing_tables.update([diagnostic.key] if diagnostic.key in TABLE_NAME else TABLE_NAME)
    if by_code.get(Code.TABLES_UNREADABLE):
        # The parser failed on the tables: whether they are there is not known.
        for table in sorted(TABLE_NAME):
            yield Finding(
                FINDING_FOR_CODE[Code.TABLES_UNREADABLE].id,
                "incomplete",
                f"{TABLE_NAME[table]}所在文字未能读取（解析器内部错误），无法核对",
                "the text where the table stands could not be read (a parser failure): it cannot be checked",
                table=table,
                span=by_code[Code.TABLES_UNREADABLE][0].span,
            )
    for table in sorted(missing_tables):
        if shape.unknown(table, None):
            yield Finding(
                TABLE_MISSING.id,
                "incomplete",
                f"文本不完整（在{TABLE_NAME[table]}处中断），无法确认是否缺表",
                "the text is cut where this table would be; whether it is missing is unknown",
                table=table,
            )
        else:
            yield Finding(
                TABLE_MISSING.id, "error", f"缺少{TABLE_NAME[table]}", "the table is missing", table=table
            )


def _column_changes(by_code: dict[str, list[Diagnostic]], column_problem: set[str]) -> Iterator[Finding]:
    """TABLE_COLS: a column deleted or added shows as every row having the same wrong number
    of cells. The keys of the rows that explains go into ``column_problem``."""
    counts = [d for d in by_code.get(Code.CELL_COUNT, []) if d.key and d.key.startswith("t3.") and d.count]
    widths = Counter(d.count for d in counts)
    side_by_side = widths.get(14, 0) >= 5
    if side_by_side:
        # Two tables 三 printed side by side: a comparison of two reports, not one report.
        # Its other row findings are consequences of that and are not repeated.
        consequences = by_code.get(Code.CELL_COUNT, []) + by_code.get(Code.ROW_MISSING, [])
        column_problem.update(d.key for d in consequences if d.key)
        yield Finding(
            TABLE_COLS.id,
            "error",
            f"{widths[14]} 行各有 14 个数字，恰为两份表三并排：这更像两个年度报告的对比文档，而非一份年报",
            f"{widths[14]} rows have 14 numbers, two tables 3 side by side: this looks like a comparison "
            "of two reports, not one report",
            table="t3",
            expected=7,
            actual=14,
        )
    for width, rows in widths.items():
        if side_by_side:
            break
        if rows >= 5 and width != 7:
            column_problem.update(d.key for d in counts if d.count == width and d.key)
            change = "删除" if width is not None and width < 7 else "增加"
            yield Finding(
                TABLE_COLS.id,
                "error",
                f"{rows} 行各有 {width} 个数字，而表三规定为 7 列"
                f"（自然人、五类法人或其他组织、总计）：可能{change}了栏目",
                f"{rows} rows have {width} numbers each where the table has 7 columns: a column was "
                f"{'deleted' if change == '删除' else 'added'}",
                table="t3",
                expected=7,
                actual=width,
            )


def _rows(
    report: Report, shape: _Shape, by_code: dict[str, list[Diagnostic]], column_problem: set[str]
) -> Iterator[Finding]:
    """TABLE_ROWS. Text whose separators were lost, or whose cells came out interleaved with
    the header, cannot show whether a row is really missing: its row findings are incomplete."""
    unreadable = {d.key.split(".")[0] for d in report.diagnostics if d.code in _TANGLED and d.key}
    tangled: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.diagnostics:
        if diagnostic.code in _TANGLED and diagnostic.key:
            tangled.setdefault(diagnostic.key.split(".")[0], []).append(diagnostic)
    for table, found in tangled.items():
        how = (
            "数字之间没有分隔（数字连在一起）"
            if found[0].code == Code.DIGITS_RUN_TOGETHER
            else "数字与表头文字交错"
        )
        tangled_rows = [ROW_ZH.get(d.key.partition(".")[2], "表四") for d in found if d.key]
        yield Finding(
            TABLE_ROWS.id,
            "incomplete",
            f"文本中{how}，无法分辨以下各行的各栏数字：{'、'.join(tangled_rows)}",
            f"the numbers of {len(tangled_rows)} rows cannot be told apart in this text "
            "(run together, or interleaved with the header)",
            table=table,
            span=found[0].span,
        )
    # Rows outside a cut text: one finding per table, not one per row.
    outside: dict[str, list[str]] = {}
    for diagnostic in by_code.get(Code.ROW_MISSING, []) + by_code.get(Code.CELL_COUNT, []):
        if not diagnostic.key or diagnostic.key in column_problem:
            continue
        table, _, row = diagnostic.key.partition(".")
        if table == "t4":
            row_text, row_key = "表四的数字", None
        else:
            row_text, row_key = f"“{ROW_ZH.get(row, row)}”行", row
        if diagnostic.code == Code.ROW_MISSING:
            zh, en = f"缺少{row_text}", "the row is missing"
        else:
            zh = f"{row_text}有 {diagnostic.count} 个数字，与栏目数不符，未能读取"
            en = f"the row has {diagnostic.count} numbers, not one per column; it was not read"
        if shape.unknown(table, row_key) or table in unreadable:
            outside.setdefault(table, []).append(ROW_ZH.get(row, row) if row_key else "表四")
        else:
            yield Finding(
                TABLE_ROWS.id,
                "error",
                zh,
                en,
                table=table,
                row=row_key,
                expected=diagnostic.expected[0] if diagnostic.expected else None,
                actual=diagnostic.count,
                span=diagnostic.span,
            )
    for table, names in outside.items():
        yield Finding(
            TABLE_ROWS.id,
            "incomplete",
            f"文本不完整或数字无法分辨，以下各行无法核对：{'、'.join(names)}",
            f"the text is cut or its numbers cannot be told apart: {len(names)} rows cannot be checked",
            table=table,
        )


def _labels(report: Report) -> Iterator[Finding]:
    for diagnostic in report.diagnostics:
        if diagnostic.code != Code.LABEL_VARIANT or not diagnostic.expected:
            continue
        table, _, rest = (diagnostic.key or "").partition(".")
        yield Finding(
            LABEL_VARIANT.id,
            "warning",
            f"栏目印作“{diagnostic.printed}”，规定为“{diagnostic.expected[0]}”",
            f"the label is printed {diagnostic.printed!r}; the format has {diagnostic.expected[0]!r}",
            table=table or None,
            row=rest or None,
            expected=diagnostic.expected[0],
            actual=diagnostic.printed,
            span=diagnostic.span,
        )


def _format(report: Report) -> Iterator[Finding]:
    if report.format != "2019":
        return
    old = next((d for d in report.diagnostics if d.code == Code.OLD_FORMAT), None)
    span = old.span if old else None
    if report.year is not None and report.year >= 2021:
        yield Finding(
            FORMAT_OUTDATED.id,
            "error",
            f"{report.year} 年度报告仍使用 2019 年格式（国办公开办函〔2019〕60号，如“本年新制作数量”"
            "“上一年项目数量”“第二十条第（九）项”），应使用国办公开办函〔2021〕30号格式",
            f"a {report.year} report in the 2019 format; reports for 2021 on use the 2021 format",
            table="t2",
            expected="2021",
            actual="2019",
            span=span,
        )
    else:
        yield Finding(
            FORMAT_2019.id,
            "info",
            "本报告使用 2019 年格式（国办公开办函〔2019〕60号），表二按该格式读取",
            "the report uses the 2019 format; its table 2 is read as that format's table",
            table="t2",
            actual="2019",
            span=span,
        )


def _title_year(report: Report) -> Iterator[Finding]:
    title_year = YEAR.search(report.title or "")
    if not title_year:
        return
    first = report.section(1)
    text = report.preamble + "\n" + (first.text if first else "")
    period = STATISTICS_PERIOD.search(re.sub(r"\s+", "", text))
    if not period:
        return
    stated = {int(y) for y in period.groups() if y}
    year = int(title_year.group(1))
    if stated != {year}:
        shown = "、".join(str(y) for y in sorted(stated))
        yield Finding(
            TITLE_YEAR.id,
            "warning",
            f"标题为 {year} 年度，而统计期限为 {shown} 年：“{period.group(0)}”",
            f"the title says {year}, the statistics period says {shown}",
            section=1,
            expected=year,
            actual=shown,
        )


__all__ = ["COLUMN_ZH", "check_structure"]
