"""Each validation rule, on a report that passes it and on one that fails it."""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.validation import RULES, Finding, Validation
from gov_disclosure.validation.__main__ import rule_table

from .layouts import consistent_cells, render, report_from_cells
from .profiles import examples

VALUES = consistent_cells(random.Random(7))
TEXT = render(VALUES)


def findings(report: gd.Report, rule: str, previous: gd.Report | None = None) -> list[Finding]:
    return [f for f in report.validate(previous=previous) if f.rule == rule]


def changed(**cells: object) -> dict[str, object]:
    return {**VALUES, **{k.replace("__", "."): v for k, v in cells.items()}}


def test_a_consistent_report_has_no_finding() -> None:
    result = gd.parse(TEXT).validate()
    assert isinstance(result, Validation)
    assert result.ok
    assert list(result) == []


# ------------------------------------------------------------------ arithmetic


def test_t3_identity() -> None:
    key = "t3.carried_forward.natural_person"
    report = gd.parse(render({**VALUES, key: int(VALUES[key]) + 1}))
    found = findings(report, "T3_IDENTITY")
    assert [(f.table, f.column, f.severity) for f in found] == [("t3", "natural_person", "error")]
    lhs = int(VALUES["t3.new_received.natural_person"]) + int(VALUES["t3.carried_over.natural_person"])
    assert found[0].expected == lhs and found[0].actual == lhs + 1
    assert found[0].span is not None and found[0].span.line > 0
    assert "一+二" in found[0].message_zh and "应相等" in found[0].message_zh
    assert found[0].line("zh").startswith("错误 表三 自然人列：")
    assert not findings(gd.parse(TEXT), "T3_IDENTITY")


def test_t3_total_row() -> None:
    row = "t3.granted"
    values = {
        **VALUES,
        f"{row}.natural_person": int(VALUES[f"{row}.natural_person"]) + 2,
        f"{row}.total": int(VALUES[f"{row}.total"]) + 2,
    }
    found = findings(report_from_cells(values), "T3_TOTAL_ROW")
    assert {(f.row, f.column) for f in found} == {
        ("total_processed", "natural_person"),
        ("total_processed", "total"),
    }
    assert not findings(report_from_cells(VALUES), "T3_TOTAL_ROW")


def test_t3_total_column() -> None:
    key = "t3.unable_not_held.total"
    found = findings(report_from_cells({**VALUES, key: int(VALUES[key]) + 1}), "T3_TOTAL_COL")
    assert [(f.row, f.column) for f in found] == [("unable_not_held", "total")]
    assert found[0].key == key
    assert "总计列" in found[0].message_zh


def test_t4_sum() -> None:
    key = "t4.litigation_after_review.total"
    found = findings(report_from_cells({**VALUES, key: int(VALUES[key]) + 3}), "T4_SUM")
    assert [(f.table, f.row, f.column) for f in found] == [("t4", "litigation_after_review", "total")]
    assert found[0].place_zh == "表四 行政诉讼（复议后起诉） 总计列"
    assert not findings(report_from_cells(VALUES), "T4_SUM")


def test_each_table_validates_itself() -> None:
    key = "t4.review.total"
    report = report_from_cells({**VALUES, key: int(VALUES[key]) + 1})
    assert [f.rule for f in report.review_litigation.validate()] == ["T4_SUM"]
    assert report.applications.validate().ok
    assert report.active_disclosure.validate().ok


# ------------------------------------------------------------------ values


def test_negative_counts_and_fee() -> None:
    report = report_from_cells({**VALUES, "t3.granted.other_org": -1, "t2.fees_10k_yuan": Decimal("-2")})
    found = findings(report, "CELL_NEGATIVE")
    assert {f.key for f in found} == {"t3.granted.other_org", "t2.fees_10k_yuan"}
    assert all(f.severity == "error" for f in found)
    assert not findings(report_from_cells(VALUES), "CELL_NEGATIVE")


