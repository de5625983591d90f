"""Serialization, schema, records, DataFrames, metrics, rendering and notebook display."""

from __future__ import annotations

import json
import random
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd

from .corpus import CORPUS, TEXT_SUFFIXES, source_of, text_sources, truth_files
from .layouts import consistent_cells, render, report_from_cells
from .profiles import examples

SOURCES = [
    s for t in truth_files() if (s := source_of(t)) is not None and s.suffix in (*TEXT_SUFFIXES, ".html")
]
ALL_TEXT = text_sources()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report_2024.txt"


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    found = gd.json_schema()
    jsonschema.Draft202012Validator.check_schema(found)
    return found


@pytest.fixture(scope="module")
def validator(schema: dict[str, object]) -> jsonschema.Draft202012Validator:
    # Checked once above: jsonschema.validate() checks the schema again on every call, four
    # times the cost of the validation itself.
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_corpus_reports_round_trip(source: Path, validator: jsonschema.Draft202012Validator) -> None:
    report = gd.parse(source)
    data = report.to_dict()
    validator.validate(data)
    assert gd.Report.from_dict(data) == report
    text = report.to_json()
    assert "\\u" not in text
    assert gd.Report.from_json(text) == report
    for fmt in ("text", "markdown", "html"):
        assert gd.parse(report.render(fmt)).cells() == report.cells(), fmt


@settings(max_examples=examples(60), deadline=None)
@given(
    st.integers(0, 2**32),
    st.sampled_from(["text", "markdown", "html"]),
    st.sets(st.integers(0, 199), max_size=8),
)
def test_generated_reports_round_trip(seed: int, fmt: str, unread: set[int]) -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(seed)))
    for index in unread:
        values[gd.CELL_KEYS[index]] = None
    report = report_from_cells(values)
    assert gd.parse(report.render(fmt)).cells() == report.cells()  # type: ignore[arg-type]
    assert gd.Report.from_json(report.to_json()) == report


def test_schema_names_its_version(schema: dict[str, object]) -> None:
    properties = schema["properties"]
    assert isinstance(properties, dict)
    assert properties["schema_version"] == {"const": 7}


def test_unknown_keys_and_bad_values_are_errors_with_a_path() -> None:
    data = gd.parse(EXAMPLE).to_dict()
    data["applications"]["granted"]["surplus"] = 1
    with pytest.raises(gd.GovDisclosureError, match=r"surplus.*\$\.applications\.granted"):
        gd.Report.from_dict(data)
    with pytest.raises(gd.GovDisclosureError, match="not JSON"):
        gd.Report.from_json("{")
    with pytest.raises(gd.GovDisclosureError, match="schema_version 9"):
        gd.Report.from_dict({**gd.parse(EXAMPLE).to_dict(), "schema_version": 9})


def test_records() -> None:
    records = gd.parse(EXAMPLE).to_records()
    assert [r["key"] for r in records] == list(gd.CELL_KEYS)
    granted = next(r for r in records if r["key"] == "t3.granted.total")
    assert granted["value"] == 8 and granted["label_zh"] == "表三 （一）予以公开行 总计列"
    assert granted["line"] > 0 and granted["column_no"] > 0


def test_pandas_frames() -> None:
    report = gd.parse(EXAMPLE)
    frame = report.to_pandas()
    assert len(frame) == 200
    assert str(frame["value"].dtype) == "Int64"
    fee = frame.set_index("key").loc["t2.fees_10k_yuan"]
    assert fee["amount_10k_yuan"] == 2.35
    many = gd.to_frame([report, report_from_cells(consistent_cells(random.Random(1)))])
    assert len(many) == 400 and list(many["report_id"].unique()) == [str(EXAMPLE), "#1"]
    wide = many.pivot(index="report_id", columns="key", values="value")
    assert wide.loc[str(EXAMPLE), "t3.new_received.total"] == 21


def test_pandas_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"gov-disclosure\[pandas\]"):
        gd.parse(EXAMPLE).to_pandas()


def test_metrics() -> None:
    metrics = gd.parse(EXAMPLE).metrics()
    assert metrics.substantive_disclosure_rate == pytest.approx((8 + 2) / 20)
    assert metrics.unable_rate == pytest.approx(7 / 20)
    assert metrics.carry_forward_rate == pytest.approx(2 / 22)
    assert metrics.review_correction_rate == 0
    assert metrics.litigation_correction_rate is None  # no lawsuits: no rate


def test_metrics_unknown_when_not_read() -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(4)))
    values["t3.total_processed.total"] = None
    assert report_from_cells(values).metrics().substantive_disclosure_rate is None


def test_notebook_html_marks_bad_cells_and_escapes() -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(5)))
    values["t4.review.total"] = int(values["t4.review.total"]) + 1  # type: ignore[call-overload]
    report = report_from_cells(values, title="<script>x</script>某局2024年政府信息公开工作年度报告")
    page = report._repr_html_()
    assert "<script>x" not in page and "&lt;script&gt;" in page
    assert 'rowspan="22"' in page and "勾稽关系" in page
    assert 'class="n bad"' in page and "T4_SUM" in page
    assert report._repr_markdown_().startswith("# ")


def test_pretty_repr() -> None:
    class Printer:
        def __init__(self) -> None:
            self.out = ""

        def text(self, value: str) -> None:
            self.out += value

    printer = Printer()
    gd.parse(EXAMPLE)._repr_pretty_(printer, cycle=False)
    assert "表三" in printer.out and "示例县示例局" in printer.out


def test_render_writes_unread_cells_as_slash() -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(6)))
    values["t2.coercion"] = None
    text = report_from_cells(values).render("text")
    assert "行政强制\t/" in text
    assert gd.parse(text).active_disclosure.fees_10k_yuan == values["t2.fees_10k_yuan"]


def test_render_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        gd.parse(EXAMPLE).render("pdf")  # type: ignore[arg-type]


def test_decimal_fee_survives_json() -> None:
    values: dict[str, object] = dict(consistent_cells(random.Random(8)))
    values["t2.fees_10k_yuan"] = Decimal("4166.241619")
    report = report_from_cells(values)
    assert json.loads(report.to_json())["active_disclosure"]["fees_10k_yuan"] == "4166.241619"
    assert gd.Report.from_json(report.to_json()).active_disclosure.fees_10k_yuan == Decimal("4166.241619")


def test_corpus_is_there() -> None:
    assert CORPUS.is_dir() and len(SOURCES) >= 19


def test_layouts_render_matches_the_library() -> None:
    # The tests' own renderer and the library's read back the same cells.
    values = consistent_cells(random.Random(9))
    assert gd.parse(render(values)).cells() == gd.parse(report_from_cells(values).render()).cells()


def test_parquet(tmp_path: Path) -> None:
    import pandas

    reports = [gd.parse(EXAMPLE), report_from_cells(consistent_cells(random.Random(11)))]
    path = tmp_path / "cells.parquet"
    gd.to_parquet(reports, path)
    back = pandas.read_parquet(path)
    assert len(back) == 400
    assert back.loc[back["key"] == "t3.new_received.total", "value"].tolist()[0] == 21


@pytest.mark.parametrize("source", ALL_TEXT, ids=[s.name for s in ALL_TEXT])
def test_every_corpus_report_json_matches_the_schema(
    source: Path, validator: jsonschema.Draft202012Validator
) -> None:
    report = gd.parse(source)
    validator.validate(json.loads(report.to_json()))
    assert gd.Report.from_json(report.to_json()) == report
