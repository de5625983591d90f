"""How each number was placed (``placed``, ``Report.cell_placements()``) and the tables a
report prints that the format lacks (``Report.extra_tables``), in the model and every output:
JSON (schema_version 3), CSV, records, DataFrames, the text summary and the notebook HTML."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import display
from gov_disclosure.display import report_html, report_summary
from gov_disclosure.model import (
    PLACEMENT_MEANINGS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    InvalidFieldError,
)
from gov_disclosure.render import html_tables
from gov_disclosure.serialization import cells_csv, records_csv
from gov_disclosure.testing import strategies as gds

from .layouts import consistent_cells, report_from_cells
from .profiles import examples

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report_2024.txt"
INFERRED = tuple(p for p in gd.model.PLACEMENTS if p != "row")

FEE_TABLE = gd.ExtraTable(
    heading="五、信息处理费收取情况",
    labels=("收费项目", "金额（元）"),
    numbers=("3", "120.50"),
    spans=(gd.Span(90, 9, 90, 10, 3000, 3001), gd.Span(90, 12, 90, 18, 3003, 3009)),
    span=gd.Span(88, 1, 88, 12, 2950, 2961),
)

_Row = TypeVar("_Row", gd.DocumentCounts, gd.ApplicantCounts, gd.CaseOutcomes)


def _placed_as(row: _Row, placement: gd.Placement) -> _Row:
    """``row`` with every number it holds placed by ``placement``."""
    return attrs.evolve(row, placed=tuple(None if v is None else placement for v in row.values()))


def _inferred_report() -> gd.Report:
    """The example report with 表三's 予以公开 row read by row order, 表四 placed by its sums,
    the fee kept by the identity, and the fee table of 2025 kept aside."""
    report = gd.parse(EXAMPLE)
    t2, t3, t4 = report.active_disclosure, report.applications, report.review_litigation
    return attrs.evolve(
        report,
        active_disclosure=attrs.evolve(t2, placed=("row", "row", "row", "kept_by_identity")),
        applications=attrs.evolve(t3, granted=_placed_as(t3.granted, "row_order")),
        review_litigation=gd.ReviewLitigation(*(_placed_as(getattr(t4, g), "sums") for g in T4_GROUPS)),
        extra_tables=(FEE_TABLE,),
    )


# ----------------------------------------------------------------------------- the model


def test_rows_built_by_hand_are_placed_by_their_rows() -> None:
    assert gd.ApplicantCounts(total=5).placed == (None,) * 6 + ("row",)
    assert gd.DocumentCounts(1, None, 3).placed == ("row", None, "row")
    assert gd.CaseOutcomes().placed == (None,) * 5
    assert gd.ActiveDisclosure(licensing=2, fees_10k_yuan=Decimal("1.5")).placed == ("row", None, None, "row")
    assert set(gd.parse(EXAMPLE).cell_placements().values()) == {"row"}  # every cell read from its row


def test_placements_are_kept_as_given() -> None:
    given = ["row_order", None, "sums", "sums", "sums", "sums", "kept_by_identity"]
    row = gd.ApplicantCounts(1, None, 3, 4, 5, 6, 19, placed=given)  # type: ignore[arg-type]
    assert row.placed == ("row_order", None, "sums", "sums", "sums", "sums", "kept_by_identity")
    assert row != gd.ApplicantCounts(1, None, 3, 4, 5, 6, 19)  # how a number was placed is part of it
    assert "placed" not in repr(row)


BAD_PLACEMENTS: list[tuple[Callable[[], object], str]] = [
    (
        lambda: gd.CaseOutcomes(placed=(None,) * 4),
        "CaseOutcomes.placed: expected 5 placements, one per cell, got 4",
    ),
    (
        lambda: gd.ApplicantCounts(placed="rowrowr"),  # type: ignore[arg-type]
        "ApplicantCounts.placed: expected 7 placements, got 'rowrowr'",
    ),
    (
        lambda: gd.ApplicantCounts(placed=5),  # type: ignore[arg-type]
        "ApplicantCounts.placed: expected 7 placements, got 5",
    ),
    (
        lambda: gd.DocumentCounts(1, placed=("guessed", None, None)),  # type: ignore[arg-type]
        "DocumentCounts.placed: expected one of 'row', 'row_order', 'sums', 'kept_by_identity', "
        "'digits_split' or None "
        "per cell, got 'guessed'",
    ),
    (
        lambda: gd.DocumentCounts(1, placed=(True, None, None)),  # type: ignore[arg-type]
        "DocumentCounts.placed: expected one of 'row', 'row_order', 'sums', 'kept_by_identity', "
        "'digits_split' or None "
        "per cell, got True",
    ),
    (
        lambda: gd.ActiveDisclosure(placed=(None, None, None, "sums")),
        "ActiveDisclosure.placed: placement 'sums' for fees_10k_yuan, which holds no number",
    ),
    (
        lambda: gd.CaseOutcomes(1, 2, 3, 4, 10, placed=("row", "row", "row", "row", None)),
        "CaseOutcomes.placed: no placement for total, which holds 10",
    ),
]


@pytest.mark.parametrize(("make", "message"), BAD_PLACEMENTS, ids=[m for _, m in BAD_PLACEMENTS])
def test_a_placement_that_does_not_fit_its_cells_is_refused(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidFieldError) as caught:
        make()
    assert str(caught.value) == message
    assert caught.value.field == "placed"


def test_a_changed_cell_takes_its_placement_with_it() -> None:
    # evolve() passes the old placements on: blanking a cell means saying it holds none.
    row = gd.parse(EXAMPLE).applications.granted
    with pytest.raises(InvalidFieldError, match=r"^ApplicantCounts\.placed: placement 'row' for total"):
        attrs.evolve(row, total=None)
    blanked = attrs.evolve(row, total=None, placed=(*row.placed[:6], None))
    assert blanked.total is None and blanked.placed[-1] is None


def test_cell_placements_are_the_200_keys_in_order() -> None:
    report = _inferred_report()
    placements = report.cell_placements()
    assert list(placements) == list(gd.CELL_KEYS) == list(report.cells())
    inferred = {key: placed for key, placed in placements.items() if placed != "row"}
    expected = {key: "row_order" for key in gd.CELL_KEYS if key.startswith("t3.granted.")}
    expected |= {key: "sums" for key in gd.CELL_KEYS if key.startswith("t4.")}
    expected["t2.fees_10k_yuan"] = "kept_by_identity"
    assert inferred == expected
    # Each table answers for its own cells, in the same order.
    by_table = [
        *report.active_disclosure.placements(),
        *report.applications.placements(),
        *report.review_litigation.placements(),
    ]
    assert by_table == list(placements.items())


def test_a_cell_with_no_number_has_no_placement() -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(1)))
    values["t3.granted.other_org"] = None
    values["t2.fees_10k_yuan"] = None
    placements = report_from_cells(values).cell_placements()
    assert placements["t3.granted.other_org"] is None and placements["t2.fees_10k_yuan"] is None
    assert sum(p is None for p in placements.values()) == 2


def test_an_extra_table_is_kept_as_printed() -> None:
    assert FEE_TABLE.numbers == ("3", "120.50") and FEE_TABLE.labels == ("收费项目", "金额（元）")
    made = gd.ExtraTable(
        "五、信息处理费收取情况", labels=["收费项目"], numbers=["3"], spans=[gd.Span(1, 1, 1, 2, 0, 1)]
    )
    assert made.labels == ("收费项目",) and made.numbers == ("3",) and made.span is None
    assert gd.Report(extra_tables=[made]).extra_tables == (made,)
    assert gd.Report().extra_tables == ()


def test_an_extra_table_never_mixes_into_the_cells() -> None:
    report = gd.parse(EXAMPLE)
    with_extra = attrs.evolve(report, extra_tables=(FEE_TABLE,))
    assert with_extra.cells() == report.cells() and len(with_extra.cells()) == 200
    assert with_extra.cell_placements() == report.cell_placements()
    # The format's rules see the same cells (a rule may say that an extra table is there).
    about_cells = [f for f in with_extra.validate().findings if f.rule != "EXTRA_TABLE"]
    assert about_cells == list(report.validate().findings)
    assert with_extra.metrics() == report.metrics()


SPAN = gd.Span(1, 1, 1, 2, 0, 1)
BAD_EXTRA_TABLES: list[tuple[Callable[[], object], str]] = [
    (lambda: gd.ExtraTable(None), "ExtraTable.heading: expected a str, got None"),  # type: ignore[arg-type]
    (lambda: gd.ExtraTable("h", labels=(1,)), "ExtraTable.labels: expected only str items, got 1"),  # type: ignore[arg-type]
    (
        lambda: gd.ExtraTable("h", numbers=(3,), spans=(SPAN,)),  # type: ignore[arg-type]
        "ExtraTable.numbers: expected each number as printed, a non-empty str, got 3",
    ),
    (
        lambda: gd.ExtraTable("h", numbers=("",), spans=(SPAN,)),
        "ExtraTable.numbers: expected each number as printed, a non-empty str, got ''",
    ),
    (lambda: gd.ExtraTable("h", numbers=("3",)), "ExtraTable.spans: expected one span per number (1), got 0"),
    (
        lambda: gd.ExtraTable("h", numbers=("3",), spans=(None,)),  # type: ignore[arg-type]
        "ExtraTable.spans: expected a Span per number, got None",
    ),
    (lambda: gd.ExtraTable("h", span=5), "ExtraTable.span: expected a Span or None, got 5"),  # type: ignore[arg-type]
    (
        lambda: gd.Report(extra_tables=["五、信息处理费收取情况"]),  # type: ignore[list-item]
        "Report.extra_tables: expected only ExtraTable items, got '五、信息处理费收取情况'",
    ),
]


@pytest.mark.parametrize(("make", "message"), BAD_EXTRA_TABLES, ids=[m for _, m in BAD_EXTRA_TABLES])
def test_an_extra_table_that_is_not_one_is_refused(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidFieldError) as caught:
        make()
    assert str(caught.value) == message


# ----------------------------------------------------------------------------- JSON


def test_json_carries_each_placement_and_the_extra_tables() -> None:
    report = _inferred_report()
    data = report.to_dict()
    assert data["schema_version"] == 7
    assert data["applications"]["granted"]["placed"] == ["row_order"] * 7
    assert data["review_litigation"]["review"]["placed"] == ["sums"] * 5
    assert data["active_disclosure"]["placed"] == ["row", "row", "row", "kept_by_identity"]
    assert data["active_disclosure"]["regulations"]["placed"] == ["row"] * 3
    assert data["extra_tables"] == [
        {
            "heading": "五、信息处理费收取情况",
            "labels": ["收费项目", "金额（元）"],
            "numbers": ["3", "120.50"],
            "spans": [
                {"line": 90, "column": 9, "end_line": 90, "end_column": 10, "start": 3000, "end": 3001},
                {"line": 90, "column": 12, "end_line": 90, "end_column": 18, "start": 3003, "end": 3009},
            ],
            "span": {"line": 88, "column": 1, "end_line": 88, "end_column": 12, "start": 2950, "end": 2961},
        }
    ]
    jsonschema.validate(data, gd.json_schema())
    back = gd.Report.from_json(report.to_json())
    assert back == report
    assert back.cell_placements() == report.cell_placements() and back.extra_tables == (FEE_TABLE,)


def test_schema_describes_placements_and_extra_tables() -> None:
    schema: dict[str, Any] = gd.json_schema()
    assert schema["$id"].endswith("report-v7.json")
    placed = schema["$defs"]["ApplicantCounts"]["properties"]["placed"]
    assert placed["items"] == {"anyOf": [{"enum": list(gd.PLACEMENTS)}, {"type": "null"}]}
    assert placed["minItems"] == placed["maxItems"] == 7
    assert all(name in placed["description"] for name in gd.PLACEMENTS)
    for row, width in (("DocumentCounts", 3), ("ActiveDisclosure", 4), ("CaseOutcomes", 5)):
        assert schema["$defs"][row]["properties"]["placed"]["maxItems"] == width
        assert "placed" in schema["$defs"][row]["required"]
    assert schema["properties"]["extra_tables"] == {"type": "array", "items": {"$ref": "#/$defs/ExtraTable"}}
    assert "extra_tables" in schema["required"]
    validator = jsonschema.Draft202012Validator(schema)
    good = _inferred_report().to_dict()
    assert validator.is_valid(good)
    for path, bad in (
        (("applications", "granted", "placed", 0), "guessed"),
        (("applications", "granted", "placed"), ["row"] * 6),
        (("extra_tables", 0, "numbers", 0), ""),
        (("extra_tables", 0, "numbers", 0), 3),
    ):
        doc = json.loads(json.dumps(good))
        node = doc
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = bad
        assert not validator.is_valid(doc), path


@pytest.mark.parametrize("version", [1, 2])
def test_json_before_placements_is_refused_with_what_to_do(version: int) -> None:
    # Versions 1 and 2 do not say how each number was placed; only the source can.
    data = gd.parse(EXAMPLE).to_dict()
    del data["extra_tables"]
    for row in (data["applications"]["granted"], data["active_disclosure"]):
        del row["placed"]
    text = json.dumps({**data, "schema_version": version}, ensure_ascii=False)
    message = (
        f"not a report this version reads: schema_version {version} JSON predates cell placements "
        "(schema_version 3); parse the report again from its source @ $.schema_version"
    )
    with pytest.raises(gd.GovDisclosureError) as from_json:
        gd.Report.from_json(text)
    assert str(from_json.value) == message
    with pytest.raises(gd.GovDisclosureError) as from_dict:
        gd.Report.from_dict(json.loads(text))
    assert str(from_dict.value) == message


def test_a_placement_the_cells_contradict_is_refused_with_its_path() -> None:
    data = _inferred_report().to_dict()
    data["review_litigation"]["litigation_direct"]["placed"][4] = None  # 总计 holds a number
    with pytest.raises(gd.GovDisclosureError) as caught:
        gd.Report.from_dict(data)
    assert str(caught.value) == (
        "not a report: no placement for total, which holds 0 @ $.review_litigation.litigation_direct.placed"
    )


# ----------------------------------------------------------------------------- CSV, records, DataFrames


def test_cells_csv_says_how_each_number_was_placed() -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(2)))
    values["t3.carried_over.other_org"] = None
    report = report_from_cells(values)
    t4 = report.review_litigation
    report = attrs.evolve(report, review_litigation=attrs.evolve(t4, review=_placed_as(t4.review, "sums")))
    rows = list(csv.reader(io.StringIO(cells_csv(report))))
    assert rows[0] == ["key", "value", "placed_by"]
    placed_by = {key: placed for key, _, placed in rows[1:]}
    assert list(placed_by) == list(gd.CELL_KEYS)
    assert placed_by["t4.review.total"] == "sums" and placed_by["t4.litigation_direct.total"] == "row"
    assert placed_by["t3.carried_over.other_org"] == ""  # no number, no placement
    assert {placed for key, placed in placed_by.items() if not key.startswith("t4.review.")} == {"row", ""}


def test_records_csv_has_placed_by() -> None:
    report = _inferred_report()
    rows = list(csv.DictReader(io.StringIO(records_csv(report))))
    assert rows[0]["placed_by"] == "row" and len(rows) == 200
    by_key = {row["key"]: row["placed_by"] for row in rows}
    assert by_key["t2.fees_10k_yuan"] == "kept_by_identity" and by_key["t3.granted.total"] == "row_order"


def test_records_say_how_each_number_was_placed() -> None:
    report = _inferred_report()
    records = report.to_records()
    assert [r["placed_by"] for r in records] == list(report.cell_placements().values())
    fee = next(r for r in records if r["key"] == "t2.fees_10k_yuan")
    assert fee["placed_by"] == "kept_by_identity" and fee["value"] == Decimal("2.35")


def test_dataframes_have_a_placed_by_column() -> None:
    pandas = pytest.importorskip("pandas")
    values: dict[str, object] = dict(consistent_cells(random.Random(3)))
    values["t3.granted.total"] = None
    blank = report_from_cells(values)
    frame = _inferred_report().to_pandas().set_index("key")
    assert str(frame["placed_by"].dtype) == "string"
    assert frame.loc["t4.review.upheld", "placed_by"] == "sums"
    assert frame.loc["t3.granted.natural_person", "placed_by"] == "row_order"
    many = gd.to_frame([_inferred_report(), blank])
    assert str(many["placed_by"].dtype) == "string"
    unread = many[(many["report_id"] == "#1") & (many["key"] == "t3.granted.total")]["placed_by"]
    assert unread.isna().all() and len(unread) == 1
    assert many["placed_by"].isna().sum() == 1
    assert isinstance(many, pandas.DataFrame)


# ----------------------------------------------------------------------------- what the user sees


def _table_lines(summary: str) -> list[str]:
    """The summary's lines from 表二's heading to the last row of 表四."""
    lines = summary.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("表二"))
    end = next(i for i, line in enumerate(lines) if line.startswith("  litigation_after_review"))
    return lines[start : end + 1]


def test_summary_marks_each_inferred_number_and_says_how() -> None:
    summary = report_summary(_inferred_report())
    lines = _table_lines(summary)
    granted = next(line for line in lines if line.startswith("  granted "))
    assert granted.split() == ["granted", "7*", "1*", "0*", "0*", "0*", "0*", "8*"]
    assert next(line for line in lines if "收费(万元)" in line).endswith("收费(万元) 2.35*")
    review = next(line for line in lines if line.startswith("  review "))
    assert all(cell.endswith("*") for cell in review.split()[1:])
    assert sum(line.count("*") for line in lines) == 7 + 15 + 1
    assert "cells:   200/200 read, 23 placed by inference (*)" in summary
    assert "* placed by inference, not read from its own labelled row:" in summary
    for name, count in (("row_order", "7 cells"), ("sums", "15 cells"), ("kept_by_identity", "1 cell")):
        assert f"  {name} ({count}): {PLACEMENT_MEANINGS[name]}" in summary
    # Marks keep 表三's columns aligned: each number ends where the numbers above it end.
    t3 = [line for line in lines if line.split()[0] in T3_ROWS]
    edges = {tuple(m.end() for m in re.finditer(r"[0-9-]+", line)) for line in t3}
    assert len(t3) == 25 and len(edges) == 1


def test_summary_of_a_report_read_from_its_rows_has_no_marks() -> None:
    summary = report_summary(gd.parse(EXAMPLE))
    assert "*" not in summary and "inference" not in summary
    assert "\n  granted                                  7     1     0     0     0     0     8\n" in summary


def test_summary_lists_the_extra_tables() -> None:
    summary = report_summary(attrs.evolve(gd.parse(EXAMPLE), extra_tables=(FEE_TABLE,)))
    assert (
        "tables not in the format, kept aside (not among the cells): 1\n  五、信息处理费收取情况: 3 120.50\n"
        in summary
    )
    assert "*" not in summary


def test_summary_cuts_extra_tables_short_and_keeps_them_on_their_lines() -> None:
    numbers = tuple(str(n) for n in range(display.MAX_EXTRA_NUMBERS + 7))
    spans = (SPAN,) * len(numbers)
    table = gd.ExtraTable("五、\n信息处理费" + "收" * 500, numbers=numbers, spans=spans)
    report = gd.Report(extra_tables=(table,) * (display.MAX_EXTRA_TABLES + 2))
    lines = report_summary(report).splitlines()
    listed = [line for line in lines if line.startswith("  五、 信息处理费")]
    assert len(listed) == display.MAX_EXTRA_TABLES
    assert listed[0].endswith(f"{display.MAX_EXTRA_NUMBERS - 1} … (7 more)") and len(listed[0]) < 400
    assert "  … 2 more" in lines


def test_notebook_html_marks_each_inferred_number() -> None:
    page = report_html(_inferred_report())
    assert page.count("<sup>*</sup>") == 23 + 1  # each inferred number, and the legend
    assert len(re.findall(r'<td class="n[^"]* inferred" title="placed by sums: ', page)) == 15
    assert len(re.findall(r'class="n[^"]* inferred" title="placed by row_order: ', page)) == 7
    assert re.search(r'title="placed by kept_by_identity: [^"]*" colspan="3">2\.35<sup>\*</sup></td>', page)
    assert "<li><code>sums</code> (15 cells): " in page
    # The findings' marks stay where they were: every cell still says whether it is wrong.
    assert page.count('<td class="n') == 200


def test_notebook_html_of_a_report_read_from_its_rows_has_no_marks() -> None:
    page = report_html(gd.parse(EXAMPLE))
    assert "<sup>" not in page and "inferred" not in page.split("</style>", 1)[1]


def test_notebook_html_lists_the_extra_tables_escaped() -> None:
    table = attrs.evolve(FEE_TABLE, heading="<b>五、信息处理费收取情况</b>", labels=("<i>收费项目</i>",))
    page = report_html(attrs.evolve(gd.parse(EXAMPLE), extra_tables=(table,)))
    assert "<b>&lt;b&gt;五、信息处理费收取情况&lt;/b&gt;</b>: 3 120.50" in page
    assert "&lt;i&gt;收费项目&lt;/i&gt;" in page and "<i>收费项目" not in page


def test_notebook_html_lists_inferred_cells_when_it_cannot_mark_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # Should the tables ever not hold one number cell per key, marks would land on the wrong
    # cells: the legend names the cells instead.
    def one_cell_short(report: gd.Report, *args: Any, **kwargs: Any) -> list[str]:
        return [part.replace('<td class="n">8</td>', "", 1) for part in html_tables(report, *args, **kwargs)]

    monkeypatch.setattr(display, "html_tables", one_cell_short)
    page = report_html(_inferred_report())
    assert "inferred" not in page.split("</style>", 1)[1].split('<div class="legend">')[0]
    assert "<li><code>row_order</code> (7 cells: t3.granted.natural_person, " in page
    assert "t2.fees_10k_yuan): " in page


# ----------------------------------------------------------------------------- properties


_NUMERALS = st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,2})?", fullmatch=True)
_SPANS = st.builds(
    lambda line, lines, column, end_column, start, length: gd.Span(
        line, column, line + lines, end_column, start, start + length
    ),
    *(st.integers(0, 10_000),) * 6,
)


@st.composite
def extra_tables(draw: st.DrawFn) -> gd.ExtraTable:
    numbers = draw(st.lists(_NUMERALS, max_size=6))
    return gd.ExtraTable(
        heading=draw(st.text(max_size=20)),
        labels=draw(st.lists(st.text(max_size=10), max_size=4)),
        numbers=numbers,
        spans=draw(st.lists(_SPANS, min_size=len(numbers), max_size=len(numbers))),
        span=draw(st.none() | _SPANS),
    )


@st.composite
def placed_reports(draw: st.DrawFn) -> gd.Report:
    """Reports (some cells blank) whose every number is placed in any of the ways, with
    up to three extra tables."""
    report = draw(gds.reports(consistent=False))
    placement = st.sampled_from(gd.PLACEMENTS)

    def place(row: Any, cells: tuple[str, ...]) -> Any:
        placed = tuple(None if getattr(row, cell) is None else draw(placement) for cell in cells)
        return attrs.evolve(row, placed=placed)

    t2 = report.active_disclosure
    fields = gd.DocumentCounts.FIELDS
    t2 = attrs.evolve(
        place(t2, t2.SINGLE_FIELDS),
        regulations=place(t2.regulations, fields),
        normative_documents=place(t2.normative_documents, fields),
    )
    t3 = gd.Applications(**{name: place(row, T3_COLUMNS) for name, row in report.applications.rows()})
    t4 = gd.ReviewLitigation(*(place(getattr(report.review_litigation, g), T4_COLUMNS) for g in T4_GROUPS))
    return attrs.evolve(
        report,
        active_disclosure=t2,
        applications=t3,
        review_litigation=t4,
        extra_tables=draw(st.lists(extra_tables(), max_size=3)),
    )


SCHEMA = gd.json_schema()
# jsonschema.validate() would check the schema itself on every example (tests/test_data.py does, once).
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@settings(max_examples=examples(60), deadline=None)
@given(placed_reports())
def test_every_output_carries_every_placement(report: gd.Report) -> None:
    placements = report.cell_placements()
    cells = report.cells()
    assert all((placed is None) == (cells[key] is None) for key, placed in placements.items())
    # JSON, both ways, as the schema says.
    data = report.to_dict()
    VALIDATOR.validate(data)
    back = gd.Report.from_json(report.to_json())
    assert back == report and back.cell_placements() == placements
    # CSV and records.
    rows = list(csv.reader(io.StringIO(cells_csv(report))))[1:]
    assert [(key, placed) for key, _, placed in rows] == [(k, p or "") for k, p in placements.items()]
    assert [r["placed_by"] for r in report.to_records()] == list(placements.values())
    # What the user sees: one mark per inferred number, in the summary and in the HTML.
    inferred = sum(placed in INFERRED for placed in placements.values())
    assert sum(line.count("*") for line in _table_lines(report_summary(report))) == inferred
    assert report_html(report).count("<sup>*</sup>") == inferred + (1 if inferred else 0)


@settings(max_examples=examples(60), deadline=None)
@given(gds.reports(consistent=False))
def test_generated_reports_are_placed_by_their_rows(report: gd.Report) -> None:
    cells = report.cells()
    assert report.cell_placements() == {key: None if v is None else "row" for key, v in cells.items()}
    assert report.extra_tables == ()
