"""Every number a cell: digits that belong to text, prose, cut numbers, two reports in one
file, extra sections, and how each number was placed (issue: trust)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

import pytest

import gov_disclosure as gd

from .corpus import CORPUS
from .layouts import distinct_cells, render

VALUES = distinct_cells()
TAB = render(VALUES)
CORPUS_2019 = CORPUS / "real" / "2023_xixian_dizhangjiedao_oldformat.md"


def codes(report: gd.Report) -> set[str]:
    return {d.code for d in report.diagnostics}


def wrong_cells(report: gd.Report, expected: Mapping[str, object]) -> dict[str, object]:
    """Cells holding a number other than the one printed there (None is never wrong)."""
    return {k: v for k, v in report.cells().items() if v is not None and v != expected[k]}


# ----------------------------------------------------------------------------- digits in text

TEXT_DIGITS = [
    "（2023年）",
    "(2023)",
    "注1",
    "[1]",
    "表1",
    "No.3",
    "5万元",
    "〔2023〕5号",
    "0591-12345678",
    "2024-01-15",
    "2024年1月15日",
    "（1）",
    "2023 年",
    "第 3 页",
    "Page 3",
]


@pytest.mark.parametrize("noise", TEXT_DIGITS)
def test_digits_glued_to_text_after_a_label_are_never_a_cell(noise: str) -> None:
    text = TAB.replace("规章\t", f"规章{noise}\t", 1)
    report = gd.parse(text)
    assert report.cells() == VALUES
    assert "glued-digits" in codes(report) or "unexpected-text" in codes(report)


@pytest.mark.parametrize("noise", TEXT_DIGITS)
def test_a_row_with_an_empty_cell_and_digits_in_text_is_not_read_shifted(noise: str) -> None:
    # The count check alone let the text's digits fill the empty cell's place.
    row = f"规章\t{VALUES['t2.regulations.issued']}\t{VALUES['t2.regulations.repealed']}\t"
    full = f"{row}{VALUES['t2.regulations.in_force']}\n"
    assert full in TAB
    text = TAB.replace(full, f"规章{noise}\t{row}\n", 1)
    report = gd.parse(text)
    assert wrong_cells(report, VALUES) == {}
    assert report.active_disclosure.regulations.values() == (None, None, None)


def test_the_issue_examples() -> None:
    # Tabs delimit every cell of this 表二: the year is text, the empty slot a blank cell.
    report = gd.parse("二、主动公开政府信息情况\n规章（2023年）\t1\t0\t\n行政规范性文件\t4\t5\t6\n")
    assert report.active_disclosure.regulations.values() == (1, 0, None)
    assert report.active_disclosure.normative_documents.values() == (4, 5, 6)
    # Spaces do not: the row is in doubt, so it is not read.
    report = gd.parse("二、主动公开政府信息情况\n规章（2023年） 1 0\n行政规范性文件 4 5 6\n")
    assert report.active_disclosure.regulations.values() == (None, None, None)
    report = gd.parse(
        "三、收到和处理政府信息公开申请情况\n（一）予以公开\t3\t0\t0\t0\t0\t0\t3\n"
        "(2)没有现成信息需要另行制作\t1\t0\t0\t0\t0\t0\t1\n"
    )
    assert report.applications.granted.values() == (3, 0, 0, 0, 0, 0, 3)
    assert report.applications.unable_needs_creation.values() == (1, 0, 0, 0, 0, 0, 1)


def test_a_year_in_a_header_cut_off_is_no_cell() -> None:
    # A page cut inside 表二's second header: the year must not become 行政许可.
    cut = TAB[: TAB.index("本年处理决定数量")] + "本年(2023)处理决"
    cut = cut.replace("本年处理决", "本年(2023)处理决")
    report = gd.parse(cut)
    assert all(v is None for k, v in report.cells().items() if k.startswith(("t2.lic", "t2.pun", "t2.coe")))
    assert wrong_cells(report, VALUES) == {}


def test_a_number_run_into_the_next_enumerator_keeps_its_digits_and_the_label() -> None:
    # '…\t03.其他': the format's enumerators are one digit, so the 3 is the label's and the
    # row's last cell is the 0 before it.
    text, replaced = re.subn(r"\t([0-9]+)\n3\.其他", r"\t\g<1>3.其他", TAB)
    assert replaced == 1
    report = gd.parse(text)
    assert report.cells() == VALUES
    assert "row-missing" not in codes(report)


# ----------------------------------------------------------------------------- prose


def test_a_one_line_dump_with_a_note_after_the_tables_keeps_its_cells() -> None:
    text = TAB.replace("五、", "注：本表数据截至12月31日。\n五、").replace("\n", " ")
    report = gd.parse(text)
    assert report.cells() == VALUES
    blanked = [d for d in report.diagnostics if d.code == "prose-blanked"]
    assert [d.message for d in blanked] == [
        "prose between the tables was skipped: '注：本表数据截至12月31日。'"
    ]


def test_a_note_after_a_row_on_its_line_keeps_the_row() -> None:
    coercion = f"行政强制\t{VALUES['t2.coercion']}\n"
    report = gd.parse(TAB.replace(coercion, coercion[:-1] + "\t（含查封扣押）。\n"))
    assert report.cells() == VALUES
    assert "prose-blanked" in codes(report)


def test_a_sentence_naming_numbers_between_tables_is_prose() -> None:
    text = TAB.replace("三、收到", "全年共收到申请 15 件，办结 12 件。\n三、收到")
    report = gd.parse(text)
    assert report.cells() == VALUES


# ----------------------------------------------------------------------------- cut numbers


def _cut_after(text: str, piece: str) -> str:
    return text[: text.index(piece) + len(piece)]


def test_a_cut_last_number_of_table_2_is_never_kept() -> None:
    report = gd.parse(_cut_after(TAB, f"行政事业性收费\t{VALUES['t2.fees_10k_yuan']}"))
    assert report.active_disclosure.fees_10k_yuan is None
    assert "cut-number" in codes(report)
    report = gd.parse(_cut_after(TAB, "行政事业性收费\t") + "0")  # may have been 0.35
    assert report.active_disclosure.fees_10k_yuan is None


def test_a_cut_total_of_table_3_is_kept_by_its_identity_and_says_so() -> None:
    text = _cut_after(TAB, "（一）予以公开") + "\t1\t2\t0\t0\t0\t0\t3"
    report = gd.parse(text)
    assert report.applications.granted.values() == (1, 2, 0, 0, 0, 0, 3)
    assert report.cell_placements()["t3.granted.total"] == "kept_by_identity"
    assert report.cell_placements()["t3.granted.natural_person"] == "row"
    wrong = gd.parse(text[:-1] + "30")
    assert wrong.applications.granted.total is None
    assert "cut-number" in codes(wrong)


def test_a_cut_total_of_table_4_is_kept_only_by_its_group() -> None:
    head = TAB[: TAB.index("五、")]
    numbers = head.rstrip("\n").rsplit("\n", 1)[1]
    base = head[: -len(numbers) - 1]
    # The last group sums to its total, though the fourteen others do not.
    cells = ["9", "1", "1", "1", "12", "2", "0", "0", "0", "2", "1", "1", "0", "0", "2"]
    report = gd.parse(base + "\t".join(cells))
    assert report.review_litigation.litigation_after_review.total == 2
    assert report.cell_placements()["t4.litigation_after_review.total"] == "kept_by_identity"
    cells[-1] = "3"
    report = gd.parse(base + "\t".join(cells))
    assert report.review_litigation.litigation_after_review.total is None


# ----------------------------------------------------------------------------- reports and sections


def test_two_reports_in_one_file_are_never_mixed() -> None:
    other = {k: (v + 5000 if isinstance(v, int) else Decimal("99.5")) for k, v in VALUES.items()}
    report = gd.parse(TAB + "\n" + render(other))
    assert report.cells() == VALUES
    assert "several-reports" in codes(report)
    with pytest.raises(gd.ParseError, match="second report"):
        gd.parse(TAB + "\n" + render(other), strict=True)


def test_a_table_of_contents_is_not_a_second_report() -> None:
    contents = "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    report = gd.parse(contents + TAB)
    assert "several-reports" not in codes(report)


def test_an_inserted_fee_section_is_kept_aside_and_later_sections_are_known_by_title() -> None:
    text = TAB.replace(
        "五、存在的主要问题及改进情况",
        "五、信息处理费收取情况\n通知收取件数\t通知收取金额（元）\t实际收取金额（元）\n3\t120.50\t100\n"
        "六、存在的主要问题及改进措施",
    ).replace("六、其他需要报告的事项", "七、其他需要报告的事项")
    report = gd.parse(text)
    assert report.cells() == VALUES
    (table,) = report.extra_tables
    assert table.heading == "五、信息处理费收取情况"
    assert table.numbers == ("3", "120.50", "100")
    assert table.labels == ("通知收取件数", "通知收取金额（元）", "实际收取金额（元）")
    assert [text[s.start : s.end] for s in table.spans] == ["3", "120.50", "100"]
    assert "extra-table" in codes(report)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    "text", ["", "  \n", "关于做好2024年春节放假工作的通知\n各部门：现将有关事项通知如下。\n"], ids=repr
)
def test_a_document_that_is_not_a_report_says_so(text: str) -> None:
    report = gd.parse(text)
    assert [d.code for d in report.diagnostics] == ["not-a-report"]
    with pytest.raises(gd.ParseError):
        gd.parse(text, strict=True)


# ----------------------------------------------------------------------------- placements


def test_every_cell_of_a_labelled_report_is_placed_by_its_row() -> None:
    report = gd.parse(TAB)
    assert set(report.cell_placements().values()) == {"row"}


def test_rows_read_in_order_are_marked() -> None:
    text = TAB.replace("行政处罚\t", "\t")
    report = gd.parse(text)
    assert report.cells() == VALUES
    placements = report.cell_placements()
    assert placements["t2.punishment"] == "row_order"
    assert placements["t2.coercion"] == "row"
    assert placements["t2.licensing"] == "row"


# ----------------------------------------------------------------------------- delimited blanks

WITH_BLANKS = {
    **VALUES,
    "t2.regulations.repealed": None,
    "t2.licensing": None,
    "t3.granted.research_institution": None,
    "t3.carried_forward.total": None,
}


@pytest.mark.parametrize(
    ("sep", "row_end"),
    [("\t", "\n"), ("\t", "\t\n"), (" | ", " |\n"), ("|", "|\n")],
    ids=["tabs", "tabs, closing tab", "pipes", "tight pipes"],
)
def test_a_layout_that_delimits_every_cell_reads_empty_cells_as_blank(sep: str, row_end: str) -> None:
    report = gd.parse(render(WITH_BLANKS, sep, row_end))
    assert report.cells() == WITH_BLANKS
    blank = sorted(d.key or "" for d in report.diagnostics if d.code == "blank-cell")
    assert blank == sorted(k for k, v in WITH_BLANKS.items() if v is None)


def test_markdown_rows_with_empty_cells() -> None:
    text = render(WITH_BLANKS, " | ", " |\n").replace("\n", "\n| ")
    assert gd.parse(text).cells() == WITH_BLANKS


def test_empty_cells_between_spaces_are_not_cells() -> None:
    # Spaces do not delimit cells: a missing number cannot be told from a dropped cell.
    report = gd.parse(render(WITH_BLANKS, "   ", "\n"))
    assert report.active_disclosure.regulations.values() == (None, None, None)
    assert wrong_cells(report, WITH_BLANKS) == {}


def test_a_table_with_one_row_not_delimited_like_the_others_keeps_the_count_rule() -> None:
    text = render(WITH_BLANKS).replace("行政处罚\t", "行政处罚\t\t", 1)
    report = gd.parse(text)
    assert report.active_disclosure.regulations.values() == (None, None, None)
    assert wrong_cells(report, WITH_BLANKS) == {}


# ----------------------------------------------------------------------------- commas


def test_commas_between_cells_are_separators_for_that_table() -> None:
    values = {**VALUES, "t3.granted.natural_person": 1234}
    text = render(values, ",", "\n")
    report = gd.parse(text)
    assert report.cells() == values


def test_a_comma_in_a_number_is_a_thousands_separator_where_cells_are_not_comma_separated() -> None:
    values = {**VALUES, "t3.granted.natural_person": 1234}
    text = render(values).replace("\t1234\t", "\t1,234\t")
    assert "1,234" in text
    assert gd.parse(text).cells() == values


def test_comma_separated_cells_with_a_thousands_comma_are_two_cells() -> None:
    text = render(VALUES, ",", "\n")
    licensing = f"行政许可,{VALUES['t2.licensing']}"
    report = gd.parse(text.replace(licensing, "行政许可,1,006"))
    assert report.cells()["t2.licensing"] is None
    assert wrong_cells(report, VALUES) == {}


# ----------------------------------------------------------------------------- text in tables


def test_pieces_of_broken_labels_are_layout_and_other_text_is_reported() -> None:
    # PDF text loses pieces of header labels ('商业企') and prints merged cells a character a
    # line ('本', '年').
    text = TAB.replace("商业企业\t", "商业企\t", 1)
    text = text.replace("（一）予以公开", "（一）予以公开\n本\n年", 1)
    report = gd.parse(text.replace("行政强制\t", "行政强制 备案审查中\t", 1))
    assert report.cells() == VALUES
    fragments = [d.printed for d in report.diagnostics if d.code == "label-fragment"]
    assert {"商业企", "本", "年"} <= set(fragments)
    assert all(d.severity == "info" for d in report.diagnostics if d.code == "label-fragment")
    unexpected = [d.printed for d in report.diagnostics if d.code == "unexpected-text"]
    assert unexpected == ["备案审查中"]


def test_a_2019_table_is_read_with_its_own_rows_never_the_2021_ones() -> None:
    report = gd.parse(CORPUS_2019)
    assert report.format == "2019"
    keys_2021 = {"t2.regulations.issued", "t2.licensing", "t2.fees_10k_yuan"}
    assert not [d for d in report.diagnostics if d.key in keys_2021 or (d.key or "").endswith(".issued")]
    assert set(report.cells()) == set(gd.formats.FORMAT_2019.cell_keys())


@pytest.mark.parametrize("noise", ["No.10", "1、1.", "(2)"])
def test_numbering_glued_before_a_label_leaves_the_row_before_it_whole(noise: str) -> None:
    # Found by the long hypothesis run: 'No.101.行政规范性文件' is text, not digits of the row
    # above run into an enumerator.
    text = TAB.replace("\n行政规范性文件", f"\n{noise}1.行政规范性文件", 1)
    assert gd.parse(text).cells() == VALUES
    assert gd.parse(text.replace("\n", " ")).cells() == VALUES
