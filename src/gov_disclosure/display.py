"""How a report shows itself: a text summary (terminal, CLI) and HTML for Jupyter.

The HTML draws 表二, 表三 and 表四 as the official template draws them (merged header cells,
the 勾稽 note), marks the cells that validation finds wrong, and lists the findings below.
Everything taken from the document is escaped, and the findings list is capped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from decimal import Decimal

from .model import T3_COLUMNS, T3_ROWS, T4_GROUPS, CellValue, Report
from .render import NOTE, T3_LABELS, T4_RESULTS
from .validation.findings import Finding

__all__ = ["report_html", "report_summary"]

MAX_FINDINGS = 50


def _show(value: CellValue) -> str:
    if value is None:
        return "-"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def report_summary(report: Report) -> str:
    """A readable summary of the report: metadata, the three tables, and what was not read."""
    lines = [
        f"title:   {report.title or '-'}",
        f"agency:  {report.agency or '-'}",
        f"year:    {report.year or '-'}",
        f"format:  {report.format}",
        "sections: " + (" ".join(str(s.number) for s in report.sections) or "-"),
    ]
    cells = report.cells()
    lines.append(f"cells:   {sum(v is not None for v in cells.values())}/{len(cells)} read")
    t2 = report.active_disclosure
    lines.append("表二 主动公开政府信息情况")
    for name, docs in (("规章", t2.regulations), ("行政规范性文件", t2.normative_documents)):
        shown = (_show(docs.issued), _show(docs.repealed), _show(docs.in_force))
        lines.append(f"  {name}: 制发 {shown[0]}  废止 {shown[1]}  现行有效 {shown[2]}")
    lines.append(
        f"  行政许可 {_show(t2.licensing)}  行政处罚 {_show(t2.punishment)}  行政强制 {_show(t2.coercion)}"
        f"  收费(万元) {_show(t2.fees_10k_yuan)}"
    )
    lines.append(
        "表三 收到和处理政府信息公开申请情况 (自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计)"
    )
    for name, row in report.applications.rows():
        lines.append(f"  {name:36s} " + " ".join(f"{_show(v):>5s}" for v in row.values()))
    lines.append("表四 行政复议、行政诉讼 (维持 纠正 其他 尚未审结 总计)")
    for group in T4_GROUPS:
        values = getattr(report.review_litigation, group).values()
        lines.append(f"  {group:24s} " + " ".join(f"{_show(v):>5s}" for v in values))
    notable = [d for d in report.diagnostics if d.severity != "info"]
    if notable:
        lines.append(f"diagnostics ({len(notable)}):")
        lines += [f"  {d}" for d in notable]
    return "\n".join(lines) + "\n"


_STYLE = (
    "<style>.gd-report table{border-collapse:collapse;margin:0.5em 0}"
    ".gd-report td,.gd-report th{border:1px solid #999;padding:2px 6px;font-size:90%}"
    ".gd-report td.n{text-align:right}.gd-report .bad{background:#f8d0d0}"
    ".gd-report .none{color:#999}</style>"
)


class _Marks:
    """Which cells the errors point at."""

    def __init__(self, findings: list[Finding]) -> None:
        self.cells: set[tuple[str, str | None, str | None]] = set()
        for f in findings:
            if f.severity == "error" and f.table:
                self.cells.add((f.table, f.row, f.column))

    def bad(self, table: str, row: str, column: str | None) -> bool:
        return bool({(table, row, column), (table, None, column), (table, row, None)} & self.cells)


def _td(value: CellValue, bad: bool, colspan: int = 1) -> str:
    classes = ["n"] + (["bad"] if bad else []) + (["none"] if value is None else [])
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return f'<td class="{" ".join(classes)}"{span}>{html.escape(_show(value))}</td>'


def _table2(report: Report, marks: _Marks) -> Iterator[str]:
    t2 = report.active_disclosure
    yield "<table><caption>表二 主动公开政府信息情况</caption>"
    yield '<tr><th colspan="4">第二十条第（一）项</th></tr>'
    yield "<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>"
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        docs = getattr(t2, key)
        cells = "".join(_td(getattr(docs, c), marks.bad("t2", key, c)) for c in docs.FIELDS)
        yield f"<tr><td>{label}</td>{cells}</tr>"
    for item, header, rows in (
        ("第二十条第（五）项", "本年处理决定数量", (("licensing", "行政许可"),)),
        ("第二十条第（六）项", "本年处理决定数量", (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees_10k_yuan", "行政事业性收费"),)),
    ):
        yield f'<tr><th colspan="4">{item}</th></tr><tr><th>信息内容</th><th colspan="3">{header}</th></tr>'
        for key, label in rows:
            yield f"<tr><td>{label}</td>{_td(getattr(t2, key), marks.bad('t2', key, None), 3)}</tr>"
    yield "</table>"


_GROUP_SPANS = {
    "三、本年度办理结果": 22,
    "（三）不予公开": 8,
    "（四）无法提供": 3,
    "（五）不予处理": 5,
    "（六）其他处理": 3,
}


def _table3(report: Report, marks: _Marks) -> Iterator[str]:
    yield "<table><caption>表三 收到和处理政府信息公开申请情况</caption>"
    yield f'<tr><th colspan="3" rowspan="3">{NOTE}</th><th colspan="7">申请人情况</th></tr>'
    yield '<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>'
    yield "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>"
    for row in T3_ROWS:
        group, label = T3_LABELS[row]
        counts = getattr(report.applications, row)
        cells = "".join(_td(getattr(counts, c), marks.bad("t3", row, c)) for c in T3_COLUMNS)
        head = ""
        if row == "granted":
            head += f'<td rowspan="22">{group}</td>'
        elif group:
            head += f'<td rowspan="{_GROUP_SPANS[group]}">{group}</td>'
        if row in ("new_received", "carried_over", "carried_forward"):
            head = f'<td colspan="3">{label}</td>'
        elif row in ("granted", "partially_granted", "total_processed"):
            head += f'<td colspan="2">{label}</td>'
        else:
            head += f"<td>{label}</td>"
        yield f"<tr>{head}{cells}</tr>"
    yield "</table>"


def _table4(report: Report, marks: _Marks) -> Iterator[str]:
    yield "<table><caption>表四 政府信息公开行政复议、行政诉讼情况</caption>"
    yield '<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>'
    yield (
        "<tr>"
        + "".join(f'<th rowspan="2">{r}</th>' for r in T4_RESULTS)
        + '<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>'
    )
    yield "<tr>" + "".join(f"<th>{r}</th>" for r in T4_RESULTS * 2) + "</tr>"
    cells = []
    for group in T4_GROUPS:
        outcomes = getattr(report.review_litigation, group)
        columns = ("upheld", "corrected", "other", "pending", "total")
        cells += [_td(getattr(outcomes, c), marks.bad("t4", group, c)) for c in columns]
    yield "<tr>" + "".join(cells) + "</tr></table>"


def report_html(report: Report) -> str:
    """The report as an HTML fragment: title, the three tables, and the findings."""
    findings = list(report.validate())
    marks = _Marks(findings)
    title = html.escape(report.title or "政府信息公开工作年度报告")
    parts = [_STYLE, '<div class="gd-report">', f"<h3>{title}</h3>"]
    parts += _table2(report, marks)
    parts += _table3(report, marks)
    parts += _table4(report, marks)
    shown = [f for f in findings if f.severity in ("error", "warning")]
    if shown:
        parts.append("<ul>")
        parts += [f"<li>{html.escape(f.line('zh'))}</li>" for f in shown[:MAX_FINDINGS]]
        if len(shown) > MAX_FINDINGS:
            parts.append(f"<li>… {len(shown) - MAX_FINDINGS} more</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)
