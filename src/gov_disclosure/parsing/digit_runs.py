"""Digits that ran together (``行政规范性文件693665``): which cells a table's squashed rows can
hold, decided by the table's own evidence, and only where it decides them.

The evidence, all of it hard:

- each row has its format's number of cells; a separator that survived is a cell boundary;
- a count has no leading zero (``0`` alone is a number, ``05`` is not);
- the format's identities (``formats.Identity``): ``along="row"`` ones (a row's 总计 is the sum
  of its columns) filter each row's readings; ``along="column"`` ones (表三 一 + 二 = （七）总计 +
  四 in every column) are checked across rows, by a bounded search over the rows left open.

A cell is decided when every reading the evidence allows cuts it from the same digits (so gives
it the same number, printed at the same place). When the column identities admit no reading at
all (the report's own arithmetic is wrong), they are not used: each row keeps only what its
digits alone decide, so an error never chooses a split. A row of 总计-last groups is searched
from its 总计 (``_Digits.group``); what the digits alone decide is found without listing the
splits (``digits_decide``). Every bound (steps shared by a table's rows, readings of one row,
nodes of the column search, solutions kept) is a count, so the work is bounded whatever the
input; a bound that is hit is reported, and what it left open is not decided.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Literal, NamedTuple, TypeAlias

from ..formats.template import Identity
from ..model import MAX_DIGITS

__all__ = [
    "MAX_READINGS",
    "Evidence",
    "RowDigits",
    "Solution",
    "digits_decide",
    "row_readings",
    "solve",
    "splits",
]

# Readings of one row kept at most (a 7-cell row of 20 digits has 27,132 splits before its
# 总计 is checked; a squashed 表三 row of a real report has a handful after it).
MAX_READINGS = 5_000
# Assignments the search tries at most, and solutions it keeps (two are enough to know a cell
# is not decided; more are kept to list the candidates).
MAX_NODES = 200_000
# Steps (numbers cut from the digits) the searches of one table's rows take at most, together:
# a generated squashed report takes about 2,000 (3,400 the most in 200), the Pingtan ones 460.
MAX_STEPS = 50_000
MAX_SOLUTIONS = 32
# Digits in one row at most: a run longer than this cannot be cells of one row.
MAX_ROW_DIGITS = 96
# Digits of a 总计 at most: the longest count a report holds.
MAX_TOTAL_DIGITS = MAX_DIGITS


# What decided a row's cells: its digits alone (cell count, surviving separators, no leading
# zero), its own sums too (a 总计 the sum of its columns), or the column identities too.
Evidence: TypeAlias = Literal["digits", "sums", "identities"]


class RowDigits(NamedTuple):
    """One row as printed: its key, its runs of digits in order (``pieces``, split where a
    separator survived), and how many cells it has."""

    key: str
    pieces: tuple[str, ...]
    width: int


class Solution(NamedTuple):
    """What the evidence decides. ``cells``: row key -> its cells, ``None`` where undecided.
    ``open_rows``: row key -> the readings still possible (for the diagnostic). ``notes``: why
    something was left open (a bound hit, the column identities admitting no reading)."""

    cells: Mapping[str, tuple[int | None, ...]]
    open_rows: Mapping[str, tuple[tuple[int, ...], ...]]
    notes: tuple[str, ...] = ()
    # Whether the column identities decided among the readings of some row (their search found
    # readings of every row that satisfy them all).
    used_identities: bool = False
    # Row key -> what decided its cells (``Evidence``).
    evidence: Mapping[str, Evidence] = MappingProxyType({})
    # The rows whose readings satisfy their sums (and the column identities, where used): read
    # by them, even where the digits alone decide as much.
    summed: frozenset[str] = frozenset()


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
    """Every split of a row's pieces into ``width`` cells, one at a time (never listed whole:
    a run of 40 digits has millions)."""
    for counts in _piece_counts(pieces, width):
        yield from _product(pieces, counts)


def _product(pieces: Sequence[str], counts: Sequence[int]) -> Iterator[tuple[int, ...]]:
    if not pieces:
        yield ()
        return
    for head in splits(pieces[0], counts[0]):
        for rest in _product(pieces[1:], counts[1:]):
            yield (*head, *rest)


class _TooMany(Exception):
    """A bound of one row's search was hit."""


