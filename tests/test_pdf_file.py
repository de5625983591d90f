"""The PDF writer's files are what they claim (``testing.pdf_file``): PDFium opens them and finds
every label and number of the report on their pages, and each knob of a ``PdfLayout`` shows:
a table continued on the next page at the row asked for, a page number under every page,
三、本年度办理结果 one character a line, labels wrapped in narrow columns, landscape pages.

PDFium's text reads a page line by line across the table, so a label wrapped in its cell comes
out in pieces between its neighbours' text. The checks here read the pages' geometry instead:
a *run* is a line of characters that touch (one line of one cell: cells are padded apart), and
a label is printed as a stack of runs, each right under the one before.

Reading the PDFs back with ``gd.parse`` is tests/test_documents.py's job; this file checks the
writer alone."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

import attrs
import pypdfium2 as pdfium
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.render import DocumentTable, document_blocks
from gov_disclosure.testing import strategies as gds
from gov_disclosure.testing.pdf_file import BREAK_ROWS, PageBreakIn, PdfLayout, pdf_bytes, pdf_layouts

from .layouts import distinct_cells, report_from_cells

REPORT = report_from_cells(distinct_cells())  # every cell a different number of four digits
# A PDF written and read takes tens of milliseconds; the first example also loads the font.
PDF_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
REPORTS = st.sampled_from(["2021", "2019"]).flatmap(lambda name: gds.reports(format=name))
NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
SPACE = re.compile(r"\s+")
HEADER_ROWS = 3  # of 表三 and of 表四


class Run(NamedTuple):
    """Characters side by side on one baseline, touching: one line of one cell. The box is the
    characters' loose boxes together (their advances, the font's line height)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float

    def above(self, lower: Run) -> bool:
        """Whether ``lower`` is the next line of the same cell: one line down, overlapping."""
        step = self.bottom - lower.bottom
        return (
            0 < step < 1.8 * (self.top - self.bottom) and lower.left < self.right and self.left < lower.right
        )


class Page(NamedTuple):
    text: str  # as PDFium extracts it
    runs: tuple[Run, ...]  # top to bottom, then left to right
    width: float
    height: float

    def stacks(self, text: str) -> Iterator[tuple[Run, ...]]:
        """Every stack of runs that prints ``text``, its whitespace aside: one run, or runs
        each right under the one before."""
        wanted = SPACE.sub("", text)

        def below(stack: tuple[Run, ...], done: str) -> Iterator[tuple[Run, ...]]:
            if done == wanted:
                yield stack
                return
            for run in self.runs:
                if stack[-1].above(run) and wanted.startswith(done + run.text):
                    yield from below((*stack, run), done + run.text)

        for run in self.runs:
            if wanted.startswith(run.text):
                yield from below((run,), run.text)

    def prints(self, text: str) -> bool:
        return next(self.stacks(text), None) is not None

    def lines(self) -> Iterator[tuple[Run, ...]]:
        """The runs of each baseline, left to right."""
        line: list[Run] = []
        for run in self.runs:
            if line and abs(line[-1].bottom - run.bottom) > 0.01:
                yield tuple(line)
                line = []
            line.append(run)
        if line:
            yield tuple(line)


def read_pages(data: bytes) -> list[Page]:
    with contextlib.closing(pdfium.PdfDocument(data)) as document:
        return [_page(document[index]) for index in range(len(document))]


def _page(page: Any) -> Page:
    textpage = page.get_textpage()
    count = textpage.count_chars()
    chars = [
        (textpage.get_text_range(index, 1), textpage.get_charbox(index, loose=True)) for index in range(count)
    ]
    # Top to bottom, left to right; a character's baseline is where its loose box starts.
    chars = sorted(((c, box) for c, box in chars if c.strip()), key=lambda item: (-item[1][1], item[1][0]))
    runs: list[Run] = []
    for char, (left, bottom, right, top) in chars:
        last = runs[-1] if runs else None
        if last and last.bottom == bottom and -0.5 < left - last.right < 1:
            runs[-1] = last._replace(text=last.text + char, right=right, top=max(top, last.top))
        else:
            runs.append(Run(char, left, bottom, right, top))
    width, height = page.get_size()
    return Page(textpage.get_text_range(0, count), tuple(runs), width, height)


