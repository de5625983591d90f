"""What validation returns: findings that point at a table cell or a section, in Chinese and English."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Literal, TypeAlias

import attrs

from ..formats import FORMAT_2019, FORMAT_2021
from ..model import Span
from ..parsing.sections import SECTION_NAMES

__all__ = ["Finding", "FindingSeverity", "Validation", "place_en", "place_zh"]

FindingSeverity: TypeAlias = Literal["error", "warning", "incomplete", "info"]
Value: TypeAlias = int | Decimal | str | None

TABLE_ZH = {table.key: table.number for table in FORMAT_2021.tables}
TABLE_EN = {"t2": "Table 2", "t3": "Table 3", "t4": "Table 4"}


def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Row key -> its name, column key -> its name, from the formats (2021's where both
    formats have the key: it is the format in force)."""
    rows: dict[str, str] = {}
    columns: dict[str, str] = {}
    for template in (FORMAT_2019, FORMAT_2021):
        for table in template.tables:
            for row in table.rows:
                rows[row.key] = row.label.name
                columns.update({c.key: c.label.name for c in row.columns if c.key is not None})
    return rows, columns


ROW_ZH, COLUMN_ZH = _names()


def _row_en(row: str) -> str:
    return row.replace("_", " ")


def place_zh(table: str | None, row: str | None, column: str | None, section: int | None) -> str:
    """Where a finding points, as an evaluator writes it: 表三 （七）总计行 自然人列."""
    if table is None:
        return SECTION_NAMES.get(section or 0, "报告") if section else "报告"
    parts = [TABLE_ZH[table]]
    if row is not None:
        parts.append(f"{ROW_ZH.get(row, row)}{'' if table == 't4' else '行'}")
    if column is not None:
        parts.append(f"{COLUMN_ZH.get(column, column)}列")
    return " ".join(parts)


def place_en(table: str | None, row: str | None, column: str | None, section: int | None) -> str:
    if table is None:
        return f"section {section}" if section else "report"
    parts = [TABLE_EN[table]]
    if row is not None:
        parts.append(f"row {_row_en(row)}")
    if column is not None:
        parts.append(f"column {_row_en(column)}")
    return ", ".join(parts)


@attrs.frozen
class Finding:
    """One problem found in a report, and where: a cell of a table (the keys of cells.md) or
    a section. ``expected`` and ``actual`` are the two sides that should agree."""

    rule: str
    severity: FindingSeverity
    message_zh: str
    message_en: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: int | None = None
    expected: Value = None
    actual: Value = None
    span: Span | None = None

    @property
    def place_zh(self) -> str:
        return place_zh(self.table, self.row, self.column, self.section)

    @property
    def place_en(self) -> str:
        return place_en(self.table, self.row, self.column, self.section)

    @property
    def key(self) -> str | None:
        """The cell key (``t3.total_processed.natural_person``) when the finding is one cell."""
        if self.table and self.row and self.column:
            return f"{self.table}.{self.row}.{self.column}"
        if self.table == "t2" and self.row and not self.column:
            return f"t2.{self.row}"
        return None

    def line(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The one-line form ``check`` prints: place, then the message."""
        if lang == "en":
            return f"{self.severity}: {self.place_en}{self._in_file(lang)}: {self.message_en} [{self.rule}]"
        severity = {"error": "错误", "warning": "警告", "incomplete": "无法核对", "info": "提示"}[
            self.severity
        ]
        return f"{severity} {self.place_zh}{self._in_file(lang)}：{self.message_zh} [{self.rule}]"

    def _in_file(self, lang: Literal["zh", "en"]) -> str:
        """Where the finding points in the file the user has: a PDF's page, a DOCX's table cell."""
        span = self.span
        if span is not None and span.on_page is not None:
            page = span.on_page.page
            return f" (page {page})" if lang == "en" else f"（第{page}页）"
        if span is not None and span.in_table is not None:
            table, row, column = span.in_table.table, span.in_table.row, span.in_table.column
            if lang == "en":
                return f" (table {table}, row {row}, column {column})"
            return f"（第{table}个表格第{row}行第{column}列）"
        return ""

    def __str__(self) -> str:
        return self.line("zh")


def _finding_tuple(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


@attrs.frozen
class Validation:
    """The findings of one validation run, split by severity; ``ok`` when there is no error."""

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_finding_tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def incomplete(self) -> tuple[Finding, ...]:
        """Checks that could not be made because numbers they need were not read."""
        return tuple(f for f in self.findings if f.severity == "incomplete")

    @property
    def ok(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def summary(self, lang: Literal["zh", "en"] = "zh") -> str:
        counts = (len(self.errors), len(self.warnings), len(self.incomplete))
        if lang == "en":
            return f"{counts[0]} errors, {counts[1]} warnings, {counts[2]} checks incomplete"
        return f"错误 {counts[0]} 项，警告 {counts[1]} 项，无法核对 {counts[2]} 项"
