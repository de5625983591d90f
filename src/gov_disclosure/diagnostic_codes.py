"""Every code a ``Diagnostic`` may carry, in one typed registry.

The parser notes what it absorbed, could not read or found missing as a ``Diagnostic`` with
one of these codes; validation turns most of them into findings
(``gov_disclosure.validation.FINDING_FOR_CODE``) and says why it leaves the others alone
(``NOT_A_FINDING``). A ``StrEnum`` member *is* its string, so ``Diagnostic("cut-number", …)``
and ``Diagnostic(DiagnosticCode.CUT_NUMBER, …)`` are the same diagnostic, and a code read
back from JSON compares equal to its member; but a misspelt member is an error where a
misspelt string would have switched a check off.

Each member's docstring says what it means and its usual severity (``SEVERITY``).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from .model import Severity

__all__ = ["SEVERITY", "DiagnosticCode"]


class DiagnosticCode(enum.StrEnum):
    # --------------------------------------------------------------- the input as a file

    CHARSET_OVERRULED = "charset-overruled"
    """warning. An HTML page declares a charset its bytes are not in; it was decoded as what
    its bytes are (valid UTF-8 is UTF-8 whatever the page says)."""

    SOURCE_READ_AROUND = "source-read-around"
    """warning. A document file held something its reader worked around (a DOCX's tracked
    changes read as accepted, nested tables, an embedded chunk it cannot read); the diagnostic
    says what."""

    CUT_CHARACTER = "cut-character"
    """warning. The input ends inside a UTF-8 character (a truncated download); the bytes of
    that character were dropped."""

    INPUT_CUT = "input-cut"
    """info. The text ends mid-sentence: it may have been cut short, so what should come after
    is not known to be missing."""

    INPUT_STARTS_CUT = "input-starts-cut"
    """info. The text starts inside a table, not at the report's beginning."""

    SEVERAL_REPORTS = "several-reports"
    """warning. The file holds more than one report; the second and later are not read."""

    NOT_A_REPORT = "not-a-report"
    """error. The document is not a government information-disclosure annual report."""

    # --------------------------------------------------------------- text absorbed

    JUNK = "junk"
    """info. Layout debris (page numbers, bookmarks, site chrome) blanked before parsing."""

    PROSE_BLANKED = "prose-blanked"
    """info. A sentence of prose inside a table region (``注：…。``) was skipped; the
    diagnostic quotes it."""

    LABEL_FRAGMENT = "label-fragment"
    """info. A piece of a label of the format, left over where PDF text broke a header or row
    label into pieces ('商业企' of 商业企业); it is layout, not unexpected text."""

    UNIT_IN_CELL = "unit-in-cell"
    """info. An amount printed with its unit inside its cell ('75394432.52元', the 2019
    procurement amount); the amount is read as printed and the diagnostic names the unit. A
    unit on a count, or one the column's own unit contradicts, is text (``glued-digits``)."""

    UNEXPECTED_TEXT = "unexpected-text"
    """warning. Text inside a table that is not a label of the format was skipped."""

    GLUED_DIGITS = "glued-digits"
    """warning. Digits glued to text (``注1``, ``（2023年）``, ``5万元``) were read as text,
    not as cells."""

    YEAR_FROM_TEXT = "year-from-text"
    """info. Neither the title nor the statistics period gives the year; it is the first year
    section 一 names."""

    # --------------------------------------------------------------- sections and format

    SECTION_MISSING = "section-missing"
    """warning. One of the six mandated section headings was not found."""

    SECTION_OUT_OF_ORDER = "section-out-of-order"
    """warning. A section heading stands before a section that should precede it."""

    OLD_FORMAT = "old-format"
    """info. The tables are in the 2019 format (国办公开办函〔2019〕60号): read with that
    format's grammar (``report.format == "2019"``); validation says whether the year should have
    used the 2021 format (FORMAT_OUTDATED)."""

    # --------------------------------------------------------------- tables

    TABLES_MISSING = "tables-missing"
    """warning. None of the three tables was found."""

    TABLE_MISSING = "table-missing"
    """warning. One table (``key`` t2, t3 or t4) was not found."""

    EXTRA_TABLE = "extra-table"
    """warning. A table the format does not have (五、信息处理费收取情况) stands among the
    mandated ones; it is kept aside in ``report.extra_tables``."""

    TABLES_REGION_TOO_LARGE = "tables-region-too-large"
    """warning. The text where the tables stand is far larger than three tables need; only its
    start was read for tables."""

    TABLES_UNREADABLE = "tables-unreadable"
    """error. The table grammar failed on the region (never expected: every element of the
    grammar is optional); no table was read."""

    # --------------------------------------------------------------- rows and labels

    LABEL_VARIANT = "label-variant"
    """warning. A row label printed otherwise than the format has it (``printed`` and
    ``expected``) was matched to the mandated label."""

    LABEL_MISSING = "label-missing"
    """warning. A row's numbers were found but not its label (``7.属于行政执法案卷``
    deleted); the row was placed by the mandated order."""

    ROW_MISSING = "row-missing"
    """warning. A mandated row (``key``) was not found."""

    ROWS_BY_ORDER = "rows-by-order"
    """warning. Labels were missing before their numbers, and the numbers after the row
    ``key`` were placed in the mandated row order (``expected``: the labels not found)."""

    CELL_COUNT = "cell-count"
    """warning. A row (or 表四) has a number of numbers (``count``) other than its columns;
    it is not read."""

    DIGITS_RUN_TOGETHER = "digits-run-together"
    """warning. A row's digits ran together without separators (crawler text) and the
    evidence leaves more than one reading of some of its cells (``expected``: the readings,
    ``5|0|5``), or none; those cells are not read. Without a key: the table-wide search said
    why it decided less (a bound hit, the column identities admitting no reading)."""

    DIGITS_SPLIT = "digits-split"
    """warning. A row's digits ran together without separators, and the table's own evidence
    decides some of its cells: they are read, placed ``digits_split`` (``expected``: the rules
    whose sums chose the split, so they cannot check it; empty when the digits alone did)."""

    CELLS_INTERLEAVED = "cells-interleaved"
    """warning. 表四's 15 numbers are interleaved with its header so that no single placement
    fits; it is not read."""

    CELLS_PLACED_BY_SUMS = "cells-placed-by-sums"
    """warning. 表四's numbers, interleaved with its header, were placed by its group sums:
    the only placement that fits, but the sum rule cannot check them."""

    STRAY_NUMBERS = "stray-numbers"
    """warning. Numbers that belong to no row of the format; they are not read."""

    # --------------------------------------------------------------- cells

    BLANK_CELL = "blank-cell"
    """warning. A cell holds no number (blank, ``/``, ``—``, ``无``)."""

    NOT_INTEGER = "not-integer"
    """warning. A count is printed with decimals (``12.5``); it is not read."""

    NUMBER_TOO_LONG = "number-too-long"
    """warning. A number longer than any count or amount a report holds; it is not read."""

    CUT_NUMBER = "cut-number"
    """warning. The input ends inside or right after a number, which may have been cut; it is
    not read (unless the table's identity shows it whole: the cell's placement is then
    ``kept_by_identity``, and no diagnostic is made)."""


