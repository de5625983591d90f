"""Each kind of layout noise real reports show, absorbed on a small report (DESIGN.md's table)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest

import gov_disclosure as gd

from .layouts import distinct_cells, render

VALUES = distinct_cells()
TAB = render(VALUES)


def codes(report: gd.Report) -> list[str]:
    return [d.code for d in report.diagnostics if d.severity != "info"]


LAYOUTS: dict[str, Callable[[], str]] = {
    "tabs": lambda: render(VALUES, "\t", "\n"),
    "cell per line with blank lines": lambda: render(VALUES, "\n\n", "\n\n\n"),
    "pipes with filler cells and ' |' line ends": lambda: render(VALUES, " |\n", " |\n|||\n"),
    "markdown pipe rows": lambda: render(VALUES, " | ", " |\n").replace("\n", "\n| "),
    "runs of spaces (pdftotext -layout)": lambda: render(VALUES, "      ", "\n\n"),
    "CRLF line ends": lambda: render(VALUES).replace("\n", "\r\n"),
    "ideographic spaces": lambda: render(VALUES, "\u3000\u3000", "\n"),
}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_cell_separators_are_ignored(name: str) -> None:
    report = gd.parse(LAYOUTS[name]())
    assert report.cells() == VALUES
    assert codes(report) == []


def _sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)

    return apply


NOISE: dict[str, Callable[[str], str]] = {
    "label broken across lines": _sub("商业企业", "商业\n企业"),
    "row label broken across cells": _sub("社会公益组织", "社会公\t益组织"),
    "long row label wrapped": _sub("只计这一情形，", "只计这一\n情形，"),
    "half-width parentheses": lambda t: t.replace("（", "(").replace("）", ")"),
    "enumerator with 、": _sub("1.属于国家秘密", "1、属于国家秘密"),
    "enumerator with full-width stop": _sub("2.重复申请", "2．重复申请"),
    "enumerator with space": _sub("3.其他\t", "3. 其他\t"),
    "straight quotes": _sub("“三安全一稳定”", '"三安全一稳定"'),
    "no quotes": _sub("“三安全一稳定”", "三安全一稳定"),
    "spaces inside labels": _sub("结果纠正", "结果 纠正", 3),
    "missing punctuation in a label": _sub("（二）部分公开（区分处理的，", "(二部分公开区分处理的,"),
    "year inside a header": _sub("本年制发件数", "本年(2023)制发件数"),
    "heading renumbered with an Arabic numeral": _sub("四、政府信息公开行政复议", "4、 政府信息公开行政复议"),
    "heading variant 及": _sub("行政复议、行政诉讼情况", "行政复议及行政诉讼情况"),
    "row that lost its leading empty cell": _sub("（七）总计\t", "（七）总计\t\t"),
    "group label printed vertically": _sub("三、本年度办理结果\t", "三\n、\n本\n年\n度\n办\n理\n结\n果\n"),
    "page number line": _sub("三、收到和处理", "-3-\n三、收到和处理"),
    "spaced page number line": _sub("四、政府信息公开", "- 4 -\n四、政府信息公开"),
    "page x of y line": _sub("四、政府信息公开", "第 2 页 共 5 页\n四、政府信息公开"),
    "Word bookmark": _sub("五、存在的主要问题", "[bookmark: _GoBack]五、存在的主要问题"),
    "site chrome line": _sub(
        "一、总体情况", "发布时间:2025-01-17     来源:某某局      字号:[ 大 中 小 ]\n一、总体情况"
    ),
    "editor names": lambda t: t + "\n审核: 何强   责任编辑: 刘光明\n",
    "prose between tables": _sub(
        "四、政府信息公开行政复议、行政诉讼情况\n",
        "四、政府信息公开行政复议、行政诉讼情况\n2024年共发生行政复议案件3件，诉讼2件。\n",
    ),
}


@pytest.mark.parametrize("name", list(NOISE))
def test_noise_is_absorbed(name: str) -> None:
    report = gd.parse(NOISE[name](TAB))
    assert report.cells() == VALUES


def test_label_broken_across_lines_is_not_a_deviation() -> None:
    report = gd.parse(_sub("其他结果", "其他\n结果", 3)(TAB))
    assert report.cells() == VALUES
    assert codes(report) == []


def test_full_width_digits() -> None:
    full = {str(d): chr(0xFF10 + d) for d in range(10)}
    text = re.sub(r"(?<=\t)[0-9.]+", lambda m: "".join(full.get(c, "．") for c in m.group(0)), TAB)
    assert "１" in text
    assert gd.parse(text).cells() == VALUES


def test_thousands_separators_and_decimal_fee() -> None:
    values = dict(VALUES, **{"t2.licensing": 447228, "t2.fees_10k_yuan": Decimal("96171.6")})
    text = render(values).replace("447228", "447,228")
    assert gd.parse(text).cells() == values


def test_regulatory_documents_spelled_without_xingzheng() -> None:
    report = gd.parse(_sub("行政规范性文件", "规范性文件")(TAB))
    assert report.cells() == VALUES
    assert "label-variant" in codes(report)


def test_damaged_header_is_skipped_and_reported() -> None:
    report = gd.parse(_sub("本年废止件数", "本年度止件数")(TAB))
    assert report.cells() == VALUES
    noise = [d for d in report.diagnostics if d.code == "unexpected-text"]
    assert noise and "本年度止件数" in noise[0].message


def test_label_cut_short_is_read_and_reported() -> None:
    text = _sub("行政机关不再处理其政府信息公开申请\t", "行政机关不再处理其政府信息公开申\t")(TAB)
    report = gd.parse(text)
    assert report.cells() == VALUES
    variant = [d for d in report.diagnostics if d.code == "label-variant"]
    assert variant and variant[0].key == "t3.other_overdue_correction"


def test_section_five_heading_without_numeral() -> None:
    report = gd.parse(_sub("五、存在的主要问题及改进情况", "存在的主要问题及改进情况")(TAB))
    assert report.cells() == VALUES
    five = report.section(5)
    assert five is not None and "深度" in five.text


@pytest.mark.parametrize("marker", ["/", "-", "—", "无", "--"])
def test_blank_markers_are_none_with_a_diagnostic(marker: str) -> None:
    text = TAB.replace("行政强制\t1008", f"行政强制\t{marker}")
    report = gd.parse(text)
    assert report.active_disclosure.coercion is None
    blank = [d for d in report.diagnostics if d.code == "blank-cell"]
    assert [d.key for d in blank] == ["t2.coercion"]
    assert blank[0].line == text[: text.index(f"行政强制\t{marker}")].count("\n") + 1
    assert report.cells() == dict(VALUES, **{"t2.coercion": None})


def test_blank_cell_in_table_three_keeps_the_other_columns() -> None:
    key = "t3.granted.research_institution"
    text = render({**VALUES, key: "/"})
    report = gd.parse(text)
    assert report.cells() == dict(VALUES, **{key: None})


def test_empty_cell_makes_the_row_unreadable_rather_than_shifted() -> None:
    # Cells separated by runs of spaces: an empty cell cannot be told from a dropped one.
    # (Where tabs or pipes delimit every cell, it is a blank cell: tests/test_trust.py.)
    key = "t3.granted.research_institution"
    text = render(dict(VALUES, **{key: None}), "   ")
    report = gd.parse(text)
    row = report.applications.granted
    assert row.values() == (None,) * 7
    assert any(d.code == "cell-count" and d.key == "t3.granted" for d in report.diagnostics)
    others = {k: v for k, v in report.cells().items() if not k.startswith("t3.granted.")}
    assert others == {k: v for k, v in VALUES.items() if not k.startswith("t3.granted.")}


def test_rows_whose_labels_moved_are_read_in_mandated_order() -> None:
    # pdftotext without -layout: the labels of two rows come after their numbers.
    text = TAB.replace("三、本年度办理结果\t（一）予以公开\t", "").replace(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t", ""
    )
    report = gd.parse(text)
    assert report.cells() == VALUES
    assert "rows-by-order" in codes(report)


def test_digits_run_together_are_never_read() -> None:
    text = TAB.replace("规章\t1000\t1001\t1002", "规章100010011002")
    report = gd.parse(text)
    assert report.active_disclosure.regulations == gd.DocumentCounts()
    count = [d for d in report.diagnostics if d.code == "digits-run-together"]
    assert count and "run together" in count[0].message and count[0].key == "t2.regulations"


def _interleaved_table4(before_second_run: str) -> tuple[str, dict[str, int]]:
    """A report whose 表四 comes in pdftotext's reading order: header fragments between runs."""
    t4 = {
        "review": [72, 64, 178, 37, 351],
        "litigation_direct": [13, 4, 8, 1, 26],
        "litigation_after_review": [12, 1, 1, 6, 20],
    }
    review, direct, after = t4.values()
    body = "\n".join(
        [
            "行政复议\n行政诉讼\n未经复议直接起诉\n结果\n结果\n其他结\n尚未\n维持\n纠正\n果\n审结\n总计",
            *map(str, review[:4]),
            f"结 果\n结果\n其他\n{before_second_run}尚未\n结果\n结果\n其他\n尚未审\n维持\n纠正\n结果\n结",
            *map(str, after[:4]),
            "总计",
            str(review[4]),
            "维持\n纠正\n结果\n审结",
            *map(str, direct),
            "总计",
            str(after[4]),
        ]
    )
    rows = TAB.split("四、政府信息公开行政复议、行政诉讼情况\n")
    tail = rows[1][rows[1].index("五、") :]
    text = f"{rows[0]}四、政府信息公开行政复议、行政诉讼情况\n{body}\n{tail}"
    cells = {f"t4.{g}.{c}": v for g, vs in t4.items() for c, v in zip(gd.model.T4_COLUMNS, vs, strict=True)}
    return text, cells