def tables(report: gd.Report) -> dict[int, DocumentTable]:
    return {block[1].section: block[1] for block in document_blocks(report) if block[0] == "table"}


def first_stack(pages: Sequence[Page], text: str) -> tuple[Run, ...]:
    for page in pages:
        if (stack := next(page.stacks(text), None)) is not None:
            return stack
    raise AssertionError(f"{text!r} is printed nowhere")


def results_label(table: DocumentTable) -> str:
    """表三's 三、本年度办理结果: the row label in its first column merged over the outcome rows."""
    return next(row[0].text for row in table.rows if row[0].rowspan > 1 and not row[0].header)


def row_page(pages: Sequence[Page], table: DocumentTable, row: int, start: int) -> int | None:
    """The first page from ``start`` that prints ``row``, found by a label no other cell of the
    report has, or by its numbers on one line; None for a row with neither (表四's second
    header row repeats the first's words)."""
    cells = table.rows[row]
    if all(cell.number for cell in cells):
        numbers = [cell.text for cell in cells]
        for index in range(start, len(pages)):
            for line in pages[index].lines():
                texts = [run.text for run in line]
                if any(texts[i : i + len(numbers)] == numbers for i in range(len(texts))):
                    return index
        raise AssertionError(f"row {row}'s numbers are printed nowhere")
    everywhere = Counter(cell.text for other in table.rows for cell in other)
    for cell in cells:
        if not cell.number and everywhere[cell.text] == 1:
            return next(index for index in range(start, len(pages)) if pages[index].prints(cell.text))
    return None


@st.composite
def broken_layouts(draw: st.DrawFn) -> PdfLayout:
    """Layouts with 表三 or 表四 continued on the next page."""
    table: PageBreakIn = draw(st.sampled_from(("table3", "table4")))
    row = draw(st.integers(*BREAK_ROWS[table]))
    return attrs.evolve(draw(pdf_layouts()), page_break_in=table, page_break_row=row)


@PDF_SETTINGS
@given(report=REPORTS, layout=pdf_layouts())
def test_every_label_and_number_is_printed(report: gd.Report, layout: PdfLayout) -> None:
    pages = read_pages(pdf_bytes(report, layout))
    flat = SPACE.sub("", "".join(page.text for page in pages))
    numbers: Counter[str] = Counter()
    for block in document_blocks(report):
        if block[0] != "table":  # the title, headings and paragraphs: one line each
            assert SPACE.sub("", block[1]) in flat, block
            continue
        for row in block[1].rows:
            for cell in row:
                if cell.number:
                    numbers[cell.text] += 1
                else:
                    assert any(page.prints(cell.text) for page in pages), cell.text
    # Each number a run of its own: never glued to a neighbour's digits, nor cut by a line break.
    printed = Counter(run.text for page in pages for run in page.runs if NUMBER.fullmatch(run.text))
    assert printed >= numbers, numbers - printed
    assert all((page.width > page.height) == layout.landscape for page in pages)


@PDF_SETTINGS
@given(report=REPORTS, layout=broken_layouts())
def test_a_page_break_puts_the_row_asked_for_first_on_the_next_page(
    report: gd.Report, layout: PdfLayout
) -> None:
    table = tables(report)[3 if layout.page_break_in == "table3" else 4]
    pages = read_pages(pdf_bytes(report, layout))
    assert len(pages) > 1
    start = row_page(pages, table, 0, 0)
    assert start is not None
    row = layout.page_break_row
    # The nearest rows with a label of their own, on either side of the break.
    above = next(p for r in range(row - 1, -1, -1) if (p := row_page(pages, table, r, start)) is not None)
    below = next(
        p for r in range(row, len(table.rows)) if (p := row_page(pages, table, r, above)) is not None
    )
    assert below == above + 1
    # The header rows again over the continued part: only with repeat_header, under a whole header.
    header = next(cell.text for cell in table.rows[0] if not cell.number)
    assert pages[below].prints(header) == (layout.repeat_header and row >= HEADER_ROWS)


