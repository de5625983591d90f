"""Which kind of file a report's bytes are: a PDF, a DOCX, an office format we do not read
(refused with how to convert it), or text and HTML for the other readers.

The bytes decide, not the name: a ``.pdf`` that is really an HTML page is read as the page,
and a DOCX saved as ``.doc`` is read as a DOCX. The name only decides between formats whose
bytes look alike (a ZIP is a DOCX, an XLSX, an OFD ...: its members tell them apart).
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from ..errors import InputError

__all__ = ["DocumentKind", "document_kind"]

DocumentKind = Literal["pdf", "docx"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, WPS, Excel 97-2003
_CONVERT = "soffice --headless --convert-to docx"
# What a ZIP member says the archive is, for the formats refused with a way out.
_ZIP_KINDS = (
    ("xl/", "an Excel workbook (XLSX)", "soffice --headless --convert-to pdf"),
    ("ppt/", "a PowerPoint presentation (PPTX)", "soffice --headless --convert-to pdf"),
    ("OFD.xml", "an OFD document (GB/T 33190)", "an OFD reader's 'export to PDF'"),
    ("content.xml", "an OpenDocument file (ODT, WPS/LibreOffice)", _CONVERT),
)
_OLE2_NAMES = {
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".et": "a WPS spreadsheet (.et)",
    ".wps": "a WPS document (.wps)",
    ".ppt": "a PowerPoint 97-2003 presentation (.ppt)",
}


def _refuse(what: str, how: str) -> InputError:
    return InputError(
        f"is {what}, which is not read: convert it first ({how}), then parse the result",
        reason="unsupported-format",
    )


def document_kind(data: bytes, suffix: str) -> DocumentKind | None:
    """``"pdf"`` or ``"docx"`` when ``data`` is such a file, ``None`` when it is none of the
    documents known here (text or HTML); ``InputError`` for a document that is not read."""
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"  # a PDF may have up to 1 KB of junk before its header (Acrobat reads it)
    if data.startswith(_OLE2):
        what = _OLE2_NAMES.get(suffix, "a Word 97-2003 (.doc) or WPS document")
        how = "soffice --headless --convert-to pdf" if suffix in (".xls", ".et", ".ppt") else _CONVERT
        raise _refuse(what, how)
    if data.startswith(b"{\\rtf"):
        raise _refuse("an RTF document", _CONVERT)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> DocumentKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(f"is a ZIP archive that cannot be opened (cut short?): {error}") from None
    if "word/document.xml" in names or any(name.endswith("/document.xml") for name in names):
        return "docx"
    for member, what, how in _ZIP_KINDS:
        if any(name == member or name.startswith(member) or name.endswith("/" + member) for name in names):
            raise _refuse(what, how)
    raise InputError("is a ZIP archive that holds no Word document (word/document.xml): not a report file")