def test_interleaved_table_four_is_placed_when_only_one_placement_fits() -> None:
    # pdftotext's reading order (no -layout) of a merged-cell 表四: the heading 复议后起诉
    # before the second run says where it starts, and the sums settle the rest.
    text, expected = _interleaved_table4("复议后起诉\n")
    report = gd.parse(text)
    got = {k: v for k, v in report.cells().items() if k.startswith("t4.")}
    assert got == expected
    assert "cells-placed-by-sums" in codes(report)
    lines = text.split("\n")
    for key, span in report.cell_spans().items():
        if key.startswith("t4.") and span is not None:
            assert lines[span.line - 1][span.column - 1 : span.end_column - 1] == str(expected[key])
    # The sum rule was used to place them, so it cannot also vouch for them.
    t4_sum = [f for f in report.validate() if f.rule == "T4_SUM"]
    assert [f.severity for f in t4_sum] == ["incomplete"]
    with pytest.raises(gd.ParseError):
        gd.parse(text, strict=True)


def test_interleaved_table_four_is_not_read_when_placements_tie() -> None:
    # Without the heading, direct and after-review litigation could swap: both add up.
    text, _ = _interleaved_table4("")
    report = gd.parse(text)
    assert report.review_litigation == gd.ReviewLitigation()
    assert "cells-interleaved" in codes(report)
