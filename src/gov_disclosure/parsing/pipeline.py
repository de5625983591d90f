"""``parse``: the front door. Source -> text -> clean-up -> sections -> table grammar -> Report."""

from __future__ import annotations

import os
import re

import attrs
from lark import TextSlice
from lark.exceptions import LarkError

from ..diagnostic_codes import DiagnosticCode
from ..formats.detect import detect
from ..model import (
    ActiveDisclosure,
    ActiveDisclosure2019,
    Applications,
    Diagnostic,
    ExtraTable,
    Report,
    ReportFormat,
    ReportSource,
    ReviewLitigation,
)
from ..sources import MAX_BYTES, read
from . import noise
from .grammar import table_parser
from .metadata import agency_of, report_title, report_year
from .positions import Lines, placed_in_file
from .regions import (
    MAX_TABLE_REGION,
    comma_tables,
    extra_section,
    extra_table,
    known_heading_after,
    looks_cut,
    preamble,
    read_sections,
    region_cut,
    second_report,
    starts_cut,
    table_region,
)
from .sections import SECTION_NAMES, Heading, find_heading, find_headings
from .strict import raise_first_deviation
from .transform import TableTransformer

__all__ = ["parse"]


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
    # A page's notes are about its charset; a document reader's, about what it read around.
    page = "html" in src.encoding
    notes = [
        Diagnostic(
            DiagnosticCode.CHARSET_OVERRULED if page else DiagnosticCode.SOURCE_READ_AROUND, "warning", note
        )
        for note in src.notes
    ]
    if src.dropped_tail:
        notes.append(
            Diagnostic(
                DiagnosticCode.CUT_CHARACTER,
                "warning",
                f"the input ends inside a UTF-8 character; its last {src.dropped_tail} bytes were not "
                "decoded",
                Lines(src.text).span(len(src.text), len(src.text)),
            )
        )
    if notes:
        report = attrs.evolve(report, diagnostics=(*report.diagnostics, *notes))
    if src.places:
        report = placed_in_file(report, src.places)
    report = attrs.evolve(report, source=ReportSource(src.path, src.sha256, src.kind))
    if strict:
        raise_first_deviation(report, src.text)
    return report


def parse_text(text: str) -> Report:
    """Parse the text of one report (``parse`` decodes a source into it)."""
    lines = Lines(text)
    normalized = noise.normalize(text)
    junk = noise.find_junk(normalized)
    junk_ranges = [(j.start, j.end) for j in junk]
    clean = noise.blank(normalized, junk_ranges)
    headings = find_headings(clean)
    second = second_report(clean, headings)
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
    diagnostics = [
        Diagnostic(
            DiagnosticCode.JUNK,
            "info",
            f"skipped {j.kind}: {noise.quoted(text[j.start : j.end].strip())}",
            lines.span(j.start, j.end),
        )
        for j in junk
    ]
    diagnostics += _section_diagnostics(clean, headings, lines)
    region = table_region(clean, headings)
    extra_tables: list[ExtraTable] = []
    if region is not None and (extra := extra_section(clean, headings, *region)) is not None:
        region = (region[0], extra)
        table = extra_table(text, clean, extra, known_heading_after(headings, extra, len(clean)), lines)
        if table is not None:
            extra_tables.append(table)
            diagnostics.append(_extra_table_note(table))
    if region is not None:
        tables = _read_tables(text, clean, headings, region, lines)
        diagnostics += tables.diagnostics
    else:
        tables = _Tables()
        diagnostics = _without_tables(clean, headings, diagnostics)
    diagnostics += [d for d in (looks_cut(clean, lines), starts_cut(clean, headings, lines)) if d is not None]
    title = report_title(text, headings)
    year, year_note = report_year(title, clean, headings, lines)
    if year_note is not None:
        diagnostics.append(year_note)
    return Report(
        title=title,
        agency=agency_of(title, text),
        year=year,
        preamble=preamble(text, headings),
        sections=read_sections(text, noise.blank(text, junk_ranges), headings, lines),
        active_disclosure=tables.t2,
        active_disclosure_2019=tables.t2_2019,
        applications=tables.t3,
        review_litigation=tables.t4,
        diagnostics=sorted(diagnostics, key=_position),
        format=tables.format,
        extra_tables=tuple(extra_tables),
    )


def _section_diagnostics(clean: str, headings: list[Heading], lines: Lines) -> list[Diagnostic]:
    """Each of the six sections not found in order: out of order, or missing."""
    found = {h.number for h in headings}
    notes = []
    for number in range(1, 7):
        if number in found:
            continue
        # Searched in order, a heading is missed only when it stands before one that should
        # precede it; found anywhere else, it is out of order.
        name = SECTION_NAMES[number]
        misplaced = find_heading(clean, number)
        if misplaced is not None:
            notes.append(
                Diagnostic(
                    DiagnosticCode.SECTION_OUT_OF_ORDER,
                    "warning",
                    f"section {name!r} stands before a section that should precede it",
                    lines.span(misplaced.start, misplaced.end),
                    expected=(name,),
                )
            )
        else:
            notes.append(
                Diagnostic(
                    DiagnosticCode.SECTION_MISSING,
                    "warning",
                    f"section {name!r} was not found",
                    expected=(name,),
                )
            )
    return notes