class _Digits:
    """One row's digits as one string, with the cell boundaries its surviving separators fix:
    a cell is ``digits[a:b]`` with no boundary strictly inside and no leading zero."""

    def __init__(self, pieces: Sequence[str], budget: list[int] | None = None) -> None:
        self.digits = "".join(pieces)
        self.length = len(self.digits)
        boundaries, position = [], 0
        for piece in pieces:
            position += len(piece)
            boundaries.append(position)
        # The first boundary after each position (the end of the row after the last one).
        self.next_cut = [0] * (self.length + 1)
        following = iter(boundaries)
        cut = next(following)
        for a in range(self.length + 1):
            while cut <= a and cut < self.length:
                cut = next(following)
            self.next_cut[a] = cut
        # Steps left, shared by the rows of one table: [count].
        self.budget = budget if budget is not None else [MAX_STEPS]

    def fits(self, a: int, b: int) -> bool:
        """Whether ``digits[a:b]`` can be a cell: no boundary inside, no leading zero."""
        return a < b <= self.next_cut[a] and (self.digits[a] != "0" or b - a == 1)

    def number(self, a: int, b: int) -> int | None:
        """The count ``digits[a:b]`` prints, or ``None`` where no cell can be; one step of the
        budget."""
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise _TooMany
        return int(self.digits[a:b]) if self.fits(a, b) else None

    def summing(self, a: int, end: int, count: int, total: int) -> Iterator[tuple[int, ...]]:
        """The cuts of ``digits[a:end]`` into ``count`` cells that add up to ``total``; a cut
        whose head is already larger than what is left is not followed (longer heads are
        larger still)."""
        if end - a < count:
            return
        if count == 1:
            if self.number(a, end) == total:
                yield (total,)
            return
        for b in range(a + 1, end - count + 2):
            head = self.number(a, b)
            if head is None or head > total:
                return
            for rest in self.summing(b, end, count - 1, total - head):
                yield (head, *rest)

    def group(self, a: int, width: int, ends: range) -> Iterator[tuple[int, tuple[int, ...]]]:
        """(end, cells) of a group of ``width`` cells from ``a`` whose last cell (a 总计) is the
        sum of the others, ending at one of ``ends``: each possible 总计 first, then only the
        cuts of the rest that add up to it."""
        for end in ends:
            for length in range(1, min(MAX_TOTAL_DIGITS, end - a - width + 1) + 1):
                total = self.number(end - length, end)
                if total is None:
                    continue
                for cells in self.summing(a, end - length, width - 1, total):
                    yield end, (*cells, total)


def _grouped(checks: Sequence[tuple[tuple[int, ...], tuple[int, ...]]], width: int) -> list[int] | None:
    """The widths of consecutive groups whose last cell is the sum of the others, when
    ``checks`` say exactly that (表三's row: one group of 7; 表四: three of 5); else ``None``."""
    widths, start = [], 0
    for left, right in sorted(checks, key=lambda check: check[1]):
        if len(right) != 1 or right[0] <= start or left != tuple(range(start, right[0])):
            return None
        widths.append(right[0] - start + 1)
        start = right[0] + 1
    return widths if widths and start == width else None


def _grouped_readings(
    pieces: Sequence[str], widths: Sequence[int], budget: list[int] | None = None
) -> tuple[tuple[int, ...], ...]:
    """Every reading of a row of total-last groups of ``widths``: each group is found from
    where the one before ended, and what follows a position is searched once."""
    digits = _Digits(pieces, budget)
    known: dict[tuple[int, int], tuple[tuple[int, ...], ...]] = {}

    def tails(a: int, index: int) -> tuple[tuple[int, ...], ...]:
        if index == len(widths):
            return ((),) if a == digits.length else ()
        if (a, index) not in known:
            after = sum(widths[index + 1 :])
            if index + 1 == len(widths):
                ends = range(digits.length, digits.length + 1)
            else:
                ends = range(a + widths[index], digits.length - after + 1)
            found: list[tuple[int, ...]] = []
            for end, cells in digits.group(a, widths[index], ends):
                for rest in tails(end, index + 1):
                    found.append((*cells, *rest))
                    if len(found) > MAX_READINGS:
                        raise _TooMany
            known[(a, index)] = tuple(found)
        return known[(a, index)]

    return tails(0, 0)


def row_readings(
    row: RowDigits,
    checks: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] = (),
    budget: list[int] | None = None,
) -> tuple[tuple[int, ...], ...] | None:
    """The readings of ``row`` that satisfy ``checks`` (each: the cell positions on the left
    add up to those on the right); ``None`` when there are more than ``MAX_READINGS`` of them,
    when the search spends its ``budget`` of steps (``[count]``, shared by a table's rows), or
    when the row has more digits than a row can hold."""
    if sum(len(p) for p in row.pieces) > MAX_ROW_DIGITS:
        return None
    budget = budget if budget is not None else [MAX_STEPS]
    widths = _grouped(checks, row.width)
    if widths is not None:
        try:
            return _grouped_readings(row.pieces, widths, budget)
        except _TooMany:
            return None
    found: list[tuple[int, ...]] = []
    for cells in _row_splits(row.pieces, row.width):
        budget[0] -= 1
        if budget[0] < 0:
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
    """Each cell's number where all ``readings`` agree on it and on where it stands in the
    digits (the same number printed at two places is two readings of the cell), else ``None``."""
    if not readings:
        return (None,) * width
    placed = [tuple(zip(reading, _offsets(reading), strict=True)) for reading in readings]
    return tuple(
        cells[0][0] if all(cell == cells[0] for cell in cells) else None
        for cells in zip(*placed, strict=True)
    )


