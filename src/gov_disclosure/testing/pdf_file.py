"""A report written as a PDF the way WPS and Word export one, for the PDF reader's tests.

    from gov_disclosure.testing.pdf_file import PdfLayout, pdf_bytes, pdf_layouts

    data = pdf_bytes(report, PdfLayout(wrap_labels=True, page_break_in="table3", page_break_row=9))

    @given(gds.reports(), pdf_layouts())   # every knob of the layout drawn

The blocks of ``render.document_blocks`` are laid out with reportlab's platypus: headings and
paragraphs, and the three tables ruled as a grid, merged cells as one box, labels wrapped inside
their cells. Every knob of a ``PdfLayout`` is one kind of layout noise real report PDFs have
(narrow label columns, a label printed one character per line, a table continued on the next
page with or without its header rows again, page numbers, a running header, landscape pages,
the font size), so a failing example shrinks to the knob that breaks the reader.

The text is set in a TrueType font embedded (subset) in the PDF, built for the tests by
``testing/fonts.py``, so that every machine reads the PDFs alike: reportlab's built-in
``STSong-Light`` is not embedded, and where the reading machine has no Chinese font PDFium
knows no glyph box for its characters and drops every text object of a single Chinese
character (a label wrapped to one character a line vanishes). Needs reportlab and fontTools,
and hypothesis for ``pdf_layouts``.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from typing import Any, Literal, NamedTuple
from xml.sax.saxutils import escape

import attrs
from hypothesis import strategies as st
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from ..model import Report
from ..render import DocumentCell, DocumentTable, document_blocks
from .fonts import registered_font

__all__ = [
    "BREAK_ROWS",
    "PageBreakIn",
    "PageNumbers",
    "PdfLayout",
    "pdf_bytes",
    "pdf_layouts",
]

PageBreakIn = Literal["none", "table3", "table4"]
PageNumbers = Literal["none", "dash", "chinese"]
_PAGE_BREAKS: tuple[PageBreakIn, ...] = ("none", "table3", "table4")
_PAGE_NUMBERS: tuple[PageNumbers, ...] = ("none", "dash", "chinese")

# The first row of 表三 / 表四 a page break may put on the next page, and the last; valid for
# every format (表三 has 26 rows in 2019, 28 in 2021; its first data row is row 3).
BREAK_ROWS: dict[str, tuple[int, int]] = {"table3": (4, 25), "table4": (1, 3)}
_BREAK_SECTIONS = {"table3": 3, "table4": 4}

_MARGIN_X = 74.0  # 2.6 cm: 公文 pages are 156 mm of text wide
_MARGIN_Y = 72.0
_PADDING_X = 3.0  # a cell's text from its ruling lines
_PADDING_Y = 2.0
_LINE_SPACING = 1.3  # Word's single spacing for a Song typeface
_RULE_WIDTH = 0.5


@attrs.frozen
class PdfLayout:
    """How a report is laid out on PDF pages; each field is one kind of layout noise.

    ``page_break_row``: with ``page_break_in`` a table, the index (in ``DocumentTable.rows``)
    of that table's first row printed on the next page (ignored with ``"none"``). Tables also
    break where a page is full. ``repeat_header``: each continued part of a table starts with
    the table's first rows of header cells again, as Word's "repeat header rows" does (表二's
    are its first item's heading and column headers), unless the break falls inside them."""

    wrap_labels: bool = False  # narrow label columns: long labels over 2-3 lines, 商业企/业
    vertical_results_label: bool = False  # 表三's 三、本年度办理结果 one character a line
    page_break_in: PageBreakIn = "none"
    page_break_row: int = 0
    repeat_header: bool = False
    page_numbers: PageNumbers = "none"  # '- 3 -' or '第3页 共6页' under each page
    running_header: str | None = None  # a line over each page, like the agency's name
    landscape: bool = False
    # Every cell ruled (the template's grid); else only each table's top and bottom rule, as
    # a 三线表 prints, so that the columns are only the gaps between the text. Not drawn with
    # wrap_labels by pdf_layouts: a label's lines then fall between the rows, and the text
    # alone does not say which row each belongs to (the reader leaves such rows unread, never
    # misread: tests/test_documents.py).
    ruled: bool = True
    # Points; real reports print tables in 9 (小五) to 12 (小四). A table whose numbers would
    # not fit the page's width at this size is printed smaller.
    font_size: float = attrs.field(
        default=10.5, validator=[attrs.validators.ge(6.0), attrs.validators.le(16.0)]
    )


# --- the font ----------------------------------------------------------------------------------


def _font_name() -> str:
    return registered_font()


class _Styles(NamedTuple):
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle  # a row's label, left-aligned
    header: ParagraphStyle  # a header cell, centred
    vertical: ParagraphStyle


@functools.cache
def _styles(font_size: float) -> _Styles:
    font = _font_name()

    def style(
        name: str,
        size: float,
        alignment: Literal[0, 1] = TA_LEFT,
        spacing: float = _LINE_SPACING,
        **more: Any,
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * spacing,
            alignment=alignment,
            wordWrap="CJK",  # breaks between any two characters, as Chinese text does
            **more,
        )

    return _Styles(
        title=style("title", font_size * 1.6, TA_CENTER, spaceAfter=font_size),
        heading=style("heading", font_size * 1.15, spaceBefore=font_size * 0.6, spaceAfter=font_size * 0.4),
        body=style("body", font_size, spacing=1.6, firstLineIndent=2 * font_size),
        label=style("label", font_size),
        header=style("header", font_size, TA_CENTER),
        vertical=style("vertical", font_size, TA_CENTER),
    )


# --- tables as grids, cut where pages break --------------------------------------------------


class _Placed(NamedTuple):
    row: int
    column: int
    cell: DocumentCell
    vertical: bool = False  # printed one character a line


@attrs.frozen
class _Grid:
    """A table or a part of one: its cells where they stand, and how many of its first rows are
    header rows (repeated on the next page when ``repeat_header``)."""

    cells: tuple[_Placed, ...]
    rows: int
    columns: int
    header_rows: int


def _grid(table: DocumentTable, vertical_results: bool = False) -> _Grid:
    """Each cell at its row and column, as ``render._grid`` places them; with
    ``vertical_results``, 表三's 三、本年度办理结果 printed one character a line."""
    taken: set[tuple[int, int]] = set()
    placed: list[_Placed] = []
    for y, row in enumerate(table.rows):
        x = 0
        for cell in row:
            while (y, x) in taken:  # places a cell of a row above still spans
                x += 1
            taken.update((y + dy, x + dx) for dy in range(cell.rowspan) for dx in range(cell.colspan))
            vertical = vertical_results and _is_results_label(table.section, x, cell)
            placed.append(_Placed(y, x, cell, vertical))
            x += cell.colspan
    header_rows = 0
    while header_rows < len(table.rows) and all(cell.header for cell in table.rows[header_rows]):
        header_rows += 1
    return _Grid(tuple(placed), len(table.rows), 1 + max(x for _, x in taken), header_rows)


def _rows(grid: _Grid, start: int, stop: int) -> _Grid:
    """Rows ``start`` to ``stop`` of ``grid``. A merged cell cut by the page break keeps its text
    above the break; below it goes on as an empty merged cell, as Word prints it."""
    cells: list[_Placed] = []
    for placed in grid.cells:
        row, column, cell, _ = placed
        end = min(row + cell.rowspan, stop)
        if start <= row < stop:
            cells.append(placed._replace(row=row - start, cell=cell._replace(rowspan=end - row)))
        elif row < start < row + cell.rowspan:
            cells.append(_Placed(0, column, DocumentCell("", cell.colspan, end - start, cell.header)))
    header_rows = min(grid.header_rows, stop) if start == 0 else 0
    return _Grid(tuple(cells), stop - start, grid.columns, header_rows)


def _below(header: _Grid, rest: _Grid) -> _Grid:
    """``rest`` under the header rows repeated."""
    moved = (placed._replace(row=placed.row + header.rows) for placed in rest.cells)
    return _Grid((*header.cells, *moved), header.rows + rest.rows, rest.columns, header.rows)


# --- column widths ---------------------------------------------------------------------------


def _is_results_label(section: int, column: int, cell: DocumentCell) -> bool:
    """表三's 三、本年度办理结果: the row label in its first column merged over every outcome row."""
    return section == 3 and column == 0 and cell.rowspan > 1 and not cell.header


def _label_columns(grid: _Grid) -> list[int]:
    """The columns of row labels (表二's first, 表三's first three); the others hold numbers."""
    label_cells = [p for p in grid.cells if not (p.cell.header or p.cell.number)]
    return sorted({p.column + dx for p in label_cells for dx in range(p.cell.colspan)})


# With ``wrap_labels``, each label column's width in characters, by how many there are.
_NARROW_LABELS = {1: (5.0,), 3: (2.5, 3.5, 6.0)}
_NARROW_NUMBERS = 3.0  # characters a line in a number column's header: 商业企/业
# Without it, the part of the page's width for label columns, and how they share it.
_LABELS_PART = {0: 0.0, 1: 0.4, 3: 0.45}
_LABEL_SHARES = {1: (1.0,), 3: (0.25, 0.3, 0.45)}


class _TableLook(NamedTuple):
    """What a table's parts share: column widths, font size, styles, and the layout."""

    widths: tuple[float, ...]
    font_size: float
    styles: _Styles
    repeat_header: bool
    ruled: bool = True


def _column_widths(grid: _Grid, layout: PdfLayout, font_size: float, frame_width: float) -> list[float]:
    """Label columns narrow (``wrap_labels``) or sharing their part of the page; number columns
    sharing the rest, each at least as wide as its widest number."""
    font = _font_name()
    labels = _label_columns(grid)
    numbers = [x for x in range(grid.columns) if x not in labels]
    natural = dict.fromkeys(numbers, 0.0)
    for p in grid.cells:
        if p.cell.number and p.cell.colspan == 1:
            width = pdfmetrics.stringWidth(p.cell.text, font, font_size) + 2 * _PADDING_X + 1
            natural[p.column] = max(natural[p.column], width)

    def characters(count: float) -> float:
        return count * font_size + 2 * _PADDING_X + 0.5

    vertical = layout.vertical_results_label and len(labels) == 3  # 表三's first column
    widths = dict.fromkeys(range(grid.columns), 0.0)
    if layout.wrap_labels:
        widths.update(zip(labels, map(characters, _NARROW_LABELS.get(len(labels), ())), strict=True))
        if vertical:
            widths[labels[0]] = characters(1)
        share = min(characters(_NARROW_NUMBERS), (frame_width - sum(widths.values())) / len(numbers))
        widths.update((x, max(natural[x], share)) for x in numbers)
        return [widths[x] for x in range(grid.columns)]
    share = frame_width * (1 - _LABELS_PART[len(labels)]) / len(numbers)
    widths.update((x, max(natural[x], share)) for x in numbers)
    left = frame_width - sum(widths.values())
    shares = list(_LABEL_SHARES.get(len(labels), ()))
    if vertical:
        widths[labels[0]] = characters(1)
        left -= widths[labels[0]]
        shares[0] = 0.0
    for x, part in zip(labels, shares, strict=True):
        widths[x] += max(characters(2), left * part / sum(shares)) if part else 0.0
    return [widths[x] for x in range(grid.columns)]


def _table_look(grid: _Grid, layout: PdfLayout, frame_width: float) -> _TableLook:
    """The table's columns; its font is made smaller when its numbers would not fit the page."""
    font_size = layout.font_size
    widths = _column_widths(grid, layout, font_size, frame_width)
    while sum(widths) > frame_width + 0.01:  # filling the page's width exactly is no overflow
        font_size *= 0.95 * frame_width / sum(widths)
        widths = _column_widths(grid, layout, font_size, frame_width)
    return _TableLook(
        tuple(widths),
        font_size,
        _styles(font_size),
        layout.repeat_header,
        layout.ruled,
    )


# --- tables as reportlab flowables -------------------------------------------------------------


def _content(cell: DocumentCell, vertical: bool, styles: _Styles) -> str | Paragraph:
    if cell.number or not cell.text:
        return cell.text  # a number is never wrapped: its column is as wide as it
    if vertical:
        return Paragraph("<br/>".join(escape(char) for char in cell.text), styles.vertical)
    return Paragraph(escape(cell.text), styles.header if cell.header else styles.label)


class _PagedTable(Table):
    """A table that breaks over pages between any two rows, merged cells or not (reportlab's own
    split never breaks inside a merged cell, and 表三's 三、本年度办理结果 spans 20 rows)."""

    def __init__(self, grid: _Grid, look: _TableLook) -> None:
        data: list[list[str | Paragraph]] = [[""] * grid.columns for _ in range(grid.rows)]
        commands: list[Any] = [
            ("FONT", (0, 0), (-1, -1), _font_name(), look.font_size),
            *(
                [("GRID", (0, 0), (-1, -1), _RULE_WIDTH, "black")]
                if look.ruled
                else [
                    ("LINEABOVE", (0, 0), (-1, 0), _RULE_WIDTH, "black"),
                    ("LINEBELOW", (0, -1), (-1, -1), _RULE_WIDTH, "black"),
                ]
            ),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING_X),
            ("TOPPADDING", (0, 0), (-1, -1), _PADDING_Y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING_Y),
        ]
        for row, column, cell, vertical in grid.cells:
            data[row][column] = _content(cell, vertical, look.styles)
            if cell.rowspan > 1 or cell.colspan > 1:
                end = (column + cell.colspan - 1, row + cell.rowspan - 1)
                commands.append(("SPAN", (column, row), end))
        super().__init__(data, colWidths=look.widths, style=commands)
        self.grid = grid
        self.look = look

    def split(self, aW: float, aH: float, /) -> list[Flowable]:
        """The rows that fit in ``aH``, and the rest (under the header rows again, with
        ``repeat_header``); none if not one row past the header fits."""
        self.wrap(aW, aH)
        # Set by wrap, which has no accessor for it; None past the first rows that overflow aH.
        heights: list[float | None] = self._rowHeights  # type: ignore[attr-defined]
        first = max(1, self.grid.header_rows + 1)
        fits, height = 0, 0.0
        for row_height in heights:
            if row_height is None or height + row_height > aH:
                break
            fits, height = fits + 1, height + row_height
        fits = max(fits, first)
        # A merged cell's whole text stays above the break and may make its rows there taller.
        for stop in range(fits, first - 1, -1):
            above = _PagedTable(_rows(self.grid, 0, stop), self.look)
            if stop < self.grid.rows and above.wrap(aW, aH)[1] <= aH:
                return [above, self._continued(stop)]
        return []

    def _continued(self, start: int) -> _PagedTable:
        rest = _rows(self.grid, start, self.grid.rows)
        if self.look.repeat_header and self.grid.header_rows and start >= self.grid.header_rows:
            rest = _below(_rows(self.grid, 0, self.grid.header_rows), rest)
        return _PagedTable(rest, self.look)


