"""HTML pages (a report as published on a government site) to report text.

Cells of a table become tab-separated, rows and block elements become lines; scripts, styles,
templates and comments are dropped, and a footnote mark (``<sup>``) inside a cell is not part
of the cell's number. Pages are parsed by libxml2's HTML parser through lxml (the ``html``
extra): it is linear on malformed markup, where Python's ``html.parser`` is quadratic. The
tree is walked with an explicit stack, never by recursion, so nesting depth costs no Python
stack; libxml2 itself stops at 2048 levels, which is refused with an ``InputError`` rather
than losing the rest of the page.

The charset of a page's bytes comes from the bytes: a BOM, else the ``<meta>`` charset found
by the HTML5 prescan of the first 1024 bytes, else strict UTF-8, else detection
(charset-normalizer). A declared charset the bytes do not decode with is overruled by
detection, and ``SourceText.notes`` says so.

Spans of a report read from HTML refer to this extracted text (``Report`` keeps no copy of
the page), not to offsets in the HTML.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

import attrs

from ..errors import InputError
from .text import (
    LINE_SPACE,
    LazyPlaces,
    Place,
    SourceText,
    bom_encoding,
    decode_utf8,
    decode_with_bom,
    kept_lines,
    refuse_binary,
)

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "HTML_SUFFIXES",
    "decode_page",
    "html_to_source",
    "html_to_text",
    "looks_like_html",
    "meta_charset",
]

HTML_SUFFIXES = frozenset({".htm", ".html", ".xhtml", ".shtml", ".jhtml"})
EXTRA_HINT = "pip install 'gov-disclosure[html]'"

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "blockquote",
        "pre",
        "hr",
        "dl",
        "dt",
        "dd",
        "form",
        # Its text is kept (an unclosed one would otherwise swallow the page) on its own line.
        "noscript",
    }
)
_CELLS = frozenset({"td", "th"})
# Never text of the report. <head> is not here: libxml2 puts everything after an unclosed
# <noscript> in the head, so only what a head holds is skipped (its <title> is taken apart).
_SKIP = frozenset({"script", "style", "template"})

# --- recognising a page ------------------------------------------------------------------

# How far into the input the prolog (BOM, XML declaration, comments, doctype) is followed.
_LOOK_AHEAD = 4096
# Tags a page (or a saved page) starts with; a fragment starting with <div> or <p> is not taken
# for a page, as Markdown may start with one.
_PAGE_TAGS = frozenset({"html", "head", "body", "meta", "title", "link", "base", "script", "style"})
_SPACES = re.compile(r"[\s\ufeff]*+")
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*+)(?=[\s/>])")
_DOCTYPE_NAME = re.compile(r"<!doctype\s++([a-z]++)", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page: after a BOM, whitespace, an XML declaration, comments
    and a doctype (in the first 4 KB), a doctype naming html or a tag a page starts with."""
    head = text[:_LOOK_AHEAD]
    pos = 0
    while True:
        match = _SPACES.match(head, pos)
        pos = match.end() if match else pos
        if head.startswith("<!--", pos):
            end = head.find("-->", pos + 4)
            if end < 0:
                return False
            pos = end + 3
        elif head.startswith("<?", pos):
            end = head.find(">", pos + 2)
            if end < 0:
                return False
            pos = end + 1
        elif head[pos : pos + 9].lower() == "<!doctype":
            doctype = _DOCTYPE_NAME.match(head, pos)
            return doctype is not None and doctype.group(1).lower() == "html"
        else:
            tag = _TAG_NAME.match(head, pos)
            return tag is not None and tag.group(1).lower() in _PAGE_TAGS


# --- the charset of a page's bytes ----------------------------------------------------------

_HTML_SPACE = "\t\n\x0c\r "
_PRESCAN_BYTES = 1024
_GB_LABELS = frozenset(
    {
        "chinese",
        "csgb2312",
        "csiso58gb231280",
        "gb2312",
        "gb_2312",
        "gb_2312-80",
        "gbk",
        "iso-ir-58",
        "x-gbk",
        "gb18030",
        "euc-cn",
        "cp936",
        "windows-936",
    }
)
# A meta that says UTF-16 was read from ASCII-compatible bytes, so it is wrong (HTML5: UTF-8).
_UTF16_LABELS = frozenset(
    {
        "csunicode",
        "iso-10646-ucs-2",
        "ucs-2",
        "unicode",
        "unicodefeff",
        "unicodefffe",
        "utf-16",
        "utf-16be",
        "utf-16le",
    }
)
_WINDOWS_1252_LABELS = frozenset(
    {
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    }
)
_BIG5_LABELS = frozenset({"big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"})
# Python codecs that are no web encoding: a page naming one is not trusted with it.
_NOT_WEB_CODECS = frozenset(
    {
        "utf-7",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "undefined",
        "mbcs",
        "oem",
        "charmap",
    }
)


