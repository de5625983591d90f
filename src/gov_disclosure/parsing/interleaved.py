"""Placing 表四's numbers when PDF text interleaved them with the header.

pdftotext's reading order can emit 表四's merged-cell header and its one row of 15 numbers
as alternating runs (`header… 72 64 178 37 header… 12 1 1 6 总计 351 …`). The columns of
such runs are recovered only when the evidence leaves exactly one possibility:

- each run of adjacent numbers fills adjacent columns, left to right, of one group (it may
  run on into the next group only if that group is still empty);
- each group's numbers appear in the text in column order;
- a group heading (行政复议, 未经复议直接起诉, 复议后起诉) in the header text right before a
  run names the group of that run's first number: the first heading read there is the
  top-left one, above the run's first column;
- every group satisfies 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.

Anything but a single placement leaves the table unread: the parser never chooses. So does a
search that grows past ``MAX_STATES``, which real interleavings never approach.
"""

from __future__ import annotations

from collections.abc import Sequence

GROUPS = 3
WIDTH = 5
# Real interleavings are a few runs and need a few hundred states; text that would need more
# (say fifteen lone numbers with distinct sums) is left unread rather than searched at length.
MAX_STATES = 5_000


class _TooManyStates(Exception):
    pass


def place_runs(runs: Sequence[Sequence[int]], starts: Sequence[int | None]) -> list[int] | None:
    """The column (0-14, group-major) of every number, in text order, or ``None`` when the
    runs do not have exactly one placement.

    ``runs`` are the values of each run of adjacent numbers; ``starts[i]`` is the group named
    by a heading right before run ``i``, if any.
    """
    if sum(len(run) for run in runs) != GROUPS * WIDTH:
        return None
    Filled = tuple[int, ...]
    # What is left to place depends only on the next run, how many columns of each group are
    # filled and the sum of each group's parts so far: memoized, the search stays small.
    memo: dict[tuple[int, Filled, Filled], tuple[int, tuple[int, ...]]] = {}

    def placements(i: int, filled: Filled, parts: Filled) -> tuple[int, tuple[int, ...]]:
        """(how many placements of runs[i:], capped at 2; the columns of one of them)."""
        if i == len(runs):
            return 1, ()
        key = (i, filled, parts)
        if key in memo:
            return memo[key]
        if len(memo) >= MAX_STATES:
            raise _TooManyStates
        count, example = 0, tuple[int, ...]()
        start = starts[i]
        for group in range(GROUPS) if start is None else (start,):
            if filled[group] == WIDTH:
                continue
            fits = _place_run(runs[i], group, list(filled), list(parts))
            if fits is None:
                continue
            columns, now, sums = fits
            more, rest = placements(i + 1, tuple(now), tuple(sums))
            if more and not count:
                example = (*columns, *rest)
            count = min(2, count + more)
            if count == 2:
                break
        memo[key] = (count, example)
        return count, example

    try:
        count, columns = placements(0, (0,) * GROUPS, (0,) * GROUPS)
    except _TooManyStates:
        return None
    return list(columns) if count == 1 else None


def _place_run(
    run: Sequence[int], group: int, filled: list[int], parts: list[int]
) -> tuple[list[int], list[int], list[int]] | None:
    """Put ``run`` in adjacent columns from the next free one of ``group`` (running on into the
    next group only if it is empty); ``None`` if it does not fit or a total is not its sum."""
    columns, at = [], group
    for value in run:
        if filled[at] == WIDTH:
            if at + 1 == GROUPS or filled[at + 1]:
                return None
            at += 1
        if filled[at] == WIDTH - 1:
            if value != parts[at]:
                return None
        else:
            parts[at] += value
        columns.append(WIDTH * at + filled[at])
        filled[at] += 1
    return columns, filled, parts
