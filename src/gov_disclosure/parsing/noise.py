"""Length-preserving clean-up of report text before anything is parsed.

Every function here maps the text to a text of exactly the same length, character for
character, so an offset, line or column found in the cleaned text is also valid in the source.
That is why full-width characters are mapped with ``str.translate`` and never with NFKC, and
why traditional characters are mapped one character to one (``traditional.py``) and never
with a phrase-level converter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import attrs

from .traditional import TRADITIONAL_TO_SIMPLIFIED

# Full-width ASCII (U+FF01–U+FF5E) to ASCII; the ideographic space, no-break spaces, other
# space characters, carriage returns and stray BOMs to a plain space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update(dict.fromkeys((12288, 160, 8194, 8195, 8201, 8203, 65279, 13), 32))
_HALF_WIDTH.update({0x0B: 0x20, 0x0C: 0x20})


# Traditional characters to simplified ones: the labels, headings and patterns are written in
# simplified characters, and mirror sites serve reports converted to traditional ones. Only
# those in the BMP: the few beyond it (rare characters of the CJK extensions, in no label)
# would cost every character of every text one more comparison, normalising 50% slower.
_TABLE = _HALF_WIDTH | {ord(t): ord(s) for t, s in TRADITIONAL_TO_SIMPLIFIED.items() if t <= "\uffff"}
_TABLE_CHARS = {chr(k): chr(v) for k, v in _TABLE.items()}
# A regex finds the few characters to map far faster than str.translate walks all of them
# (a report's full-width punctuation: 20 µs against 220 µs); but where most characters are
# full-width, a call per character is slower than translate, and makes a piece per character.
# So a long text is taken a chunk at a time, each mapped the way that suits how many it holds.
_CHUNK = 1 << 14
_DENSE = _CHUNK // 8  # characters to map in a chunk above which translate is the faster


@functools.cache
def _to_map() -> re.Pattern[str]:
    """The characters to map, as one character class; compiled on first use (3 ms, which
    ``import gov_disclosure`` need not pay)."""
    return re.compile("[" + re.escape("".join(_TABLE_CHARS)) + "]")


def _mapped(match: re.Match[str]) -> str:
    return _TABLE_CHARS[match.group()]


def normalize(text: str) -> str:
    """Full-width to half-width, odd spaces to spaces, traditional characters to simplified;
    same length as ``text``."""
    if len(text) <= _CHUNK:
        return _to_map().sub(_mapped, text)  # a report: at worst a few thousand calls
    return "".join(_normalize_chunk(text[i : i + _CHUNK]) for i in range(0, len(text), _CHUNK))


def _normalize_chunk(chunk: str) -> str:
    if len(_to_map().findall(chunk)) > _DENSE:
        return chunk.translate(_TABLE)
    return _to_map().sub(_mapped, chunk)


@attrs.frozen
class Junk:
    """A stretch of the source that is layout debris, not report content."""

    start: int
    end: int
    kind: str


# Whole lines only (anchored), so a junk pattern can never swallow cells beside it.
# Possessive runs of spaces throughout: a line of spaces must be scanned once, not once per way
# of splitting it between two neighbouring runs.
_JUNK_LINE = re.compile(
    r"^[ \t]*+(?:"
    r"(?P<page>[-—–]{1,2}[ \t]*+[0-9]{1,4}+[ \t]*+[-—–]{1,2}"
    r"|第[ \t]*+[0-9]{1,4}+[ \t]*+页(?:[ \t]*+[,/]?[ \t]*+共[ \t]*+[0-9]{1,4}+[ \t]*+页)?)"
    r"|(?P<chrome>[^\n]{0,60}(?:发布时间|阅读次数|浏览次数|字号[:：]|责任编辑|点击下载|点击收听|"
    r"打印本页|关闭窗口|【打印】|【关闭】|分享到)[^\n]{0,60}+)"
    r")[ \t]*+$",
    re.MULTILINE,
)
# A bookmark name holds no bracket: stopping at the next "[" keeps a line of "[bookmark:"
# repeated from being rescanned to its end from each one.
_BOOKMARK = re.compile(r"\[bookmark:[^\[\]\n]*+\]")
# Markdown: heading markers, and the delimiter row under a table's first row.
_MARKDOWN = re.compile(
    r"^[ \t]*+(?:#{1,6}(?=[ \t])|(?:\|[ \t]*+)?:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)*\|?[ \t]*+$)",
    re.MULTILINE,
)


def find_junk(text: str) -> list[Junk]:
    """Page numbers, site chrome lines and Word bookmarks in normalised ``text``."""
    found = [
        Junk(m.start(), m.end(), "page number" if m.group("page") else "site chrome")
        for m in _JUNK_LINE.finditer(text)
    ]
    found += [Junk(m.start(), m.end(), "bookmark") for m in _BOOKMARK.finditer(text)]
    found += [Junk(m.start(), m.end(), "markdown markup") for m in _MARKDOWN.finditer(text)]
    found.sort(key=lambda j: j.start)
    return found


def _spaces_for(piece: str) -> str:
    """``piece`` with every character but a line break made a space. Split into lines where
    lines are long (fast); where they are short, translated in one pass over the characters it
    holds instead (a text of millions of line breaks would become millions of strings)."""
    if piece.count("\n") * 8 < len(piece):
        return "\n".join(" " * len(line) for line in piece.split("\n"))
    table = dict.fromkeys(map(ord, set(piece)), " ")
    table.pop(ord("\n"), None)
    return piece.translate(table)


def blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` range replaced by spaces (newlines kept)."""
    return _map_ranges(text, ranges, _spaces_for)


