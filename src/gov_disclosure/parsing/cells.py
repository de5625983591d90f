"""The cells of a row: a run of cells split into numbers and blank marks with their positions,
the tokens of a row gathered (``RowItems``), and digits that touch text told apart from cells
(``GLUED``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import attrs
from lark import Token

from ..model import (
    Span,
)
from .contextual_lexer import JUNK_TERMINALS, JunkRun

CELL_TYPES = frozenset({"NUMBER", "BLANK"})
_CELL = re.compile(r"(?P<NUMBER>[+-]?[0-9][0-9,.]*)|(?P<BLANK>[^ \t\n|]+)")  # a sign only in 2019 表二 runs


class Cell(NamedTuple):
    """One table cell as printed: a number or a blank marker, and where it stands."""

    type: str  # "NUMBER" or "BLANK", as the grammar's terminals
    text: str
    span: Span

    def __str__(self) -> str:
        return self.text


class _Positions:
    """Line and column of increasing offsets in ``text``, from a known starting point; each
    step counts only the newlines since the last one, so a whole row costs linear time."""

    def __init__(self, text: str, offset: int, line: int, column: int, *, base: int = 0) -> None:
        self.text = text
        self.offset = offset
        self.line = line
        self.line_start = offset - column + 1
        self.base = base  # where ``text`` starts in the source

    def line_at(self, offset: int) -> int:
        text = self.text
        newlines = text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.line_start = text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line

    def span(self, start: int, end: int) -> Span:
        line = self.line_at(start)
        column = start - self.line_start + 1
        base = self.base
        return Span(line, column, line, column + end - start, base + start, base + end)


def _split_cells(text: str, start: int, end: int, positions: _Positions) -> list[Cell]:
    """The cells of one run of cells (``text[start:end]``), each with its own position."""
    # positions.span(), inlined: this loop makes a Span for every number a report prints.
    line, line_start, previous, base = positions.line, positions.line_start, positions.offset, positions.base
    cells = []
    for match in _CELL.finditer(text, start, end):
        offset, stop = match.span()
        newlines = text.count("\n", previous, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", previous, offset) + 1
        previous = offset
        column = offset - line_start + 1
        span = Span(line, column, line, column + stop - offset, base + offset, base + stop)
        cells.append(Cell(match.lastgroup or "NUMBER", match.group(0), span))
    positions.line, positions.line_start, positions.offset = line, line_start, previous
    return cells


# No row of the format, nor a run of rows read by order, has more cells than this.
_MOST_CELLS = 25 * 7
SEPARATOR_RUN = re.compile(r"[ \t\n|]+")


def _cells_of_run(
    text: str, start: int, end: int, count: int, positions: _Positions, out: list[Token | Cell]
) -> None:
    """The ``count`` cells of the run of cells ``text[start:end]``, appended to ``out``."""
    if count > _MOST_CELLS:
        # Too many to be any row: only their number matters, so they are not split
        # (a megabyte of digits would otherwise become half a million objects).
        first = _CELL.match(text, start, end)
        first_end = first.end() if first else end
        out += [Cell("NUMBER", text[start:first_end], positions.span(start, end))] * count
        return
    out += _split_cells(text, start, end, positions)


# Junk pieces of one row split into objects; past this many the rest are only counted. No row
# of the format has more than _MOST_CELLS cells, and a megabyte of junk would otherwise become
# a million objects.
MOST_PIECES = 4 * _MOST_CELLS


def noise_continues(previous_end: int, previous_line: int | None, start: int, line: int | None) -> bool:
    """Whether noise starting at ``start`` continues noise that ended at ``previous_end``: at
    most two characters on, on the same line. Such noise is one stretch, reported once."""
    return start - previous_end <= 2 and line == previous_line


class _RowItems:
    """The items of one row, in order: its cells and noise, and its other tokens.

    Noise pieces next to each other (at most two characters apart on one line, with no cell
    between) become one token, as ``split`` would join them anyway. Past ``MOST_PIECES``
    cells and stretches of noise, the rest of the row's junk is only counted; a stretch is
    counted as ``split`` groups noise, so the count is the same however the lexer cut the junk.
    """

    def __init__(self) -> None:
        self.items: list[Token | Cell] = []
        self.cells = 0
        self.stretches = 0
        self.last_noise = (-10, 0)  # end offset and line of the last noise piece
        self.counting = False
        self.counted_cells = 0  # cells only counted: the row cannot be read
        self.counted_noise = 0  # stretches of noise only counted
        self.noise: list[str] = []  # the pieces of the noise token being joined
        self.noise_at = (0, 0, 0, 0, 0)  # its start, line, column, end and end column

    def add(self, token: Token) -> None:
        if isinstance(token, JunkRun):
            text = token.source
            positions = _Positions(text, token.start_pos or 0, token.line or 1, token.column or 1)
            for name, start, end in token.pieces():
                self._piece(name, text, start, end, positions)
        elif token.type in JUNK_TERMINALS:
            text = str(token)
            positions = _Positions(text, 0, token.line or 1, token.column or 1, base=token.start_pos or 0)
            self._piece(token.type, text, 0, len(text), positions)
        else:
            self._flush_noise()
            self.items.append(token)

    def _piece(self, name: str, text: str, start: int, end: int, positions: _Positions) -> None:
        """One junk token (or piece of a ``JunkRun``): ``text[start:end]``."""
        if name in NOISE_TYPES:
            self._noise(text, start, end, positions)
            return
        self._flush_noise()
        cells = 1 + len(SEPARATOR_RUN.findall(text, start, end)) if name == "CELLS" else 1
        self.counting = self.counting or self.cells + cells + self.stretches > MOST_PIECES
        self.cells += cells
        if self.counting:
            self.counted_cells += cells
        elif name == "CELLS":
            _cells_of_run(text, start, end, cells, positions, self.items)
        else:
            self.items.append(Cell(name, text[start:end], positions.span(start, end)))

    def _noise(self, text: str, start: int, end: int, positions: _Positions) -> None:
        line = positions.line_at(start)
        base = positions.base
        continues = noise_continues(*self.last_noise, base + start, line)
        self.last_noise = (base + end, line)
        if not continues:  # a new stretch, as split() sees it
            self.stretches += 1
            self.counting = self.counting or self.cells + self.stretches > MOST_PIECES
            if self.counting:
                self.counted_noise += 1
        if self.counting:
            return
        column = start - positions.line_start + 1
        end_column = column + end - start
        # A money unit is kept a token of its own when a gap follows it ('0万元 第 1 页'), so
        # that the unit is seen to end its cell (WITH_UNIT); the stretch is one all the same.
        unit_alone = (
            base + start > self.noise_at[3] and len(self.noise) <= 2 and "".join(self.noise) in MONEY_UNITS
        )  # (two pieces at most: a stretch of junk is never joined again piece by piece)
        if self.noise and continues and not unit_alone:  # the pending noise ended with the last piece
            self.noise_at = (*self.noise_at[:3], base + end, end_column)
        else:
            self._flush_noise()
            self.noise_at = (base + start, line, column, base + end, end_column)
        self.noise.append(text[start:end])

    def _flush_noise(self) -> None:
        if self.noise:
            start, line, column, end, end_column = self.noise_at
            self.items.append(Token("NOISE", "".join(self.noise), start, line, column, line, end_column, end))
            self.noise = []

    def done(self, *, money: bool = False) -> tuple[Token | Cell, ...]:
        self._flush_noise()
        return tuple(_unglued(self.items, money=money))


# Text that ends right before a number which is then text itself: '第 3 页', 'Page 3', 'No. 3'.
_TEXT_BEFORE_NUMBER = re.compile(r"(?:第|共|注|表|附件|(?i:page|p\.|no\.?))$")
# Text that starts right after a number which is then text itself: '2023 年', '3 页', '5 号'.
_TEXT_AFTER_NUMBER = re.compile(r"^[年月日页号]")
GLUED = "GLUED"  # the token type of a number that is part of text


def _glued_before(cell: Cell, before: Token | Cell | None) -> bool:
    """Whether text before ``cell`` makes it part of that text: touching it ('注1', '（2023',
    '(2'), or naming it across a space ('第 3', 'Page 3')."""
    if not (isinstance(before, Token) and before.type in NOISE_TYPES):
        return False
    gap = cell.span.start - (before.end_pos or 0)
    return gap == 0 or (
        gap <= 2 and before.end_line == cell.span.line and bool(_TEXT_BEFORE_NUMBER.search(before))
    )


def _glued_after(cell: Cell, after: Token | Cell | None) -> bool:
    """Whether text after ``cell`` makes it part of that text: touching it ('5万元', '2023年）'),
    or naming it across a space ('3 页', '2023 年')."""
    if not (isinstance(after, Token) and after.type in NOISE_TYPES and after.type != "ITEM_NO"):
        return False
    gap = (after.start_pos or 0) - cell.span.end
    return gap == 0 or (
        gap <= 2 and after.line == cell.span.end_line and bool(_TEXT_AFTER_NUMBER.match(after))
    )


# The type of a Cell of a money column whose number is printed with its unit in the cell
# ('75394432.52元'); its text holds the unit, its span the number.
WITH_UNIT = "WITH_UNIT"
MONEY_UNITS = ("元", "万元")


def _unit_after(cell: Cell, after: Token | Cell | None) -> bool:
    """Whether ``after`` is a money unit printed in the cell of ``cell``, touching its number."""
    return (
        isinstance(after, Token)
        and after.type == "NOISE"
        and str(after) in MONEY_UNITS
        and (after.start_pos == cell.span.end)
    )


def _unglued(items: list[Token | Cell], *, money: bool = False) -> list[Token | Cell]:
    """``items`` with each number that is part of the text beside it made a ``GLUED`` token,
    which ``split`` reports with that text (never a cell). In a row with a money column
    (``money``), a number with a unit touching it is a ``WITH_UNIT`` cell instead."""
    out = list(items)
    dropped: set[int] = set()
    for i, item in enumerate(items):
        if isinstance(item, Cell) and item.type == "NUMBER":
            before = items[i - 1] if i else None
            after = items[i + 1] if i + 1 < len(items) else None
            # A cell stands alone between separators; a number touching text is part of it.
            # (Digits run into the next label's enumerator, '40000042.其他', were cut before it
            # by the lexer: the label is found, the digits are a cell.)
            glued_before = _glued_before(item, before)
            if money and not glued_before and _unit_after(item, after):
                out[i] = item._replace(type=WITH_UNIT, text=item.text + str(after))
                dropped.add(i + 1)  # the unit: part of the cell
            elif glued_before or _glued_after(item, after):
                s = item.span
                out[i] = Token(GLUED, item.text, s.start, s.line, s.column, s.end_line, s.end_column, s.end)
    return [item for i, item in enumerate(out) if i not in dropped] if dropped else out


def expand(tokens: Sequence[Token], *, money: bool = False) -> tuple[tuple[Token | Cell, ...], int, int]:
    """A row's tokens as cells and noise, and how many stretches of noise and how many cells
    were only counted; ``money``: the row has a money column (see ``WITH_UNIT``)."""
    row = _RowItems()
    for token in tokens:
        row.add(token)
    return row.done(money=money), row.counted_noise, row.counted_cells


NOISE_TYPES = frozenset({"NOISE", "ITEM_NO", "GLUED"})


def span_of(token: Token) -> Span:
    return Span(
        line=token.line or 0,
        column=token.column or 0,
        end_line=token.end_line or 0,
        end_column=token.end_column or 0,
        start=token.start_pos or 0,
        end=token.end_pos or 0,
    )


@attrs.frozen
class RowRead:
    rule: str
    label: Token | None
    items: tuple[Token | Cell, ...]
    counted_noise: int = 0  # stretches of noise past MOST_PIECES, counted but not split
    counted_cells: int = 0  # cells past MOST_PIECES: counted, never read


EMPTY = "EMPTY"  # the type of a Cell that a delimited layout shows empty