_SEVERITY: dict[DiagnosticCode, Severity] = {
    DiagnosticCode.CHARSET_OVERRULED: "warning",
    DiagnosticCode.SOURCE_READ_AROUND: "warning",
    DiagnosticCode.CUT_CHARACTER: "warning",
    DiagnosticCode.INPUT_CUT: "info",
    DiagnosticCode.INPUT_STARTS_CUT: "info",
    DiagnosticCode.SEVERAL_REPORTS: "warning",
    DiagnosticCode.NOT_A_REPORT: "error",
    DiagnosticCode.JUNK: "info",
    DiagnosticCode.LABEL_FRAGMENT: "info",
    DiagnosticCode.UNIT_IN_CELL: "info",
    DiagnosticCode.PROSE_BLANKED: "info",
    DiagnosticCode.UNEXPECTED_TEXT: "warning",
    DiagnosticCode.GLUED_DIGITS: "warning",
    DiagnosticCode.YEAR_FROM_TEXT: "info",
    DiagnosticCode.SECTION_MISSING: "warning",
    DiagnosticCode.SECTION_OUT_OF_ORDER: "warning",
    DiagnosticCode.OLD_FORMAT: "info",
    DiagnosticCode.TABLES_MISSING: "warning",
    DiagnosticCode.TABLE_MISSING: "warning",
    DiagnosticCode.EXTRA_TABLE: "warning",
    DiagnosticCode.TABLES_REGION_TOO_LARGE: "warning",
    DiagnosticCode.TABLES_UNREADABLE: "error",
    DiagnosticCode.LABEL_VARIANT: "warning",
    DiagnosticCode.LABEL_MISSING: "warning",
    DiagnosticCode.ROW_MISSING: "warning",
    DiagnosticCode.ROWS_BY_ORDER: "warning",
    DiagnosticCode.CELL_COUNT: "warning",
    DiagnosticCode.DIGITS_RUN_TOGETHER: "warning",
    DiagnosticCode.DIGITS_SPLIT: "warning",
    DiagnosticCode.CELLS_INTERLEAVED: "warning",
    DiagnosticCode.CELLS_PLACED_BY_SUMS: "warning",
    DiagnosticCode.STRAY_NUMBERS: "warning",
    DiagnosticCode.BLANK_CELL: "warning",
    DiagnosticCode.NOT_INTEGER: "warning",
    DiagnosticCode.NUMBER_TOO_LONG: "warning",
    DiagnosticCode.CUT_NUMBER: "warning",
}
SEVERITY: Mapping[DiagnosticCode, Severity] = MappingProxyType(_SEVERITY)
"""The severity each code is emitted with."""
