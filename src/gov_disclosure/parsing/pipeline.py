"""``parse``: the front door. Source -> text -> clean-up -> sections -> table grammar -> Report."""

from __future__ import annotations

import itertools
import os
import re
from array import array
from itertools import islice

import attrs
from lark import TextSlice
from lark.exceptions import LarkError

from ..diagnostic_codes import DiagnosticCode
from ..errors import ParseError, source_snippet
from ..formats import FORMAT_2019, FORMAT_2021
from ..model import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    Applications,
    Diagnostic,
    ExtraTable,
    Report,
    ReportFormat,
    ReviewLitigation,
    Section,
    Span,
)
from ..sources import MAX_BYTES, read
from . import noise
from .grammar import table_parser
from .metadata import _TITLE_LINE, REPORT_YEAR, STATISTICS_PERIOD, YEAR, agency_of, report_title
from .sections import SECTION_NAMES, Heading, find_heading, find_headings
from .transform import TableTransformer

__all__ = ["parse"]


def _signal_pattern(word: str) -> str:
    """A format's signal word with separators allowed between its characters."""
    return r"[ \t\n|]*".join(re.escape(char) + ("?" if char in "()" else "") for char in word)


# The 2019 format (国办公开办函〔2019〕60号) is known by its signal words in the table region.
_FORMAT_2019 = re.compile("|".join(_signal_pattern(word) for word in FORMAT_2019.signals))
_TABLE_ANCHOR = re.compile(r"第\s*二\s*十\s*条|信\s*息\s*内\s*容")
# Spaces around line breaks and empty lines: a section's text keeps one break between lines.
# (The look-behind makes a match start only where a run of spaces starts: tried inside a long
# run, the run would be rescanned from every position.)
_BLANK_LINES = re.compile(r"(?<![ \t\r\u3000\xa0])[ \t\r\u3000\xa0]*+\n\s*+")
# Where tables are looked for: far more than three tables and the prose between them need.
MAX_TABLE_REGION = 512 * 1024
_STRICT_SEVERITIES = frozenset({"warning", "error"})