def _encoding_of_label(label: str) -> str | None:
    """The Python codec for a charset label as a page gives it, ``None`` if there is none."""
    label = label.strip(_HTML_SPACE).lower()
    if label in _GB_LABELS:
        return "gb18030"  # GB2312 and GBK pages use characters only GB18030 has
    if label in _UTF16_LABELS:
        return "utf-8"
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    if label in _BIG5_LABELS:
        return "big5hkscs"
    try:
        name = codecs.lookup(label).name
        "".encode(name)  # LookupError for codecs that are not text encodings (rot13, base64)
    except LookupError:
        return None
    return None if name in _NOT_WEB_CODECS else name


class _Truncated(Exception):
    """The prescan ran out of bytes inside a tag: no charset is found."""


def _skip_spaces(s: str, pos: int) -> int:
    while pos < len(s) and s[pos] in _HTML_SPACE:
        pos += 1
    return pos


def _attribute(s: str, pos: int) -> tuple[tuple[str, str] | None, int]:  # noqa: PLR0912 - one scan of the tag's text
    """HTML5 "get an attribute": (name, value) and the position after it, or ``None`` at ``>``."""
    n = len(s)
    while pos < n and s[pos] in _HTML_SPACE + "/":
        pos += 1
    if pos >= n:
        raise _Truncated
    if s[pos] == ">":
        return None, pos
    start = pos
    while True:
        if pos >= n:
            raise _Truncated
        char = s[pos]
        if char == "=" and pos > start:
            name = s[start:pos]
            pos += 1
            break
        if char in _HTML_SPACE:
            name = s[start:pos]
            pos = _skip_spaces(s, pos)
            if pos >= n:
                raise _Truncated
            if s[pos] != "=":
                return (name, ""), pos
            pos += 1
            break
        if char in "/>":
            return (s[start:pos], ""), pos
        pos += 1
    pos = _skip_spaces(s, pos)
    if pos >= n:
        raise _Truncated
    quote = s[pos]
    if quote in "\"'":
        end = s.find(quote, pos + 1)
        if end < 0:
            raise _Truncated
        return (name, s[pos + 1 : end]), end + 1
    if quote == ">":
        return (name, ""), pos
    start = pos
    while pos < n and s[pos] not in _HTML_SPACE + ">":
        pos += 1
    if pos >= n:
        raise _Truncated
    return (name, s[start:pos]), pos


def _charset_in_content(content: str) -> str | None:
    """HTML5 "extract a character encoding from a meta element" (``content="...charset=X"``)."""
    pos = 0
    while True:
        found = content.find("charset", pos)
        if found < 0:
            return None
        pos = _skip_spaces(content, found + len("charset"))
        if pos < len(content) and content[pos] == "=":
            break
    pos = _skip_spaces(content, pos + 1)
    if pos >= len(content):
        return None
    quote = content[pos]
    if quote in "\"'":
        end = content.find(quote, pos + 1)
        return content[pos + 1 : end] if end >= 0 else None
    end = pos
    while end < len(content) and content[end] not in _HTML_SPACE + ";":
        end += 1
    return content[pos:end]


def _meta_encoding(s: str, pos: int) -> tuple[tuple[str, str] | None, int]:
    """The charset a ``<meta>`` whose attributes start at ``pos`` declares (its label and
    Python codec), and where the tag ends."""
    seen: set[str] = set()
    got_pragma = False
    need_pragma: bool | None = None
    charset: str | None = None
    while True:
        attribute, pos = _attribute(s, pos)
        if attribute is None:
            break
        name, value = attribute
        if name in seen:
            continue
        seen.add(name)
        if name == "http-equiv":
            got_pragma = got_pragma or value == "content-type"
        elif name == "content" and charset is None:
            charset = _charset_in_content(value)
            if charset is not None:
                need_pragma = True
        elif name == "charset":
            charset, need_pragma = value, False
    if need_pragma is None or (need_pragma and not got_pragma) or charset is None:
        return None, pos
    encoding = _encoding_of_label(charset)
    return (None if encoding is None else (charset.strip(_HTML_SPACE), encoding)), pos


