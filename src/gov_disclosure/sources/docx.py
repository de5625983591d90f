"""DOCX files (Word 2007 and later, WPS) to report text (the ``docx`` extra: python-docx).

The text is what the HTML reader gives for the same document as a web page, so that one
grammar reads both:

- the body in document order: each paragraph a line, a table's rows in place; a line break
  (``w:br``) in a paragraph starts a new line, a tab (``w:tab``) stays a tab;
- each table row one line, each cell ending in one tab (``规章\\t1\\t\\t3\\t``), merged cells
  resolved to the grid as an HTML ``colspan``/``rowspan`` cell is: a horizontal merge
  (``w:gridSpan``, or Word 97's ``w:hMerge``) is one cell whose text appears once, and the
  places a vertical merge (``w:vMerge``) continues into give nothing in the later rows, as the
  places under a ``<td rowspan>`` do;
- a cell's text is its paragraphs (and line breaks) joined: nothing between two pieces where
  either side is Chinese (a label wrapped over two paragraphs, ``2.其他法律行政法规禁止公`` +
  ``开``), a space between two ASCII ones; a tab in a cell is a space, as it would end the
  cell; a superscript run in a cell (a footnote mark) is not part of its number;
- a table nested in a cell: the outer row's line first, then the nested table's rows as
  lines of their own, so each row of either table stays one line of cells; a one-column table
  is a frame around text (a whole report in one cell), whose cells are read as the body is;
- text boxes (``w:txbxContent``, a title set in a box) are read where they are anchored, once
  (Word stores a box twice, as a drawing and as a VML fallback); content controls, smart tags,
  hyperlinks, fields' results and tracked insertions are read through; tracked deletions,
  hidden text and field codes are not the document's text. Headers, footers, footnotes and
  comments are other parts of the package: not the report, not read.

``SourceText.notes`` says when nested tables or tracked changes were read around, or an
embedded chunk (``w:altChunk``) could not be read.

Bounds, checked with ``zipfile`` before python-docx opens the archive, each an ``InputError``:
at most ``MAX_MEMBERS`` (10,000) members and ``MAX_UNCOMPRESSED`` (64 MiB) uncompressed in
all, as the archive declares them (``zipfile`` stops a member at its declared size and then
fails its CRC); no member over ``BOMB_MIN_SIZE`` (1 MiB) that expands more than ``MAX_RATIO``
(200) times (the parts of a python-docx document expand 2 to 32 times); no encrypted member,
and no compression but stored and deflated (what OOXML allows). No XML part may declare a DTD
(``<!DOCTYPE``, which the Open Packaging Conventions forbid): each part's prolog is read before
anything is parsed, so an entity is never expanded ("billion laughs"); python-docx's own
parser resolves no entities either, and libxml2 refuses elements nested more than 256 deep.
A ZIP that is cut short or corrupt, or that is no Word document, is an ``InputError`` naming
what is wrong, never a traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InputError
from .text import LINE_SPACE, Place, SourceText, kept_lines

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["BOMB_MIN_SIZE", "MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED", "docx_to_text"]

EXTRA_HINT = "pip install 'gov-disclosure[docx]'"
MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200
BOMB_MIN_SIZE = 1024 * 1024  # a smaller member costs little however well it compresses

# How much of a member's prolog is read at a time, looking for a DTD before its root element.
_PROLOG_CHUNK = 4096
_STRIPPED = " \t\r\n\u3000\xa0"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _R, _RPR, _TCPR, _TRPR = _W + "t", _W + "r", _W + "rPr", _W + "tcPr", _W + "trPr"
_TEXT_BOX = _W + "txbxContent"
_ALTERNATE, _CHOICE, _FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
_SDT_CONTENT = _W + "sdtContent"
# Elements holding blocks, cells or rows that are read through as if they were not there.
_WRAPPERS = frozenset({_W + "sdt", _SDT_CONTENT, _W + "customXml", _W + "ins", _W + "moveTo"})
# What each element that is text stands for ("": its own text).
_PLAIN_TEXT = {
    _T: "",
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_DELETED = frozenset({_W + "del", _W + "moveFrom"})
# Inline content that is no text of the document (a field's code, ruby text over a base).
_NOT_TEXT = frozenset({_W + "pPr", _RPR, _W + "instrText", _W + "delText", _W + "rt", _W + "sectPr"})
_OFF = frozenset({"0", "false", "off"})
_CONTENT_TYPE = re.compile(r"content type is '([^']*)'")
# What a paragraph may hold that needs more than its text elements read in order.
_SPECIAL = (
    _TEXT_BOX,
    _ALTERNATE,
    *_DELETED,
    _W + "ins",
    _W + "instrText",
    _W + "rt",
    _W + "vanish",
    _W + "vertAlign",
)


class _DtdFound(Exception):
    """A part declares a DTD."""


class _RootReached(Exception):
    """A part's prolog ended without a DTD."""


