"""Decoding the bytes of a plain-text report.

Government sites publish UTF-8, GB18030/GBK, and (from Windows tools) UTF-16 with a BOM;
mirror sites in traditional characters publish Big5. A BOM decides; otherwise strict UTF-8,
then strict GB18030 (a superset of GBK and GB2312) or Big5: where the bytes are valid in both,
the reading that names a report (政府, 公开/公開) where the other does not.
A UTF-8 file cut inside its last character (page stores truncate reports) keeps the text
before the cut, and says so. (HTML pages name their charset; ``html.py`` decodes those.)
"""

from __future__ import annotations

import abc
import bisect
import codecs
from collections.abc import Sequence
from typing import NamedTuple

import attrs

from ..errors import InputError
from ..model import FileKind

__all__ = [
    "LINE_SPACE",
    "LazyPlaces",
    "Place",
    "SourceText",
    "bom_encoding",
    "decode",
    "decode_utf8",
    "decode_with_bom",
    "kept_lines",
    "place_at",
    "refuse_binary",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a DOCX, XLSX or OFD file?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


class Place(NamedTuple):  # a tuple: a page may have hundreds of thousands of cells
    """Where the text from ``start`` to ``end`` (offsets in ``SourceText.text``) stands in
    the file it was read from: in a PDF, its page (1-based) and the box of its characters, in
    points from the page's top-left corner (x0, top, x1, bottom); in a DOCX, its table (1-based,
    in document order), row and column in that table's grid (1-based), and so for an HTML
    page's table cell."""

    start: int
    end: int
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None


class LazyPlaces(Sequence[Place]):
    """Places worked out only where asked (``at``): a page may have hundreds of thousands of
    cells, of which a report's numbers are a few hundred."""

    @abc.abstractmethod
    def at(self, offset: int) -> Place | None:
        """The place whose text holds ``offset``, if any."""


def place_at(places: Sequence[Place], offset: int) -> Place | None:
    """The place of ``places`` (in order, apart) whose text holds ``offset``, if any."""
    if isinstance(places, LazyPlaces):
        return places.at(offset)
    index = bisect.bisect_right(places, offset, key=lambda place: place.start) - 1
    if index < 0 or offset >= places[index].end:
        return None
    return places[index]


# What a line of a page's or a document's text does not start with: spaces and tabs.
LINE_SPACE = " \t\u3000\xa0"


def kept_lines(raw: str) -> list[tuple[int, int]]:
    """Where each line that a page's or a document's text keeps stands in ``raw`` (the HTML
    and DOCX readers' text before cleaning): no spaces or tabs before it, no spaces after it
    (a row's closing tabs stay, for the parser to count its cells), no blank lines."""
    kept = []
    start = 0
    while start <= len(raw):
        end = raw.find("\n", start)
        end = len(raw) if end < 0 else end
        line = raw[start:end]
        left = start + len(line) - len(line.lstrip(LINE_SPACE))
        right = start + len(line.rstrip(" \u3000\xa0"))
        if left < right and raw[left:right].strip(LINE_SPACE):
            kept.append((left, right))
        start = end + 1
    return kept


@attrs.frozen
class SourceText:
    """Decoded report text, what it was called, and how it was decoded."""

    text: str
    name: str
    encoding: str
    dropped_tail: int = 0  # bytes of an incomplete last character that were not decoded
    # What reading had to work around, in words (a page whose declared charset was wrong).
    notes: tuple[str, ...] = ()
    # For text read from a PDF, a DOCX or an HTML page: where its pieces stand in the file, in
    # order (``place_at`` finds one).
    places: Sequence[Place] = ()
    # Which reader read it, the path it was read from, and the SHA-256 of what was read: set by
    # ``read`` for the report's ``source``.
    kind: FileKind = "text"
    path: str | None = None
    sha256: str = ""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark at the start of ``data`` names, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def decode_with_bom(data: bytes, name: str, encoding: str, bom_length: int) -> SourceText:
    try:
        return SourceText(data[bom_length:].decode(encoding), name, encoding + " (BOM)")
    except UnicodeDecodeError as error:
        raise InputError(
            f"has a {encoding} byte-order mark but is not valid {encoding}: "
            f"{error.reason} at byte {error.start + bom_length}"
        ) from None


def refuse_binary(data: bytes) -> None:
    """Raise ``InputError`` for a known binary format or for NUL bytes (checked after a BOM)."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"is {what}, not report text")
    if b"\x00" in data:
        raise InputError("contains NUL bytes: binary data, or UTF-16 without a byte-order mark")


def decode_utf8(data: bytes, name: str) -> SourceText | UnicodeDecodeError:
    """``data`` as strict UTF-8, forgiving only a last character cut short; else the error."""
    try:
        return SourceText(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and len(data) - error.start < 4:
            return SourceText(data[: error.start].decode("utf-8"), name, "utf-8", len(data) - error.start)
        return error


def decode(data: bytes, name: str = "<bytes>") -> SourceText:
    """The text of ``data``."""
    bom = bom_encoding(data)
    if bom is not None:
        return decode_with_bom(data, name, *bom)
    refuse_binary(data)
    utf8 = decode_utf8(data, name)
    if isinstance(utf8, SourceText):
        return utf8
    gb18030 = _strict(data, "gb18030")
    big5 = _strict(data, "big5")
    # Big5 bytes are very often valid GB18030 too, as mojibake. A report names its subject
    # (政府 and 公开/公開) near its start: the reading that does, where only one does, wins.
    if big5 is not None and (gb18030 is None or (_names_report(big5) and not _names_report(gb18030))):
        return SourceText(big5, name, "big5")
    if gb18030 is not None:
        return SourceText(gb18030, name, "gb18030")
    raise InputError(
        f"is neither UTF-8 (invalid byte at offset {utf8.start}) nor GB18030 nor Big5 text"
    ) from None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


_REPORT_WORDS_WITHIN = 4000  # characters of the start of a text where a report names itself


def _names_report(text: str) -> bool:
    """Whether the start of ``text`` names what a report is about: 政府 and 公开 (公開)."""
    head = text[:_REPORT_WORDS_WITHIN]
    return "政府" in head and ("公开" in head or "公開" in head)
