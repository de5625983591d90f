"""Turning what a user passes to ``parse`` into report text.

``read`` accepts text, bytes or a path. It returns a ``SourceText``: the decoded text that all
spans refer to, a name for messages, and what decoding had to drop. Plain text and HTML pages
are read (``text.py``, ``html.py``); PDF and Word files are recognised and refused with a
clear ``InputError``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import InputError
from .html import html_to_text, looks_like_html
from .text import SourceText, decode

__all__ = ["MAX_BYTES", "SourceText", "read", "read_file"]

# Far above any real report (the largest in the corpus is 0.4 MB); keeps a stray
# multi-gigabyte input from being read into memory at all.
MAX_BYTES = 16 * 1024 * 1024

_LATER = {
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".doc": "Word 97",
    ".wps": "WPS",
}
# A str this short, on one line, ending like a file name, is meant as a path even when no
# such file exists: report text never looks like that, and "no such file" is the useful answer.
_FILE_NAME = re.compile(r"^[^\n]{1,255}\.(?:txt|text|md|markdown|html?|pdf|docx?|wps)$", re.IGNORECASE)


def _looks_like_path(source: str) -> bool:
    if len(source) >= 1024 or "\n" in source:
        return False
    if _FILE_NAME.match(source):
        return True
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL
        return False


def read(source: str | bytes | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Decode ``source``: a path to a text or HTML file, bytes, or text (a ``str`` that names
    a file is read as that file). HTML is turned into text with its table cells kept apart."""
    return _from_html(_read(source, max_bytes=max_bytes))


def _from_html(source: SourceText) -> SourceText:
    if not looks_like_html(source.text):
        return source
    return SourceText(html_to_text(source.text), source.name, source.encoding + ", html", source.dropped_tail)


def _read(source: str | bytes | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> SourceText:
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return read_file(Path(source), max_bytes=max_bytes)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise InputError(f"input is {len(data):,} bytes, more than the limit of {max_bytes:,}")
        return decode(data, "<bytes>")
    if isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(f"input is {len(source):,} characters, more than the limit of {max_bytes:,}")
        return SourceText(source, "<text>", "str")
    raise InputError(f"cannot read a report from {type(source).__name__}: pass text, bytes or a path")


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read and decode the report file at ``path``."""
    suffix = path.suffix.lower()
    if suffix in _LATER:
        raise InputError(f"{path}: {_LATER[suffix]} files are not read yet; pass the report's text")
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes, more than the limit of {max_bytes:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        return decode(data, str(path))
    except InputError as error:
        raise InputError(f"{path}: {error}") from None
