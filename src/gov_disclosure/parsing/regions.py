"""Where things stand in a report's text: the table region and how much of it is read, an extra
section the format lacks and its table, a second report, the six sections and the preamble,
comma-separated tables, and a text cut at its start or its end."""

from __future__ import annotations

import itertools
import re
from itertools import islice

from ..diagnostic_codes import DiagnosticCode
from ..model import Diagnostic, ExtraTable, Section
from . import noise
from .metadata import _TITLE_LINE
from .positions import Lines
from .sections import Heading, find_heading

_TABLE_ANCHOR = re.compile(r"第\s*二\s*十\s*条|信\s*息\s*内\s*容")


# Spaces around line breaks and empty lines: a section's text keeps one break between lines.
# (The look-behind makes a match start only where a run of spaces starts: tried inside a long
# run, the run would be rescanned from every position.)
_BLANK_LINES = re.compile(r"(?<![ \t\r\u3000\xa0])[ \t\r\u3000\xa0]*+\n\s*+")


# Where tables are looked for: far more than three tables and the prose between them need.
MAX_TABLE_REGION = 512 * 1024


def table_region(clean: str, headings: list[Heading]) -> tuple[int, int] | None:
    by_number = {h.number: h for h in headings}
    if 2 in by_number:
        start = by_number[2].end
    else:
        anchors = [m.start() for m in [_TABLE_ANCHOR.search(clean)] if m]
        if 3 in by_number:
            anchors.append(by_number[3].start)
        if 4 in by_number:
            anchors.append(by_number[4].start)
        if not anchors:
            return None
        start = min(anchors)
    ends = [h.start for h in headings if h.number in (5, 6) and h.start >= start]
    return start, min(ends) if ends else len(clean)


_CELL_SEPARATOR = re.compile(r"[ \t|]")


def region_cut(clean: str, start: int, limit: int) -> int:
    """Where to stop reading a table region that is too large: at the last line break in the
    last 4 KB before ``limit``, else at the last cell separator there, else where no number is
    cut in two. Cut anywhere else, ``12345`` would be read as ``123``."""
    window = max(start, limit - 4096)
    line_break = clean.rfind("\n", window, limit)
    if line_break > start:
        return line_break
    # rfind has no character-class form, and a reversed slice would copy the region.
    separators = [m.start() for m in _CELL_SEPARATOR.finditer(clean, window, limit)]
    if separators and separators[-1] > start:
        return separators[-1]
    end = limit
    while end > start and clean[end - 1].isdigit() and clean[end].isdigit():
        end -= 1
    return end


def comma_tables(body: str, headings: list[Heading], start: int, end: int) -> list[tuple[int, int]]:
    """The lines of each table (表二, 表三, 表四: split at their headings) that print their cells
    separated by commas, for a table that does so throughout (``noise.comma_delimited``)."""
    cuts = sorted({start, end, *(h.start for h in headings if h.number in (3, 4) and start < h.start < end)})
    lines: list[tuple[int, int]] = []
    for table_start, table_end in itertools.pairwise(cuts):
        lines += noise.comma_delimited(body, table_start, table_end)
    return lines


# A section heading the format does not have, after 表四's heading: a Chinese numeral and a
# title alone on a line (五、信息处理费收取情况). 表四 holds no such line.
_SECTION_LINE = re.compile(r"^[ \t]*+[一二三四五六七八九十]{1,3}[ \t]*+、[ \t]*+[^\n]{2,40}+$", re.MULTILINE)


_EXTRA_NUMBER = re.compile(r"(?<![^ \t\n|])[0-9]++(?:,[0-9]{3})*+(?:\.[0-9]++)?(?![^ \t\n|])")


_EXTRA_LABEL = re.compile(r"(?<![^ \t\n|])[^ \t\n|0-9][^ \t\n|]*+")


_MOST_EXTRA_ITEMS = 200  # an extra table is a few cells; past this it is not a table


def extra_section(clean: str, headings: list[Heading], start: int, end: int) -> int | None:
    """Where a section the format does not have starts inside the table region, after 表四's
    heading: the table region ends there, so its numbers never reach 表四."""
    fourth = next((h for h in headings if h.number == 4), None)
    if fourth is None or not start <= fourth.end < end:
        return None
    found = _SECTION_LINE.search(clean, fourth.end, end)
    return found.start() if found else None


def known_heading_after(headings: list[Heading], position: int, default: int) -> int:
    return min((h.start for h in headings if h.start > position), default=default)