@pytest.mark.parametrize(
    ("agency", "fee", "fires"),
    [
        ("某某镇人民政府", Decimal("3940"), True),
        ("某某镇人民政府", Decimal("0.39"), False),
        ("某某县财政局", Decimal("96171.6"), True),
        ("某某市人民政府", Decimal("96171.6"), False),
    ],
)
def test_fee_that_looks_entered_in_yuan(agency: str, fee: Decimal, fires: bool) -> None:
    report = report_from_cells({**VALUES, "t2.fees_10k_yuan": fee}, agency=agency)
    found = findings(report, "T2_UNIT")
    assert bool(found) is fires
    if fires:
        assert found[0].severity == "warning" and "万元" in found[0].message_zh


def test_blank_cells_one_warning_per_table() -> None:
    text = render({**VALUES, "t3.granted.research_institution": "/", "t3.carried_over.other_org": "—"})
    found = findings(gd.parse(text), "CELL_BLANK")
    assert len(found) == 1
    assert found[0].table == "t3" and "2 个单元格" in found[0].message_zh
    assert "（一）予以公开行 科研机构列" in found[0].message_zh
    assert not findings(gd.parse(TEXT), "CELL_BLANK")


# ------------------------------------------------------------------ structure


def test_missing_section() -> None:
    report = gd.parse(TEXT.replace("六、其他需要报告的事项\n本年度未收取信息处理费。\n", ""))
    found = findings(report, "SECTION_MISSING")
    assert [(f.section, f.severity) for f in found] == [(6, "error")]
    assert "缺少“六、其他需要报告的事项”" in found[0].message_zh


def test_sections_cut_off_are_incomplete_not_missing() -> None:
    cut = TEXT[: TEXT.index("四、政府信息公开行政复议") + 40]
    report = gd.parse(cut)
    sections = findings(report, "SECTION_MISSING")
    assert {f.section for f in sections} == {5, 6}
    assert all(f.severity == "incomplete" for f in sections)
    assert report.validate().ok


def test_section_order() -> None:
    five = "五、存在的主要问题及改进情况\n信息公开的深度还需提升。\n"
    six = "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
    report = gd.parse(TEXT.replace(five + six, six + five))
    found = findings(report, "SECTION_ORDER")
    assert found and found[0].severity == "error"


def test_missing_table() -> None:
    start = TEXT.index("行政复议\t行政诉讼")
    end = TEXT.index("五、存在的主要问题")
    report = gd.parse(TEXT[:start] + TEXT[end:])
    found = findings(report, "TABLE_MISSING")
    assert [(f.table, f.severity) for f in found] == [("t4", "error")]


def test_deleted_row() -> None:
    line = next(line for line in TEXT.splitlines() if line.startswith("3.要求提供公开出版物"))
    report = gd.parse(TEXT.replace(line + "\n", ""))
    found = findings(report, "TABLE_ROWS")
    assert [(f.row, f.severity) for f in found] == [("not_processed_publication", "error")]


def test_deleted_column() -> None:
    lines = []
    for line in TEXT.splitlines(keepends=True):
        cells = line.rstrip("\n").split("\t")
        if len(cells) >= 8 and cells[-1].isdigit() and cells[-7].isdigit():
            lines.append("\t".join(cells[:-1]) + "\n")  # drop the 总计 column
        else:
            lines.append(line)
    found = findings(gd.parse("".join(lines)), "TABLE_COLS")
    assert len(found) == 1 and found[0].actual == 6 and "删除" in found[0].message_zh


def test_label_variant_quotes_both() -> None:
    report = gd.parse(TEXT.replace("行政规范性文件", "规范性文件"))
    found = findings(report, "LABEL_VARIANT")
    assert len(found) == 1
    assert "“规范性文件”" in found[0].message_zh and "“行政规范性文件”" in found[0].message_zh
    assert not findings(gd.parse(TEXT), "LABEL_VARIANT")


def _old_format(year: int) -> str:
    text = TEXT.replace(
        "本年制发件数\t本年废止件数\t现行有效件数", "本年新制作数量\t本年新公开数量\t对外公开总数量"
    )
    return text.replace("2024年政府信息公开", f"{year}年政府信息公开")


def test_old_format_for_a_recent_year_is_an_error() -> None:
    report = gd.parse(_old_format(2023))
    assert report.format == "2019"
    found = findings(report, "FORMAT_OUTDATED")
    assert [(f.severity, f.actual) for f in found] == [("error", "2019")]
    assert "国办公开办函〔2021〕30号" in found[0].message_zh


