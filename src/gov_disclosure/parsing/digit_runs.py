"""Digits that ran together (``行政规范性文件693665``): which cells a table's squashed rows can
hold, decided by the table's own evidence, and only where it decides them.

The evidence, all of it hard:

- each row has its format's number of cells; a separator that survived is a cell boundary;
- a count has no leading zero (``0`` alone is a number, ``05`` is not);
- the format's identities (``formats.Identity``): ``along="row"`` ones (a row's 总计 is the sum
  of its columns) filter each row's readings; ``along="column"`` ones (表三 一 + 二 = （七）总计 +
  四 in every column) are checked across rows, by a bounded search over the rows left open.

A cell is decided when every reading the evidence allows gives it the same number. When the
column identities admit no reading at all (the report's own arithmetic is wrong), they are not
used: each row keeps only what its own evidence decides, so an error never chooses a split.
Every bound (readings of one row, nodes of the search, solutions kept) is a count, so the work
is bounded whatever the input; a bound that is hit is reported, and what it left open is not
decided.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import attrs

from ..formats.template import Identity

__all__ = ["MAX_READINGS", "RowDigits", "Solution", "row_readings", "solve", "splits"]

# Readings of one row kept at most (a 7-cell row of 20 digits has 27,132 splits before its
# 总计 is checked; a squashed 表三 row of a real report has a handful after it).
MAX_READINGS = 5_000
# Assignments the search tries at most, and solutions it keeps (two are enough to know a cell
# is not decided; more are kept to list the candidates).
MAX_NODES = 200_000
MAX_SOLUTIONS = 32
# Digits in one row at most: a run longer than this cannot be cells of one row.
MAX_ROW_DIGITS = 96


@attrs.frozen
class RowDigits:
    """One row as printed: its key, its runs of digits in order (``pieces``, split where a
    separator survived), and how many cells it has."""

    key: str
    pieces: tuple[str, ...]
    width: int


@attrs.frozen
class Solution:
    """What the evidence decides. ``cells``: row key -> its cells, ``None`` where undecided.
    ``open_rows``: row key -> the readings still possible (for the diagnostic). ``notes``: why
    something was left open (a bound hit, the column identities admitting no reading)."""

    cells: Mapping[str, tuple[int | None, ...]]
    open_rows: Mapping[str, tuple[tuple[int, ...], ...]]
    notes: tuple[str, ...] = ()
    # Whether the column identities decided among the readings of some row (their search found
    # readings of every row that satisfy them all).
    used_identities: bool = False


def splits(digits: str, count: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut ``digits`` into ``count`` numbers with no leading zero, in order."""
    if count < 1 or len(digits) < count:
        return
    if count == 1:
        if digits == "0" or digits[0] != "0":
            yield (int(digits),)
        return
    if digits[0] == "0":  # a 0 is a number of its own
        for rest in splits(digits[1:], count - 1):
            yield (0, *rest)
        return
    for cut in range(1, len(digits) - count + 2):
        head = int(digits[:cut])
        for rest in splits(digits[cut:], count - 1):
            yield (head, *rest)


def _piece_counts(pieces: Sequence[str], width: int) -> Iterator[tuple[int, ...]]:
    """How many cells each piece holds: at least one, at most its digits, ``width`` in all."""
    if not pieces:
        if width == 0:
            yield ()
        return
    first, rest = pieces[0], pieces[1:]
    least_after = len(rest)
    most_after = sum(len(p) for p in rest)
    for count in range(1, len(first) + 1):
        left = width - count
        if least_after <= left <= most_after:
            for others in _piece_counts(rest, left):
                yield (count, *others)


def _row_splits(pieces: Sequence[str], width: int) -> Iterator[tuple[int, ...]]:
    for counts in _piece_counts(pieces, width):
        yield from _product([list(splits(p, c)) for p, c in zip(pieces, counts, strict=True)])


