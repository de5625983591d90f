"""Decoding the bytes of a plain-text report.

Government sites publish UTF-8, GB18030/GBK, and (from Windows tools) UTF-16 with a BOM.
A BOM decides; otherwise strict UTF-8, then strict GB18030 (a superset of GBK and GB2312).
"""

from __future__ import annotations

import codecs

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


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding + " (BOM)"
            except UnicodeDecodeError as error:
                raise InputError(
                    f"has a {encoding} byte-order mark but is not valid {encoding}: "
                    f"{error.reason} at byte {error.start}"
                ) from None
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"is {what}, not report text")
    if b"\x00" in data[:4096]:
        raise InputError("contains NUL bytes: binary data, or UTF-16 without a byte-order mark")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        raise InputError(
            f"is neither UTF-8 nor GB18030 text (invalid byte at offset {error.start})"
        ) from None