def test_old_format_for_2020_is_recognised() -> None:
    report = gd.parse(_old_format(2020))
    assert not findings(report, "FORMAT_OUTDATED")
    assert [f.severity for f in findings(report, "FORMAT_2019")] == ["info"]


def test_title_year_against_statistics_period() -> None:
    period = "本报告所列数据的统计期限自{0}年1月1日起至{0}年12月31日止。\n"
    wrong = gd.parse(period.format(2023) + TEXT)
    found = findings(wrong, "TITLE_YEAR")
    assert found and found[0].expected == 2024 and found[0].actual == "2023"
    assert not findings(gd.parse(period.format(2024) + TEXT), "TITLE_YEAR")


# ------------------------------------------------------------------ narrative


def _with_overview(sentence: str) -> gd.Report:
    return gd.parse(TEXT.replace("本机关认真做好政府信息公开工作。", sentence))


def test_narrative_against_the_tables() -> None:
    received = int(VALUES["t3.new_received.total"])
    sentence = (
        f"2024年，本机关共收到政府信息公开申请{received + 5}件，行政复议{int(VALUES['t4.review.total'])}件。"
    )
    found = findings(_with_overview(sentence), "TEXT_TABLE_MISMATCH")
    assert len(found) == 1
    assert found[0].severity == "warning" and found[0].section == 1
    assert found[0].actual == received + 5 and found[0].expected == received
    assert sentence.rstrip("。") in found[0].message_zh


def test_narrative_that_agrees_has_no_finding() -> None:
    v = VALUES
    sentence = (
        f"全年共收到政府信息公开申请{v['t3.new_received.total']}件，上年结转{v['t3.carried_over.total']}件，"
        f"办结{v['t3.total_processed.total']}件，结转下年度继续办理{v['t3.carried_forward.total']}件。"
        f"发生政府信息公开行政复议{v['t4.review.total']}件，行政诉讼"
        f"{int(v['t4.litigation_direct.total']) + int(v['t4.litigation_after_review.total'])}件。"
    )
    assert not findings(_with_overview(sentence), "TEXT_TABLE_MISMATCH")


def test_numbers_about_something_else_do_not_fire() -> None:
    sentence = "全年办结12345热线工单3000件，受理政务服务事项办件5000件，答复人大代表建议12件。"
    assert not findings(_with_overview(sentence), "TEXT_TABLE_MISMATCH")


def test_section_six_must_mention_the_fee() -> None:
    report = gd.parse(TEXT.replace("本年度未收取信息处理费。", "无其他需要报告的事项。"))
    assert [f.section for f in findings(report, "SEC6_FEE")] == [6]
    assert not findings(gd.parse(TEXT), "SEC6_FEE")


# ------------------------------------------------------------------ cross-year


def test_carry_over_against_last_year() -> None:
    this_year = report_from_cells(VALUES)
    same = {**VALUES}
    for column in gd.model.T3_COLUMNS:
        same[f"t3.carried_forward.{column}"] = VALUES[f"t3.carried_over.{column}"]
    assert not findings(this_year, "XY_CARRY", report_from_cells(same, year=2023))
    last = {**same, "t3.carried_forward.natural_person": int(VALUES["t3.carried_over.natural_person"]) + 1}
    found = findings(this_year, "XY_CARRY", report_from_cells(last, year=2023))
    assert [(f.row, f.column, f.severity) for f in found] == [("carried_over", "natural_person", "error")]
    assert "上一年度报告" in found[0].message_zh
    assert not findings(this_year, "XY_CARRY")  # no previous report: not checked


def test_documents_in_force_against_last_year() -> None:
    values = {
        **VALUES,
        "t2.regulations.issued": 2,
        "t2.regulations.repealed": 1,
        "t2.regulations.in_force": 10,
    }
    balanced = report_from_cells({**values, "t2.regulations.in_force": 9}, year=2023)
    unbalanced = report_from_cells({**values, "t2.regulations.in_force": 5}, year=2023)
    this_year = report_from_cells(values)
    assert not [f for f in findings(this_year, "XY_T2_BALANCE", balanced) if f.row == "regulations"]
    found = [f for f in findings(this_year, "XY_T2_BALANCE", unbalanced) if f.row == "regulations"]
    assert [(f.severity, f.expected, f.actual) for f in found] == [("warning", 6, 10)]


