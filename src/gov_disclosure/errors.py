"""The library's exceptions. Users catch these; they never see lark's."""

from __future__ import annotations

from typing import Any

__all__ = ["GovDisclosureError", "InputError", "InvalidFieldError", "ParseError"]


class GovDisclosureError(Exception):
    """Base class of every error this library raises."""


class InputError(GovDisclosureError, ValueError):
    """The input could not be read as a report: undecodable bytes, binary data, a file that
    does not exist, an unsupported file type, or an input larger than the limit."""


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
