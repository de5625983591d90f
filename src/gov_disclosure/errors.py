"""The library's exceptions. Users catch these; they never see lark's."""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

__all__ = [
    "GovDisclosureError",
    "InputError",
    "InputErrorReason",
    "InvalidFieldError",
    "ParseError",
    "source_snippet",
]


class GovDisclosureError(Exception):
    """Base class of every error this library raises."""


InputErrorReason: TypeAlias = Literal[
    "no-such-file",
    "not-a-file",
    "too-large",
    "too-slow",
    "needs-extra",
    "unsupported-format",
    "scanned",
    "encrypted",
    "not-a-report",
    "unreadable",
]
"""Why an input could not be read, in a word a table can group by (``InputError.reason``):
the path names nothing, or no regular file; over the size or time limit; a reader's extra is
not installed; a format that is not read (DOC, WPS, OFD, ...); a scan with no text layer; a
password; a document that prints something else than one report; anything else (undecodable
bytes, binary data, a corrupt file) is ``"unreadable"``."""


class InputError(GovDisclosureError, ValueError):
    """The input could not be read as a report: undecodable bytes, binary data, a file that
    does not exist, an unsupported file type, or an input larger than the limit. ``reason``
    says which kind of problem it is (``InputErrorReason``)."""

    def __init__(self, message: str, *, reason: InputErrorReason = "unreadable") -> None:
        self.reason: InputErrorReason = reason
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:  # keeps the reason across processes
        return (_input_error, (str(self), self.reason))


def _input_error(message: str, reason: InputErrorReason) -> InputError:
    return InputError(message, reason=reason)


class ParseError(GovDisclosureError, ValueError):
    """Raised by ``parse(..., strict=True)`` at the first deviation from the mandated format.

    ``line`` and ``column`` are 1-based positions in the decoded source text; ``expected``
    names the labels the format requires at that point; ``snippet`` shows the source line
    with a caret under the column.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        expected: tuple[str, ...] = (),
        snippet: str = "",
        code: str = "",
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.expected = expected
        self.snippet = snippet
        self.code = code
        super().__init__(self._render())

    def _render(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        text = where + self.message
        if self.expected:
            text += "\n  expected: " + " | ".join(self.expected)
        if self.snippet:
            text += "\n" + self.snippet
        return text


class InvalidFieldError(GovDisclosureError, ValueError):
    """A model object was given a value one of its fields cannot hold.

    ``owner`` is the class, ``field`` the field and ``problem`` what is wrong with the value.
    """

    def __init__(self, owner: str, field: str, problem: str) -> None:
        self.owner = owner
        self.field = field
        self.problem = problem
        super().__init__(f"{owner}.{field}: {problem}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.owner, self.field, self.problem))


# Lines are found by counting line breaks a block at a time (C speed), so a snippet of a line
# near the end of a text of millions of lines costs no list of them.
_LINE_BLOCK = 1 << 16
ELLIPSIS = "…"


def _columns(char: str) -> int:
    """Display columns of ``char``: East Asian wide characters (CJK and beyond) take two."""
    return 2 if ord(char) > 0x2E80 else 1


def _line_bounds(text: str, line: int) -> tuple[int, int] | None:
    """(start, end) offsets of 1-based ``line`` of ``text`` without its line break (and a
    ``\r`` before it), or None when the text has fewer lines."""
    if line < 1:
        return None
    start, breaks_to_skip = 0, line - 1
    while breaks_to_skip:
        block_end = min(start + _LINE_BLOCK, len(text))
        found = text.count("\n", start, block_end)
        if found >= breaks_to_skip:
            for _ in range(breaks_to_skip):
                start = text.index("\n", start) + 1
            break
        if block_end == len(text):
            return None
        start, breaks_to_skip = block_end, breaks_to_skip - found
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _window(text: str, start: int, end: int, caret: int, width: int) -> tuple[int, int]:
    """The stretch of ``text[start:end]`` around offset ``caret`` that fits in ``width``
    columns: about half before the caret, the rest after, more on one side where the other
    side's line ends. Looks at no more than ``width`` characters each way."""
    left, used = caret, 0
    while left > start and used + _columns(text[left - 1]) <= width // 2:
        left -= 1
        used += _columns(text[left])
    right = caret
    while right < end and used + _columns(text[right]) <= width:
        used += _columns(text[right])
        right += 1
    while left > start and used + _columns(text[left - 1]) <= width:
        left -= 1
        used += _columns(text[left])
    return left, right


def source_snippet(text: str, line: int, column: int, *, width: int = 60) -> str:
    """Line ``line`` of ``text`` and a caret under 1-based ``column``, each indented two
    spaces: ``"  <line>\n  <spaces>^"``.

    A line wider than ``width`` display columns is shown as a window of about ``width``
    columns around the column, with ``…`` where it is cut, so a megabyte on one line gives a
    short snippet, fast. The caret counts East Asian wide characters as two columns and
    repeats the line's tabs, so it stands under the column in a terminal too. A column past
    the end of the line puts the caret just after it; a line the text does not have gives "".
    """
    bounds = _line_bounds(text, line)
    if bounds is None:
        return ""
    start, end = bounds
    caret = start + min(max(column - 1, 0), end - start)
    fits = end - start <= width and sum(_columns(c) for c in text[start:end]) <= width
    left, right = (start, end) if fits else _window(text, start, end, caret, max(width, 1))
    before = ELLIPSIS if left > start else ""
    after = ELLIPSIS if right < end else ""
    pad = " " * len(before) + "".join("\t" if c == "\t" else " " * _columns(c) for c in text[left:caret])
    return f"  {before}{text[left:right]}{after}\n  {pad}^"