def _table_flowables(table: DocumentTable, layout: PdfLayout, frame_width: float) -> Iterator[Flowable]:
    grid = _grid(table, layout.vertical_results_label)
    whole = _PagedTable(grid, _table_look(grid, layout, frame_width))
    if _BREAK_SECTIONS.get(layout.page_break_in) != table.section:
        yield whole
        return
    if not 0 < layout.page_break_row < whole.grid.rows:
        raise ValueError(
            f"page_break_row {layout.page_break_row} is not a row of 表{'二三四'[table.section - 2]} "
            f"past its first (it has {whole.grid.rows})"
        )
    yield _PagedTable(_rows(whole.grid, 0, layout.page_break_row), whole.look)
    yield PageBreak()
    yield whole._continued(layout.page_break_row)


# --- pages -----------------------------------------------------------------------------------


class _DecoratedCanvas(Canvas):
    """Draws each page's running header and page number at the end, when the page count (共6页)
    is known: pages are kept until the document is saved."""

    def __init__(self, *args: Any, layout: PdfLayout, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._layout = layout
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined] # a new page, the finished one kept

    def save(self) -> None:
        for number, page in enumerate(self._pages, 1):
            self.__dict__.update(page)
            self._decorate(number, len(self._pages))
            super().showPage()
        super().save()

    def _decorate(self, number: int, count: int) -> None:
        layout = self._layout
        width, height = _page_size(layout)
        self.setFont(_font_name(), layout.font_size)
        if layout.running_header:
            self.drawCentredString(width / 2, height - _MARGIN_Y / 2, layout.running_header)
        footer = {"none": "", "dash": f"- {number} -", "chinese": f"第{number}页 共{count}页"}
        if text := footer[layout.page_numbers]:
            self.drawCentredString(width / 2, _MARGIN_Y / 2, text)


