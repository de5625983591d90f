"""Turning what a user passes to ``parse`` into report text.

``read`` accepts text, bytes or a path. It returns a ``SourceText``: the decoded text that all
spans refer to, a name for messages, and what decoding had to drop. Plain text and HTML pages
are read (``text.py``, ``html.py``), and PDF and DOCX files (``pdf.py``, ``docx.py``, the
``pdf`` and ``docx`` extras); which of them a file is, and the office formats refused with a
way to convert them, is ``documents.py``.

Memory is bounded whatever the source: at most ``max_bytes`` + 1 bytes are ever read from a
file or a stream, and only regular files are opened, without blocking (a named pipe, a device
or a socket given as a path is refused, never waited on).

Which ``str`` is a path: one with no line break and under 4096 characters, when something
exists at that path, or when it ends like a file name (a name, ``.`` and a 1-8 character
extension of ASCII letters and digits with at least one letter; the last component at most 255
bytes); such a str that names nothing is "no such file", not an empty report. Any other str is
report text; an ``os.PathLike`` is always a path; bytes are always content.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

import attrs

from ..errors import InputError
from .documents import document_kind
from .html import HTML_SUFFIXES, decode_page, html_to_source, looks_like_html
from .text import SourceText, bom_encoding, decode

__all__ = ["MAX_BYTES", "SourceText", "read", "read_file", "read_stream", "refuse_too_large", "str_is_path"]

# Far above any real report (the largest in the corpus is 0.4 MB); keeps a stray
# multi-gigabyte input from being read into memory at all.
MAX_BYTES = 16 * 1024 * 1024

# A str at least this long, or with a line break, is report text, never a path.
_MAX_PATH_CHARS = 4096
_MAX_FILE_NAME_BYTES = 255  # NAME_MAX of common file systems
# A name, a dot and 1-8 ASCII letters or digits, at least one a letter: "0.5" is a number.
_EXTENSION = re.compile(r"[^.]\.(?=[0-9]{0,7}[A-Za-z])[A-Za-z0-9]{1,8}\Z")
# Read in pieces, so that a source far over the limit costs at most the limit in memory.
_CHUNK = 1024 * 1024
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _ends_like_file_name(source: str) -> bool:
    name = source[max(source.rfind("/"), source.rfind("\\")) + 1 :]
    if len(name.encode("utf-8", "surrogatepass")) > _MAX_FILE_NAME_BYTES:
        return False
    return _EXTENSION.search(name) is not None


def _names_something(source: str) -> bool:
    try:
        os.lstat(source)
    except (OSError, ValueError):  # nothing there, a name too long, a NUL, an unencodable name
        return False
    return True


def str_is_path(source: str) -> bool:
    """Whether ``read`` and ``parse`` take the str ``source`` for a path (the rule above).
    Bytes are never a path: ``parse(text.encode())`` reads any text as text."""
    if len(source) >= _MAX_PATH_CHARS or "\n" in source or "\r" in source:
        return False
    return _names_something(source) or _ends_like_file_name(source)


def refuse_too_large(source: str | bytes | bytearray | memoryview, max_bytes: int) -> None:
    """``InputError`` when ``source`` is over the limit: in characters for a str, in bytes for
    anything else."""
    if isinstance(source, str):
        if len(source) > max_bytes:
            raise InputError(
                f"input is {len(source):,} characters, more than the limit of {max_bytes:,}",
                reason="too-large",
            )
    elif (size := memoryview(source).nbytes) > max_bytes:
        raise InputError(f"input is {size:,} bytes, more than the limit of {max_bytes:,}", reason="too-large")


def read(source: str | bytes | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Decode ``source``: a path to a text or HTML file, bytes, or text (a ``str`` that names
    a file is read as that file). HTML is turned into text with its table cells kept apart."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and str_is_path(source)):
        return read_file(source, max_bytes=max_bytes)
    if isinstance(source, bytes | bytearray | memoryview):
        refuse_too_large(source, max_bytes)
        data = bytes(source)
        return attrs.evolve(_from_bytes(data, "<bytes>", html_by_name=False), sha256=_sha256(data))
    if isinstance(source, str):
        refuse_too_large(source, max_bytes)
        digest = _sha256(source.encode("utf-8", "surrogatepass"))
        if looks_like_html(source):
            text, places = html_to_source(source)
            return SourceText(text, "<text>", "str, html", places=places, kind="html", sha256=digest)
        return SourceText(source, "<text>", "str", sha256=digest)
    raise InputError(f"cannot read a report from {type(source).__name__}: pass text, bytes or a path")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _from_bytes(data: bytes, name: str, *, html_by_name: bool, suffix: str = "") -> SourceText:
    """Read ``data``: a PDF or DOCX file by its reader; an HTML page (by its file name or by
    its content) by the charset its bytes give; anything else as plain text."""
    kind = document_kind(data, suffix)
    if kind == "pdf":
        from .pdf import pdf_to_text

        return attrs.evolve(pdf_to_text(data, name), kind="pdf")
    if kind == "docx":
        from .docx import docx_to_text

        return attrs.evolve(docx_to_text(data, name), kind="docx")
    bom = bom_encoding(data)
    if bom is not None and bom[0] != "utf-8":
        # UTF-16/32: markup is not ASCII bytes, so look at the decoded text.
        decoded = decode(data, name)
        if html_by_name or looks_like_html(decoded.text):
            return _page(decoded)
        return decoded
    # Markup is ASCII, so one character per byte is enough to recognise a page.
    start = 0 if bom is None else bom[1]
    if html_by_name or looks_like_html(data[start : start + 4096].decode("latin-1")):
        return _page(decode_page(data, name))
    return decode(data, name)


def _page(decoded: SourceText) -> SourceText:
    text, places = html_to_source(decoded.text)
    return attrs.evolve(decoded, text=text, encoding=decoded.encoding + ", html", places=places, kind="html")


def _display(path: str) -> str:
    """The path for a message: as given, unless it holds characters that cannot be printed."""
    return path if path.isprintable() else repr(path)


def read_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read and decode the report file at ``path``: a regular file of at most ``max_bytes``."""
    name = os.fsdecode(os.fspath(path))  # a bytes path-like too, as the os module would take it
    shown = _display(name)
    suffix = Path(name).suffix.lower()
    data = _read_regular_file(name, shown, max_bytes)
    try:
        read = _from_bytes(data, name, html_by_name=suffix in HTML_SUFFIXES, suffix=suffix)
    except InputError as error:
        raise InputError(f"{shown}: {error}", reason=error.reason) from None
    return attrs.evolve(read, path=name, sha256=_sha256(data))