@PDF_SETTINGS
@given(report=REPORTS, layout=pdf_layouts())
def test_page_numbers_and_running_header_close_every_page(report: gd.Report, layout: PdfLayout) -> None:
    pages = read_pages(pdf_bytes(report, layout))
    header = SPACE.sub("", layout.running_header or "")
    for number, page in enumerate(pages, 1):
        footer = {"none": "", "dash": f"-{number}-", "chinese": f"第{number}页共{len(pages)}页"}
        # Drawn after the page's content, so they end its text.
        assert SPACE.sub("", page.text).endswith(header + footer[layout.page_numbers])
        lowest = min(run.bottom for run in page.runs)
        assert (lowest < 60) == (layout.page_numbers != "none")  # in the bottom margin, 72 pt


@PDF_SETTINGS
@given(report=REPORTS, layout=pdf_layouts())
def test_the_results_label_is_one_character_a_line_when_asked(report: gd.Report, layout: PdfLayout) -> None:
    label = results_label(tables(report)[3])
    stack = first_stack(read_pages(pdf_bytes(report, layout)), label)
    if layout.vertical_results_label:
        assert [run.text for run in stack] == list(label)
        assert max(run.left for run in stack) - min(run.left for run in stack) < 0.5  # centred alike
    else:
        assert len(stack) < len(label)


@PDF_SETTINGS
@given(report=REPORTS, layout=pdf_layouts())
def test_narrow_columns_wrap_long_labels(report: gd.Report, layout: PdfLayout) -> None:
    pages = read_pages(pdf_bytes(report, layout))
    t3 = tables(report)[3]
    # 表三's longer row labels (the cell before the row's seven numbers), and the headers of
    # four characters or more over its number columns (商业企业, 社会公益组织).
    texts = [row[-8].text for row in t3.rows[HEADER_ROWS:] if len(row[-8].text) > 12]
    texts += [cell.text for cell in t3.rows[2] if len(cell.text) >= 4]
    wrapped = [text for text in texts if len(first_stack(pages, text)) > 1]
    if layout.wrap_labels:
        assert wrapped == texts
    else:
        assert len(wrapped) < len(texts)


def test_the_same_report_and_layout_give_the_same_bytes() -> None:
    report = REPORT
    layout = PdfLayout(
        page_numbers="chinese", running_header="某某市某某局", page_break_in="table4", page_break_row=3
    )
    assert pdf_bytes(report, layout) == pdf_bytes(report, layout)


def test_a_page_break_past_the_table_is_refused() -> None:
    with pytest.raises(ValueError, match="page_break_row 4 is not a row"):
        pdf_bytes(REPORT, PdfLayout(page_break_in="table4", page_break_row=4))


def test_numbers_too_wide_for_the_page_shrink_their_table_and_stay_whole() -> None:
    # 表四's fifteen numbers of four digits at 12 points are wider than a portrait page.
    pages = read_pages(pdf_bytes(REPORT, PdfLayout(font_size=12.0)))
    printed = Counter(run.text for page in pages for run in page.runs)
    assert all(printed[str(value)] >= 1 for value in distinct_cells().values())
    # A loose box is as tall as the font's size: 表四's first and last numbers, smaller.
    t4 = [run for page in pages for run in page.runs if run.text in {"1185", "1199"}]
    assert len(t4) == 2
    assert all(run.top - run.bottom < 12 for run in t4)
