"""How a report shows itself: a text summary (terminal, CLI) and HTML for Jupyter.

The HTML draws 表二, 表三 and 表四 as the official template draws them (merged header cells,
the 勾稽 note), marks the cells that validation finds wrong, and lists the findings below.
Everything taken from the document is escaped, and the findings list is capped.
"""

from __future__ import annotations

import html

from .model import T4_GROUPS, CellValue, Report, cell_text
from .render import html_tables
from .validation.findings import Finding

__all__ = ["report_html", "report_summary"]

MAX_FINDINGS = 50


def _show(value: CellValue) -> str:
    return cell_text(value, "-")


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


def report_html(report: Report) -> str:
    """The report as an HTML fragment: title, the three tables, and the findings."""
    findings = list(report.validate())
    marks = _Marks(findings)
    title = html.escape(report.title or "政府信息公开工作年度报告")
    parts = [_STYLE, '<div class="gd-report">', f"<h3>{title}</h3>"]
    parts += html_tables(report, marks.bad, blank="-")
    shown = [f for f in findings if f.severity in ("error", "warning")]
    if shown:
        parts.append("<ul>")
        parts += [f"<li>{html.escape(f.line('zh'))}</li>" for f in shown[:MAX_FINDINGS]]
        if len(shown) > MAX_FINDINGS:
            parts.append(f"<li>… {len(shown) - MAX_FINDINGS} more</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)