def _flowables(report: Report, layout: PdfLayout, frame_width: float) -> list[Flowable]:
    styles = _styles(layout.font_size)
    flowables: list[Flowable] = []
    for block in document_blocks(report):
        if block[0] == "table":
            flowables += _table_flowables(block[1], layout, frame_width)
            flowables.append(Spacer(1, layout.font_size))
        else:
            kind, text = block
            style = {"title": styles.title, "heading": styles.heading, "paragraph": styles.body}[kind]
            flowables.append(Paragraph(escape(text), style))
    return flowables


def _page_size(layout: PdfLayout) -> tuple[float, float]:
    return landscape(A4) if layout.landscape else A4


def pdf_bytes(report: Report, layout: PdfLayout = PdfLayout()) -> bytes:
    """``report`` as a PDF laid out by ``layout``: the same bytes for the same arguments."""
    page_size = _page_size(layout)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=page_size,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_Y,
        bottomMargin=_MARGIN_Y,
        invariant=1,  # fixed dates and document id: reproducible bytes
        title=report.title or "",
    )
    document.build(
        _flowables(report, layout, page_size[0] - 2 * _MARGIN_X),
        canvasmaker=functools.partial(_DecoratedCanvas, layout=layout),
    )
    return out.getvalue()


# --- the strategy ------------------------------------------------------------------------------

_RUNNING_HEADERS = ("某某县人民政府办公室", "某某市某某局2023年政府信息公开工作年度报告", "政府信息公开")


@st.composite
def pdf_layouts(draw: st.DrawFn) -> PdfLayout:
    """Layouts with every knob drawn; a page break's row is valid for every format."""
    page_break_in = draw(st.sampled_from(_PAGE_BREAKS))
    row = draw(st.integers(*BREAK_ROWS[page_break_in])) if page_break_in != "none" else 0
    wrap_labels = draw(st.booleans())
    return PdfLayout(
        wrap_labels=wrap_labels,
        vertical_results_label=draw(st.booleans()),
        page_break_in=page_break_in,
        page_break_row=row,
        repeat_header=draw(st.booleans()),
        page_numbers=draw(st.sampled_from(_PAGE_NUMBERS)),
        running_header=draw(st.none() | st.sampled_from(_RUNNING_HEADERS)),
        landscape=draw(st.booleans()),
        ruled=wrap_labels or draw(st.booleans()),
        font_size=draw(st.sampled_from((10.5, 9.0, 12.0, 11.0, 10.0, 9.5))),
    )