def test_previous_report_of_another_year() -> None:
    found = findings(report_from_cells(VALUES), "XY_YEAR", report_from_cells(VALUES, year=2021))
    assert found and found[0].expected == 2023


def _carried_forward(values: Mapping[str, int | Decimal], delta: int) -> dict[str, int | Decimal]:
    """Last year's cells whose 结转下年度 differ from this year's 上年结转 by ``delta``."""
    last = dict(values)
    for column in gd.model.T3_COLUMNS:
        last[f"t3.carried_forward.{column}"] = values[f"t3.carried_over.{column}"] + delta
    return last


@pytest.mark.parametrize("previous_year", [2024, 2025, 2022])
def test_previous_report_not_of_the_year_before_is_not_compared(previous_year: int) -> None:
    this_year = report_from_cells(VALUES)  # 2024
    wrong_pair = report_from_cells(_carried_forward(VALUES, 3), year=previous_year)
    result = this_year.validate(previous=wrong_pair)
    years = [f for f in result if f.rule == "XY_YEAR"]
    assert [(f.severity, f.expected, f.actual) for f in years] == [("warning", 2023, previous_year)]
    assert f"上年报告的年度应为 2023，实为 {previous_year}" in years[0].message_zh
    # Carry-over computed on the wrong pair would be noise: nothing is.
    assert not [f for f in result if f.rule in ("XY_CARRY", "XY_T2_BALANCE")]
    # The same pair a year apart is compared, and its difference found.
    right_pair = attrs.evolve(wrong_pair, year=2023)
    assert findings(this_year, "XY_CARRY", right_pair)


@pytest.mark.parametrize(("this_year", "last_year"), [(None, 2023), (2024, None), (None, None)])
def test_a_pair_with_an_unknown_year_cannot_be_checked(this_year: int | None, last_year: int | None) -> None:
    report = report_from_cells(VALUES, year=this_year)
    previous = report_from_cells(_carried_forward(VALUES, 3), year=last_year)
    result = report.validate(previous=previous)
    years = [f for f in result if f.rule == "XY_YEAR"]
    assert [f.severity for f in years] == ["incomplete"]
    assert "年度不明" in years[0].message_zh and "cannot be checked" in years[0].message_en
    assert not [f for f in result if f.rule in ("XY_CARRY", "XY_T2_BALANCE")]


# ------------------------------------------------------------------ what the parser noted


def _noting(*diagnostics: gd.Diagnostic, **fields: object) -> gd.Report:
    report = report_from_cells(VALUES, **fields)
    return attrs.evolve(report, diagnostics=(*report.diagnostics, *diagnostics))


SPAN = gd.Span(5, 1, 5, 9, 80, 88)


def test_not_a_report_is_one_finding_and_nothing_else() -> None:
    nothing = gd.Report(title="关于召开会议的通知")
    assert len(nothing.validate()) > 5  # six sections and three tables missing, charged to the agency
    refused = attrs.evolve(nothing, diagnostics=[gd.Diagnostic("not-a-report", "error", "no report")])
    for result in (refused.validate(), refused.validate(previous=report_from_cells(VALUES, year=2023))):
        assert [(f.rule, f.severity, f.message_zh, f.message_en) for f in result] == [
            ("NOT_A_REPORT", "error", "不是政府信息公开工作年度报告", "not an annual report")
        ]
        assert not result.ok


def test_a_text_that_is_no_report_is_refused_as_one() -> None:
    result = gd.parse("关于召开2024年度安全生产工作会议的通知\n各单位：定于下周召开会议。\n").validate()
    assert [f.rule for f in result] == ["NOT_A_REPORT"]


def test_several_reports_in_one_file() -> None:
    report = _noting(gd.Diagnostic("several-reports", "warning", "second report", SPAN))
    found = findings(report, "SEVERAL_REPORTS")
    assert [(f.severity, f.span) for f in found] == [("warning", SPAN)]
    assert "只读取并核对了第一份" in found[0].message_zh


def test_a_second_report_pasted_after_the_first() -> None:
    found = findings(gd.parse(TEXT + "\n" + TEXT), "SEVERAL_REPORTS")
    assert len(found) == 1 and found[0].span is not None and found[0].span.line > TEXT.count("\n")