def _extra_table_note(table: ExtraTable) -> Diagnostic:
    return Diagnostic(
        DiagnosticCode.EXTRA_TABLE,
        "warning",
        f"section {noise.quoted(table.heading)} and its table are not part of the format: "
        f"its {len(table.numbers)} numbers are kept aside (report.extra_tables), not read "
        "into the mandated tables",
        table.span,
        printed=table.heading,
    )


@attrs.frozen
class _Tables:
    """What the table region gave: the tables, the format they are in, what was said of them."""

    t2: ActiveDisclosure = ActiveDisclosure()
    t2_2019: ActiveDisclosure2019 | None = None
    t3: Applications = Applications()
    t4: ReviewLitigation = ReviewLitigation()
    format: ReportFormat = "unknown"
    diagnostics: list[Diagnostic] = attrs.field(factory=list)


def _read_tables(
    text: str, clean: str, headings: list[Heading], region: tuple[int, int], lines: Lines
) -> _Tables:
    """The tables of the region ``region`` of ``clean``, read with the grammar of their format."""
    start, end = region
    diagnostics: list[Diagnostic] = []
    if end - start > MAX_TABLE_REGION:
        # Three fixed tables take a few KB; a region this large is not tables, and reading
        # all of it would cost seconds per MB for nothing.
        end = region_cut(clean, start, start + MAX_TABLE_REGION)
        diagnostics.append(
            Diagnostic(
                DiagnosticCode.TABLES_REGION_TOO_LARGE,
                "warning",
                f"the text between sections 二 and 五 is {(region[1] - start) // 1024:,} KB; only "
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
    body = noise.commas_to_tabs(body, comma_tables(body, headings, start, end))
    template, signal = detect(clean, start, end)
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
    t2: ActiveDisclosure | ActiveDisclosure2019 = ActiveDisclosure()
    t3, t4 = Applications(), ReviewLitigation()
    if tree is not None:
        t2, t3, t4, table_diagnostics = TableTransformer(len(text), body, template).transform(tree)
        diagnostics += table_diagnostics
    report_format: ReportFormat = "unknown"
    if signal is not None:
        report_format = "2019"
        diagnostics.append(
            Diagnostic(
                DiagnosticCode.OLD_FORMAT,
                "info",
                f"the tables are in the 2019 format ({template.document}), printing "
                f"{noise.quoted(signal.group(0))}; 表二 is read as that format's table",
                lines.span(signal.start(), signal.end()),
            )
        )
    elif table_diagnostics or any(v is not None for table in (t2, t3, t4) for _, v, _ in table.cells()):
        report_format = "2021"
    if isinstance(t2, ActiveDisclosure2019):
        return _Tables(ActiveDisclosure(), t2, t3, t4, report_format, diagnostics)
    return _Tables(t2, None, t3, t4, report_format, diagnostics)


def _without_tables(clean: str, headings: list[Heading], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of a text with no table region: not a report at all, or one whose
    tables are missing."""
    if not headings and not _NAMES_ITSELF_A_REPORT.search(clean, 0, _REPORT_NAME_WITHIN):
        # Not a report at all: that one finding says it, not six missing sections.
        kept = [d for d in diagnostics if d.code != DiagnosticCode.SECTION_MISSING]
        return [
            *kept,
            Diagnostic(
                DiagnosticCode.NOT_A_REPORT,
                "error",
                "not a 政府信息公开工作年度报告: none of its six section headings and none of its "
                "tables was found",
            ),
        ]
    return [
        *diagnostics,
        Diagnostic(DiagnosticCode.TABLES_MISSING, "warning", "none of the three tables was found"),
    ]


# How a report names itself near its start, in simplified or traditional characters: a text
# that does so is a report this parser cannot read (its tables say why), not another document.
_NAMES_ITSELF_A_REPORT = re.compile(r"政府(?:信息|資訊|资讯)公[开開][^\n]{0,12}?[报報]告")
_REPORT_NAME_WITHIN = 2000


# Sentences of prose in a table region named one by one; the rest are counted in one more.
_MOST_PROSE_NOTES = 100


def _prose_diagnostics(text: str, prose: list[tuple[int, int]], lines: Lines) -> list[Diagnostic]:
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


def _position(diagnostic: Diagnostic) -> tuple[int, int]:
    return (0, diagnostic.span.start) if diagnostic.span else (1, 0)