def meta_charset(data: bytes) -> tuple[str, str] | None:
    """The charset a page's ``<meta>`` declares in its first 1024 bytes (the HTML5 prescan):
    the label as written (lower-cased) and its Python codec; ``None`` when none is known."""
    # ASCII-only lower-casing keeps one character per byte, so positions stay byte offsets.
    s = data[:_PRESCAN_BYTES].lower().decode("latin-1")
    n = len(s)
    pos = 0
    try:
        while pos < n:
            if s.startswith("<!--", pos):
                end = s.find("-->", pos + 2)
                if end < 0:
                    return None
                pos = end + 2
            elif s.startswith("<meta", pos) and pos + 5 < n and s[pos + 5] in _HTML_SPACE + "/":
                declared, pos = _meta_encoding(s, pos + 5)
                if declared is not None:
                    return declared
            elif s.startswith("<", pos) and (
                _ascii_letter(s, pos + 1) or (s.startswith("</", pos) and _ascii_letter(s, pos + 2))
            ):
                while pos < n and s[pos] not in _HTML_SPACE + ">":
                    pos += 1
                while True:
                    attribute, pos = _attribute(s, pos)
                    if attribute is None:
                        break
            elif s.startswith(("<!", "</", "<?"), pos):
                end = s.find(">", pos)
                if end < 0:
                    return None
                pos = end
            pos += 1
    except _Truncated:
        return None
    return None


def _ascii_letter(s: str, pos: int) -> bool:
    return pos < len(s) and "a" <= s[pos] <= "z"


def decode_page(data: bytes, name: str = "<bytes>") -> SourceText:
    """The text of an HTML page's bytes, decoded by the charset the bytes give (see above)."""
    bom = bom_encoding(data)
    if bom is not None:
        return decode_with_bom(data, name, *bom)
    refuse_binary(data)
    meta = meta_charset(data)
    if meta is None:
        utf8 = decode_utf8(data, name)
        return utf8 if isinstance(utf8, SourceText) else _detect(data, name)
    label, declared = meta
    try:
        return SourceText(data.decode(declared), name, f"{declared} (meta charset)")
    except UnicodeDecodeError as error:
        if declared == "utf-8":
            cut = decode_utf8(data, name)
            if isinstance(cut, SourceText):
                return attrs.evolve(cut, encoding="utf-8 (meta charset)")
        wrong = f"the page declares charset {label}, but byte {error.start} is not valid {declared}"
    # Valid UTF-8 is UTF-8 whatever the page says (a site moved to UTF-8, its template did not).
    found = decode_utf8(data, name) if declared != "utf-8" else None
    if not isinstance(found, SourceText):
        found = _detect(data, name)
    return attrs.evolve(found, notes=(*found.notes, f"{wrong}; read as {found.encoding}"))


def _detect(data: bytes, name: str) -> SourceText:
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise InputError(
            f"is an HTML page that is not UTF-8 and declares no charset that fits it: detecting "
            f"its charset needs charset-normalizer ({EXTRA_HINT})"
        ) from None
    # preemptive_behaviour=False: the page's own declaration was tried already.
    for match in from_bytes(data, preemptive_behaviour=False):
        try:
            encoding = codecs.lookup(match.encoding).name
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        return SourceText(text, name, f"{encoding} (detected)")
    raise InputError("is an HTML page whose charset could not be detected (it is not UTF-8 either)")


# --- the text of a page -------------------------------------------------------------------

# HTML5 ignores </body> and </html> and keeps what follows in the body; libxml2 drops it.
_BODY_END = re.compile(r"</(?:html|body)(?=[\s/>])[^<>]*+>", re.IGNORECASE)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def html_to_text(page: str) -> str:
    """The text of an HTML page, with its table cells tab-separated and one row a line."""
    return html_to_source(page)[0]


