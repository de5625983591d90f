"""Turning what a user passes to ``parse`` into report text.

``read`` accepts text, bytes or a path. Every reader returns a ``SourceText``: the decoded text
that all spans refer to, and a name for messages. Only plain-text formats are read so far;
other file types are recognised and refused with a clear ``InputError``.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..errors import InputError
from .text import decode

__all__ = ["MAX_BYTES", "SourceText", "read"]

# Far above any real report (the largest in the corpus is 0.4 MB); keeps a stray
# multi-gigabyte input from being read into memory at all.
MAX_BYTES = 16 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
_LATER = {
    ".html": "HTML",
    ".htm": "HTML",
    ".pdf": "PDF",
    ".docx": "DOCX",
    ".doc": "Word 97",
    ".wps": "WPS",
}


@attrs.frozen
class SourceText:
    text: str
    name: str
    encoding: str


def _looks_like_path(source: str) -> bool:
    if len(source) >= 1024 or "\n" in source:
        return False
    try:
        return Path(source).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL
        return False


def read(source: str | bytes | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Decode ``source``: a path to a text file, bytes, or text (a ``str`` that names an
    existing file is read as that file)."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return read_file(Path(source), max_bytes=max_bytes)
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > max_bytes:
            raise InputError(f"input is {len(data):,} bytes, more than the limit of {max_bytes:,}")
        text, encoding = decode(data)
        return SourceText(text, "<bytes>", encoding)
    if isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(f"input is {len(source):,} characters, more than the limit of {max_bytes:,}")
        return SourceText(source, "<text>", "str")
    raise InputError(f"cannot read a report from {type(source).__name__}: pass text, bytes or a path")


def read_file(path: Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    suffix = path.suffix.lower()
    if suffix in _LATER:
        raise InputError(f"{path}: {_LATER[suffix]} files are not read yet; pass the report's text")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size:,} bytes, more than the limit of {max_bytes:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        text, encoding = decode(data)
    except InputError as error:
        raise InputError(f"{path}: {error}") from None
    return SourceText(text, str(path), encoding)
