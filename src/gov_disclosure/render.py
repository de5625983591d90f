"""A report written out again in the mandated layout: plain text, Markdown or HTML.

``render`` is the inverse of ``parse`` for the tables: ``parse(render(report, fmt))`` reads
back the same 200 cells. A cell that holds no number is written ``/``, so the other cells of
its row stay readable.

The three tables are described once, as rows of cells with the template's merged cells
(``_tables``); HTML keeps the merges as ``colspan``/``rowspan``, Markdown spreads each table
over a full grid (a merged cell's other places are empty, as GFM has no merges), and plain
text prints each row's cells that hold something.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from .model import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, CellValue, Report, cell_text
from .parsing.sections import SECTION_NAMES

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

# How many rows each group cell of 表三 spans: 三、本年度办理结果 spans every outcome row and
# （七）总计; the others their numbered rows.
_GROUP_SPANS = {
    "三、本年度办理结果": 22,
    "（三）不予公开": 8,
    "（四）无法提供": 3,
    "（五）不予处理": 5,
    "（六）其他处理": 3,
}
# 表三's rows whose label fills all three label columns, or the two beside 三、本年度办理结果.
_T3_FULL_WIDTH = ("new_received", "carried_over", "carried_forward")
_T3_TWO_WIDE = ("granted", "partially_granted", "total_processed")


class _Label(NamedTuple):
    """A printed label: a header cell (``<th>``) or a row's own label."""

    text: str
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


class _Number(NamedTuple):
    """One of the 200 cells: its value and its address for ``bad(table, row, column)``."""

    value: CellValue
    table: str
    row: str
    column: str | None
    colspan: int = 1
    rowspan: int = 1


_Cell = _Label | _Number
_Row = tuple[_Cell, ...]


class _Table(NamedTuple):
    section: int  # the section whose table it is: 2, 3 or 4
    caption: str
    rows: tuple[_Row, ...]


def _header(*texts: str) -> _Row:
    return tuple(_Label(text, header=True) for text in texts)


