"""Findings from what the parser noted, and from how it placed each number.

NOT_A_REPORT, SEVERAL_REPORTS, EXTRA_TABLE, UNEXPECTED_TEXT, LABEL_MISSING, NOT_INTEGER,
CELL_TOO_LONG; and the numbers that rest on inference rather than on a label beside them:
PLACED_BY_ORDER, PLACED_BY_SUMS, KEPT_BY_IDENTITY. Each diagnostic's rule is looked up in
``FINDING_FOR_CODE``, so the registry and the findings cannot drift apart.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from ..diagnostic_codes import DiagnosticCode
from ..model import Diagnostic, Report, Span
from .findings import ROW_ZH, Finding, FindingSeverity, place_en, place_zh
from .rules import FINDING_FOR_CODE, KEPT_BY_IDENTITY, RULES

__all__ = ["check_diagnostics", "not_a_report", "placed_by_sums", "split_by_sums"]

# The text a diagnostic's message quotes (``parsing.noise.quoted``: a repr after ': '), for the
# diagnostics that do not carry it in ``printed``.
_QUOTED = re.compile(r"""(?<=: )('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""")
_SHOWN = 10  # places a finding lists before it says how many more


def _of(report: Report, code: DiagnosticCode) -> list[Diagnostic]:
    return [d for d in report.diagnostics if d.code == code]


def _printed(diagnostic: Diagnostic) -> str | None:
    """The source text a diagnostic is about: ``printed``, else the text its message quotes."""
    if diagnostic.printed is not None:
        return diagnostic.printed
    match = _QUOTED.search(diagnostic.message)
    if match is None:
        return None
    try:
        text = ast.literal_eval(match.group(1))
    except (ValueError, SyntaxError):
        return None
    return text if isinstance(text, str) else None


def _where(diagnostic: Diagnostic) -> tuple[str, str] | None:
    """A diagnostic's place in a list, in Chinese and English: the text quoted, else its line."""
    text = _printed(diagnostic)
    if text is not None:
        return f"“{text}”", repr(text)
    if diagnostic.span is not None:
        return f"第 {diagnostic.line} 行", f"line {diagnostic.line}"
    return None


def _how_many(diagnostics: Iterable[Diagnostic]) -> int:
    """How many places: one per diagnostic, and for the one that counts those not listed
    (no span, a count), its count."""
    return sum(d.count if d.span is None and d.count is not None else 1 for d in diagnostics)


def _listed(diagnostics: list[Diagnostic]) -> tuple[str, str]:
    places = [w for w in map(_where, diagnostics) if w is not None]
    zh = "、".join(p[0] for p in places[:_SHOWN])
    en = ", ".join(p[1] for p in places[:_SHOWN])
    more = _how_many(diagnostics) - min(len(places), _SHOWN)
    if more > 0 and places:
        zh, en = f"{zh}等（另有 {more} 处）", f"{en} and {more} more"
    return zh, en


def _first_span(diagnostics: list[Diagnostic]) -> Diagnostic | None:
    return next((d for d in diagnostics if d.span is not None), None)


def _split(key: str | None) -> tuple[str | None, str | None, str | None]:
    """(table, row, column) of a cell, row or table key; the parts a key lacks are None."""
    if not key:
        return None, None, None
    parts = key.split(".")
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


# ----------------------------------------------------------------------------- the document


def not_a_report(report: Report) -> Finding | None:
    """The one finding for a document that is not an annual report: nothing else is checked
    (nine missing sections and tables would be charged to an agency that wrote no report)."""
    return _once(
        report, DiagnosticCode.NOT_A_REPORT, "error", "不是政府信息公开工作年度报告", "not an annual report"
    )


def _once(
    report: Report, code: DiagnosticCode, severity: FindingSeverity, zh: str, en: str
) -> Finding | None:
    """One finding for a code the parser notes at most once per report, at its place."""
    found = _of(report, code)
    if not found:
        return None
    return Finding(FINDING_FOR_CODE[code].id, severity, zh, en, span=found[0].span)


def check_diagnostics(report: Report) -> Iterator[Finding]:
    yield from _several_reports(report)
    yield from _extra_tables(report)
    yield from _unexpected_text(report)
    yield from _labels_missing(report)
    yield from _cells_not_read(report)
    yield from _by_order(report)
    yield from _by_sums(report)
    yield from _by_digits(report)
    yield from _kept_by_identity(report)


def _several_reports(report: Report) -> Iterator[Finding]:
    finding = _once(
        report,
        DiagnosticCode.SEVERAL_REPORTS,
        "warning",
        "文件中含有不止一份年度报告，只读取并核对了第一份；其余各份请分开后分别核对",
        "the file holds more than one report; only the first was read and checked",
    )
    if finding is not None:
        yield finding


def _extra_tables(report: Report) -> Iterator[Finding]:
    rule = FINDING_FOR_CODE[DiagnosticCode.EXTRA_TABLE]
    # The tables kept aside; for a report built without them, the parser's notes of them.
    tables: list[tuple[str | None, Span | None]] = [(t.heading, t.span) for t in report.extra_tables] or [
        (_printed(d), d.span) for d in _of(report, DiagnosticCode.EXTRA_TABLE)
    ]
    for heading, span in tables:
        named_zh, named_en = (f"“{heading}”", f", {heading!r},") if heading else ("", "")
        yield Finding(
            rule.id,
            "warning",
            f"有规定格式以外的表格{named_zh}，已另行保存，未作核对",
            f"a table the format does not have{named_en} is kept aside, unchecked",
            actual=heading,
            span=span,
        )


def _unexpected_text(report: Report) -> Iterator[Finding]:
    kinds = (
        (
            DiagnosticCode.UNEXPECTED_TEXT,
            "表格中有 {n} 处规定格式以外的文字，已跳过",
            "{n} piece(s) of text in the tables are not labels of the format and were skipped",
        ),
        (
            DiagnosticCode.GLUED_DIGITS,
            "表格中有 {n} 处与文字相连的数字，按文字处理，未读作单元格",
            "{n} number(s) glued to text were read as text, not as cells",
        ),
        (
            DiagnosticCode.STRAY_NUMBERS,
            "表格中有 {n} 处数字不属于规定格式的任何一行，未读取",
            "{n} run(s) of numbers belong to no row of the format and were not read",
        ),
    )
    for code, zh, en in kinds:
        found = _of(report, code)
        if not found:
            continue
        places_zh, places_en = _listed(found)
        first = _first_span(found)
        n = _how_many(found)
        yield Finding(
            FINDING_FOR_CODE[code].id,
            "warning",
            zh.format(n=n) + (f"：{places_zh}" if places_zh else ""),
            en.format(n=n) + (f": {places_en}" if places_en else ""),
            span=first.span if first else None,
        )
    for diagnostic in _of(report, DiagnosticCode.TABLES_REGION_TOO_LARGE):
        yield Finding(
            FINDING_FOR_CODE[DiagnosticCode.TABLES_REGION_TOO_LARGE].id,
            "warning",
            "二至四部分的文字远多于三张表所需，只读取了其开头部分；其后的内容未读作表格",
            "the text of sections 2 to 4 is far longer than three tables need; only its start was "
            "read for tables",
            span=diagnostic.span,
        )


def _labels_missing(report: Report) -> Iterator[Finding]:
    rule = FINDING_FOR_CODE[DiagnosticCode.LABEL_MISSING]
    for diagnostic in _of(report, DiagnosticCode.LABEL_MISSING):
        table, row, _ = _split(diagnostic.key)
        label = diagnostic.expected[0] if diagnostic.expected else ROW_ZH.get(row or "", row)
        named = f"“{label}”" if label else "一"
        yield Finding(
            rule.id,
            "warning",
            f"{named}行未印栏目名称（数字在、名称缺），该行数字按规定行序排入",
            f"the label{f' {label!r}' if label else ''} is missing beside its row's numbers; "
            "the row was placed by the mandated row order",
            table=table,
            row=row,
            expected=label,
            span=diagnostic.span,
        )


def _cells_not_read(report: Report) -> Iterator[Finding]:
    kinds = (
        (
            DiagnosticCode.NOT_INTEGER,
            "件数印作{printed}，不是整数；该数字未读取",
            "the count is printed {printed}, not a whole number; it was not read",
        ),
        (
            DiagnosticCode.NUMBER_TOO_LONG,
            "数字{printed}超出任何件数或金额的位数，未读取",
            "{printed} is longer than any count or amount; it was not read",
        ),
    )
    for code, zh, en in kinds:
        rule = FINDING_FOR_CODE[code]
        for diagnostic in _of(report, code):
            if diagnostic.span is None and diagnostic.count is not None:
                continue  # the count of those not listed: the listed ones name their cells
            table, row, column = _split(diagnostic.key)
            text = _printed(diagnostic)
            yield Finding(
                rule.id,
                rule.severity,
                zh.format(printed=f"“{text}”" if text else ""),
                en.format(printed=repr(text) if text else "a number"),
                table=table,
                row=row,
                column=column,
                actual=text,
                span=diagnostic.span,
            )


# ----------------------------------------------------------------------------- inference


def _rows_placed(report: Report, placement: str) -> dict[str, list[str]]:
    """Table -> the row keys (in the format's order) holding a number placed as ``placement``."""
    rows: dict[str, list[str]] = {}
    for key, placed in report.cell_placements().items():
        if placed != placement:
            continue
        table, row, _ = _split(key)
        assert table is not None and row is not None  # a cell key
        found = rows.setdefault(table, [])
        if row not in found:
            found.append(row)
    return rows


def _by_order(report: Report) -> Iterator[Finding]:
    rule = FINDING_FOR_CODE[DiagnosticCode.ROWS_BY_ORDER]
    placed = _rows_placed(report, "row_order")
    # Where the cells do not say it (a report built by hand, or JSON written before cells kept
    # their placement), the parser's notes name the rows by their labels.
    noted: dict[str, list[Diagnostic]] = {}
    for diagnostic in _of(report, DiagnosticCode.ROWS_BY_ORDER):
        table, _, _ = _split(diagnostic.key)
        if table is not None and table not in placed:
            noted.setdefault(table, []).append(diagnostic)
    for table, rows in placed.items():
        names = [ROW_ZH.get(row, row) for row in rows]
        yield Finding(
            rule.id,
            "warning",
            f"以下 {len(rows)} 行未见栏目名称，其数字是按规定行序推定所在行的：{'、'.join(names)}",
            f"the numbers of {len(rows)} {'row was' if len(rows) == 1 else 'rows were'} placed by the "
            f"mandated row order, {'its label' if len(rows) == 1 else 'their labels'} not found: "
            f"{', '.join(rows)}",
            table=table,
            row=rows[0] if len(rows) == 1 else None,
        )
    for table, diagnostics in noted.items():
        labels = [label for d in diagnostics for label in d.expected]
        yield Finding(
            rule.id,
            "warning",
            f"以下各行未见栏目名称，其数字是按规定行序推定所在行的：{'、'.join(labels) or '（行名未记录）'}",
            f"rows whose labels were not found were placed by the mandated row order: "
            f"{', '.join(labels) or '(not named)'}",
            table=table,
            span=diagnostics[0].span,
        )


def placed_by_sums(report: Report) -> bool:
    """Whether 表四's numbers were placed by its own sums (so T4_SUM cannot check them)."""
    return "t4" in _rows_placed(report, "sums") or bool(_of(report, DiagnosticCode.CELLS_PLACED_BY_SUMS))


def _by_sums(report: Report) -> Iterator[Finding]:
    if not placed_by_sums(report):
        return
    noted = _first_span(_of(report, DiagnosticCode.CELLS_PLACED_BY_SUMS))
    yield Finding(
        FINDING_FOR_CODE[DiagnosticCode.CELLS_PLACED_BY_SUMS].id,
        "warning",
        "表四的数字与表头文字交错印出，其所在栏目是按各组标题和各组之和"
        "（维持+纠正+其他+尚未审结=总计）推定的唯一排法",
        "表四's numbers were printed interleaved with its header; their columns were inferred from "
        "the group headings and each group's sum, the only placement that fits",
        table="t4",
        span=noted.span if noted else None,
    )


def split_by_sums(report: Report) -> dict[str, set[str]]:
    """Rule id -> the rows ('t3.granted', 't4') whose digits, run together, were split by that
    rule's sums: the rule cannot check them (``DIGITS_SPLIT``'s ``expected``)."""
    used: dict[str, set[str]] = {}
    for diagnostic in _of(report, DiagnosticCode.DIGITS_SPLIT):
        for rule_id in diagnostic.expected:
            if diagnostic.key:
                used.setdefault(rule_id, set()).add(diagnostic.key)
    return used


def _by_digits(report: Report) -> Iterator[Finding]:
    rule = FINDING_FOR_CODE[DiagnosticCode.DIGITS_SPLIT]
    placed = _rows_placed(report, "digits_split")
    noted: dict[str, list[Diagnostic]] = {}  # table -> the parser's notes of its split rows
    for diagnostic in _of(report, DiagnosticCode.DIGITS_SPLIT):
        table, _, _ = _split(diagnostic.key)
        if table is not None:
            noted.setdefault(table, []).append(diagnostic)
    # A report built by hand, or JSON whose cells lost their placements: the parser's notes.
    for table in sorted(noted.keys() - placed.keys()):
        yield Finding(
            rule.id,
            "warning",
            "有的行数字在文本中连在一起（无分隔），是按本表自身的证据拆分的",
            "the digits of some rows ran together and were split by the table's own evidence",
            table=table,
            span=noted[table][0].span,
        )
    for table, rows in placed.items():
        names = [ROW_ZH.get(row, row) for row in rows]
        sums = list(dict.fromkeys(r for d in noted.get(table, []) for r in d.expected))
        how_zh = "、".join(RULES[r].name_zh if r in RULES else r for r in sums)
        yield Finding(
            rule.id,
            "warning",
            f"以下 {len(rows)} 行的数字在文本中连在一起（无分隔），是按栏数和无前导零"
            + (f"以及{how_zh}" if sums else "")
            + f"拆分的唯一读法：{'、'.join(names)}",
            f"the digits of {len(rows)} {'row' if len(rows) == 1 else 'rows'} ran together; they were "
            "split by the cell count and no leading zero"
            + (f", and by {', '.join(sums)} (which therefore cannot check them)" if sums else "")
            + f", the only reading: {', '.join(rows)}",
            table=table,
            row=rows[0] if len(rows) == 1 else None,
        )


def _kept_by_identity(report: Report) -> Iterator[Finding]:
    values = report.cells()
    spans = report.cell_spans()
    for key, placed in report.cell_placements().items():
        if placed != "kept_by_identity":
            continue
        table, row, column = _split(key)
        value = values[key]
        yield Finding(
            KEPT_BY_IDENTITY.id,
            "warning",
            f"文本在{place_zh(table, row, column, None)}的数字 {value} 处结束，可能被截断；"
            "因其等于勾稽关系要求的合计而保留",
            f"the input ends on {value} at {place_en(table, row, column, None)}, which may have been "
            "cut; it is kept because it equals the total the table's identity requires",
            table=table,
            row=row,
            column=column,
            actual=value,
            span=spans[key],
        )