def _map_ranges(text: str, ranges: list[tuple[int, int]], mapping: Callable[[str], str]) -> str:
    """``text`` with the piece in each ``(start, end)`` range (in order; overlaps count once)
    replaced by ``mapping`` of it, which keeps its length."""
    if not ranges:
        return text
    parts = []
    last = 0
    for start, end in ranges:
        begin = max(start, last)
        if end <= begin:
            continue
        parts.append(text[last:begin])
        parts.append(mapping(text[begin:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


# Where a sentence of prose starts at the latest: after a line break, a tab or '|' (cell
# separators a sentence does not hold), spaces between two words (Chinese prose has none; it
# has spaces only around numbers: '截至 12 月'), or after the last table item on its line: a number
# standing alone, signed or not (not one a unit or date character follows: '15 件', '12 月' are
# prose) or a blank-cell mark. A sentence names its numbers with their units; a cell's number has none.
_FULL_STOPS = re.compile("。++")
_CELL_SEPARATOR = re.compile(r"[\t|]|(?<=[^ \t\n|0-9])[ ]++(?=[^ \t\n|0-9])")
_TABLE_ITEM = re.compile(
    r"(?<![^ \t\n|])"
    r"(?:[+-]?+[0-9][0-9,.]*+(?![0-9,.])(?! ?[年月日页号件次个项条人家%万元])|[/无]|[-—–]{1,2}+)"
    r"(?![^ \t\n|])"
)


def prose_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of prose between ``start`` and ``end``: each ``。`` and the text before
    it back to the nearest line break, cell separator, table item or earlier ``。``.

    Table cells never contain a full stop, so a sentence inside a table region is narrative
    printed between or after the tables (``注：本表数据截至12月31日。``). The label and numbers
    before it on its line are not part of it: a web page dumped as one line keeps its tables.
    (Each stretch is searched once: linear in the region.)
    """
    ranges: list[tuple[int, int]] = []
    begin = start
    while (stop := text.find("。", begin, end)) != -1:
        sentence_start = max(begin, text.rfind("\n", begin, stop) + 1)
        for separator in _CELL_SEPARATOR.finditer(text, sentence_start, stop):
            sentence_start = separator.end()
        for item in _TABLE_ITEM.finditer(text, sentence_start, stop):
            sentence_start = item.end()
        while sentence_start < stop and text[sentence_start] in " \t":
            sentence_start += 1
        # The delimiter that opened the note's cell goes with it: a row that prints a note
        # after its cells ('行政强制\t1008\t（含查封扣押）。') shows only its own cells.
        blank_from = sentence_start
        while blank_from > begin and text[blank_from - 1] == " ":
            blank_from -= 1
        if blank_from > begin and text[blank_from - 1] in "\t|":
            blank_from -= 1
        run = _FULL_STOPS.match(text, stop, end)  # '。。。' at once
        stop = run.end() if run else stop + 1
        if ranges and ranges[-1][1] == blank_from:  # sentences one after another: one stretch
            ranges[-1] = (ranges[-1][0], stop)
        else:
            ranges.append((blank_from, stop))
        begin = stop
    return ranges


# A line of a table printed as comma-separated values: a label, then cells each after a comma
# (a number, a blank mark, or nothing), and no other separator.
_COMMA_CELL = r"[ ]*+(?:[0-9]++(?:\.[0-9]++)?|/|-{1,2}|—{1,2}|无)?[ ]*+"
_COMMA_ROW = re.compile(rf"(?:[^\n\t|]*?[^\n\t|,0-9 ])?{_COMMA_CELL}(?:,{_COMMA_CELL})++")
_LONGEST_COMMA_ROW = 2000  # a table row is far shorter; a longer line is not tried (backtracking)
_ANY_DIGIT = re.compile(r"[0-9]")


def comma_delimited(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines between ``start`` and ``end`` (one table) that separate cells by commas, when
    the table does so on every line that prints a number: then a comma is a cell separator
    there, and ``1,234`` two cells. Decided for the table as a whole, never per number: in a
    table that does not, a comma between digits is a thousands separator. ``[]`` otherwise."""
    lines = []
    position = start
    while position < end:
        line_end = text.find("\n", position, end)
        line_end = end if line_end == -1 else line_end
        if _ANY_DIGIT.search(text, position, line_end):
            if line_end - position > _LONGEST_COMMA_ROW or not _COMMA_ROW.fullmatch(text, position, line_end):
                return []
            lines.append((position, line_end))
        position = line_end + 1
    return lines


def commas_to_tabs(text: str, lines: list[tuple[int, int]]) -> str:
    """``text`` with the commas of ``lines`` made tabs (same length)."""
    return _map_ranges(text, lines, _commas_to_tabs)


def _commas_to_tabs(piece: str) -> str:
    return piece.replace(",", "\t")


_QUOTE_LIMIT = 40


def quoted(piece: str) -> str:
    """``repr`` of a piece of source text for a message, shortened when it is long: a message
    quotes what it is about, never a megabyte of it."""
    if len(piece) <= _QUOTE_LIMIT:
        return repr(piece)
    return f"{piece[:24]!r}…{piece[-8:]!r} ({len(piece):,} characters)"
