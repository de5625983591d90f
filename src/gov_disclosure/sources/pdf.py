"""PDF files to report text, tables rebuilt from the page's geometry (the ``pdf`` extra).

pdfium (through pypdfium2: Apache-2.0/BSD, the engine of Chrome's viewer, about 3 ms a page
here) gives each character with its box and each path with its segments. What a PDF's
reading order would scramble is put back from geometry alone:

- the ruling lines of a table (stroked lines, and the edges of thin filled rectangles) are
  merged into horizontal and vertical lines; where they cross are the grid's corners, and
  each cell is the smallest rectangle of corners joined by lines, so a merged cell (the
  rowspan ``三、本年度办理结果`` printed one character per line, a colspan header) is one cell;
- a cell's text is its characters line by line, top to bottom: a label wrapped over two or
  three lines reads as one label;
- each table row becomes one line of the text, each cell ending in a tab, as the HTML reader
  writes a ``<td>``; tables side by side on a page share their lines, as they are printed;
- a table split over pages is one table: the header rows a continued part repeats are
  dropped, and so are page numbers (``- 3 -``, ``第3页 共6页``) and running headers and
  footers (the same line at the same edge of several pages);
- text outside tables is read line by line, a wide gap between characters kept as a tab.

A PDF with no text layer (a scan) is refused: ``scanned: no text layer``. Limits, each an
``InputError``: ``MAX_PAGES`` pages, ``MAX_SECONDS`` of reading, and what ``read`` allows in
bytes; a page with more rules than ``MAX_CROSSINGS`` allows is read as lines of text. Every
piece of text keeps where it stands in the file (``SourceText.places``: page and box, in
points from the page's top-left corner).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
import time
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InputError
from .text import Place, SourceText

if TYPE_CHECKING:
    import pypdfium2

__all__ = ["MAX_CROSSINGS", "MAX_PAGES", "MAX_SECONDS", "pdf_to_text"]

EXTRA_HINT = "pip install 'gov-disclosure[pdf]'"
MAX_PAGES = 500  # reports run to 5-30 pages; an 18-page comparison export is the longest seen
MAX_SECONDS = 30.0
_ENCRYPTED = "it is encrypted with a password"
# Horizontal times vertical rules on a page, beyond which no table is rebuilt there: 表三 has
# about 30 by 12; the search for cells grows with this product.
MAX_CROSSINGS = 40_000

# Points. Exporters draw one rule as two close strokes, or round coordinates apart.
_SNAP = 2.0
# A page's top and bottom edge (a share of its height): where page numbers and running
# headers stand.
_MARGIN = 0.1
_PAGE_NUMBER = re.compile(
    r"[-—–－]?\s*\d{1,4}\s*[-—–－]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
)
# A colour with every channel at least this is white, as the page is.
_WHITE = 250
# A filled rectangle at most this thin (points) is a rule drawn as a rectangle.
_THIN = 3.0
# Rows of the same label in two tables side by side that make them one table printed twice.
_TWIN_LABELS = 3
# Closing punctuation a line may let hang past its cell's right edge.
_HANGING = frozenset("、，。；：！？）」』”’》〉】,.;:!?)")
_NUMBER = re.compile(r"[-+]?[\d,，.]+%?")
# (一) 1. 1、 一、: an item of its own, never the rest of the cell above
_ENUMERATED = re.compile(r"[（(]?[一二三四五六七八九十0-9０-９]+[）)、.．]")
_QUARTER = 90  # degrees: /Rotate turns a page clockwise by quarters
# Of a character's em, how much stands above its baseline (CJK fonts: about 0.88).
_ASCENT = 0.88
_PATH_OBJECT = 2
_FORM_OBJECT = 5
_IMAGE_OBJECT = 3
_MOVE_TO, _LINE_TO = 1, 0  # FPDF_SEGMENT_MOVETO, FPDF_SEGMENT_LINETO
_MAX_FORM_DEPTH = 4


class _Char(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


class _Line(NamedTuple):
    """A ruling line: horizontal at ``at`` from ``start`` to ``end``, or vertical."""

    at: float
    start: float
    end: float


class _Cell(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float


class _Piece(NamedTuple):
    """Text for one place of the output: a table cell's or a line's, with its box; for a
    cell, also the cell's own box, the grid rows it spans and its text's line height."""

    text: str
    box: tuple[float, float, float, float]
    cell: tuple[float, float, float, float] | None = None
    rows_spanned: int = 1
    line_height: float = 0.0


# A row of the output: its pieces, each ending in a tab when ``cells`` (a table row).
class _Row(NamedTuple):
    top: float
    bottom: float
    pieces: tuple[_Piece, ...]
    cells: bool


class _Page(NamedTuple):
    number: int
    height: float
    rows: list[_Row]


def pdf_to_text(data: bytes, name: str) -> SourceText:
    """The text of the PDF ``data``, its tables rebuilt one row a line (see above)."""
    try:
        import pypdfium2
    except ImportError:
        raise InputError(
            f"is a PDF file: reading it needs pypdfium2 ({EXTRA_HINT})", reason="needs-extra"
        ) from None
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        why = _why(error)
        encrypted = why == _ENCRYPTED
        raise InputError(
            f"is a PDF file pdfium cannot open ({why})", reason="encrypted" if encrypted else "unreadable"
        ) from None
    try:
        return _read(document, name)
    finally:
        document.close()


def _why(error: Exception) -> str:
    message = str(error)
    if "password" in message.lower():
        return _ENCRYPTED
    return message.rstrip(".")


def _read(document: pypdfium2.PdfDocument, name: str) -> SourceText:
    count = len(document)
    if count > MAX_PAGES:
        raise InputError(
            f"is a PDF of {count:,} pages, more than the limit of {MAX_PAGES:,}", reason="too-large"
        )
    deadline = time.monotonic() + MAX_SECONDS
    pages: list[_Page] = []
    characters = images = 0
    for index in range(count):
        if time.monotonic() > deadline:
            raise InputError(
                f"took more than {MAX_SECONDS:g} s to read (page {index + 1} of {count})", reason="too-slow"
            )
        page = document[index]
        try:
            width, height, rotation = page.get_width(), page.get_height(), page.get_rotation()
            chars = _characters(page, height)
            lines, page_images = _ruling_lines(page, height)
        finally:
            page.close()
        if rotation % 360:
            chars, lines, height = _as_displayed(chars, lines, width, height, rotation % 360)
        characters += len(chars)
        images += page_images
        pages.append(_layout(index + 1, height, chars, lines, deadline))
    if characters == 0:
        if images:
            raise InputError(
                "scanned: no text layer: its pages are images, with no characters to read; "
                "run OCR on it first (e.g. ocrmypdf) and parse the result",
                reason="scanned",
            )
        raise InputError("is a PDF with no text on any page")
    _drop_page_furniture(pages)
    _drop_repeated_headers(pages)
    _join_cells_split_by_pages(pages)
    return _source_text(pages, name)


# --- what pdfium gives ----------------------------------------------------------------------


def _characters(page: pypdfium2.PdfPage, height: float) -> list[_Char]:
    """The page's printed characters with their boxes (top-down coordinates); spaces and the
    line breaks pdfium generates are left out: gaps are measured from the boxes."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        pdfium_c.FPDFText_GetText(
            textpage.raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        )
        text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
        rect = pdfium_c.FS_RECTF()
        box = ctypes.byref(rect)
        loose_box = pdfium_c.FPDFText_GetLooseCharBox
        raw = textpage.raw
        chars: list[_Char] = []
        for index, char in enumerate(text):
            if char.isspace() or char < " " or char == "\ufffe":
                continue
            if not loose_box(raw, index, box):
                continue
            # A loose box is as high as the font: one far wider than high is misplaced.
            if rect.right - rect.left <= 2 * (rect.top - rect.bottom):
                chars.append(_Char(char, rect.left, height - rect.top, rect.right, height - rect.bottom))
            elif (placed := _placed_by_matrix(raw, index, char, height)) is not None:
                chars.append(placed)
        return chars
    finally:
        textpage.close()


