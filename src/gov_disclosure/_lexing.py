"""Length-preserving clean-up of report text before anything is parsed.

Every function here maps the text to a text of exactly the same length, character for
character, so an offset, line or column found in the cleaned text is also valid in the source.
That is why full-width characters are mapped with ``str.translate`` and never with NFKC.
"""

from __future__ import annotations

import re

import attrs

# Full-width ASCII (U+FF01–U+FF5E) to ASCII; the ideographic space, no-break spaces, other
# space characters, carriage returns and stray BOMs to a plain space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update(dict.fromkeys((12288, 160, 8194, 8195, 8201, 8203, 65279, 13), 32))
_HALF_WIDTH.update({0x0B: 0x20, 0x0C: 0x20})


_HALF_WIDTH_CHARS = {chr(k): chr(v) for k, v in _HALF_WIDTH.items()}
# A regex finds the few characters to map far faster than str.translate walks all of them
# (a report's full-width punctuation: 20 µs against 220 µs); but where most characters are
# full-width, a call per character is slower than translate, and makes a piece per character.
# So a long text is taken a chunk at a time, each mapped the way that suits how many it holds.
_TO_MAP = re.compile("[" + re.escape("".join(_HALF_WIDTH_CHARS)) + "]")
_CHUNK = 1 << 14
_DENSE = _CHUNK // 8  # characters to map in a chunk above which translate is the faster


def _half(match: re.Match[str]) -> str:
    return _HALF_WIDTH_CHARS[match.group()]


def normalize(text: str) -> str:
    """Full-width to half-width, odd spaces to spaces; same length as ``text``."""
    if len(text) <= _CHUNK:
        return _TO_MAP.sub(_half, text)  # a report: at worst a few thousand calls
    return "".join(_normalize_chunk(text[i : i + _CHUNK]) for i in range(0, len(text), _CHUNK))


def _normalize_chunk(chunk: str) -> str:
    if len(_TO_MAP.findall(chunk)) > _DENSE:
        return chunk.translate(_HALF_WIDTH)
    return _TO_MAP.sub(_half, chunk)


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
    if not ranges:
        return text
    parts = []
    last = 0
    for start, end in ranges:
        begin = max(start, last)
        if end <= begin:
            continue
        parts.append(text[last:begin])
        parts.append(_spaces_for(text[begin:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def prose_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of prose between ``start`` and ``end``.

    Table cells never contain a full stop, so the text of a line up to a 。 inside a table
    region is narrative printed between the tables. (Found with str.find: a regex like
    ``[^\n。]*。`` rescans a long line from every position and is quadratic.)
    """
    ranges = []
    begin = start
    while (stop := text.find("。", begin, end)) != -1:
        line_start = text.rfind("\n", begin, stop) + 1
        ranges.append((max(begin, line_start), stop + 1))
        begin = stop + 1
    return ranges


_QUOTE_LIMIT = 40


def quoted(piece: str) -> str:
    """``repr`` of a piece of source text for a message, shortened when it is long: a message
    quotes what it is about, never a megabyte of it."""
    if len(piece) <= _QUOTE_LIMIT:
        return repr(piece)
    return f"{piece[:24]!r}…{piece[-8:]!r} ({len(piece):,} characters)"
