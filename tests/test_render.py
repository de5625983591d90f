"""Rendered reports as a Markdown reader shows them: every number in its table cell.

GitHub-style renderers cut every row of a table to the width of its first row, so a table
whose first row has fewer cells than its widest row loses numbers silently. These tests read
``render(report, "markdown")`` with markdown-it-py (CommonMark plus the GFM table rule) and
find each of the 200 cells where a reader looks for it: in the row of its label, under its
column's header.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure.model import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, cell_text
from gov_disclosure.render import Format
from gov_disclosure.testing import strategies as gds

from .corpus import CORPUS, TEXT_SUFFIXES
from .layouts import T3_LABELS, consistent_cells, report_from_cells
from .profiles import examples

markdown_it = pytest.importorskip("markdown_it")

# What a reader sees above each column, in the template's words.
T2_DOC_HEADERS = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"}
T2_SINGLES = {
    "licensing": ("行政许可", "本年处理决定数量"),
    "punishment": ("行政处罚", "本年处理决定数量"),
    "coercion": ("行政强制", "本年处理决定数量"),
    "fees_10k_yuan": ("行政事业性收费", "本年收费金额（单位：万元）"),
}
T3_HEADERS = dict(
    zip(
        T3_COLUMNS,
        ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"),
        strict=True,
    )
)
T4_HEADERS = dict(zip(T4_COLUMNS, ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"), strict=True))


class Table(NamedTuple):
    header: list[str]  # the cells of <thead>
    body: list[list[str]]  # the cells of each <tbody> row, as <td>


def markdown_tables(markdown: str) -> list[Table]:
    """Every table a GFM reader makes of ``markdown``, cell texts as it shows them."""
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    tables: list[Table] = []
    row: list[str] = []
    cell_tag = ""
    for token in parser.parse(markdown):
        if token.type == "table_open":
            tables.append(Table([], []))
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            cell_tag = token.tag
        elif token.type == "inline" and cell_tag:
            row.append(token.content)
        elif token.type in ("th_close", "td_close"):
            cell_tag = ""
        elif token.type == "tr_close":
            table = tables[-1]
            if table.header:
                table.body.append(row)
            else:
                table.header.extend(row)
    return tables


def _has_number(row: list[str]) -> bool:
    return any(cell[:1].isdigit() or cell == "/" for cell in row)


def _column_header(table: Table, row_index: int, column: int) -> str:
    """The text a reader sees above a number: the nearest cell of its column, in the rows of
    labels above it, that says something (merged header cells fill only their first place)."""
    for above in reversed([table.header, *table.body[:row_index]]):
        if not _has_number(above) and above[column]:
            return above[column]
    return ""


def _row_of(table: Table, label: str) -> int:
    found = [i for i, row in enumerate(table.body) if label in row]
    assert len(found) == 1, f"label {label!r} in {len(found)} rows"
    return found[0]


class Place(NamedTuple):
    table: int  # 0, 1, 2: 表二, 表三, 表四
    row: int  # index in the table's body
    column: int
    header: str  # what the column's header says


def _places(tables: list[Table]) -> Iterator[tuple[str, Place]]:
    """Where a reader finds each of the 200 cells, found by the labels the tables print."""
    t2, t3, t4 = tables
    for doc, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        row = _row_of(t2, label)
        for position, (name, header) in enumerate(T2_DOC_HEADERS.items(), start=1):
            yield f"t2.{doc}.{name}", Place(0, row, position, header)
    for key, (label, header) in T2_SINGLES.items():
        yield f"t2.{key}", Place(0, _row_of(t2, label), 1, header)
    width = len(t3.header)
    for key, labels in zip(T3_ROWS, T3_LABELS, strict=True):
        row = _row_of(t3, labels[-1])
        for offset, column in enumerate(T3_COLUMNS):
            yield f"t3.{key}.{column}", Place(1, row, width - len(T3_COLUMNS) + offset, T3_HEADERS[column])
    (numbers,) = [i for i, cells in enumerate(t4.body) if _has_number(cells)]
    for g, group in enumerate(T4_GROUPS):
        for c, column in enumerate(T4_COLUMNS):
            yield f"t4.{group}.{column}", Place(2, numbers, g * 5 + c, T4_HEADERS[column])


def assert_markdown_shows_every_cell(report: gd.Report) -> None:
    tables = markdown_tables(report.render("markdown"))
    assert len(tables) == 3, f"{len(tables)} tables"
    for number, table in enumerate(tables):
        for row in table.body:
            assert len(row) == len(table.header), f"table {number}: row {row} is cut or padded"
    places = dict(_places(tables))
    assert list(places) == list(gd.CELL_KEYS)
    for key, value in report.cells().items():
        place = places[key]
        table = tables[place.table]
        shown = table.body[place.row][place.column]
        # A cell without a number is written '/', so the row's other cells keep their places.
        assert shown == cell_text(value, "/"), f"{key}: {shown!r} where {value!r} belongs"
        assert _column_header(table, place.row, place.column) == place.header, key
    # A t4 group's five columns sit under its own heading in the row of group headings.
    group_row = next(row for row in tables[2].body if "未经复议直接起诉" in row)
    assert group_row.index("未经复议直接起诉") == 5 and group_row.index("复议后起诉") == 10
    assert tables[2].header.index("行政诉讼") == 5


def test_every_row_of_every_table_is_as_wide_as_the_table() -> None:
    report = report_from_cells(consistent_cells(random.Random(1)))
    tables = markdown_tables(report.render("markdown"))
    assert [len(t.header) for t in tables] == [4, 10, 15]
    assert all(len(row) == len(t.header) for t in tables for row in t.body)


def test_the_example_report_shows_every_number() -> None:
    report = gd.parse(Path(__file__).resolve().parents[1] / "examples" / "report_2024.txt")
    assert_markdown_shows_every_cell(report)
    assert report._repr_markdown_() == report.render("markdown")


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gds.reports())
def test_generated_reports_show_every_number(report: gd.Report) -> None:
    assert_markdown_shows_every_cell(report)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gds.reports(consistent=False))
def test_reports_with_blank_and_wrong_cells_show_every_number(report: gd.Report) -> None:
    assert_markdown_shows_every_cell(report)
    assert gd.parse(report.render("markdown")).cells() == report.cells()


CORPUS_SOURCES = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (*TEXT_SUFFIXES, ".html"))


@pytest.mark.parametrize("source", CORPUS_SOURCES, ids=[p.name for p in CORPUS_SOURCES])
def test_corpus_reports_show_every_number(source: Path) -> None:
    if source.suffix == ".html":
        pytest.importorskip("lxml")
    report = gd.parse(source)
    if report.format != "2019":  # the places a reader finds are 2021's; test_formats covers 2019
        assert_markdown_shows_every_cell(report)
    assert gd.parse(report.render("markdown")).cells() == report.cells()


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_rendered_report_reads_back_without_a_warning(fmt: Format) -> None:
    # Nothing the renderer adds (Markdown markup, empty cells of merged places, headings) may
    # read back as text that is no label of the format.
    if fmt == "html":
        pytest.importorskip("lxml")
    report = report_from_cells(consistent_cells(random.Random(7)))
    back = gd.parse(report.render(fmt))
    assert back.cells() == report.cells()
    assert [str(d) for d in back.diagnostics if d.severity != "info"] == []
    assert [f.line() for f in back.validate()] == [f.line() for f in report.validate()]