def test_extra_table_quotes_its_heading() -> None:
    heading = "五、信息处理费收取情况"
    kept = attrs.evolve(report_from_cells(VALUES), extra_tables=[gd.model.ExtraTable(heading, span=SPAN)])
    found = findings(kept, "EXTRA_TABLE")
    assert [(f.severity, f.actual) for f in found] == [("warning", heading)]
    assert f"“{heading}”" in found[0].message_zh
    # From the parser's note alone (a report built without its extra tables).
    noted = _noting(gd.Diagnostic("extra-table", "warning", "extra", SPAN, printed=heading))
    assert [f.actual for f in findings(noted, "EXTRA_TABLE")] == [heading]


def test_unexpected_text_in_a_table_is_quoted() -> None:
    row = next(line for line in TEXT.splitlines() if line.startswith("行政许可"))
    report = gd.parse(TEXT.replace(row, row + "\n此处为本机关补充说明"))
    found = findings(report, "UNEXPECTED_TEXT")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "“此处为本机关补充说明”" in found[0].message_zh
    assert found[0].span is not None
    assert not findings(gd.parse(TEXT), "UNEXPECTED_TEXT")


def test_digits_glued_to_text_are_one_finding_listing_them() -> None:
    glued = [
        gd.Diagnostic(
            "glued-digits",
            "warning",
            f"表三: digits that are part of text are not a cell: {t!r} was skipped",
            SPAN,
        )
        for t in ("注1", "（2023年）", "5万元")
    ]
    summary = gd.Diagnostic("glued-digits", "warning", "12 more 'glued-digits' diagnostics", count=12)
    found = findings(_noting(*glued, summary), "UNEXPECTED_TEXT")
    assert len(found) == 1
    assert "15 处与文字相连的数字" in found[0].message_zh
    assert "“注1”、“（2023年）”、“5万元”" in found[0].message_zh


def test_label_missing() -> None:
    missing = gd.Diagnostic(
        "label-missing",
        "warning",
        "no label",
        SPAN,
        key="t3.denied_law_enforcement_file",
        expected=("7.属于行政执法案卷",),
    )
    found = findings(_noting(missing), "LABEL_MISSING")
    assert [(f.table, f.row, f.severity, f.expected) for f in found] == [
        ("t3", "denied_law_enforcement_file", "warning", "7.属于行政执法案卷")
    ]
    assert "按规定行序" in found[0].message_zh


def test_a_count_printed_with_decimals_is_an_error() -> None:
    row = next(line for line in TEXT.splitlines() if "（一）予以公开" in line)
    cells = row.split("\t")
    report = gd.parse(TEXT.replace(row, "\t".join([*cells[:2], "12.5", *cells[3:]])))
    found = findings(report, "NOT_INTEGER")
    assert [(f.key, f.severity, f.actual) for f in found] == [("t3.granted.natural_person", "error", "12.5")]
    assert "“12.5”" in found[0].message_zh
    assert not report.validate().ok  # before, only the sums that need it were incomplete


def test_a_number_too_long_for_any_count() -> None:
    long = gd.Diagnostic(
        "number-too-long", "warning", "t2.licensing: '1234567890123' is longer", SPAN, key="t2.licensing"
    )
    found = findings(_noting(long), "CELL_TOO_LONG")
    assert [(f.key, f.actual) for f in found] == [("t2.licensing", "1234567890123")]


# ------------------------------------------------------------------ numbers that rest on inference


def test_rows_placed_by_order_are_named_per_table() -> None:
    line = next(line for line in TEXT.splitlines() if line.startswith("3.要求提供公开出版物"))
    report = gd.parse(TEXT.replace(line, line[len("3.要求提供公开出版物") :]))
    assert report.cell_placements()["t3.not_processed_publication.total"] == "row_order"
    found = findings(report, "PLACED_BY_ORDER")
    assert [(f.table, f.row, f.severity) for f in found] == [("t3", "not_processed_publication", "warning")]
    assert "（五）3.要求提供公开出版物" in found[0].message_zh
    assert not findings(gd.parse(TEXT), "PLACED_BY_ORDER")