if TYPE_CHECKING:  # a protocol of the stubs only (types-lxml), not a class lxml has
    from lxml.etree import ParserTarget

    _Target = ParserTarget[None]
else:
    _Target = object


class _Prolog(_Target):
    """An lxml parser target that stops at the root element, or at a DTD before it."""

    def start(self, tag: str, attrib: dict[str, str], /) -> None:
        raise _RootReached

    def doctype(self, name: str | None, public_id: str | None, system_url: str | None, /) -> None:
        raise _DtdFound

    def close(self) -> None:
        return None


def docx_to_text(data: bytes, name: str = "<bytes>") -> SourceText:
    """The text of a DOCX file's body, its tables' cells tab-separated and one row a line."""
    try:
        import docx
    except ImportError:
        raise InputError(
            f"is a DOCX file: reading it needs python-docx ({EXTRA_HINT})", reason="needs-extra"
        ) from None
    _check_archive(data)
    body = _open_body(docx, data)
    reading = _Reading(body)
    lines: list[str] = []
    reading.blocks(body, lines)
    text = _joined_lines(lines)
    return SourceText(text, name, "docx", notes=reading.notes(), places=_cell_places(text, reading.rows))


def _cell_places(text: str, rows: list[_RowRead]) -> tuple[Place, ...]:
    """Where each table cell's text stands in ``text``, and in the document (its table, row
    and grid column): each row's line is found in order, as ``_joined_lines`` left it."""
    places: list[Place] = []
    position = 0
    for row in rows:
        line = "".join(cell + "\t" for cell, _ in row.cells)
        kept = line.lstrip(LINE_SPACE).rstrip(" \u3000\xa0")
        if not kept.strip(LINE_SPACE):
            continue  # a row of empty cells: no line of the text
        found = text.find(kept, position)
        if found < 0:
            continue
        position = found + len(kept)
        in_line = 0
        for cell, column in row.cells:
            at = found + in_line - (len(line) - len(line.lstrip(LINE_SPACE)))
            if cell and at >= found:
                places.append(Place(at, at + len(cell), table=row.table, row=row.row, column=column))
            in_line += len(cell) + 1
    return tuple(places)


# --- bounds --------------------------------------------------------------------------------