def extra_table(text: str, clean: str, start: int, end: int, lines: Lines) -> ExtraTable | None:
    """The numbers and labels of an extra section's table, kept aside; ``None`` when it prints
    no number standing alone (a section of prose)."""
    line_end = clean.find("\n", start, end)
    heading_end = end if line_end == -1 else line_end
    numbers = list(islice(_EXTRA_NUMBER.finditer(clean, heading_end, end), _MOST_EXTRA_ITEMS))
    if not numbers:
        return None
    words = islice(_EXTRA_LABEL.finditer(clean, heading_end, end), _MOST_EXTRA_ITEMS)
    labels = [text[m.start() : m.end()] for m in words if "。" not in m.group()]
    return ExtraTable(
        heading=re.sub(r"\s+", "", text[start:heading_end]),
        labels=tuple(label for label in labels if label),
        numbers=tuple(text[m.start() : m.end()] for m in numbers),
        spans=tuple(lines.span(m.start(), m.end()) for m in numbers),
        span=lines.span(start, heading_end),
    )


# Characters at least between a report's first heading and a second report: 表二 alone takes
# more. Headings closer together are a table of contents.
_SHORTEST_REPORT_BODY = 600


def second_report(clean: str, headings: list[Heading]) -> int | None:
    """Where a second report starts, when the text holds two (a page that prints this year's
    report and last year's): ``一、总体情况`` or ``二、主动公开…`` printed, numeral and all, a second
    time. The cut is moved up to the second report's title when one stands just before."""
    starts = []
    for heading in headings:
        if heading.number > 2:
            break
        again = find_heading(clean, heading.number, heading.end)
        if again is not None and clean[again.start] in "一二":
            starts.append(again.start)
    if not starts:
        return None
    cut = min(starts)
    # A table of contents lists the headings with nothing between them: the report follows it.
    if cut - headings[0].end < _SHORTEST_REPORT_BODY:
        return None
    line_start = clean.rfind("\n", 0, cut) + 1
    for _ in range(6):  # the title stands a few lines above the first heading at most
        if line_start <= 0:
            break
        previous = clean.rfind("\n", 0, line_start - 1) + 1
        if _TITLE_LINE.search(clean, previous, line_start):
            return previous
        line_start = previous
    return clean.rfind("\n", 0, cut) + 1


def read_sections(text: str, clean_original: str, headings: list[Heading], lines: Lines) -> list[Section]:
    sections = []
    for i, heading in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        body = _BLANK_LINES.sub("\n", clean_original[heading.end : end]).strip()
        sections.append(
            Section(
                number=heading.number,
                heading=re.sub(r"\s+", "", text[heading.start : heading.end]),
                text=body,
                span=lines.span(heading.start, heading.end),
            )
        )
    return sections


def preamble(text: str, headings: list[Heading]) -> str:
    """What the report says before its first section: title, basis, statistics period."""
    end = headings[0].start if headings else 0
    return _BLANK_LINES.sub("\n", text[:end]).strip()


# How a complete report ends: a full stop or closing bracket, or a date line under the
# agency's name. A bare number on the last line is a page number.
_COMPLETE_END = re.compile(r"(?:[。！？!?”’\")）】]|[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)$")


_TRAILING_PAGE_NUMBERS = re.compile(r"(?:\n[ \t]*[0-9]{1,3}[ \t]*)+$")


def looks_cut(clean: str, lines: Lines) -> Diagnostic | None:
    """An info diagnostic when the text ends mid-sentence, as excerpts cut by page stores do."""
    # Only the end matters; anchored regexes on a whole large text would rescan it.
    body = _TRAILING_PAGE_NUMBERS.sub("", clean[-2000:].rstrip()).rstrip()
    if not body or _COMPLETE_END.search(body):
        return None
    end = len(clean) - len(clean[-2000:]) + len(body)
    return Diagnostic(
        DiagnosticCode.INPUT_CUT,
        "info",
        f"the text ends mid-sentence ({lines.text[max(0, end - 12) : end]!r}, as printed): it may "
        "have been cut short, so what should come after is not known to be missing",
        lines.span(end, end),
    )


# Table text as the first thing in a document: an excerpt that starts inside a table.
_TABLE_START = re.compile(
    r"\s*(?:信\s*息\s*内\s*容|第\s*二\s*十\s*条|行\s*政\s*(?:许\s*可|处\s*罚|强\s*制)|[0-9])"
)


def starts_cut(clean: str, headings: list[Heading], lines: Lines) -> Diagnostic | None:
    """An info diagnostic when the text starts inside the report rather than at its beginning."""
    if headings and headings[0].number == 1:
        return None
    if not _TABLE_START.match(clean):
        return None
    return Diagnostic(
        DiagnosticCode.INPUT_STARTS_CUT,
        "info",
        "the text starts inside a table, not at the report's beginning: what should come "
        "before it is not known to be missing",
        lines.span(0, 0),
    )
