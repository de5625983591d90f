"""Finding the six mandated section headings, in order, in normalised report text.

The heading patterns are the grammar's own ``S_HEADING_*`` terminals, so a heading spelled in
a way the grammar accepts is found here too. A heading printed with its numeral (``三、`` or a
renumbered ``3、``) is found anywhere; one printed without it (``存在的主要问题及改进情况``)
only when it stands at the start of its own line, since the bare words also occur in prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ..formats import FORMAT_2021
from .grammar import terminal_regex

SECTION_NUMBERS = (1, 2, 3, 4, 5, 6)
SECTION_NAMES = FORMAT_2021.section_names  # the six headings are the same in every format
_NUMERALS = "一二三四五六123456"
_LINE_REST = re.compile(r"[ \t]*+(?:[:.。][ \t]*+)?(?:\n|$)")


@attrs.frozen
class Heading:
    number: int
    start: int
    end: int


def _accept(text: str, match: re.Match[str]) -> bool:
    if match.group(0)[0] in _NUMERALS:
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    return not text[line_start : match.start()].strip() and bool(_LINE_REST.match(text, match.end()))


# Words every spelling of a heading contains. Scanning for them first is much faster than
# letting the tolerant heading regex (which starts with an optional enumerator) try every
# position of the text.
_ANCHORS = {
    1: re.compile(r"总[ \t\n|]*体"),
    2: re.compile(r"主[ \t\n|]*动[ \t\n|]*公[ \t\n|]*开"),
    3: re.compile(r"收[ \t\n|]*到[ \t\n|]*和"),
    4: re.compile(r"行[ \t\n|]*政[ \t\n|]*复[ \t\n|]*议"),
    5: re.compile(r"改[ \t\n|]*进"),
    6: re.compile(r"需[ \t\n|]*要[ \t\n|]*报[ \t\n|]*告"),
}
_BEFORE_ANCHOR = 40  # no heading has more than this many characters before its anchor word
_AFTER_ANCHOR = 60  # nor more than this many after it


def find_heading(text: str, number: int, start: int = 0, end: int | None = None) -> Heading | None:
    """The first acceptable heading of section ``number`` between ``start`` and ``end``."""
    stop = len(text) if end is None else end
    regex = terminal_regex(f"S_HEADING_{number}")
    for window_start, window_end in _windows(_ANCHORS[number].finditer(text, start, stop), start, stop):
        for match in regex.finditer(text, window_start, window_end):
            if _accept(text, match):
                return Heading(number, match.start(), match.end())
    return None


def _windows(anchors: Iterator[re.Match[str]], start: int, stop: int) -> Iterator[tuple[int, int]]:
    """The stretches around anchor words where a heading may stand, overlapping ones merged:
    anchors close together (a page that repeats 行政复议) share one stretch, searched once,
    instead of the text around each being searched again. Every spelling of a heading holds
    its anchor word, so a match in a stretch is a heading."""
    current: tuple[int, int] | None = None
    for anchor in anchors:
        window = (max(start, anchor.start() - _BEFORE_ANCHOR), min(stop, anchor.end() + _AFTER_ANCHOR))
        if current is not None and window[0] <= current[1]:
            current = (current[0], window[1])
            continue
        if current is not None:
            yield current
        current = window
    if current is not None:
        yield current


def find_headings(text: str) -> list[Heading]:
    """The headings found, each after the one before it, in section order."""
    found: list[Heading] = []
    position = 0
    for number in SECTION_NUMBERS:
        heading = find_heading(text, number, position)
        if heading is not None:
            found.append(heading)
            position = heading.end
    return found