def html_to_source(page: str) -> tuple[str, Sequence[Place]]:
    """``html_to_text``'s text, and where each table cell's text stands in it and in the page
    (its table, in document order, row, and column in the table's grid, from 1)."""
    try:
        from lxml import etree as lxml_etree
    except ImportError:
        raise InputError(
            f"is an HTML page: reading HTML needs lxml ({EXTRA_HINT})", reason="needs-extra"
        ) from None
    markup = _BODY_END.sub("", page)
    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates in a str: not text, but not worth refusing
        data = _SURROGATES.sub("\ufffd", markup).encode("utf-8")
    # The page is UTF-8 here whatever its <meta> or XML declaration say (lxml refuses a str
    # with an encoding declaration, hence bytes with the encoding given). The parser feeds
    # events to a target and builds no tree: memory stays in proportion to the text, not to
    # the elements (a tree of 3 million unclosed cells took 850 MB), and nesting has no limit.
    text = _PageText()
    parser = lxml_etree.HTMLParser(
        target=text, encoding="utf-8", huge_tree=True, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        lxml_etree.fromstring(data, parser)
    except lxml_etree.LxmlError as error:
        raise InputError(f"is an HTML page the HTML parser cannot read: {error}") from None
    _raise_if_stopped(parser.error_log)
    title = "".join(text.title).strip()
    raw = "".join(text.parts)
    # Each cell ends in one tab, so a row is its cells delimited, an empty one too
    # ('规章\t1\t\t3\t'): the tabs at a line's end are kept for the parser to count.
    kept = kept_lines(raw)
    body = "\n".join(raw[start:end] for start, end in kept)
    shift = 0
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
        shift = len(title) + 1
    # A page that closes its <html> was not cut: its text ends where a line ends. (A page cut
    # mid-cell keeps its last number at the very end, where the parser treats it as cut.)
    # (The tab the parser adds where it closes a cut cell is not the page's: it goes too.)
    body = body + "\n" if page.rstrip()[-7:].lower() == "</html>" else body.rstrip("\t")
    return body, _PageCells(raw, kept, shift, text.cell_spans)


class _PageCells(LazyPlaces):
    """Where each table cell of a page stands in its text: its span in the raw text moved to
    where the kept lines put it. Worked out only for the offsets asked (``at``), or all at
    once when listed; a cell whose text spans lines (a ``<p>`` in a cell) has no place."""

    def __init__(
        self, raw: str, kept: list[tuple[int, int]], shift: int, cells: list[tuple[int, int, int, int, int]]
    ) -> None:
        self.raw, self.kept, self.cells = raw, kept, cells
        self.line_starts = [start for start, _ in kept]
        self.offsets = list(itertools.accumulate((end - start + 1 for start, end in kept), initial=shift))
        self.by_start: list[tuple[int, int, int, int, int]] | None = None
        self.listed: list[Place] | None = None

    def _place(self, cell: tuple[int, int, int, int, int]) -> Place | None:
        start, end, table, row, column = cell
        raw = self.raw
        while start < end and raw[start] in _CELL_SPACE:
            start += 1
        while end > start and raw[end - 1] in _CELL_SPACE:
            end -= 1
        line = bisect.bisect_right(self.line_starts, start) - 1
        if start == end or line < 0 or end > self.kept[line][1]:
            return None
        at = self.offsets[line] + start - self.kept[line][0]
        return Place(at, at + end - start, table=table, row=row, column=column)

    def at(self, offset: int) -> Place | None:
        line = bisect.bisect_right(self.offsets, offset) - 1
        if line < 0 or line >= len(self.kept):
            return None
        raw = self.kept[line][0] + offset - self.offsets[line]
        if self.by_start is None:
            self.by_start = sorted(self.cells)
        index = bisect.bisect_right(self.by_start, (raw, _LAST)) - 1
        if index < 0 or raw >= self.by_start[index][1]:
            return None
        place = self._place(self.by_start[index])
        return place if place is not None and place.start <= offset < place.end else None

    def _all(self) -> list[Place]:
        if self.listed is None:
            self.listed = sorted(place for cell in self.cells if (place := self._place(cell)) is not None)
        return self.listed

    def __len__(self) -> int:
        return len(self._all())

    def __bool__(self) -> bool:  # without listing them all
        return bool(self.cells)

    @overload
    def __getitem__(self, index: int) -> Place: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Place]: ...
    def __getitem__(self, index: int | slice) -> Place | Sequence[Place]:
        return self._all()[index]


_CELL_SPACE = LINE_SPACE + "\n"
_LAST = 1 << 62  # sorts after any table, row and column number


def _raise_if_stopped(log: etree._ListErrorLog) -> None:
    """libxml2 recovers from malformed markup, but would stop at a fatal error (a resource
    limit; nesting has none for a parser target) and drop the rest of the page: refuse the
    page rather than lose text silently."""
    for entry in log:
        if entry.level_name == "FATAL":
            raise InputError(
                f"is an HTML page the HTML parser cannot read on ({entry.message.strip()}, at line "
                f"{entry.line}): it stops there, and the rest of the page would be lost"
            )


# What an element's start did, undone at its end.
_PLAIN, _CELL, _BLOCK, _SKIPPED, _TITLE, _TABLE = range(6)
# A colspan or rowspan past this is the page's error: browsers cap them (1000, 65534) too.
_MAX_SPAN = 1000
_GRID_BUDGET = 2_000_000


def _span(attrib: dict[str, str], name: str) -> int:
    value = attrib.get(name, "1").strip()
    return min(int(value), _MAX_SPAN) if value.isdigit() and len(value) < 6 and int(value) > 0 else 1