def _placed_by_matrix(raw: Any, index: int, char: str, height: float) -> _Char | None:
    """Where a character was printed by its own text matrix, for one whose box pdfium
    misplaced (seen with the fonts of Chrome's PDF export, which positions each glyph by its
    own matrix): an em square on its baseline."""
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix)):
        return None
    em = pdfium_c.FPDFText_GetFontSize(raw, index) * max(abs(matrix.a), abs(matrix.d))
    top = height - (matrix.f + em * _ASCENT)
    return _Char(char, matrix.e, top, matrix.e + em, top + em)


def _ruling_lines(page: pypdfium2.PdfPage, height: float) -> tuple[tuple[list[_Line], list[_Line]], int]:
    """The page's horizontal and vertical line segments (top-down coordinates), and how many
    images it holds."""
    import pypdfium2.raw as pdfium_c

    horizontal: list[_Line] = []
    vertical: list[_Line] = []
    images = 0
    stack: list[tuple[Any, int, tuple[float, ...]]] = [(page.raw, 0, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    while stack:
        container, depth, outer = stack.pop()
        in_form = depth > 0
        count = (pdfium_c.FPDFFormObj_CountObjects if in_form else pdfium_c.FPDFPage_CountObjects)(container)
        for index in range(max(count, 0)):
            obj = (pdfium_c.FPDFFormObj_GetObject if in_form else pdfium_c.FPDFPage_GetObject)(
                container, index
            )
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _IMAGE_OBJECT:
                images += 1
            elif kind == _FORM_OBJECT and depth < _MAX_FORM_DEPTH:
                stack.append((obj, depth + 1, _compose(_matrix(obj), outer)))
            elif kind == _PATH_OBJECT:
                _path_lines(obj, _compose(_matrix(obj), outer), height, horizontal, vertical)
    return (horizontal, vertical), images


def _matrix(obj: Any) -> tuple[float, ...]:
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """``inner`` then ``outer``, PDF matrices (a b c d e f) as row vectors multiply."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _visible(obj: Any, getter: Any) -> bool:
    """Whether a colour of ``obj`` shows on a white page (not white, not transparent)."""
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, *(ctypes.byref(value) for value in (red, green, blue, alpha))):
        return False
    return alpha.value > 0 and min(red.value, green.value, blue.value) < _WHITE


def _path_lines(
    obj: Any, matrix: tuple[float, ...], height: float, horizontal: list[_Line], vertical: list[_Line]
) -> None:
    """The rules a path draws: its straight horizontal and vertical segments when it is
    stroked in a colour that shows (a rectangle gives its four edges; curves are no rules);
    when it is only filled, the middle line of a thin filled rectangle. A filled area (cell
    shading, a white box behind a paragraph) is no rule."""
    import pypdfium2.raw as pdfium_c

    fill_mode = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return
    stroked = bool(stroke.value) and _visible(obj, pdfium_c.FPDFPageObj_GetStrokeColor)
    filled = fill_mode.value != 0 and _visible(obj, pdfium_c.FPDFPageObj_GetFillColor)
    if not (stroked or filled):
        return
    a, b, c, d, e, f = matrix
    x = pdfium_c.FS_FLOAT()
    y = pdfium_c.FS_FLOAT()
    points: list[tuple[int, bool, tuple[float, float]]] = []
    for index in range(max(pdfium_c.FPDFPath_CountSegments(obj), 0)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            points.append((kind, bool(pdfium_c.FPDFPathSegment_GetClose(segment)), point))
    if stroked:
        _stroked_segments(points, horizontal, vertical)
    elif points:
        xs = [point[0] for _, _, point in points]
        ys = [point[1] for _, _, point in points]
        if max(ys) - min(ys) <= _THIN and max(xs) - min(xs) > _SNAP:
            horizontal.append(_Line((max(ys) + min(ys)) / 2, min(xs), max(xs)))
        elif max(xs) - min(xs) <= _THIN and max(ys) - min(ys) > _SNAP:
            vertical.append(_Line((max(xs) + min(xs)) / 2, min(ys), max(ys)))


def _stroked_segments(
    points: list[tuple[int, bool, tuple[float, float]]], horizontal: list[_Line], vertical: list[_Line]
) -> None:
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for kind, closes, point in points:
        if kind == _LINE_TO and previous is not None:
            _add_segment(previous, point, horizontal, vertical)
        if kind == _MOVE_TO or start is None:
            start = point
        previous = point
        if closes:
            _add_segment(point, start, horizontal, vertical)
            previous = start


def _add_segment(
    p: tuple[float, float], q: tuple[float, float], horizontal: list[_Line], vertical: list[_Line]
) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= _SNAP / 2 and abs(x1 - x0) > _SNAP:
        horizontal.append(_Line((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= _SNAP / 2 and abs(y1 - y0) > _SNAP:
        vertical.append(_Line((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _as_displayed(
    chars: list[_Char], lines: tuple[list[_Line], list[_Line]], width: float, height: float, rotation: int
) -> tuple[list[_Char], tuple[list[_Line], list[_Line]], float]:
    """A page its /Rotate turns (a landscape table page): characters and rules as the page is
    displayed, top-down, and the displayed page's height."""

    def point(x: float, y: float) -> tuple[float, float]:  # y top-down, on the unrotated page
        if rotation == _QUARTER:
            return height - y, x
        if rotation == 2 * _QUARTER:
            return width - x, height - y
        return y, width - x

    def box(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = point(x0, top), point(x1, bottom)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    turned = [_Char(char.text, *box(char.x0, char.top, char.x1, char.bottom)) for char in chars]
    horizontal: list[_Line] = []
    vertical: list[_Line] = []
    segments = [(line.start, line.at, line.end, line.at) for line in lines[0]]
    segments += [(line.at, line.start, line.at, line.end) for line in lines[1]]
    for x0, y0, x1, y1 in segments:
        _add_segment(point(x0, y0), point(x1, y1), horizontal, vertical)
    return turned, (horizontal, vertical), width if rotation != 2 * _QUARTER else height


# --- tables from ruling lines ---------------------------------------------------------------


def _merged(segments: list[_Line]) -> list[_Line]:
    """Segments at (nearly) the same position, overlapping or touching, as one line each."""
    merged: list[_Line] = []
    for at_group in _clusters(sorted(segments)):
        at = sum(line.at for line in at_group) / len(at_group)
        current: _Line | None = None
        for line in sorted(at_group, key=lambda line: line.start):
            if current is not None and line.start <= current.end + _SNAP:
                current = _Line(at, current.start, max(current.end, line.end))
            else:
                if current is not None:
                    merged.append(current)
                current = _Line(at, line.start, line.end)
        if current is not None:
            merged.append(current)
    return merged


def _clusters(lines: list[_Line]) -> Iterator[list[_Line]]:
    """Sorted lines in groups at (nearly) the same position: each within ``_SNAP`` of the last."""
    group: list[_Line] = []
    for item in lines:
        if group and item.at - group[-1].at > _SNAP:
            yield group
            group = []
        group.append(item)
    if group:
        yield group


def _cells(horizontal: list[_Line], vertical: list[_Line], deadline: float, page: int) -> list[_Cell]:
    """The grid's cells: for each corner, the smallest rectangle whose other three corners
    exist and whose sides are drawn (a merged cell has no line inside it to stop at)."""
    corners: dict[tuple[int, int], tuple[float, float]] = {}
    for v_index, v in enumerate(vertical):
        for h_index, h in enumerate(horizontal):
            if h.start - _SNAP <= v.at <= h.end + _SNAP and v.start - _SNAP <= h.at <= v.end + _SNAP:
                corners[v_index, h_index] = (v.at, h.at)
    on_h: dict[int, list[int]] = {}
    on_v: dict[int, list[int]] = {}
    for v_index, h_index in corners:
        on_h.setdefault(h_index, []).append(v_index)
        on_v.setdefault(v_index, []).append(h_index)
    for points in on_h.values():
        points.sort(key=lambda v_index: vertical[v_index].at)
    for points in on_v.values():
        points.sort(key=lambda h_index: horizontal[h_index].at)
    cells: list[_Cell] = []
    for count, ((v_index, h_index), (x, y)) in enumerate(corners.items()):
        if count % 1024 == 0 and time.monotonic() > deadline:
            raise InputError(
                f"took more than {MAX_SECONDS:g} s to read (the rules of page {page})", reason="too-slow"
            )
        on_line = on_h[h_index]
        rights = on_line[on_line.index(v_index) + 1 :]
        on_column = on_v[v_index]
        downs = on_column[on_column.index(h_index) + 1 :]
        cell = next(
            (
                _Cell(x, y, vertical[right].at, horizontal[down].at)
                for down in downs
                if horizontal[down].at > y + _SNAP
                for right in rights
                if (right, down) in corners and vertical[right].at > x + _SNAP
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


class _Table(NamedTuple):
    cells: list[_Cell]
    x0: float
    top: float
    x1: float
    bottom: float


def _tables(cells: list[_Cell]) -> list[_Table]:
    """Cells grouped into tables: cells that share a corner are in one table."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_at: dict[tuple[int, int], int] = {}
    for index, cell in enumerate(cells):
        for corner in (
            (cell.x0, cell.top),
            (cell.x1, cell.top),
            (cell.x0, cell.bottom),
            (cell.x1, cell.bottom),
        ):
            key = (round(corner[0] / _SNAP), round(corner[1] / _SNAP))
            if key in first_at:
                parent[root(index)] = root(first_at[key])
            else:
                first_at[key] = index
    groups: dict[int, list[_Cell]] = {}
    for index, cell in enumerate(cells):
        groups.setdefault(root(index), []).append(cell)
    return [
        _Table(
            group,
            min(c.x0 for c in group),
            min(c.top for c in group),
            max(c.x1 for c in group),
            max(c.bottom for c in group),
        )
        for group in groups.values()
    ]


# --- text of cells and lines ----------------------------------------------------------------


def _text_lines(chars: list[_Char]) -> list[list[_Char]]:
    """``chars`` as printed lines, top to bottom, each left to right: a character is on a line
    when its middle is within the line's height."""
    if len(chars) == 1:
        return [list(chars)]
    lines: list[list[_Char]] = []
    bounds: list[tuple[float, float]] = []
    for char in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        middle = (char.top + char.bottom) / 2
        if lines and bounds[-1][0] <= middle <= bounds[-1][1]:
            lines[-1].append(char)
        else:
            lines.append([char])
            bounds.append((char.top, char.bottom))
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(line: list[_Char], *, tabs: bool) -> str:
    """A printed line's characters; a gap of a character's height or more is a tab (outside
    tables: columns without ruling lines), a smaller visible gap a space."""
    out = [line[0].text]
    for before, char in itertools.pairwise(line):
        gap = char.x0 - before.x1
        size = max(char.bottom - char.top, 1.0)
        if tabs and gap >= size * 1.5:
            out.append("\t")
        elif gap >= size * 0.3 and (before.text.isascii() or char.text.isascii()):
            out.append(" ")
        out.append(char.text)
    return "".join(out)


def _cell_text(chars: list[_Char]) -> str:
    """A cell's text: its lines joined, as a label wrapped in a narrow column was one line."""
    out = ""
    for line in _text_lines(chars):
        text = _line_text(line, tabs=False)
        if out and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalnum():
            out += " "
        out += text
    return out


def _box(chars: list[_Char]) -> tuple[float, float, float, float]:
    if len(chars) == 1:
        _, x0, top, x1, bottom = chars[0]
        return (x0, top, x1, bottom)
    _, x0s, tops, x1s, bottoms = zip(*chars, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def _hang_punctuation(cell_of: dict[_Char, int]) -> None:
    """Punctuation that closes a line may hang past the cell's right rule (Word's and WPS's
    default for Chinese text): it goes with the character it follows on that line, when the
    two touch."""
    if not any(char.text in _HANGING for char in cell_of):
        return
    for line in _text_lines(list(cell_of)):
        for before, char in itertools.pairwise(line):
            if (
                char.text in _HANGING
                and cell_of[before] != cell_of[char]
                and char.x0 - before.x1 <= (char.bottom - char.top) * 0.3
            ):
                cell_of[char] = cell_of[before]


def _cell_piece(cell: _Cell, chars: list[_Char] | None, ys: list[float]) -> _Piece:
    spanned = bisect.bisect_left(ys, cell.bottom - 0.01) - bisect.bisect_left(ys, cell.top - 0.01)
    box = (cell.x0, cell.top, cell.x1, cell.bottom)
    if not chars:
        return _Piece("", box, box, spanned)
    height = chars[0].bottom - chars[0].top  # a cell's text is in one size
    return _Piece(_cell_text(chars), _box(chars), box, spanned, height)


def _table_rows(table: _Table, chars: list[_Char]) -> list[_Row]:
    """One row a line: the cells whose top is on that line's rule, left to right; a cell
    merged over rows stands in its first row only."""
    xs = sorted({c.x0 for c in table.cells} | {c.x1 for c in table.cells})
    ys = sorted({c.top for c in table.cells} | {c.bottom for c in table.cells})
    slot_cell: dict[tuple[int, int], int] = {}
    for index, cell in enumerate(table.cells):
        for column in range(bisect.bisect_left(xs, cell.x0 - 0.01), bisect.bisect_left(xs, cell.x1 - 0.01)):
            for row in range(
                bisect.bisect_left(ys, cell.top - 0.01), bisect.bisect_left(ys, cell.bottom - 0.01)
            ):
                slot_cell[column, row] = index
    cell_of: dict[_Char, int] = {}
    for char in chars:
        column = bisect.bisect_right(xs, (char.x0 + char.x1) / 2) - 1
        row = bisect.bisect_right(ys, (char.top + char.bottom) / 2) - 1
        found = slot_cell.get((column, row))
        if found is not None:
            cell_of[char] = found
    _hang_punctuation(cell_of)
    in_cell: dict[int, list[_Char]] = {}
    for char, found in cell_of.items():
        in_cell.setdefault(found, []).append(char)
    by_top: dict[float, list[int]] = {}
    for index, cell in enumerate(table.cells):
        by_top.setdefault(cell.top, []).append(index)
    rows: list[_Row] = []
    for top in sorted(by_top):
        indexes = sorted(by_top[top], key=lambda i: table.cells[i].x0)
        pieces = tuple(_cell_piece(table.cells[i], in_cell.get(i), ys) for i in indexes)
        bottom = min(table.cells[i].bottom for i in indexes)
        rows.append(_Row(top, bottom, pieces, cells=True))
    return rows


def _layout(
    number: int, height: float, chars: list[_Char], lines: tuple[list[_Line], list[_Line]], deadline: float
) -> _Page:
    """The page's rows in reading order: its tables' rows and its lines of text, top down.
    A page of more rules than ``MAX_CROSSINGS`` allows (a drawing, a hostile file) has no
    table rebuilt: its text is read line by line."""
    horizontal, vertical = _merged(lines[0]), _merged(lines[1])
    tables: list[_Table] = []
    if len(horizontal) * len(vertical) <= MAX_CROSSINGS:
        cells = _cells(horizontal, vertical, deadline, number)
        tables = [table for table in _tables(cells) if len(table.cells) > 1]
    free: list[_Char] = []
    table_chars: list[list[_Char]] = [[] for _ in tables]
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for index, table in enumerate(tables):
            if table.x0 <= x <= table.x1 and table.top <= y <= table.bottom:
                table_chars[index].append(char)
                break
        else:
            free.append(char)
    rows: list[_Row] = []
    table_rows = [_table_rows(table, inside) for table, inside in zip(tables, table_chars, strict=True)]
    _refuse_twin_tables(number, tables, table_rows)
    for found in table_rows:
        rows += found
    for line in _text_lines(free):
        rows.append(
            _Row(line[0].top, line[0].bottom, (_Piece(_line_text(line, tabs=True), _box(line)),), cells=False)
        )
    return _Page(number, height, _side_by_side(rows))


def _refuse_twin_tables(number: int, tables: list[_Table], rows: list[list[_Row]]) -> None:
    """A page that prints the same table twice side by side (rows of the same labels, left and
    right) compares two reports: it is no report, and reading it would mix the two."""
    labels = [{row.pieces[0].text for row in table_rows if row.pieces[0].text} for table_rows in rows]
    for left, left_labels in zip(tables, labels, strict=True):
        for right, right_labels in zip(tables, labels, strict=True):
            overlap = min(left.bottom, right.bottom) - max(left.top, right.top)
            beside = left.x1 <= right.x0 + _SNAP and overlap > (
                min(left.bottom - left.top, right.bottom - right.top) / 2
            )
            shared = left_labels & right_labels
            if beside and len(shared) >= _TWIN_LABELS:
                rows_named = "、".join(sorted(shared)[:3])
                raise InputError(
                    f"prints the same table twice side by side (page {number}, rows {rows_named} …): "
                    "a comparison of two reports, not one report; none of its numbers is read",
                    reason="not-a-report",
                )


def _side_by_side(rows: list[_Row]) -> list[_Row]:
    """Rows in reading order; table rows printed at the same height (two tables side by side)
    share one line, left to right."""
    rows.sort(key=lambda row: (row.top, row.pieces[0].box[0]))
    out: list[_Row] = []
    for row in rows:
        last = out[-1] if out else None
        if (
            last is not None
            and row.cells
            and last.cells
            and abs(row.top - last.top) <= _SNAP
            and row.pieces[0].box[0] > last.pieces[-1].box[0]
        ):
            out[-1] = _Row(last.top, max(last.bottom, row.bottom), last.pieces + row.pieces, cells=True)
        else:
            out.append(row)
    return out


# --- what is the page's, not the report's ---------------------------------------------------


def _in_margin(row: _Row, page: _Page) -> str | None:
    if row.cells:
        return None
    if row.bottom <= page.height * _MARGIN:
        return "top"
    if row.top >= page.height * (1 - _MARGIN):
        return "bottom"
    return None


def _drop_page_furniture(pages: list[_Page]) -> None:
    """Page numbers, and lines repeated at the same edge of several pages (running headers
    and footers), are no part of the report's text."""
    seen = Counter(
        (edge, row.pieces[0].text)
        for page in pages
        for row in page.rows
        if (edge := _in_margin(row, page)) is not None
    )
    for page in pages:
        page.rows[:] = [
            row
            for row in page.rows
            if (edge := _in_margin(row, page)) is None
            or not (_PAGE_NUMBER.fullmatch(row.pieces[0].text.strip()) or seen[edge, row.pieces[0].text] > 1)
        ]


def _row_texts(row: _Row) -> tuple[str, ...]:
    return tuple(piece.text for piece in row.pieces)


def _table_breaks(pages: list[_Page]) -> Iterator[tuple[_Page, int, _Page]]:
    """Each page break inside a table: the page before it, where that page's last table rows
    start, and the page after it, which starts with table rows."""
    for before, page in itertools.pairwise(pages):
        if not before.rows or not before.rows[-1].cells or not page.rows or not page.rows[0].cells:
            continue
        start = len(before.rows) - 1
        while start > 0 and before.rows[start - 1].cells:
            start -= 1
        yield before, start, page


def _drop_repeated_headers(pages: list[_Page]) -> None:
    """A table continued on the next page may repeat its header rows there: they go."""
    for before, start, page in _table_breaks(pages):
        repeated = 0
        for head, row in zip(before.rows[start:], page.rows, strict=False):
            if not row.cells or _row_texts(head) != _row_texts(row):
                break
            repeated += 1
        if repeated and repeated < len(before.rows) - start:
            del page.rows[:repeated]


def _join_cells_split_by_pages(pages: list[_Page]) -> None:
    """A merged cell cut by a page break, its text flowed on (``（四）无`` at the foot of one
    page, ``法提供`` at the head of the next, WPS's export): one cell again. It is the same
    column's cell at the bottom of the table on one page and in the first row on the next, its
    text reaching the cell's foot there and starting at the cell's head here, where a cell of
    two or more rows would centre it; never a number, never a new enumerated item."""
    for before, start, page in _table_breaks(pages):
        # the cells of the table's last rows on the page before that reach its foot
        bottom = max(_foot(piece) for row in before.rows[start:] for piece in row.pieces)
        at_foot = [
            (index, place, cut)
            for index in range(start, len(before.rows))
            for place, cut in enumerate(before.rows[index].pieces)
            if abs(_foot(cut) - bottom) <= _SNAP and _flows_on(cut, at_head=False)
        ]
        first = page.rows[0]
        for slot, piece in enumerate(first.pieces):
            if not _flows_on(piece, at_head=True):
                continue
            above = [(index, place, cut) for index, place, cut in at_foot if _same_column(cut, piece)]
            if len(above) != 1:
                continue
            index, place, cut = above[0]
            if cut.rows_spanned < 2 and piece.rows_spanned < 2:
                continue
            pieces = list(before.rows[index].pieces)
            pieces[place] = cut._replace(text=cut.text + piece.text)
            before.rows[index] = before.rows[index]._replace(pieces=tuple(pieces))
            rest = list(first.pieces)
            rest[slot] = piece._replace(text="")
            first = first._replace(pieces=tuple(rest))
        page.rows[0] = first


def _flows_on(piece: _Piece, *, at_head: bool) -> bool:
    """Whether a cell's text runs to its foot (or, ``at_head``, starts at its head): within a
    line of the edge, and text that is no number nor, at the head, a new enumerated item."""
    if piece.cell is None or not piece.text or _NUMBER.fullmatch(piece.text):
        return False
    if at_head:
        return not _ENUMERATED.match(piece.text) and piece.box[1] - piece.cell[1] <= piece.line_height * 1.2
    return piece.cell[3] - piece.box[3] <= piece.line_height * 1.2


def _foot(piece: _Piece) -> float:
    return piece.cell[3] if piece.cell is not None else piece.box[3]


def _same_column(a: _Piece, b: _Piece) -> bool:
    return (
        a.cell is not None
        and b.cell is not None
        and abs(a.cell[0] - b.cell[0]) <= _SNAP
        and abs(a.cell[2] - b.cell[2]) <= _SNAP
    )


# --- the text, and where each piece came from -----------------------------------------------


def _source_text(pages: list[_Page], name: str) -> SourceText:
    parts: list[str] = []
    places: list[Place] = []
    offset = 0
    for page in pages:
        for row in page.rows:
            for piece in row.pieces:
                if piece.text:
                    places.append(Place(offset, offset + len(piece.text), page=page.number, box=piece.box))
                text = piece.text + ("\t" if row.cells else "")
                parts.append(text)
                offset += len(text)
            parts.append("\n")
            offset += 1
    return SourceText("".join(parts), name, "pdf", places=tuple(places))
