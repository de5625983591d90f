"""strict=True: the first deviation from the format raises ParseError, saying where and what."""

from __future__ import annotations

import pytest

import gov_disclosure as gd

from .layouts import distinct_cells, render

TAB = render(distinct_cells())


def line_col(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_a_clean_report_parses_strictly() -> None:
    report = gd.parse(TAB, strict=True)
    assert report.cells() == distinct_cells()


def test_layout_noise_is_not_a_deviation() -> None:
    text = render(distinct_cells(), "\n\n", "\n\n").replace("结果纠正", "结果\n纠正")
    gd.parse(text, strict=True)


def test_row_with_a_missing_number() -> None:
    text = TAB.replace("行政规范性文件\t1003\t1004\t1005", "行政规范性文件\t1003\t1005")
    with pytest.raises(gd.ParseError) as caught:
        gd.parse(text, strict=True)
    error = caught.value
    assert (error.line, error.column) == line_col(text, "行政规范性文件\t1003")
    assert error.code == "cell-count"
    assert "行政规范性文件" in error.snippet and "^" in error.snippet
    assert isinstance(error, ValueError)
    assert issubclass(gd.ParseError, gd.GovDisclosureError)


def test_damaged_row_label_names_the_expected_label() -> None:
    # Without its label the row's numbers follow the row before; strict mode stops there.
    text = TAB.replace("2.重复申请", "2.重复")
    with pytest.raises(gd.ParseError) as caught:
        gd.parse(text, strict=True)
    error = caught.value
    assert (error.line, error.column) == line_col(text, "1.信访举报投诉类申请")
    assert error.code == "rows-by-order"
    assert error.expected == ("2.重复申请",)
    assert str(error).startswith(f"line {error.line}, column {error.column}: ")
    assert "expected: 2.重复申请" in str(error)


def test_missing_row_label_is_read_by_order_unless_strict() -> None:
    text = TAB.replace("7.属于行政执法案卷", "")
    assert gd.parse(text).cells() == distinct_cells()
    with pytest.raises(gd.ParseError) as caught:
        gd.parse(text, strict=True)
    assert caught.value.expected == ("7.属于行政执法案卷",)


def test_unexpected_text_in_a_table() -> None:
    text = TAB.replace("行政处罚\t", "行政处罚★\t")
    with pytest.raises(gd.ParseError) as caught:
        gd.parse(text, strict=True)
    assert caught.value.code == "unexpected-text"
    assert (caught.value.line, caught.value.column) == line_col(text, "★")


def test_blank_cell_is_a_deviation() -> None:
    text = TAB.replace("行政许可\t1006", "行政许可\t/")
    with pytest.raises(gd.ParseError, match=r"t2\.licensing"):
        gd.parse(text, strict=True)


def test_missing_section_has_expected_heading() -> None:
    text = TAB.replace("六、其他需要报告的事项\n", "")
    with pytest.raises(gd.ParseError) as caught:
        gd.parse(text, strict=True)
    assert caught.value.expected == ("六、其他需要报告的事项",)
    assert caught.value.line is None


def test_non_strict_returns_what_strict_rejects() -> None:
    text = TAB.replace("行政处罚\t", "行政处罚★\t")
    report = gd.parse(text)
    assert report.cells() == distinct_cells()