class _Grid:
    """An open table's rows so far: until which row each grid column is still filled by a
    cell of a row above (rowspan), and where the next cell of the current row goes."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.row = 0
        self.column = 1
        self.filled_until: dict[int, int] = {}  # grid column -> first row it is free again

    def next_row(self) -> None:
        self.row += 1
        self.column = 1

    def place(self, colspan: int, rowspan: int) -> tuple[int, int]:
        """The grid column of the row's next cell, the places it fills marked, and the steps
        that took (counted against the page's budget)."""
        steps = 0
        while self.filled_until.get(self.column, 0) > self.row:
            self.column += 1
            steps += 1
        column = self.column
        if rowspan > 1:
            for spanned in range(column, column + colspan):
                self.filled_until[spanned] = max(self.filled_until.get(spanned, 0), self.row + rowspan)
            steps += colspan
        self.column += colspan
        return column, steps


if TYPE_CHECKING:  # a protocol of the stubs only (types-lxml), not a class lxml has
    from lxml.etree import ParserTarget

    _Target = ParserTarget[None]
else:
    _Target = object


class _PageText(_Target):
    """An lxml parser target collecting a page's text in document order: a tab around each
    cell, a line break around each block; nothing of scripts, styles, templates or a footnote
    mark (``<sup>``) inside a cell; the first ``<title>`` apart."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0  # of the parts so far
        self.title: list[str] = []
        self.opened: list[int] = []  # per open element, what its start did
        self.skipping = 0  # open elements whose text is not the page's
        self.cells = 0  # open table cells
        self.in_title = False
        self.seen_title = False
        self.tables = 0  # tables begun, in document order
        self.grids: list[_Grid] = []  # the open tables, innermost last
        self.open_cells: list[tuple[int, int, int, int]] = []  # (start, table, row, column)
        self.cell_spans: list[tuple[int, int, int, int, int]] = []  # (start, end, table, row, column)
        # Steps of laying cells out on their tables' grids; past it, cells get no address (a
        # hostile page of huge colspans and rowspans stays linear).
        self.grid_budget = _GRID_BUDGET

    def start(self, tag: str, attrib: dict[str, str], /) -> None:
        tag = tag.lower()
        if self.skipping or tag in _SKIP or (tag == "sup" and self.cells):
            # A footnote mark in a cell (<td>5<sup>1</sup></td>) is not part of its number.
            self.skipping += 1
            self.opened.append(_SKIPPED)
        elif tag == "title" and not self.seen_title:
            self.in_title = self.seen_title = True
            self.opened.append(_TITLE)
        elif tag in _CELLS:
            self.cells += 1
            self.opened.append(_CELL)
            grid = self.grids[-1] if self.grids else None
            if grid is not None and grid.row > 0 and self.grid_budget > 0:
                spans = (_span(attrib, "colspan"), _span(attrib, "rowspan")) if attrib else (1, 1)
                column, steps = grid.place(*spans)
                self.grid_budget -= steps
                self.open_cells.append((self.length, grid.number, grid.row, column))
            else:  # a cell outside any table row, or past the budget: no address
                self.open_cells.append((self.length, 0, 0, 0))
        elif tag in _BLOCKS:
            if tag == "table":
                self.tables += 1
                self.grids.append(_Grid(self.tables))
            elif tag == "tr" and self.grids:
                self.grids[-1].next_row()
            self.parts.append("\n")
            self.length += 1
            self.opened.append(_TABLE if tag == "table" else _BLOCK)
        else:
            self.opened.append(_PLAIN)

    def end(self, tag: str, /) -> None:
        did = self.opened.pop() if self.opened else _PLAIN
        if did == _SKIPPED:
            self.skipping -= 1
        elif did == _TITLE:
            self.in_title = False
        elif did == _CELL:
            self.cells -= 1
            start, table, row, column = self.open_cells.pop()
            if table:
                self.cell_spans.append((start, self.length, table, row, column))
            self.parts.append("\t")
            self.length += 1
        elif did in (_BLOCK, _TABLE):
            if did == _TABLE and self.grids:
                self.grids.pop()
            self.parts.append("\n")
            self.length += 1

    def data(self, data: str, /) -> None:
        if self.skipping:
            return
        # Line breaks inside a cell are layout, not content: the cell stays one cell.
        text = data.replace("\r", " ").replace("\n", " ")
        if self.in_title:
            self.title.append(text)
        else:
            self.parts.append(text)
            self.length += len(text)

    def close(self) -> None:
        return None