def _table2(report: Report) -> _Table:
    t2 = report.active_disclosure
    rows: list[_Row] = [
        (_Label("第二十条第（一）项", header=True, colspan=4),),
        _header("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
    ]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        docs = getattr(t2, key)
        rows.append((_Label(label), *(_Number(getattr(docs, c), "t2", key, c) for c in docs.FIELDS)))
    for item, header, singles in (
        ("第二十条第（五）项", "本年处理决定数量", (("licensing", "行政许可"),)),
        ("第二十条第（六）项", "本年处理决定数量", (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", (("fees_10k_yuan", "行政事业性收费"),)),
    ):
        rows.append((_Label(item, header=True, colspan=4),))
        rows.append((_Label("信息内容", header=True), _Label(header, header=True, colspan=3)))
        rows += [
            (_Label(label), _Number(getattr(t2, key), "t2", key, None, colspan=3)) for key, label in singles
        ]
    return _Table(2, "表二 主动公开政府信息情况", tuple(rows))


def _table3(report: Report) -> _Table:
    rows: list[_Row] = [
        (_Label(NOTE, header=True, colspan=3, rowspan=3), _Label("申请人情况", header=True, colspan=7)),
        (
            _Label("自然人", header=True, rowspan=2),
            _Label("法人或其他组织", header=True, colspan=5),
            _Label("总计", header=True, rowspan=2),
        ),
        _header(*T3_HEADER[1:6]),
    ]
    for row in T3_ROWS:
        group, label = T3_LABELS[row]
        counts = getattr(report.applications, row)
        head: list[_Cell] = [_Label(group, rowspan=_GROUP_SPANS[group])] if group else []
        if row in _T3_FULL_WIDTH:
            head.append(_Label(label, colspan=3))
        elif row in _T3_TWO_WIDE:
            head.append(_Label(label, colspan=2))
        else:
            head.append(_Label(label))
        rows.append((*head, *(_Number(getattr(counts, c), "t3", row, c) for c in T3_COLUMNS)))
    return _Table(3, "表三 收到和处理政府信息公开申请情况", tuple(rows))


def _table4(report: Report) -> _Table:
    outcomes = report.review_litigation
    rows: tuple[_Row, ...] = (
        (_Label("行政复议", header=True, colspan=5), _Label("行政诉讼", header=True, colspan=10)),
        (
            *(_Label(result, header=True, rowspan=2) for result in T4_RESULTS),
            _Label("未经复议直接起诉", header=True, colspan=5),
            _Label("复议后起诉", header=True, colspan=5),
        ),
        _header(*T4_RESULTS, *T4_RESULTS),
        tuple(
            _Number(getattr(getattr(outcomes, group), c), "t4", group, c)
            for group in T4_GROUPS
            for c in T4_COLUMNS
        ),
    )
    return _Table(4, "表四 政府信息公开行政复议、行政诉讼情况", rows)


def _tables(report: Report) -> tuple[_Table, _Table, _Table]:
    return _table2(report), _table3(report), _table4(report)


def _shown(cell: _Cell, blank: str) -> str:
    return cell.text if isinstance(cell, _Label) else cell_text(cell.value, blank)


def _grid(table: _Table, blank: str) -> list[list[str]]:
    """The table as a full grid: every row as wide as the table, a merged cell's text in its
    first place and its other places empty."""
    taken: dict[tuple[int, int], str] = {}
    for y, row in enumerate(table.rows):
        x = 0
        for cell in row:
            while (y, x) in taken:  # places a cell of a row above still spans
                x += 1
            for dy in range(cell.rowspan):
                for dx in range(cell.colspan):
                    taken[y + dy, x + dx] = ""
            taken[y, x] = _shown(cell, blank)
            x += cell.colspan
    width = 1 + max(x for _, x in taken)
    return [[taken.get((y, x), "") for x in range(width)] for y in range(len(table.rows))]


def _table_rows(report: Report) -> Iterator[tuple[str, list[str]]]:
    """(kind, cells) for each row of the three tables, as plain text prints them; kind is
    'heading' (the section's heading), 'header' or 'data'. ``testing.strategies`` writes its
    noisy layouts from these."""
    for table in _tables(report):
        yield "heading", [SECTION_NAMES[table.section]]
        for row, cells in zip(table.rows, _grid(table, "/"), strict=True):
            kind = "header" if all(isinstance(c, _Label) and c.header for c in row) else "data"
            yield kind, [cell for cell in cells if cell]


def _section_text(report: Report, number: int) -> str:
    section = report.section(number)
    return section.text if section is not None else ""


def _text(report: Report) -> str:
    out = [report.title or "政府信息公开工作年度报告", ""]
    if report.preamble:
        out += [line for line in report.preamble.splitlines() if line != report.title] + [""]
    out += [SECTION_NAMES[1], _section_text(report, 1), ""]
    for kind, cells in _table_rows(report):
        if kind == "heading":
            out += ["", cells[0], ""]  # sections 二–四 are their tables
        else:
            out.append("\t".join(cells))
    for number in (5, 6):
        out += ["", SECTION_NAMES[number], _section_text(report, number)]
    return "\n".join(out).rstrip() + "\n"


def _markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _markdown(report: Report) -> str:
    out = [f"# {report.title or '政府信息公开工作年度报告'}", ""]
    out += [f"## {SECTION_NAMES[1]}", "", _section_text(report, 1), ""]
    for table in _tables(report):
        out += ["", f"## {SECTION_NAMES[table.section]}", ""]
        # GFM cuts every row to the width of the first (its header row), so every row is
        # given the table's full width; the delimiter row under the first makes it a table.
        first, *rest = _grid(table, "/")
        out += [_markdown_row(first), "|" + "---|" * len(first)]
        out += [_markdown_row(row) for row in rest]
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
    no_marks: Bad = lambda table, row, column: False  # noqa: E731
    for table in _tables(report):
        # The section heading names the table, as in the template; a caption would be read
        # back as text that is no label of the format.
        out.append(f"<h2>{e(SECTION_NAMES[table.section])}</h2>")
        out += _html_table(table, no_marks, "/", caption=False)
    for number in (5, 6):
        out.append(f"<h2>{e(SECTION_NAMES[number])}</h2>{_paragraphs(_section_text(report, number))}")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _spans(cell: _Cell) -> str:
    colspan = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    rowspan = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
    return colspan + rowspan


def _html_cell(cell: _Cell, bad: Bad, blank: str) -> str:
    if isinstance(cell, _Label):
        tag = "th" if cell.header else "td"
        return f"<{tag}{_spans(cell)}>{html.escape(cell.text)}</{tag}>"
    marked = bad(cell.table, cell.row, cell.column)
    classes = ["n"] + (["bad"] if marked else []) + (["none"] if cell.value is None else [])
    shown = html.escape(cell_text(cell.value, blank))
    return f'<td class="{" ".join(classes)}"{_spans(cell)}>{shown}</td>'


def _html_table(table: _Table, bad: Bad, blank: str, *, caption: bool = True) -> Iterator[str]:
    yield f"<table><caption>{html.escape(table.caption)}</caption>" if caption else "<table>"
    for row in table.rows:
        yield "<tr>" + "".join(_html_cell(cell, bad, blank) for cell in row) + "</tr>"
    yield "</table>"


def html_tables(report: Report, bad: Bad | None = None, blank: str = "/") -> Iterator[str]:
    """表二, 表三 and 表四 as HTML tables with the template's merged cells; ``bad(table, row,
    column)`` says which cells to mark (class ``bad``), ``blank`` is shown for no number."""
    check: Bad = bad or (lambda table, row, column: False)
    for table in _tables(report):
        yield from _html_table(table, check, blank)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def render(report: Report, fmt: Format = "text") -> str:
    """``report`` in the mandated layout: ``text`` (tab-separated cells), ``markdown`` (GFM
    tables, every row as wide as its table) or ``html`` (a page with the three tables)."""
    if fmt == "text":
        return _text(report)
    if fmt == "markdown":
        return _markdown(report)
    if fmt == "html":
        return _html(report)
    raise ValueError(f"unknown format {fmt!r}: use 'text', 'markdown' or 'html'")