def _product(parts: list[list[tuple[int, ...]]]) -> Iterator[tuple[int, ...]]:
    if not parts:
        yield ()
        return
    for head in parts[0]:
        for rest in _product(parts[1:]):
            yield (*head, *rest)


def _summing_splits(digits: str, count: int, total: int) -> Iterator[tuple[int, ...]]:
    """``splits(digits, count)`` whose numbers add up to ``total``: a cut whose head is
    already larger than what is left is not followed (longer heads are larger still)."""
    if len(digits) < count:
        return
    if count == 1:
        if (digits == "0" or digits[0] != "0") and int(digits) == total:
            yield (total,)
        return
    if digits[0] == "0":
        for rest in _summing_splits(digits[1:], count - 1, total):
            yield (0, *rest)
        return
    for cut in range(1, len(digits) - count + 2):
        head = int(digits[:cut])
        if head > total:
            return
        for rest in _summing_splits(digits[cut:], count - 1, total - head):
            yield (head, *rest)


def _totalled_splits(digits: str, width: int) -> Iterator[tuple[int, ...]]:
    """The splits of one run into ``width`` cells whose last cell (a 总计) is the sum of the
    others: each possible last cell first, then only the cuts of the rest that add up to it."""
    for length in range(1, len(digits) - width + 2):
        last = digits[-length:]
        if last != "0" and last[0] == "0":
            continue
        total = int(last)
        for cells in _summing_splits(digits[:-length], width - 1, total):
            yield (*cells, total)


def row_readings(
    row: RowDigits, checks: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] = ()
) -> tuple[tuple[int, ...], ...] | None:
    """The readings of ``row`` that satisfy ``checks`` (each: the cell positions on the left
    add up to those on the right); ``None`` when there are more than ``MAX_READINGS`` splits
    to look at, or more digits than a row can hold."""
    if sum(len(p) for p in row.pieces) > MAX_ROW_DIGITS:
        return None
    found: list[tuple[int, ...]] = []
    total_last = [(tuple(range(row.width - 1)), (row.width - 1,))]
    candidates = (
        _totalled_splits(row.pieces[0], row.width)
        if len(row.pieces) == 1 and list(checks) == total_last
        else _row_splits(row.pieces, row.width)
    )
    for tried, cells in enumerate(candidates):
        if tried >= MAX_READINGS * 20:
            return None
        if all(sum(cells[i] for i in left) == sum(cells[i] for i in right) for left, right in checks):
            found.append(cells)
            if len(found) > MAX_READINGS:
                return None
    return tuple(found)