def _offsets(reading: Sequence[int]) -> list[int]:
    """Where each number of ``reading`` starts in the row's digits."""
    offsets, at = [], 0
    for value in reading:
        offsets.append(at)
        at += len(str(value))
    return offsets


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
    own: dict[str, tuple[tuple[int, ...], ...]] = {}
    budget = [MAX_STEPS]  # the rows' searches share it: a table of hostile rows costs one bound
    for row in rows:
        checks = _row_checks(row.key, identities, columns)
        if not checks:
            continue
        found = row_readings(row, checks, budget)
        if found is None:
            notes.append(f"row {row.key!r}: too many ways to split its digits; not read")
        elif not found:
            notes.append(f"row {row.key!r}: no split of its digits satisfies its own sums")
        else:
            own[row.key] = found
    involved = _involved(identities)
    chosen, used = _by_columns(own, identities, involved, len(columns), notes)
    cells: dict[str, tuple[int | None, ...]] = {}
    open_rows: dict[str, tuple[tuple[int, ...], ...]] = {}
    evidence: dict[str, Evidence] = {}
    for row in rows:
        if sum(len(p) for p in row.pieces) > MAX_ROW_DIGITS:
            continue  # not cells of one row (noted above when the row has sums)
        alone = digits_decide(row)
        found = chosen.get(row.key)
        if found is None:  # what the digits alone decide, where nothing more was
            cells[row.key] = alone
            evidence[row.key] = "digits"
            if None in alone:
                open_rows[row.key] = tuple(
                    itertools.islice(_row_splits(row.pieces, row.width), MAX_SOLUTIONS)
                )
            continue
        cells[row.key] = _decided(found, row.width)
        if len(found) > 1:
            open_rows[row.key] = tuple(found[:MAX_SOLUTIONS])
        evidence[row.key] = (
            "digits" if cells[row.key] == alone else "identities" if used and row.key in involved else "sums"
        )
    return Solution(
        cells, open_rows, tuple(notes), used_identities=used, evidence=evidence, summed=frozenset(chosen)
    )


def _involved(identities: Sequence[Identity]) -> set[str]:
    """The rows the column identities name."""
    return {key for i in identities if i.along == "column" for key in (*i.left, *i.right)}


def digits_decide(row: RowDigits) -> tuple[int | None, ...]:
    """Each cell's number where every split of the row's digits into its cells (surviving
    separators kept as boundaries, no leading zero, no cell longer than a count can be) cuts
    it at the same place, else ``None``: where each cell can start and end is found from both
    ends, so the splits are never listed one by one."""
    digits = _Digits(row.pieces)
    n, width = digits.length, row.width
    cell = digits.fits

    def ends(a: int) -> range:
        return range(a + 1, min(digits.next_cut[a], a + MAX_DIGITS) + 1)

    starts: list[set[int]] = [{0}]  # where cell i can start, after cells 0..i-1
    for _ in range(width):
        starts.append({b for a in starts[-1] for b in ends(a) if cell(a, b)})
    finishing: list[set[int]] = [set() for _ in range(width)] + [{n}]  # where cell i can start, to end at n
    for i in range(width - 1, -1, -1):
        finishing[i] = {a for a in range(n) if any(b in finishing[i + 1] for b in ends(a) if cell(a, b))}
    if n not in starts[width]:
        return (None,) * width
    decided: list[int | None] = []
    for i in range(width):
        places = {
            (a, b) for a in starts[i] & finishing[i] for b in ends(a) if cell(a, b) and b in finishing[i + 1]
        }
        if len(places) == 1:
            a, b = places.pop()
            decided.append(int(digits.digits[a:b]))
        else:
            decided.append(None)
    return tuple(decided)


def _by_columns(
    own: dict[str, tuple[tuple[int, ...], ...]],
    identities: Sequence[Identity],
    involved: set[str],
    width: int,
    notes: list[str],
) -> tuple[dict[str, tuple[tuple[int, ...], ...]], bool]:
    """The rows' readings the column identities (naming the rows ``involved``) leave (none
    kept when there are identities and they cannot decide: see ``solve``), and whether they
    decided."""
    if not involved:
        return dict(own), False
    if not involved <= set(own):
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
