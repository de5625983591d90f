"""The three tables of a batch, their columns and types, and the rows of one report.

- ``CELL_COLUMNS``: one row per report per cell (``to_frame``'s columns too).
- ``FINDING_COLUMNS``: one row per finding of validation, the cross-year rules' included.
- ``FAILURE_COLUMNS``: one row per file that gave no report, and why.

Each column has one type in every output: ``string``, ``int64`` or ``float64`` (Parquet's
types, pandas' nullable ``string``, ``Int64``, ``Float64``); any value may be missing (null;
an empty field in CSV). Rows are plain tuples in column order: cheap to send from a worker
process, and written as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Literal, TypeAlias

import attrs

from ..model import CellValue, Placement, Report
from ..validation.findings import Finding, place_zh
from .items import Failed

__all__ = [
    "CELL_COLUMNS",
    "FAILURE_COLUMNS",
    "FINDING_COLUMNS",
    "Column",
    "Row",
    "cell_fields",
    "cell_rows",
    "failure_row",
    "finding_rows",
    "report_id",
]

ColumnType: TypeAlias = Literal["string", "int64", "float64"]
Row: TypeAlias = tuple[Any, ...]


@attrs.frozen
class Column:
    name: str
    type: ColumnType
    meaning: str
    # One value for all the rows of a report (its id, its file, its agency): the leading
    # columns of a table, which a Parquet writer stores once per report (writers.ParquetRows).
    per_report: bool = False

    @property
    def pandas_dtype(self) -> str:
        return {"string": "string", "int64": "Int64", "float64": "Float64"}[self.type]


_REPORT = (
    Column(
        "report_id",
        "string",
        "the report: its path; sha256:<hash> when parsed from text or bytes",
        per_report=True,
    ),
)
CELL_COLUMNS: tuple[Column, ...] = (
    *_REPORT,
    Column("path", "string", "the file it was read from", per_report=True),
    Column("sha256", "string", "SHA-256 of what was read", per_report=True),
    Column("file_kind", "string", "which reader read it: text, html, pdf or docx", per_report=True),
    Column("format", "string", "the template: 2021, 2019 or unknown", per_report=True),
    Column("title", "string", "the report's title", per_report=True),
    Column("agency", "string", "the agency that wrote it", per_report=True),
    Column("year", "int64", "the year it reports on", per_report=True),
    Column("table", "string", "t2, t3 or t4"),
    Column("row", "string", "the row's key"),
    Column("column", "string", "the column's key (none for 表二)"),
    Column("key", "string", "the cell key (cells.md)"),
    Column("value", "int64", "the count printed; none where no number was read, and for the fee"),
    Column("amount_10k_yuan", "float64", "the fee (t2.fees_10k_yuan), in 万元"),
    Column("label_zh", "string", "the cell's place, as an evaluator writes it"),
    Column("line", "int64", "where the number stands in the text read: line"),
    Column("column_no", "int64", "and column (1-based)"),
    Column("placed_by", "string", "how the number was placed: row, or an inference (PLACEMENTS)"),
)
FINDING_COLUMNS: tuple[Column, ...] = (
    *_REPORT,
    Column(
        "compared_with", "string", "for a cross-year rule: the previous year's report_id", per_report=True
    ),
    Column("rule", "string", "the rule's id (RULES)"),
    Column("severity", "string", "error, warning, incomplete or info"),
    Column("table", "string", "t2, t3 or t4, where the finding is in a table"),
    Column("row", "string", "the row's key"),
    Column("column", "string", "the column's key"),
    Column("section", "int64", "the section (1-6), where the finding is about one"),
    Column("place_zh", "string", "where, as an evaluator writes it"),
    Column("expected", "string", "the value the rule expects"),
    Column("actual", "string", "the value printed"),
    Column("line", "int64", "where in the text read: line"),
    Column("message_zh", "string", "the finding, in Chinese"),
    Column("message_en", "string", "the finding, in English"),
)
FAILURE_COLUMNS: tuple[Column, ...] = (
    *_REPORT,
    Column("sha256", "string", "SHA-256 of the file, where it could be read"),
    Column("reason", "string", "why it gave no report: InputErrorReason, or internal-error"),
    Column("message", "string", "the message that says so"),
)


def report_id(report: Report, position: int) -> str:
    """``report.source.id``; for a report built in code (no source), ``#<position>``."""
    return report.source.id if report.source is not None else f"#{position}"


CellFields: TypeAlias = tuple[
    str, str, str | None, str, CellValue, str, int | None, int | None, Placement | None
]


@functools.cache
def _place(key: str) -> tuple[str, str, str | None, str]:
    """A cell key's table, row, column and label_zh: the same for every report, made once."""
    table, row, *rest = key.split(".")
    column = rest[0] if rest else None
    return table, row, column, place_zh(table, row, column, None)


def cell_fields(report: Report) -> Iterator[CellFields]:
    """Each cell of the report in its format's order: table, row, column, key, value (the fee
    a ``Decimal``), label_zh, line, column_no, placed_by."""
    placements = report._all_placements()
    for (key, value, span), (_, placed) in zip(report._all_cells(), placements, strict=True):
        table, row, column, label = _place(key)
        line, column_no = (span.line, span.column) if span else (None, None)
        yield table, row, column, key, value, label, line, column_no, placed


def cell_rows(report: Report, rid: str) -> list[Row]:
    """The report's cells, one row each, in ``CELL_COLUMNS`` order."""
    source = report.source
    head = (
        rid,
        source.path if source else None,
        source.sha256 if source else None,
        source.kind if source else None,
        report.format,
        report.title,
        report.agency,
        report.year,
    )
    rows = []
    for table, row, column, key, value, label, line, column_no, placed in cell_fields(report):
        fee = float(value) if isinstance(value, Decimal) else None
        count = None if fee is not None else value
        rows.append((*head, table, row, column, key, count, fee, label, line, column_no, placed))
    return rows


def _text(value: object) -> str | None:
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def finding_rows(findings: Iterable[Finding], rid: str, compared_with: str | None = None) -> list[Row]:
    """Findings, one row each, in ``FINDING_COLUMNS`` order."""
    rows = []
    for finding in findings:
        rows.append(
            (
                rid,
                compared_with,
                finding.rule,
                finding.severity,
                finding.table,
                finding.row,
                finding.column,
                finding.section,
                finding.place_zh,
                _text(finding.expected),
                _text(finding.actual),
                finding.span.line if finding.span else None,
                finding.message_zh,
                finding.message_en,
            )
        )
    return rows


def failure_row(failed: Failed) -> Row:
    return (failed.id, failed.sha256, failed.reason, failed.message)
