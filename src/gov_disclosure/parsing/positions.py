"""Line and column of offsets in a text, for spans: indexed once, by blocks; and where a span
stands in the file the text was read from (a PDF's page and box, a DOCX's table cell)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..model import InTable, OnPage, Report, Span
from ..sources.text import Place, place_at

BLOCK = 1 << 16  # characters a span's line and column are counted in, at most


class Lines:
    """Line and column of offsets in one text, for spans. The text is indexed once, on first
    use, by blocks of ``BLOCK`` characters: how many lines come before each block, and where
    the line that a block begins in starts. A span then counts line breaks within one block
    only, so many diagnostics on a large input cost no more than a few; the index is a few
    hundred numbers even for 16 MiB (a list of every line start would take 36 bytes a line).
    One per parse, dropped with it: no text outlives the call that parsed it. The cleaned
    text has the same line breaks (cleaning keeps every one), so one serves both."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines_before: array[int] | None = None
        self.line_starts = array("q")

    def _index(self) -> array[int]:
        text, length = self.text, len(self.text)
        lines_before = array("q")
        count = line_start = 0
        for block in range(0, length + 1, BLOCK):
            lines_before.append(count)
            self.line_starts.append(line_start)
            end = min(block + BLOCK, length)
            count += text.count("\n", block, end)
            if (last := text.rfind("\n", block, end)) != -1:
                line_start = last + 1
        self.lines_before = lines_before
        return lines_before

    def line_column(self, offset: int) -> tuple[int, int]:
        lines_before = self.lines_before if self.lines_before is not None else self._index()
        block = offset // BLOCK
        block_start = block * BLOCK
        line = lines_before[block] + self.text.count("\n", block_start, offset) + 1
        last = self.text.rfind("\n", block_start, offset)
        line_start = last + 1 if last != -1 else self.line_starts[block]
        return line, offset - line_start + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.line_column(start)
        end_line, end_column = self.line_column(end)
        return Span(line, column, end_line, end_column, start, end)


def placed_in_file(report: Report, places: Sequence[Place]) -> Report:
    """``report`` with each span that starts in a piece of ``places`` (text read from a PDF,
    a DOCX or an HTML page) saying where that piece stands in the file: ``Span.on_page`` (a
    PDF's page and box) or ``Span.in_table`` (a table cell's table, row and column)."""
    found: dict[Span, Span] = {}

    def placed(span: Span) -> Span:
        if span not in found:
            place = place_at(places, span.start)
            found[span] = span if place is None else _at(span, place)
        return found[span]

    with_places: Report = _with_spans(report, placed)
    return with_places


def _at(span: Span, place: Place) -> Span:
    on_page = in_table = None
    if place.page is not None and place.box is not None:
        # A hundredth of a point is finer than any printer: shorter JSON, same place.
        x0, top, x1, bottom = (round(float(value), 2) for value in place.box)
        on_page = OnPage(place.page, x0, top, x1, bottom)
    if place.table is not None and place.row is not None and place.column is not None:
        in_table = InTable(place.table, place.row, place.column)
    # Built, not evolved: attrs.evolve costs several times as much, per number.
    return Span(
        span.line, span.column, span.end_line, span.end_column, span.start, span.end, on_page, in_table
    )


def _with_spans(value: Any, change: Callable[[Span], Span]) -> Any:
    """``value`` (a model object, a tuple of them, anything else) with every Span in it
    changed by ``change``; what holds no changed span is returned as it is."""
    if isinstance(value, Span):
        return change(value)
    if isinstance(value, tuple):
        items = tuple(_with_spans(item, change) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if attrs.has(type(value)):
        changes = {}
        for field in attrs.fields(type(value)):
            old = getattr(value, field.name)
            new = _with_spans(old, change)
            if new is not old:
                changes[field.alias] = new
        return attrs.evolve(value, **changes) if changes else value
    return value