def _row_checks(
    key: str, identities: Sequence[Identity], columns: Sequence[str]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    checks = []
    for identity in identities:
        if identity.along == "row" and (not identity.rows or key in identity.rows):
            left = tuple(columns.index(c) for c in identity.left)
            right = tuple(columns.index(c) for c in identity.right)
            checks.append((left, right))
    return checks


def _decided(readings: Sequence[tuple[int, ...]], width: int) -> tuple[int | None, ...]:
    """Each cell's number where all ``readings`` agree on it, else ``None``."""
    if not readings:
        return (None,) * width
    return tuple(
        values[0] if all(v == values[0] for v in values) else None for values in zip(*readings, strict=True)
    )


def solve(rows: Sequence[RowDigits], identities: Sequence[Identity], columns: Sequence[str]) -> Solution:
    """The cells of ``rows`` (a table's rows as printed; a row read with its separators is a
    row of one-number pieces) that the evidence decides. ``columns`` are the table's cell
    columns in order, as the identities name them.

    A table with column identities (表三) is decided by its rows' own sums only when the
    identities can be checked over every row and hold for some reading: a wrong number can
    make another split satisfy its row's 总计, and only the whole table shows it. Otherwise
    (and for rows no sum could split) only what the digits alone decide is kept, which is
    never other than what the report printed. A table without column identities (表四) is
    decided by its rows' own sums."""
    notes: list[str] = []
    width = {row.key: row.width for row in rows}
    own: dict[str, tuple[tuple[int, ...], ...]] = {}
    for row in rows:
        found = row_readings(row, _row_checks(row.key, identities, columns))
        if found is None:
            notes.append(f"row {row.key!r}: too many ways to split its digits; not read")
        elif not found:
            notes.append(f"row {row.key!r}: no split of its digits satisfies its own sums")
        else:
            own[row.key] = found
    chosen, used = _by_columns(own, identities, len(columns), notes)
    for row in rows:  # what the digits alone decide, where nothing more was
        if row.key not in chosen:
            alone = row_readings(row)
            if alone:
                chosen[row.key] = alone
    cells: dict[str, tuple[int | None, ...]] = {}
    open_rows: dict[str, tuple[tuple[int, ...], ...]] = {}
    for key, found in chosen.items():
        cells[key] = _decided(found, width[key])
        if len(found) > 1:
            open_rows[key] = tuple(found[:MAX_SOLUTIONS])
    return Solution(cells, open_rows, tuple(notes), used_identities=used)


def _by_columns(
    own: dict[str, tuple[tuple[int, ...], ...]], identities: Sequence[Identity], width: int, notes: list[str]
) -> tuple[dict[str, tuple[tuple[int, ...], ...]], bool]:
    """The rows' readings the column identities leave (none kept when there are identities
    and they cannot decide: see ``solve``), and whether they decided."""
    column_identities = [i for i in identities if i.along == "column"]
    if not column_identities:
        return dict(own), False
    if not {key for i in column_identities for key in (*i.left, *i.right)} <= set(own):
        notes.append("the column identities cannot be checked over every row: they were not used")
        return {}, False
    solutions, search_note = _search(own, identities, width)
    if search_note:
        notes.append(search_note)
    if not solutions:
        return {}, False
    return {key: tuple(dict.fromkeys(solution[key] for solution in solutions)) for key in own}, True


def _column_checks(
    identities: Sequence[Identity], keys: set[str]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The column identities whose rows all have readings (the others cannot be checked)."""
    return [
        (identity.left, identity.right)
        for identity in identities
        if identity.along == "column" and set(identity.left) | set(identity.right) <= keys
    ]


def _search(
    readings: Mapping[str, tuple[tuple[int, ...], ...]], identities: Sequence[Identity], width: int
) -> tuple[list[dict[str, tuple[int, ...]]] | None, str | None]:
    """Every assignment of one reading to each row in a column identity that satisfies them
    all (``None`` with a note when they admit none, or when a bound is hit: then they are not
    used)."""
    checks = _column_checks(identities, set(readings))
    if not checks:
        return None, None
    involved = {key for left, right in checks for key in (*left, *right)}
    # The most constrained rows first, so that the identities fail early.
    order = sorted(involved, key=lambda key: len(readings[key]))
    last_needed = {
        index: [
            (left, right) for left, right in checks if max(order.index(k) for k in (*left, *right)) == index
        ]
        for index in range(len(order))
    }
    solutions: list[dict[str, tuple[int, ...]]] = []
    assigned: dict[str, tuple[int, ...]] = {}
    nodes = 0

    def holds(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
        return all(
            sum(assigned[k][c] for k in left) == sum(assigned[k][c] for k in right) for c in range(width)
        )

    def visit(index: int) -> bool:  # False: a bound was hit
        nonlocal nodes
        if index == len(order):
            solutions.append(dict(assigned))
            return len(solutions) <= MAX_SOLUTIONS
        key = order[index]
        for reading in readings[key]:
            nodes += 1
            if nodes > MAX_NODES:
                return False
            assigned[key] = reading
            if all(holds(left, right) for left, right in last_needed[index]) and not visit(index + 1):
                return False
        assigned.pop(key, None)
        return True

    if not visit(0):
        return None, "the search over the rows left open hit its bound; they are not decided"
    if not solutions:
        return None, "the column identities admit no reading of the rows: they were not used"
    return solutions, None
