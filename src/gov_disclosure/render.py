"""A report written out again in the mandated layout: plain text, Markdown or HTML.

``render`` is the inverse of ``parse`` for the tables: ``parse(render(report, fmt))`` reads
back the same 200 cells. A cell that holds no number is written ``/``, so the other cells of
its row stay readable.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from typing import Literal

from ._sections import SECTION_NAMES
from .model import T3_COLUMNS, T3_ROWS, T4_GROUPS, CellValue, Report, cell_text

__all__ = ["Format", "html_tables", "render"]

Format = Literal["text", "markdown", "html"]
Bad = Callable[[str, str, "str | None"], bool]

T3_LABELS: dict[str, tuple[str, str]] = {
    # row key -> (the group cell beside it, the row's own label), as the template prints them
    "new_received": ("", "一、本年新收政府信息公开申请数量"),
    "carried_over": ("", "二、上年结转政府信息公开申请数量"),
    "granted": ("三、本年度办理结果", "（一）予以公开"),
    "partially_granted": ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "denied_state_secret": ("（三）不予公开", "1.属于国家秘密"),
    "denied_prohibited_by_law": ("", "2.其他法律行政法规禁止公开"),
    "denied_three_safeties_one_stability": ("", "3.危及“三安全一稳定”"),
    "denied_third_party_rights": ("", "4.保护第三方合法权益"),
    "denied_internal_affairs": ("", "5.属于三类内部事务信息"),
    "denied_process_info": ("", "6.属于四类过程性信息"),
    "denied_law_enforcement_file": ("", "7.属于行政执法案卷"),
    "denied_administrative_query": ("", "8.属于行政查询事项"),
    "unable_not_held": ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unable_needs_creation": ("", "2.没有现成信息需要另行制作"),
    "unable_still_unclear": ("", "3.补正后申请内容仍不明确"),
    "not_processed_petition": ("（五）不予处理", "1.信访举报投诉类申请"),
    "not_processed_duplicate": ("", "2.重复申请"),
    "not_processed_publication": ("", "3.要求提供公开出版物"),
    "not_processed_massive_repeat": ("", "4.无正当理由大量反复申请"),
    "not_processed_confirm_info": ("", "5.要求行政机关确认或重新出具已获取信息"),
    "other_overdue_correction": (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    "other_overdue_fee": ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other_other": ("", "3.其他"),
    "total_processed": ("", "（七）总计"),
    "carried_forward": ("", "四、结转下年度继续办理"),
}
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEADER = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _cell(value: CellValue) -> str:
    return cell_text(value, "/")


def _table_rows(report: Report) -> Iterator[tuple[str, list[str]]]:
    """(kind, cells) for each row of the three tables; kind is 'heading', 'header' or 'data'."""
    t2 = report.active_disclosure
    yield "heading", [SECTION_NAMES[2]]
    yield "header", ["第二十条第（一）项"]
    yield "header", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    for label, docs in (("规章", t2.regulations), ("行政规范性文件", t2.normative_documents)):
        yield "data", [label, *(_cell(v) for v in docs.values())]
    for item, header, rows in (
        ("第二十条第（五）项", "本年处理决定数量", (("行政许可", t2.licensing),)),
        ("第二十条第（六）项", "本年处理决定数量", (("行政处罚", t2.punishment), ("行政强制", t2.coercion))),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("行政事业性收费", t2.fees_10k_yuan),)),
    ):
        yield "header", [item]
        yield "header", ["信息内容", header]
        for label, value in rows:
            yield "data", [label, _cell(value)]
    yield "heading", [SECTION_NAMES[3]]
    yield "header", [NOTE, "申请人情况"]
    yield "header", ["自然人", "法人或其他组织", "总计"]
    yield "header", list(T3_HEADER[1:6])
    t3 = report.applications
    for row in T3_ROWS:
        group, label = T3_LABELS[row]
        counts = getattr(t3, row)
        yield "data", [*([group] if group else []), label, *(_cell(getattr(counts, c)) for c in T3_COLUMNS)]
    yield "heading", [SECTION_NAMES[4]]
    yield "header", ["行政复议", "行政诉讼"]
    yield "header", [*T4_RESULTS, "未经复议直接起诉", "复议后起诉"]
    yield "header", [*T4_RESULTS, *T4_RESULTS]
    t4 = report.review_litigation
    yield "data", [_cell(v) for group in T4_GROUPS for v in getattr(t4, group).values()]


def _section_text(report: Report, number: int) -> str:
    section = report.section(number)
    return section.text if section is not None else ""


def _text(report: Report, sep: str, row: str) -> str:
    out = [report.title or "政府信息公开工作年度报告", ""]
    if report.preamble:
        out += [line for line in report.preamble.splitlines() if line != report.title] + [""]
    out += [SECTION_NAMES[1], _section_text(report, 1), ""]
    for kind, cells in _table_rows(report):
        if kind == "heading":
            out += ["", cells[0], ""]  # sections 二–四 are their tables
        else:
            out.append(sep.join(cells) + row)
    for number in (5, 6):
        out += ["", SECTION_NAMES[number], _section_text(report, number)]
    return "\n".join(out).rstrip() + "\n"


def _markdown(report: Report) -> str:
    out = [f"# {report.title or '政府信息公开工作年度报告'}", ""]
    out += [f"## {SECTION_NAMES[1]}", "", _section_text(report, 1), ""]
    for kind, cells in _table_rows(report):
        if kind == "heading":
            out += ["", f"## {cells[0]}", ""]
            continue
        escaped = [c.replace("|", "\\|") for c in cells]
        out.append("| " + " | ".join(escaped) + " |")
        if kind == "header" and not out[-2].startswith("|"):
            out.append("|" + "---|" * len(cells))  # GFM: a table needs a delimiter row
    for number in (5, 6):
        out += ["", f"## {SECTION_NAMES[number]}", "", _section_text(report, number)]
    return "\n".join(out).rstrip() + "\n"


def _html(report: Report) -> str:
    e = html.escape
    title = e(report.title or "政府信息公开工作年度报告")
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{title}</title></head><body>",
    ]
    out.append(f"<h1>{title}</h1>")
    out.append(f"<h2>{e(SECTION_NAMES[1])}</h2>{_paragraphs(_section_text(report, 1))}")
    tables = list(html_tables(report))
    ends = [i for i, part in enumerate(tables) if part.endswith("</table>")]
    start = 0
    for number, end in zip((2, 3, 4), ends, strict=True):
        out.append(f"<h2>{e(SECTION_NAMES[number])}</h2>")
        out += tables[start : end + 1]
        start = end + 1
    for number in (5, 6):
        out.append(f"<h2>{e(SECTION_NAMES[number])}</h2>{_paragraphs(_section_text(report, number))}")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _td(value: CellValue, bad: bool, blank: str, colspan: int = 1) -> str:
    classes = ["n"] + (["bad"] if bad else []) + (["none"] if value is None else [])
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    shown = cell_text(value, blank)
    return f'<td class="{" ".join(classes)}"{span}>{html.escape(shown)}</td>'


def _table2(report: Report, bad: Bad, blank: str) -> Iterator[str]:
    t2 = report.active_disclosure
    yield "<table><caption>表二 主动公开政府信息情况</caption>"
    yield '<tr><th colspan="4">第二十条第（一）项</th></tr>'
    yield "<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>"
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        docs = getattr(t2, key)
        cells = "".join(_td(getattr(docs, c), bad("t2", key, c), blank) for c in docs.FIELDS)
        yield f"<tr><td>{label}</td>{cells}</tr>"
    for item, header, rows in (
        ("第二十条第（五）项", "本年处理决定数量", (("licensing", "行政许可"),)),
        ("第二十条第（六）项", "本年处理决定数量", (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees_10k_yuan", "行政事业性收费"),)),
    ):
        yield f'<tr><th colspan="4">{item}</th></tr><tr><th>信息内容</th><th colspan="3">{header}</th></tr>'
        for key, label in rows:
            yield f"<tr><td>{label}</td>{_td(getattr(t2, key), bad('t2', key, None), blank, 3)}</tr>"
    yield "</table>"


_GROUP_SPANS = {
    "三、本年度办理结果": 22,
    "（三）不予公开": 8,
    "（四）无法提供": 3,
    "（五）不予处理": 5,
    "（六）其他处理": 3,
}


def _table3(report: Report, bad: Bad, blank: str) -> Iterator[str]:
    yield "<table><caption>表三 收到和处理政府信息公开申请情况</caption>"
    yield f'<tr><th colspan="3" rowspan="3">{NOTE}</th><th colspan="7">申请人情况</th></tr>'
    yield '<tr><th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th></tr>'
    yield "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>"
    for row in T3_ROWS:
        group, label = T3_LABELS[row]
        counts = getattr(report.applications, row)
        cells = "".join(_td(getattr(counts, c), bad("t3", row, c), blank) for c in T3_COLUMNS)
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


def _table4(report: Report, bad: Bad, blank: str) -> Iterator[str]:
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
        cells += [_td(getattr(outcomes, c), bad("t4", group, c), blank) for c in columns]
    yield "<tr>" + "".join(cells) + "</tr></table>"


def html_tables(report: Report, bad: Bad | None = None, blank: str = "/") -> Iterator[str]:
    """表二, 表三 and 表四 as HTML tables with the template's merged cells; ``bad(table, row,
    column)`` says which cells to mark (class ``bad``), ``blank`` is shown for no number."""
    check: Bad = bad or (lambda table, row, column: False)
    yield from _table2(report, check, blank)
    yield from _table3(report, check, blank)
    yield from _table4(report, check, blank)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def render(report: Report, fmt: Format = "text") -> str:
    """``report`` in the mandated layout: ``text`` (tab-separated cells), ``markdown`` (GFM
    tables) or ``html`` (a page with the three tables)."""
    if fmt == "text":
        return _text(report, "\t", "")
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "html":
        return _html(report)
    raise ValueError(f"unknown format {fmt!r}: use 'text', 'markdown' or 'html'")