def test_rows_placed_by_order_from_the_notes_alone() -> None:
    noted = gd.Diagnostic(
        "rows-by-order", "warning", "by order", SPAN, key="t2.licensing", expected=("行政处罚", "行政强制")
    )
    found = findings(_noting(noted), "PLACED_BY_ORDER")
    assert len(found) == 1 and found[0].table == "t2"
    assert "行政处罚、行政强制" in found[0].message_zh


def test_table_four_placed_by_sums() -> None:
    report = report_from_cells(VALUES)
    t4 = report.review_litigation
    by_sums = {g: attrs.evolve(getattr(t4, g), placed=("sums",) * 5) for g in gd.model.T4_GROUPS}
    placed = attrs.evolve(report, review_litigation=attrs.evolve(t4, **by_sums))
    found = findings(placed, "PLACED_BY_SUMS")
    assert [(f.table, f.severity) for f in found] == [("t4", "warning")]
    # The rule that placed them cannot check them.
    assert [f.severity for f in findings(placed, "T4_SUM")] == ["incomplete"]
    assert not findings(report, "PLACED_BY_SUMS")


def test_a_cut_number_kept_by_the_identity() -> None:
    row = next(line for line in TEXT.splitlines() if "1.本机关不掌握相关政府信息" in line)
    total = row.split("\t")[-1]
    whole = gd.parse(TEXT[: TEXT.index(row) + len(row)])
    assert whole.cell_placements()["t3.unable_not_held.total"] == "kept_by_identity"
    found = findings(whole, "KEPT_BY_IDENTITY")
    assert [(f.key, f.actual, f.severity) for f in found] == [
        ("t3.unable_not_held.total", int(total), "warning")
    ]
    assert found[0].span is not None
    assert not findings(gd.parse(TEXT), "KEPT_BY_IDENTITY")


# ------------------------------------------------------------------ the fee and the agency's level


@pytest.mark.parametrize(
    ("agency", "fee", "says"),
    [
        ("镇江市人民政府", Decimal("3940"), None),  # a city, though its name holds 镇
        ("乡宁县人民政府", Decimal("3940"), None),  # a county, though its name holds 乡
        ("广西壮族自治区人民政府", Decimal("96171.6"), None),  # a province, though its name holds 区
        ("北京市东城区人民政府", Decimal("96171.6"), "县级"),
        ("某某街道办事处", Decimal("3940"), "乡镇、街道"),
        ("平潭综合实验区管委会", Decimal("2000000"), "层级不明"),
        (None, Decimal("2000000"), "层级不明"),
        (None, Decimal("96171.6"), None),
    ],
)
def test_fee_limit_follows_the_agency_level(agency: str | None, fee: Decimal, says: str | None) -> None:
    found = findings(report_from_cells({**VALUES, "t2.fees_10k_yuan": fee}, agency=agency), "T2_UNIT")
    assert bool(found) is (says is not None)
    if says is not None:
        assert says in found[0].message_zh


# ------------------------------------------------------------------ incomplete, never a false violation


def test_unread_numbers_make_checks_incomplete() -> None:
    report = report_from_cells({**VALUES, "t3.carried_over.natural_person": None})
    result = report.validate()
    assert result.ok
    blocked = {f.rule for f in result.incomplete}
    assert {"T3_IDENTITY", "T3_TOTAL_COL"} <= blocked
    assert all(f.severity != "error" for f in result)


def test_every_rule_is_documented_in_the_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert rule_table() in readme, "regenerate the README's rule table: python -m gov_disclosure.validation"
    assert len(RULES) >= 20


_T34_KEYS = [k for k in gd.CELL_KEYS if k.startswith(("t3.", "t4."))]


@settings(max_examples=examples(300), deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(_T34_KEYS), st.integers(1, 50), st.booleans())
def test_changing_any_cell_is_caught_at_that_cell(seed: int, key: str, delta: int, up: bool) -> None:
    values = consistent_cells(random.Random(seed))
    old = int(values[key])
    new = old + delta if up or old < delta else old - delta
    report = report_from_cells({**values, key: new})
    table, row, column = key.split(".")
    errors = report.validate().errors
    assert errors, key
    assert any(f.table == table and (f.row == row or f.column == column) for f in errors), (key, errors)


def test_validation_is_frozen() -> None:
    result = gd.parse(TEXT).validate()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.findings = ()  # type: ignore[misc]
