"""Layouts that delimit every cell, empty ones too (tabs or pipes between all cells, HTML and
DOCX cells, Markdown tables): an empty slot is a blank cell, so each number's column is known.
Decided per table, never per row."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lark import Token

from ..model import (
    Span,
)
from .cells import EMPTY, Cell, RowRead

_DELIMITER = re.compile(r"[\t|]")
_NUMBER_OR_MARK = re.compile(r"[+-]?[0-9][0-9,.]*|/|-{1,2}|—{1,2}|–|无")
# In a row with an amount of money, a number may be printed with its unit (cells.WITH_UNIT).
_AMOUNT_OR_MARK = re.compile(r"[+-]?[0-9][0-9,.]*(?:万?元)?|/|-{1,2}|—{1,2}|–|无")


def _slots(text: str, label_end: int) -> tuple[list[tuple[int, int]], str] | None:
    """The cells a row's line shows after its label, as (start, end) offsets of each slot
    between delimiters, and the delimiter ('\t' or '|'); ``None`` when the line does not
    delimit its cells (spaces only) or holds text other than one number or mark per slot."""
    # The slots start at the first delimiter after the label, which may be on a later line
    # when the label's own cell is broken over lines ('1.规章\n（2023年） | 1 | 0 | 2 |').
    found = _DELIMITER.search(text, label_end, label_end + 2000)
    if found is None:
        return None
    delimiter = found.group()
    line_end = text.find("\n", found.start())
    line_end = len(text) if line_end == -1 else line_end
    rest = text[label_end:line_end]
    if len(rest) > 2000:
        return None
    slots = []
    position = label_end
    for piece in rest.split(delimiter):
        slots.append((position, position + len(piece)))
        position += len(piece) + 1
    first = slots.pop(0)
    # The rest of the label's cell: text glued to the label ('规章（2023年）') may stand there,
    # a number standing alone may not (which cell it belongs to could not be told).
    if any(_NUMBER_OR_MARK.fullmatch(word) for word in text[first[0] : first[1]].split()):
        return None
    return slots, delimiter


def _holds_text(text: str, slot: tuple[int, int], *, amount: bool = False) -> bool:
    """Whether a slot holds something other than nothing, one number or one mark (``amount``:
    of a row with an amount of money, where the number may carry its unit)."""
    content = text[slot[0] : slot[1]].strip(" \t|")
    return bool(content) and not (_AMOUNT_OR_MARK if amount else _NUMBER_OR_MARK).fullmatch(content)


def _is_text(content: str, around: str = " \t|") -> bool:
    """Whether a cell's content (without the ``around`` characters) is something other than
    nothing, one number or one mark."""
    content = content.strip(around)
    return bool(content) and not _NUMBER_OR_MARK.fullmatch(content)


def _shown_slots(text: str, rows: dict[str, RowRead]) -> dict[str, list[tuple[int, int]]]:
    """Row key -> the slots its line shows, when every row's line delimits its cells with the
    same delimiter; ``{}`` otherwise."""
    shown: dict[str, list[tuple[int, int]]] = {}
    delimiters = set()
    for key, row in rows.items():
        found = None if not text or row.label is None else _slots(text, row.label.end_pos or 0)
        if found is None:
            return {}
        shown[key], delimiter = found
        delimiters.add(delimiter)
    return shown if len(delimiters) == 1 else {}


def delimited_rows(
    text: str,
    widths: dict[str, int],
    rows: dict[str, RowRead],
    cells: dict[str, list[Cell]],
    money_rows: frozenset[str] = frozenset(),
) -> dict[str, list[Cell]]:
    """The rows of a table whose layout delimits every cell, empty ones too (tabs or pipes
    between all cells): row key -> its cells, an ``EMPTY`` cell where a slot is empty.

    Decided per table, never per row: every row's line must show its label, then exactly
    as many slots as the row has cells (a closing delimiter at the end of every line is
    not a slot), each empty or holding one number or mark, and one row at least must be
    complete. Otherwise a missing number cannot be told from a dropped cell: ``{}``."""
    shown = _shown_slots(text, rows)
    if not shown:
        return {}

    def empty(slot: tuple[int, int]) -> bool:
        return not text[slot[0] : slot[1]].strip(" \t|")

    closing = all(slots and empty(slots[-1]) for slots in shown.values())
    if closing:
        shown = {key: slots[:-1] for key, slots in shown.items()}
    for key, slots in shown.items():
        amount = key in money_rows
        while slots and _holds_text(text, slots[-1], amount=amount):  # a note after the cells ('注1')
            slots.pop()
        if any(_holds_text(text, slot, amount=amount) for slot in slots):
            return {}
    if any(len(slots) != widths[key] for key, slots in shown.items()):
        return {}
    if not any(not any(empty(slot) for slot in slots) for slots in shown.values()):
        return {}
    out: dict[str, list[Cell]] = {}
    for key, slots in shown.items():
        if not any(empty(slot) for slot in slots):
            continue
        in_row = {cell.span.start: cell for cell in cells[key]}
        row_cells: list[Cell] = []
        for start, end in slots:
            content = text[start:end]
            offset = start + len(content) - len(content.lstrip(" \t|"))
            cell = in_row.get(offset)
            if cell is None and not empty((start, end)):
                break  # a number the row's tokens do not hold as a cell (glued, noise)
            row_cells.append(cell or Cell(EMPTY, "", _empty_span(text, rows[key].label, start)))
        else:
            out[key] = row_cells
    return out


def _line_pieces(text: str, line_start: int, line_end: int, width: int) -> tuple[list[str], int] | None:
    """The slots of a line of cells without a label, and where the first starts: pipes must
    open and close the line (``| 1 |  | 3 |``); with tabs, one more slot than ``width`` is a
    closing tab when the line above ends in one too. Notes after the cells ('注1') are not
    slots. ``None`` when the line delimits no cells."""
    line = text[line_start:line_end]
    stripped = line.strip(" ")
    if "|" in line and "\t" not in line:
        if not (stripped.startswith("|") and stripped.endswith("|")):
            return None
        pieces = stripped[1:-1].split("|")
        first = line_start + line.index("|") + 1
    elif "\t" in line:
        pieces = line.split("\t")
        first = line_start
        above = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : max(0, line_start - 1)]
        if len(pieces) == width + 1 and not pieces[-1].strip() and above.endswith("\t"):
            pieces.pop()
    else:
        return None
    while pieces and _is_text(pieces[-1], " \t"):  # a note after the cells ('注1')
        pieces.pop()
    return pieces, first


def delimited_line(text: str, cells: Sequence[Cell], width: int) -> list[Cell] | None:
    """A row of ``width`` cells printed without a label (表四's numbers) on one line that
    delimits every cell, an empty one too (``_line_pieces``): its cells, ``EMPTY`` where a
    slot is empty; ``None`` when the line does not show exactly ``width`` slots each holding
    nothing or one of ``cells``."""
    if not text or not cells or cells[0].span.line != cells[-1].span.line:
        return None
    line_start = text.rfind("\n", 0, cells[0].span.start) + 1
    line_end = text.find("\n", cells[-1].span.end)
    line_end = len(text) if line_end == -1 else line_end
    found = _line_pieces(text, line_start, line_end, width) if line_end - line_start <= 2000 else None
    if found is None or len(found[0]) != width:
        return None
    pieces, position = found
    by_start = {cell.span.start: cell for cell in cells}
    row: list[Cell] = []
    for piece in pieces:
        content = piece.strip(" \t")
        if content:
            cell = by_start.get(position + piece.index(content))
            if cell is None or cell.text != content:
                return None
            row.append(cell)
        else:
            row.append(Cell(EMPTY, "", _span_at(text, cells[0].span.line, position)))
        position += len(piece) + 1
    return row if sum(c.type != EMPTY for c in row) == len(cells) else None


def _span_at(text: str, line: int, offset: int) -> Span:
    column = offset - text.rfind("\n", 0, offset)
    return Span(line, column, line, column, offset, offset)


def _empty_span(text: str, label: Token | None, offset: int) -> Span:
    """Where an empty cell stands: at its slot, on its row's line (the label's line)."""
    return _span_at(text, label.line if label is not None and label.line is not None else 0, offset)
