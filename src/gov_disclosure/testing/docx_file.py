"""DOCX files of a report, in the layouts real Word reports come in, for property tests.

    from gov_disclosure.testing.docx_file import DocxLayout, docx_bytes, docx_layouts

    data = docx_bytes(report)                                   # as the HTML rendering lays it out
    data = docx_bytes(report, DocxLayout(merge_cells=False))    # one kind of noise
    @given(gds.reports(), docx_layouts())                       # every kind, drawn

Each knob of a ``DocxLayout`` is one kind of noise a Word report has, so a failing example
shrinks to the knob that breaks. The document is built from ``render.document_blocks``: the
title, the sections' headings and paragraphs, and the three tables with the template's merged
cells. ``document_docx`` writes any such blocks (a small table for a unit test). The bytes are
the same for the same report and layout: the package's dates and its ZIP members' times are
fixed. Needs python-docx (the ``docx`` extra) and hypothesis for ``docx_layouts``.
"""

from __future__ import annotations

import datetime
import functools
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

import attrs
from hypothesis import strategies as st

from ..model import Report
from ..render import Block, DocumentCell, DocumentTable, document_blocks

__all__ = ["DocxLayout", "document_docx", "docx_bytes", "docx_layouts"]

_FIXED_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {
    "w": _W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
_DECLARED = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
_TEXT_WIDTH = 9000  # twips across the page's text
_WRAPPED_LONGER_THAN = 8  # characters: a label longer than this wraps in its cell
_TABLE3_HEADER_ROWS = 3


@attrs.frozen
class DocxLayout:
    """How a report is laid out in Word; each field is one kind of noise."""

    # Real merges (w:gridSpan, w:vMerge) as the template has them; else every place of the
    # grid its own cell, a merged cell's text in its first place ...
    merge_cells: bool = True
    # ... and, with merge_cells=False, a merged label's text in each of its places too.
    repeat_unmerged_labels: bool = False
    # Labels longer than 8 characters wrapped in their cell: over two paragraphs, or (every
    # other one) with a line break (w:br) in one paragraph.
    wrap_labels: bool = False
    # 表三 as two tables, the second from this row on (its 3 header rows counted): what a
    # table split at a page break looks like; the second repeats the header rows if asked.
    split_table3_at: int | None = None
    repeat_header: bool = False
    title_in_text_box: bool = False  # the title in a text box (a drawing with a VML fallback)
    empty_paragraphs: bool = False  # blank and space-only paragraphs between blocks
    heading_style: bool = True  # Title / Heading 1 styles, else bold plain paragraphs


def docx_bytes(report: Report, layout: DocxLayout = DocxLayout()) -> bytes:
    """``report`` as a DOCX file in ``layout``."""
    return document_docx(document_blocks(report), layout)


def document_docx(blocks: Iterable[Block], layout: DocxLayout = DocxLayout()) -> bytes:
    """A DOCX file of ``blocks`` (as ``render.document_blocks`` yields them) in ``layout``."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    end = body.find(f"{{{_W_NS}}}sectPr")
    xml = "".join(_block_xml(block, layout) for block in blocks)
    for element in parse_xml(f"<w:body {_DECLARED}>{xml}</w:body>"):
        if end is None:
            body.append(element)
        else:
            end.addprevious(element)
    properties = document.core_properties
    properties.created = properties.modified = _FIXED_TIME
    properties.author = properties.last_modified_by = "gov_disclosure.testing"
    properties.revision = 1
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_zip_times(saved.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The archive again with each member's time fixed (``zipfile`` stamps the time it writes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(member))
    return out.getvalue()


# --- blocks as WordprocessingML --------------------------------------------------------------


def _run(text: str, *, bold: bool = False) -> str:
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(content: str, properties: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{content}</w:p>"


def _block_xml(block: Block, layout: DocxLayout) -> str:
    if block[0] == "table":
        xml = _table_xml(block[1], layout)
    elif block[0] == "title":
        xml = _title_xml(block[1], layout)
    elif block[0] == "heading":
        if layout.heading_style:
            xml = _paragraph(_run(block[1]), '<w:pStyle w:val="Heading1"/>')
        else:
            xml = _paragraph(_run(block[1], bold=True))
    else:
        xml = _paragraph(_run(block[1]), '<w:ind w:firstLineChars="200"/>')
    if layout.empty_paragraphs:
        # Blank, or only spaces (ideographic ones, as Chinese indents are typed).
        xml += _paragraph("") + _paragraph(_run("\u3000\u3000 "))
    return xml


def _title_xml(title: str, layout: DocxLayout) -> str:
    if layout.heading_style:
        inner = _paragraph(_run(title), '<w:pStyle w:val="Title"/>')
    else:
        inner = _paragraph(_run(title, bold=True), '<w:jc w:val="center"/>')
    if not layout.title_in_text_box:
        return inner
    # As Word writes a text box: a drawing, and the same box again for readers without it.
    box = f"<w:txbxContent>{inner}</w:txbxContent>"
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5400000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapTopAndBottom/><wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="5400000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"</wps:spPr><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    fallback = (
        '<w:pict><v:shape id="TextBox1" style="width:425pt;height:47pt">'
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict>"
    )
    return _paragraph(
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{drawing}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>"
    )


# --- tables ------------------------------------------------------------------------------------


@attrs.frozen
class _Place:
    """A place of a table's grid: the cell covering it and where that cell starts."""

    cell: DocumentCell
    row: int
    column: int


def _grid(table: DocumentTable) -> tuple[dict[tuple[int, int], _Place], int]:
    """Each place (row, column) of the table's grid, and the grid's width."""
    places: dict[tuple[int, int], _Place] = {}
    for y, row in enumerate(table.rows):
        x = 0
        for cell in row:
            while (y, x) in places:  # a place a cell of a row above still spans
                x += 1
            for dy, dx in itertools.product(range(cell.rowspan), range(cell.colspan)):
                places[y + dy, x + dx] = _Place(cell, y, x)
            x += cell.colspan
    return places, 1 + max(x for _, x in places)


def _table_xml(table: DocumentTable, layout: DocxLayout) -> str:
    places, width = _grid(table)
    count = len(table.rows)
    parts: list[range | tuple[int, ...]] = [range(count)]
    if table.section == 3 and layout.split_table3_at is not None:
        at = layout.split_table3_at
        if not 0 < at < count:
            raise ValueError(f"split_table3_at={at}: 表三 has rows 1 to {count - 1} to split at")
        header = tuple(range(min(_TABLE3_HEADER_ROWS, at))) if layout.repeat_header else ()
        parts = [range(at), (*header, *range(at, count))]
    tables = []
    wrapped = itertools.count()
    for rows in parts:
        xml = "".join(_row_xml(table, places, width, rows, y, layout, wrapped) for y in rows)
        columns = f'<w:gridCol w:w="{_TEXT_WIDTH // width}"/>' * width
        tables.append(
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{columns}</w:tblGrid>{xml}</w:tbl>'
        )
    # Word joins two tables that touch: a paragraph always stands between the parts.
    return _paragraph("").join(tables)


def _row_xml(
    table: DocumentTable,
    places: dict[tuple[int, int], _Place],
    width: int,
    rows: range | tuple[int, ...],
    y: int,
    layout: DocxLayout,
    wrapped: Iterator[int],
) -> str:
    """Row ``y`` of a table (or of one part of it, whose rows are ``rows``) as a ``w:tr``."""
    cells = []
    position = rows.index(y)
    above = rows[position - 1] if position else None
    below = rows[position + 1] if position + 1 < len(rows) else None
    for x in range(width):
        place = places[y, x]
        starts_here = (place.row, place.column) == (y, x)
        if layout.merge_cells:
            if place.column != x:
                continue  # in the gridSpan of the cell before
            # A merge that started above goes on only in the same table, from the row above.
            goes_on = above is not None and place.row != y and places[above, x] == place
            reaches_below = below is not None and places[below, x] == place
            merge = "<w:vMerge/>" if goes_on else '<w:vMerge w:val="restart"/>' if reaches_below else ""
            text = place.cell.text if place.row == y else ""
            cells.append(_cell_xml(place.cell, text, place.cell.colspan, merge, layout, wrapped))
        else:
            repeat = layout.repeat_unmerged_labels and not place.cell.number
            text = place.cell.text if starts_here or repeat else ""
            cells.append(_cell_xml(place.cell, text, 1, "", layout, wrapped))
    header = all(places[y, x].cell.header for x in range(width))
    properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{properties}{''.join(cells)}</w:tr>"


def _cell_xml(
    cell: DocumentCell, text: str, span: int, merge: str, layout: DocxLayout, wrapped: Iterator[int]
) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    properties = f'<w:tcPr><w:tcW w:w="0" w:type="auto"/>{span_xml}{merge}</w:tcPr>'
    centred = '<w:jc w:val="center"/>'
    if not text:
        return f"<w:tc>{properties}{_paragraph('')}</w:tc>"
    if cell.number:
        return f"<w:tc>{properties}{_paragraph(_run(text), centred)}</w:tc>"
    cut = _wrap_point(text) if layout.wrap_labels else None
    if cut is None:
        content = _paragraph(_run(text, bold=cell.header))
    elif next(wrapped) % 2 == 0:
        content = _paragraph(_run(text[:cut], bold=cell.header)) + _paragraph(
            _run(text[cut:], bold=cell.header)
        )
    else:
        content = _paragraph(
            _run(text[:cut], bold=cell.header) + "<w:r><w:br/></w:r>" + _run(text[cut:], bold=cell.header)
        )
    return f"<w:tc>{properties}{content}</w:tc>"


def _wrap_point(text: str) -> int | None:
    """Where a long label wraps: near its middle, never between two ASCII characters (an
    English word or a number, which Word does not break)."""
    if len(text) <= _WRAPPED_LONGER_THAN:
        return None
    for cut in range(len(text) // 2, 0, -1):
        if not (text[cut - 1].isascii() and text[cut].isascii()):
            return cut
    return None


# --- layouts, drawn ------------------------------------------------------------------------


@functools.cache
def _table3_rows() -> int:
    """How many rows 表三 has in the format with the fewest."""
    counts = []
    for format_name in ("2021", "2019"):
        for block in document_blocks(Report(format=format_name)):
            if block[0] == "table" and block[1].section == 3:
                counts.append(len(block[1].rows))
    return min(counts)


@st.composite
def docx_layouts(draw: st.DrawFn) -> DocxLayout:
    """Layouts with every kind of noise of a ``DocxLayout``, each knob drawn."""
    merge_cells = draw(st.booleans())
    split = draw(st.none() | st.integers(_TABLE3_HEADER_ROWS, _table3_rows() - 1))
    return DocxLayout(
        merge_cells=merge_cells,
        repeat_unmerged_labels=not merge_cells and draw(st.booleans()),
        wrap_labels=draw(st.booleans()),
        split_table3_at=split,
        repeat_header=split is not None and draw(st.booleans()),
        title_in_text_box=draw(st.booleans()),
        empty_paragraphs=draw(st.booleans()),
        heading_style=draw(st.booleans()),
    )
