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
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple

from .formats.template import Label, Row, Table
from .model import CellValue, Report, cell_text
from .parsing.sections import SECTION_NAMES

__all__ = ["Block", "DocumentCell", "DocumentTable", "Format", "document_blocks", "html_tables", "render"]

Format = Literal["text", "markdown", "html"]
Bad = Callable[[str, str, "str | None"], bool]


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


def _numbers(table: Table, row: Row, values: dict[str, CellValue]) -> list[_Cell]:
    """A row's cells; the last one spans what the row's columns leave of the table's width."""
    width = max(len(r.columns) for r in table.rows)
    cells: list[_Cell] = [
        _Number(values.get(row.cell_key(table.key, column)), table.key, row.key, column.key)
        for column in row.columns
    ]
    last = cells[-1]
    assert isinstance(last, _Number)
    cells[-1] = last._replace(colspan=1 + width - len(cells))
    return cells


def _table2(table: Table, values: dict[str, CellValue]) -> _Table:
    """表二: each item heading (第二十条第（一）项), its header line, then its rows."""
    rows: list[_Row] = []
    width = 1 + max(len(r.columns) for r in table.rows)
    content = table.headers[0]
    for item, members in itertools.groupby(table.rows, key=lambda row: row.group):
        group = list(members)
        rows.append((_Label(item.text if item else "", header=True, colspan=width),))
        columns = group[0].columns
        header = [_Label(column.label.text, header=True) for column in columns]
        header[-1] = header[-1]._replace(colspan=width - len(columns))
        rows.append((_Label(content.text, header=True), *header))
        rows += [(_Label(row.label.text), *_numbers(table, row, values)) for row in group]
    return _Table(table.section, table.name, tuple(rows))


def _table3(table: Table, values: dict[str, CellValue]) -> _Table:
    """表三: the applicant columns under their merged headers, each group's label cell spanning
    its rows; 三、本年度办理结果 spans every outcome row and （七）总计."""
    note, applicants, legal_person, results = table.headers[:4]
    columns = table.rows[0].columns
    rows: list[_Row] = [
        (
            _Label(note.text, header=True, colspan=3, rowspan=3),
            _Label(applicants.text, header=True, colspan=7),
        ),
        (
            _Label(columns[0].label.text, header=True, rowspan=2),
            _Label(legal_person.text, header=True, colspan=5),
            _Label(columns[6].label.text, header=True, rowspan=2),
        ),
        _header(*(column.label.text for column in columns[1:6])),
    ]
    in_groups = [row.group for row in table.rows if row.group is not None]
    spans = Counter(in_groups)
    spans[results] = len(in_groups)  # 三、本年度办理结果 spans every row under it or its groups
    started: set[Label] = set()
    for row in table.rows:
        groups = () if row.group is None else (results,) if row.group == results else (results, row.group)
        head: list[_Cell] = []
        for group in groups:  # a group's cell stands in its first row only
            if group not in started:
                started.add(group)
                head.append(_Label(group.text, rowspan=spans[group]))
        head.append(_Label(row.label.text, colspan=3 - len(groups)))  # three label columns
        rows.append((*head, *_numbers(table, row, values)))
    return _Table(table.section, table.name, tuple(rows))


def _table4(table: Table, values: dict[str, CellValue]) -> _Table:
    """表四: 行政复议 and 行政诉讼 over their groups, each group's five results, one row of numbers."""
    review, direct, after_review = table.rows
    assert direct.group is not None
    results = [column.label.text for column in review.columns]
    rows: tuple[_Row, ...] = (
        (
            _Label(review.label.text, header=True, colspan=5),
            _Label(direct.group.text, header=True, colspan=10),
        ),
        (
            *(_Label(result, header=True, rowspan=2) for result in results),
            _Label(direct.label.text, header=True, colspan=5),
            _Label(after_review.label.text, header=True, colspan=5),
        ),
        _header(*results, *results),
        tuple(cell for row in table.rows for cell in _numbers(table, row, values)),
    )
    return _Table(table.section, table.name, rows)


def _tables(report: Report) -> tuple[_Table, _Table, _Table]:
    template = report.template
    values = report.cells()
    return (
        _table2(template.table("t2"), values),
        _table3(template.table("t3"), values),
        _table4(template.table("t4"), values),
    )


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


class DocumentCell(NamedTuple):
    """One cell of a table as a document writer lays it out: its text (``blank`` where the
    cell holds no number), its merges, and whether it is a header cell or a number's."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    number: bool = False


class DocumentTable(NamedTuple):
    """表二, 表三 or 表四 with the template's merged cells, row by row."""

    section: int
    rows: tuple[tuple[DocumentCell, ...], ...]


# A heading line, a paragraph of text, or a table, in the order the report prints them.
Block = tuple[Literal["title", "heading", "paragraph"], str] | tuple[Literal["table"], DocumentTable]


def _document_cell(cell: _Cell, blank: str) -> DocumentCell:
    if isinstance(cell, _Label):
        return DocumentCell(cell.text, cell.colspan, cell.rowspan, header=cell.header)
    return DocumentCell(cell_text(cell.value, blank), cell.colspan, cell.rowspan, number=True)


def document_blocks(report: Report, blank: str = "/") -> Iterator[Block]:
    """``report`` as the blocks of a document, for writers of file formats (DOCX, PDF) in
    ``testing``: the title, the preamble's and sections' paragraphs, the six section
    headings, and the three tables with their merged cells."""
    title = report.title or "政府信息公开工作年度报告"
    yield "title", title
    for line in (report.preamble or "").splitlines():
        if line.strip() and line != title:
            yield "paragraph", line
    tables = {table.section: table for table in _tables(report)}
    for number in range(1, 7):
        yield "heading", SECTION_NAMES[number]
        if number in tables:
            rows = tuple(tuple(_document_cell(cell, blank) for cell in row) for row in tables[number].rows)
            yield "table", DocumentTable(number, rows)
        else:
            for line in _section_text(report, number).splitlines():
                if line.strip():
                    yield "paragraph", line


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