def _refuse_special(mode: int, shown: str) -> None:
    for test, what in _NOT_REGULAR:
        if test(mode):
            raise InputError(f"{shown}: is {what}, not a regular file", reason="not-a-file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{shown}: is not a regular file", reason="not-a-file")


def _os_error(error: OSError, shown: str) -> InputError:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return InputError(f"{shown}: no such file", reason="no-such-file")
    return InputError(f"{shown}: cannot be read ({error.strerror or error})")


def _read_regular_file(path: str, shown: str, max_bytes: int) -> bytes:
    try:
        # stat first, so that a device or a pipe is never even opened ...
        info = Path(path).stat()
        _refuse_special(info.st_mode, shown)
        if info.st_size > max_bytes:
            raise InputError(
                f"{shown}: {info.st_size:,} bytes, more than the limit of {max_bytes:,}", reason="too-large"
            )
        # ... and O_NONBLOCK, so that one swapped in since cannot block the open.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _os_error(error, shown) from None
    except InputError:  # a ValueError too, and already clear
        raise
    except ValueError as error:  # embedded NUL, or a name the file system encoding cannot hold
        raise InputError(f"{shown}: is not a valid file name ({_why_invalid(error)})") from None
    try:
        # The open file is what is read: check it, not the name, which may have changed.
        _refuse_special(os.fstat(fd).st_mode, shown)
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        stream = os.fdopen(fd, "rb")
    except BaseException as error:
        os.close(fd)
        if isinstance(error, OSError):
            raise _os_error(error, shown) from None
        raise
    with stream:
        try:
            return read_stream(stream, shown, max_bytes=max_bytes)
        except OSError as error:
            raise _os_error(error, shown) from None


def _why_invalid(error: ValueError) -> str:
    if isinstance(error, UnicodeEncodeError):
        return f"{error.object[error.start : error.end]!r} cannot be encoded for the file system"
    return "it contains a NUL character" if "null" in str(error).lower() else str(error)


def read_stream(stream: BinaryIO, name: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """At most ``max_bytes`` bytes from ``stream``; ``InputError`` if it holds more. Never
    reads more than ``max_bytes`` + 1 bytes, however much the stream has (``/dev/zero``)."""
    pieces: list[bytes] = []
    size = 0
    while size <= max_bytes:
        piece = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        size += len(piece)
    raise InputError(f"{name}: more than the limit of {max_bytes:,} bytes", reason="too-large")