def parse(
    source: str | bytes | os.PathLike[str],
    *,
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """Parse one annual report.

    ``source`` is the report's text, its bytes (UTF-8, GB18030/GBK or UTF-16 with a BOM), or
    a path to a text file. By default a report that cannot be fully read still parses: what
    was not found is ``None`` and ``report.diagnostics`` says what and where. With
    ``strict=True`` the first deviation from the format raises ``ParseError``.
    Undecodable or unsupported input raises ``InputError``.
    """
    src = read(source, max_bytes=max_bytes)
    report = parse_text(src.text)
    notes = [Diagnostic(DiagnosticCode.CHARSET_OVERRULED, "warning", note) for note in src.notes]
    if src.dropped_tail:
        notes.append(
            Diagnostic(
                DiagnosticCode.CUT_CHARACTER,
                "warning",
                f"the input ends inside a UTF-8 character; its last {src.dropped_tail} bytes were not "
                "decoded",
                _Lines(src.text).span(len(src.text), len(src.text)),
            )
        )
    if notes:
        report = attrs.evolve(report, diagnostics=(*report.diagnostics, *notes))
    if strict:
        _raise_first_deviation(report, src.text)
    return report


def parse_text(text: str) -> Report:
    lines = _Lines(text)
    normalized = noise.normalize(text)
    junk = noise.find_junk(normalized)
    diagnostics = [
        Diagnostic(
            DiagnosticCode.JUNK,
            "info",
            f"skipped {j.kind}: {noise.quoted(text[j.start : j.end].strip())}",
            lines.span(j.start, j.end),
        )
        for j in junk
    ]
    junk_ranges = [(j.start, j.end) for j in junk]
    clean = noise.blank(normalized, junk_ranges)
    headings = find_headings(clean)
    second = _second_report(clean, headings)
    if second is not None:
        # Only the first report is read: the cells of two reports are never mixed.
        first = parse_text(text[:second])
        note = Diagnostic(
            DiagnosticCode.SEVERAL_REPORTS,
            "warning",
            "the text holds a second report from here on (its headings start again); only the "
            "first report is read",
            lines.span(second, second),
        )
        return attrs.evolve(first, diagnostics=sorted((*first.diagnostics, note), key=_position))
    sections = _sections(text, noise.blank(text, junk_ranges), headings, lines)
    found = {h.number for h in headings}
    for number in range(1, 7):
        if number in found:
            continue
        # Searched in order, a heading is missed only when it stands before one that should
        # precede it; found anywhere else, it is out of order.
        misplaced = find_heading(clean, number)
        if misplaced is not None:
            diagnostics.append(
                Diagnostic(
                    DiagnosticCode.SECTION_OUT_OF_ORDER,
                    "warning",
                    f"section {SECTION_NAMES[number]!r} stands before a section that should precede it",
                    lines.span(misplaced.start, misplaced.end),
                    expected=(SECTION_NAMES[number],),
                )
            )
        else:
            diagnostics.append(
                Diagnostic(
                    DiagnosticCode.SECTION_MISSING,
                    "warning",
                    f"section {SECTION_NAMES[number]!r} was not found",
                    expected=(SECTION_NAMES[number],),
                )
            )

    region = _table_region(clean, headings)
    extra_tables: list[ExtraTable] = []
    if region is not None and (extra := _extra_section(clean, headings, *region)) is not None:
        region = (region[0], extra)
        table = _extra_table(text, clean, extra, _known_heading_after(headings, extra, len(clean)), lines)
        if table is not None:
            extra_tables.append(table)
            diagnostics.append(
                Diagnostic(
                    DiagnosticCode.EXTRA_TABLE,
                    "warning",
                    f"section {noise.quoted(table.heading)} and its table are not part of the format: "
                    f"its {len(table.numbers)} numbers are kept aside (report.extra_tables), not read "
                    "into the mandated tables",
                    table.span,
                    printed=table.heading,
                )
            )
    report_format: ReportFormat = "unknown"
    t2, t3, t4 = ActiveDisclosure(), Applications(), ReviewLitigation()
    t2_2019: ActiveDisclosure2019 | None = None
    if region is not None:
        start, end = region
        if end - start > MAX_TABLE_REGION:
            # Three fixed tables take a few KB; a region this large is not tables, and reading
            # all of it would cost seconds per MB for nothing.
            region_end = end
            end = _region_cut(clean, start, start + MAX_TABLE_REGION)
            diagnostics.append(
                Diagnostic(
                    DiagnosticCode.TABLES_REGION_TOO_LARGE,
                    "warning",
                    f"the text between sections 二 and 五 is {(region_end - start) // 1024:,} KB; only "
                    f"its first {(end - start) // 1024:,} KB were read for tables",
                    lines.span(end, end),
                )
            )
        prose = noise.prose_ranges(clean, start, end)
        diagnostics += _prose_diagnostics(text, prose, lines)
        # Only the region is lexed (a slice, not a copy with the rest blanked: megabytes around
        # it cost nothing); the character before it is blanked, as a look-behind at its first
        # token would otherwise see the end of a heading.
        body = noise.blank(clean, [(max(0, start - 1), start), *prose])
        body = noise.commas_to_tabs(body, _comma_tables(body, headings, start, end))
        old = _FORMAT_2019.search(clean, start, end)
        template = FORMAT_2019 if old else FORMAT_2021
        try:
            tree = table_parser(template.name).parse(TextSlice(body, start, end), start="start")
        except LarkError as error:  # pragma: no cover - every element of the grammar is optional
            # Never expected; if it happens, say where instead of failing the whole report.
            at = getattr(error, "pos_in_stream", None)
            diagnostics.append(
                Diagnostic(
                    DiagnosticCode.TABLES_UNREADABLE,
                    "error",
                    f"the tables could not be read: {type(error).__name__}",
                    lines.span(at, at) if isinstance(at, int) else None,
                )
            )
            tree = None
        table_diagnostics: list[Diagnostic] = []
        if tree is not None:
            table2, t3, t4, table_diagnostics = TableTransformer(len(text), body, template).transform(tree)
            if isinstance(table2, ActiveDisclosure2019):
                t2_2019 = table2
            else:
                t2 = table2
            diagnostics += table_diagnostics
        if old:
            report_format = "2019"
            diagnostics.append(
                Diagnostic(
                    DiagnosticCode.OLD_FORMAT,
                    "info",
                    f"the tables are in the 2019 format ({FORMAT_2019.document}), printing "
                    f"{noise.quoted(old.group(0))}; 表二 is read as that format's table",
                    lines.span(old.start(), old.end()),
                )
            )
        elif table_diagnostics or any(v is not None for table in (t2, t3, t4) for _, v, _ in table.cells()):
            report_format = "2021"
    elif not headings and not _NAMES_ITSELF_A_REPORT.search(clean, 0, _REPORT_NAME_WITHIN):
        # Not a report at all: that one finding says it, not six missing sections.
        diagnostics = [d for d in diagnostics if d.code != DiagnosticCode.SECTION_MISSING]
        diagnostics.append(
            Diagnostic(
                DiagnosticCode.NOT_A_REPORT,
                "error",
                "not a 政府信息公开工作年度报告: none of its six section headings and none of its "
                "tables was found",
            )
        )
    else:
        diagnostics.append(
            Diagnostic(DiagnosticCode.TABLES_MISSING, "warning", "none of the three tables was found")
        )

    if cut := _looks_cut(clean, lines):
        diagnostics.append(cut)
    if start_cut := _starts_cut(clean, headings, lines):
        diagnostics.append(start_cut)
    title = report_title(text, headings)
    year, year_note = _year(title, clean, headings, lines)
    if year_note is not None:
        diagnostics.append(year_note)
    return Report(
        title=title,
        agency=agency_of(title, text),
        year=year,
        preamble=_preamble(text, headings),
        sections=sections,
        active_disclosure=t2,
        active_disclosure_2019=t2_2019,
        applications=t3,
        review_litigation=t4,
        diagnostics=sorted(diagnostics, key=_position),
        format=report_format,
        extra_tables=tuple(extra_tables),
    )


def _comma_tables(body: str, headings: list[Heading], start: int, end: int) -> list[tuple[int, int]]:
    """The lines of each table (表二, 表三, 表四: split at their headings) that print their cells
    separated by commas, for a table that does so throughout (``noise.comma_delimited``)."""
    cuts = sorted({start, end, *(h.start for h in headings if h.number in (3, 4) and start < h.start < end)})
    lines: list[tuple[int, int]] = []
    for table_start, table_end in itertools.pairwise(cuts):
        lines += noise.comma_delimited(body, table_start, table_end)
    return lines


# How a report names itself near its start, in simplified or traditional characters: a text
# that does so is a report this parser cannot read (its tables say why), not another document.
_NAMES_ITSELF_A_REPORT = re.compile(r"政府(?:信息|資訊|资讯)公[开開][^\n]{0,12}?[报報]告")
_REPORT_NAME_WITHIN = 2000


# Sentences of prose in a table region named one by one; the rest are counted in one more.
_MOST_PROSE_NOTES = 100


def _prose_diagnostics(text: str, prose: list[tuple[int, int]], lines: _Lines) -> list[Diagnostic]:
    """What was skipped as prose inside the table region: each sentence, quoted (without the
    delimiter before it, which was blanked with it)."""
    notes = []
    for begin, stop in prose[:_MOST_PROSE_NOTES]:
        sentence = text[begin:stop]
        start = begin + len(sentence) - len(sentence.lstrip(" \t|"))
        notes.append(
            Diagnostic(
                DiagnosticCode.PROSE_BLANKED,
                "info",
                f"prose between the tables was skipped: {noise.quoted(text[start:stop])}",
                lines.span(start, stop),
            )
        )
    if len(prose) > _MOST_PROSE_NOTES:
        more = len(prose) - _MOST_PROSE_NOTES
        notes.append(
            Diagnostic(
                DiagnosticCode.PROSE_BLANKED,
                "info",
                f"{more:,} more 'prose-blanked' diagnostics are not listed one by one",
                count=more,
            )
        )
    return notes


_CELL_SEPARATOR = re.compile(r"[ \t|]")


def _region_cut(clean: str, start: int, limit: int) -> int:
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


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return (0, diagnostic.span.start) if diagnostic.span else (1, 0)


_BLOCK = 1 << 16  # characters a span's line and column are counted in, at most


class _Lines:
    """Line and column of offsets in one text, for spans. The text is indexed once, on first
    use, by blocks of ``_BLOCK`` characters: how many lines come before each block, and where
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
        for block in range(0, length + 1, _BLOCK):
            lines_before.append(count)
            self.line_starts.append(line_start)
            end = min(block + _BLOCK, length)
            count += text.count("\n", block, end)
            if (last := text.rfind("\n", block, end)) != -1:
                line_start = last + 1
        self.lines_before = lines_before
        return lines_before

    def line_column(self, offset: int) -> tuple[int, int]:
        lines_before = self.lines_before if self.lines_before is not None else self._index()
        block = offset // _BLOCK
        block_start = block * _BLOCK
        line = lines_before[block] + self.text.count("\n", block_start, offset) + 1
        last = self.text.rfind("\n", block_start, offset)
        line_start = last + 1 if last != -1 else self.line_starts[block]
        return line, offset - line_start + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.line_column(start)
        end_line, end_column = self.line_column(end)
        return Span(line, column, end_line, end_column, start, end)


def _table_region(clean: str, headings: list[Heading]) -> tuple[int, int] | None:
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


# A section heading the format does not have, after 表四's heading: a Chinese numeral and a
# title alone on a line (五、信息处理费收取情况). 表四 holds no such line.
_SECTION_LINE = re.compile(r"^[ \t]*+[一二三四五六七八九十]{1,3}[ \t]*+、[ \t]*+[^\n]{2,40}+$", re.MULTILINE)
_EXTRA_NUMBER = re.compile(r"(?<![^ \t\n|])[0-9]++(?:,[0-9]{3})*+(?:\.[0-9]++)?(?![^ \t\n|])")
_EXTRA_LABEL = re.compile(r"(?<![^ \t\n|])[^ \t\n|0-9][^ \t\n|]*+")
_MOST_EXTRA_ITEMS = 200  # an extra table is a few cells; past this it is not a table


def _extra_section(clean: str, headings: list[Heading], start: int, end: int) -> int | None:
    """Where a section the format does not have starts inside the table region, after 表四's
    heading: the table region ends there, so its numbers never reach 表四."""
    fourth = next((h for h in headings if h.number == 4), None)
    if fourth is None or not start <= fourth.end < end:
        return None
    found = _SECTION_LINE.search(clean, fourth.end, end)
    return found.start() if found else None


def _known_heading_after(headings: list[Heading], position: int, default: int) -> int:
    return min((h.start for h in headings if h.start > position), default=default)


def _extra_table(text: str, clean: str, start: int, end: int, lines: _Lines) -> ExtraTable | None:
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


def _second_report(clean: str, headings: list[Heading]) -> int | None:
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


def _sections(text: str, clean_original: str, headings: list[Heading], lines: _Lines) -> list[Section]:
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


# How a complete report ends: a full stop or closing bracket, or a date line under the
# agency's name. A bare number on the last line is a page number.
_COMPLETE_END = re.compile(r"(?:[。！？!?”’\")）】]|[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)$")
_TRAILING_PAGE_NUMBERS = re.compile(r"(?:\n[ \t]*[0-9]{1,3}[ \t]*)+$")


def _looks_cut(clean: str, lines: _Lines) -> Diagnostic | None:
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


def _starts_cut(clean: str, headings: list[Heading], lines: _Lines) -> Diagnostic | None:
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


def _preamble(text: str, headings: list[Heading]) -> str:
    """What the report says before its first section: title, basis, statistics period."""
    end = headings[0].start if headings else 0
    return _BLANK_LINES.sub("\n", text[:end]).strip()


def _year(
    title: str | None, clean: str, headings: list[Heading], lines: _Lines
) -> tuple[int | None, Diagnostic | None]:
    """The report year: from the title, else the statistics period, else a sentence that names
    the year's report, else (said in a diagnostic) the first year section 一 mentions."""
    if title and (match := YEAR.search(title)):
        return int(match.group(1)), None
    for pattern in (STATISTICS_PERIOD, REPORT_YEAR):
        if match := pattern.search(clean):
            return int(match.group(1)), None
    first = next((h for h in headings if h.number == 1), None)
    if first is not None:
        end = next((h.start for h in headings if h.number > 1), len(clean))
        if match := YEAR.search(clean, first.end, end):
            return int(match.group(1)), Diagnostic(
                DiagnosticCode.YEAR_FROM_TEXT,
                "info",
                f"no title or statistics period gives the year; "
                f"{match.group(1)} is the first year section 一 names",
                lines.span(match.start(), match.end()),
            )
    return None, None


def _raise_first_deviation(report: Report, text: str) -> None:
    for diagnostic in report.diagnostics:
        if diagnostic.severity in _STRICT_SEVERITIES:
            span = diagnostic.span
            snippet = "" if span is None else source_snippet(text, span.line, span.column)
            raise ParseError(
                diagnostic.message,
                line=diagnostic.line,
                column=diagnostic.column,
                expected=diagnostic.expected,
                snippet=snippet,
                code=diagnostic.code,
            )