def _check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(
            f"is a DOCX file that cannot be opened as a ZIP archive (cut short?): {error}"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputError(
                f"is a DOCX file of {len(members):,} members, more than the limit of {MAX_MEMBERS:,}",
                reason="too-large",
            )
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED:
            raise InputError(
                f"is a DOCX file that expands to {total:,} bytes, more than the limit of "
                f"{MAX_UNCOMPRESSED:,}",
                reason="too-large",
            )
        for member in members:
            _check_member(member)
        names = {member.filename for member in members}
        for part in ("[Content_Types].xml", "_rels/.rels"):
            if part not in names:
                raise InputError(f"is a ZIP archive without {part}: not a Word document")
        for member in members:
            if _declares_dtd(archive, member):
                raise InputError(
                    f"is a DOCX file whose part {member.filename} declares a DTD (<!DOCTYPE>), which "
                    "Word never writes: refused, as its entities could expand without bound"
                )


def _check_member(member: zipfile.ZipInfo) -> None:
    if member.flag_bits & 0x1:
        raise InputError(
            f"is a DOCX file with an encrypted member ({member.filename}): save it unprotected",
            reason="encrypted",
        )
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputError(
            f"is a DOCX file whose member {member.filename} uses compression method "
            f"{member.compress_type}, which Word never writes (stored or deflated only)"
        )
    if member.file_size > BOMB_MIN_SIZE and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        raise InputError(
            f"is a DOCX file whose member {member.filename} expands from {member.compress_size:,} to "
            f"{member.file_size:,} bytes, more than {MAX_RATIO} times: a ZIP bomb, not a document",
            reason="too-large",
        )


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether ``member`` is XML whose prolog declares a DTD. Only the prolog is parsed (up to
    the root element); a member that is not XML (an image) stops at its first bytes."""
    from lxml import etree as lxml_etree

    parser = lxml_etree.XMLParser(target=_Prolog(), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_PROLOG_CHUNK):
                parser.feed(chunk)
            parser.close()
    except _DtdFound:
        return True
    except (_RootReached, lxml_etree.LxmlError):
        return False
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise InputError(f"is a DOCX file whose member {member.filename} is corrupt: {error}") from None
    return False


def _open_body(docx: ModuleType, data: bytes) -> etree._Element:
    """The ``w:body`` of the document python-docx finds in the package."""
    from docx.opc.exceptions import OpcError
    from lxml import etree as lxml_etree

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise InputError(f"is a DOCX file with a corrupt member: {error}") from None
    except KeyError as error:  # a part that a relationship names is not in the archive, or no main part
        raise InputError(_missing_part(str(error.args[0] if error.args else error))) from None
    except lxml_etree.LxmlError as error:
        raise InputError(f"is a DOCX file with a part that is not well-formed XML: {error}") from None
    except (ValueError, OpcError) as error:
        # python-docx: "file '<_io.BytesIO object at 0x...>' is not a Word file, content type is '...'"
        found = _CONTENT_TYPE.search(str(error))
        what = f"its main part is {found.group(1)}" if found else str(error)
        raise InputError(f"is not a Word document: {what}") from None
    body: etree._Element | None = document.element.body
    if body is None:
        raise InputError("is a DOCX file whose document has no body")
    return body


def _missing_part(what: str) -> str:
    if "officeDocument" in what:
        # Word's "Strict Open XML Document" names its relationships otherwise (purl.oclc.org).
        return (
            "is a DOCX file without a main document (no officeDocument relationship): if it was saved "
            "as a Strict Open XML Document, save it again as a Word Document (.docx)"
        )
    return f"is a DOCX file with a part missing: {what}"


# --- the text of the body ------------------------------------------------------------------


def _joined_lines(lines: list[str]) -> str:
    """Lines as the HTML reader leaves them (``kept_lines``)."""
    raw = "\n".join(lines)
    kept = kept_lines(raw)
    return "\n".join(raw[start:end] for start, end in kept) + "\n" if kept else ""


def _joined_pieces(pieces: list[str]) -> str:
    """A cell's pieces of text as one: nothing between them where either side is not ASCII
    (Chinese wraps anywhere), a space between two ASCII ones (English wraps between words)."""
    out = ""
    for raw in pieces:
        piece = raw.strip(_STRIPPED)
        if not piece:
            continue
        if out and out[-1].isascii() and piece[0].isascii():
            out += " "
        out += piece
    return out


def _text(element: etree._Element) -> str:
    """A ``w:t``'s text; a line break in it is a space, as it is in HTML."""
    return (element.text or "").replace("\r", " ").replace("\n", " ")


def _on(element: etree._Element | None) -> bool:
    """Whether a toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) is on."""
    return element is not None and element.get(_W + "val", "true") not in _OFF


def _skipped_run(run: etree._Element, in_cell: bool) -> bool:
    """Hidden text; in a cell also a superscript (a footnote mark beside a number)."""
    properties = run.find(_RPR)
    if properties is None:
        return False
    if _on(properties.find(_W + "vanish")):
        return True
    vertical = properties.find(_W + "vertAlign")
    return in_cell and vertical is not None and vertical.get(_W + "val") == "superscript"


def _chosen(alternate: etree._Element) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` that is read: its first choice, else its
    fallback (both hold the same text box)."""
    for tag in (_CHOICE, _FALLBACK):
        branch = alternate.find(tag)
        if branch is not None:
            return branch
    return None


def _grid_columns(row: etree._Element) -> dict[etree._Element, int]:
    """Each ``w:tc`` of ``row`` and the first grid column (1-based) it stands in: the columns
    the row skips (``w:gridBefore``) and the cells before it, each as wide as its span."""
    properties = row.find(_TRPR)
    before = properties.find(_W + "gridBefore") if properties is not None else None
    column = 1 + _int_attribute(before)
    columns = {}
    for cell in _children(row, _TC):
        columns[cell] = column
        cell_properties = cell.find(_W + "tcPr")
        span = cell_properties.find(_W + "gridSpan") if cell_properties is not None else None
        column += max(1, _int_attribute(span))
    return columns


def _int_attribute(element: etree._Element | None) -> int:
    """The ``w:val`` of ``element`` as a count (0 when there is none or it is no number)."""
    value = element.get(_W + "val", "") if element is not None else ""
    return int(value) if value.isdigit() and len(value) < 4 else 0


def _merge_continuations(table: etree._Element) -> set[etree._Element]:
    """The ``w:tc`` of ``table`` (and of tables nested in it) that are later places of a
    vertical (or a Word 97 horizontal) merge: one pass of lxml's, not a look into each cell."""
    later = set()
    for merge in table.iter(_W + "vMerge", _W + "hMerge"):
        properties = merge.getparent()
        cell = properties.getparent() if properties is not None else None
        if cell is not None and merge.get(_W + "val", "continue") == "continue":
            later.add(cell)  # the w:tc of its w:tcPr only, never a cell the table is nested in
    return later


def _children(element: etree._Element, wanted: str) -> Iterator[etree._Element]:
    """The ``wanted`` children of ``element``, through content controls and custom XML."""
    stack = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == wanted:
            yield child
        elif child.tag in _WRAPPERS:
            stack.append(iter(child))


class _RowRead(NamedTuple):
    """A table row as read: its table (1-based, in document order), its row (1-based), and
    each of its cells' text with the cell's first column in the table's grid (1-based)."""

    table: int
    row: int
    cells: list[tuple[str, int]]


class _Reading:
    """The lines of blocks (paragraphs and tables), and what was read around on the way."""

    def __init__(self, body: etree._Element) -> None:
        self.tables = 0
        self.rows: list[_RowRead] = []  # in the order their lines are written
        # The paragraphs that hold more than text elements: read element by element.
        self.special = {paragraph for found in body.iter(*_SPECIAL) for paragraph in found.iterancestors(_P)}
        self.nested_tables = 0
        self.revised = False
        self.chunks = 0

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.nested_tables:
            notes.append(
                f"{self.nested_tables} table(s) nested in a table's cell: each read after the row holding it"
            )
        if self.revised:
            notes.append("the document has tracked changes: read as if accepted (deleted text left out)")
        if self.chunks:
            notes.append(
                f"{self.chunks} embedded document chunk(s) (w:altChunk) not read: open and save in Word"
            )
        return tuple(notes)

    def blocks(self, container: etree._Element, lines: list[str]) -> None:
        """Append the lines of the blocks in ``container`` (the body, a text box, a frame's cell)."""
        for block in self._block_elements(container):
            if block.tag == _TBL:
                lines.extend(self.table(block))
                continue
            line = ""
            for item in self.inline(block, in_cell=False):
                if isinstance(item, str):
                    line += item
                else:  # a text box: its own lines, where it is anchored
                    lines.append(line)
                    line = ""
                    self.blocks(item, lines)
            lines.append(line)

    def _block_elements(self, container: etree._Element) -> Iterator[etree._Element]:
        stack = [iter(container)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif child.tag in (_P, _TBL):
                yield child
            elif child.tag in _WRAPPERS:
                stack.append(iter(child))
            elif child.tag == _W + "altChunk":
                self.chunks += 1

    def inline(self, paragraph: etree._Element, *, in_cell: bool) -> list[str | etree._Element]:
        """A paragraph's text in pieces (tabs and line breaks as ``\\t`` and ``\\n``), with its
        text boxes as elements where they stand."""
        if paragraph not in self.special:
            # Most paragraphs: lxml finds their text. The tab stops of a w:pPr (w:tabs/w:tab)
            # come first, where a line's or a cell's leading tabs are stripped.
            found = paragraph.iter(*_PLAIN_TEXT)
            return [_PLAIN_TEXT[str(element.tag)] or _text(element) for element in found]
        items: list[str | etree._Element] = []
        stack = [iter(paragraph)]
        while stack:
            element = next(stack[-1], None)
            if element is None:
                stack.pop()
                continue
            tag = element.tag
            if tag in _PLAIN_TEXT:
                items.append(_PLAIN_TEXT[tag] or _text(element))
            elif tag == _TEXT_BOX:
                items.append(element)
            elif tag == _ALTERNATE:
                branch = _chosen(element)
                if branch is not None:
                    stack.append(iter(branch))
            elif tag in _DELETED:
                self.revised = True
            elif tag == _W + "ins":
                self.revised = True
                stack.append(iter(element))
            elif not (tag in _NOT_TEXT or (tag == _R and _skipped_run(element, in_cell))):
                stack.append(iter(element))
        return items

    def table(self, table: etree._Element) -> list[str]:
        rows = [row for row in _children(table, _TR) if not self._row_deleted(row)]
        later = _merge_continuations(table)
        cells = [[cell for cell in _children(row, _TC) if cell not in later] for row in rows]
        lines: list[str] = []
        if all(len(row) <= 1 for row in cells):  # a frame around text, not a table of cells
            for row in cells:
                for cell in row:
                    self.blocks(cell, lines)
            return lines
        self.tables += 1
        number = self.tables
        for row_number, (row_element, kept) in enumerate(zip(rows, cells, strict=True), start=1):
            columns = _grid_columns(row_element)
            read = _RowRead(number, row_number, [])
            self.rows.append(read)  # before the rows of a table nested in it, as the lines go
            nested: list[str] = []
            for cell in kept:
                read.cells.append((self.cell_text(cell, nested), columns[cell]))
            lines.append("".join(text + "\t" for text, _ in read.cells))
            lines.extend(nested)
        return lines

    def _row_deleted(self, row: etree._Element) -> bool:
        properties = row.find(_TRPR)
        deleted = properties is not None and properties.find(_W + "del") is not None
        self.revised = self.revised or deleted
        return deleted

    def cell_text(self, cell: etree._Element, nested: list[str]) -> str:
        """A cell's text on one line; the lines of tables nested in it go to ``nested``."""
        pieces: list[str] = []
        self._cell_pieces(cell, pieces, nested)
        return _joined_pieces(pieces).replace("\t", " ")

    def _cell_pieces(self, container: etree._Element, pieces: list[str], nested: list[str]) -> None:
        for block in self._block_elements(container):
            if block.tag == _TBL:
                self.nested_tables += 1
                nested.extend(self.table(block))
                continue
            piece = ""
            for item in self.inline(block, in_cell=True):
                if isinstance(item, str):
                    piece += item
                else:
                    pieces.extend(piece.split("\n"))
                    piece = ""
                    self._cell_pieces(item, pieces, nested)
            pieces.extend(piece.split("\n"))
