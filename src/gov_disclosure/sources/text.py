"""Decoding the bytes of a plain-text report.

Government sites publish UTF-8, GB18030/GBK, and (from Windows tools) UTF-16 with a BOM.
A BOM decides; otherwise strict UTF-8, then strict GB18030 (a superset of GBK and GB2312).
A UTF-8 file cut inside its last character (page stores truncate reports) keeps the text
before the cut, and says so.
"""

from __future__ import annotations

import codecs

import attrs

from ..errors import InputError

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


@attrs.frozen
class SourceText:
    """Decoded report text, what it was called, and how it was decoded."""

    text: str
    name: str
    encoding: str
    dropped_tail: int = 0  # bytes of an incomplete last character that were not decoded


def decode(data: bytes, name: str = "<bytes>") -> SourceText:
    """The text of ``data``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return SourceText(data[len(bom) :].decode(encoding), name, encoding + " (BOM)")
            except UnicodeDecodeError as error:
                raise InputError(
                    f"has a {encoding} byte-order mark but is not valid {encoding}: "
                    f"{error.reason} at byte {error.start + len(bom)}"
                ) from None
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"is {what}, not report text")
    if b"\x00" in data:
        raise InputError("contains NUL bytes: binary data, or UTF-16 without a byte-order mark")
    try:
        return SourceText(data.decode("utf-8"), name, "utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and len(data) - error.start < 4:
            return SourceText(data[: error.start].decode("utf-8"), name, "utf-8", len(data) - error.start)
        utf8_error = error
    try:
        return SourceText(data.decode("gb18030"), name, "gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"is neither UTF-8 (invalid byte at offset {utf8_error.start}) nor GB18030 text"
        ) from None
