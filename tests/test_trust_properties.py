"""The parser's promise on generated layouts: every number a user sees is one the report
printed, in that cell.

A cell is a number standing alone between separators (tab, space, line break, ``|``), or alone
in a delimited cell; digits that belong to text (``本年（2023）制发件数``, ``注1``, ``〔2023〕5号``,
a note ending in ``。``) never are. Each property fixes the knobs of ``gds.layouts()`` it is not
about, so a failure shrinks to the noise that breaks it. ``test_written_text_holds_the_cells_by_the_rule``
checks the generator itself against the rule, without the parser.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.sources import str_is_path
from gov_disclosure.testing import strategies as gds
from gov_disclosure.testing.strategies import PAGE_NUMBER_LINE, Insert, Layout

from .layouts import distinct_cells, distinct_reports, printed_cells, printed_cells_at

# Consistent reports (the parser may lean on their sums), reports with wrong sums and blank
# cells, and reports whose cells all differ (a number in the wrong cell cannot go unseen).
REPORTS = st.one_of(gds.reports(), gds.reports(consistent=False), distinct_reports())
REPORTS_WITH_BLANKS = st.one_of(gds.reports(blanks=True), distinct_reports(blanks=True))

# The profile (default, ci, long) sets how many examples; parse time is not what is tested here.
PROPERTY = settings(deadline=None)


def text_layouts(**knobs: st.SearchStrategy[Any]) -> st.SearchStrategy[Layout]:
    """``gds.layouts()`` as plain text (every knob applies), with ``knobs`` drawn as given. An
    amount printed with its unit (``money_units``) is a cell by its column, not by standing
    alone: it is left off here, and ``tests/test_formats.py`` holds it to its own rule."""
    return st.tuples(gds.layouts(), st.fixed_dictionaries(knobs)).map(
        lambda drawn: attrs.evolve(drawn[0], html=False, money_units=False, **drawn[1])
    )


NOT = st.just("")  # a knob left off


def misread(report: gd.Report, layout: Layout, *, exact: bool) -> list[str]:
    """Each cell that ``parse`` reads from ``report`` written in ``layout`` and that is not the
    report's (``exact``: nor lost), with the text where it was read and where it was printed."""
    text = gds.write(report, layout)
    whole = gds.write(report, attrs.evolve(layout, cut_at=None))
    printed_at = dict(zip(gd.CELL_KEYS, (at for _, at in printed_cells_at(whole, layout)), strict=True))
    parsed = gd.parse(text)
    expected = report.cells()
    spans = parsed.cell_spans()
    wrong = []
    for key, value in parsed.cells().items():
        if value == expected[key] or (value is None and not exact):
            continue
        span = spans[key]
        read = "" if span is None else f" at {text[max(0, span.start - 30) : span.end + 10]!r}"
        at = printed_at[key]
        wrong.append(
            f"{key}: read {value}{read}; printed {expected[key]} at {whole[max(0, at - 30) : at + 10]!r}"
        )
    return wrong


def clear_of_page_numbers(text: str, cut: int) -> int:
    """``cut``, or the start of its line when it falls inside a page-number line: ``第 3 页``
    cut to ``第 3 `` leaves a 3 standing alone, a cell by the rule."""
    start = text.rfind("\n", 0, cut) + 1
    end = text.find("\n", cut)
    line = text[start : len(text) if end < 0 else end]
    return start if PAGE_NUMBER_LINE.fullmatch(line.strip()) else cut


# ----------------------------------------------------------------------------- the generator


@PROPERTY
@given(st.one_of(REPORTS, REPORTS_WITH_BLANKS), text_layouts())
def test_written_text_holds_the_cells_by_the_rule(report: gd.Report, layout: Layout) -> None:
    assert printed_cells(gds.write(report, layout), layout) == list(report.cells().values())


def test_each_knob_writes_its_noise_where_it_says() -> None:
    values: dict[str, object] = dict(distinct_cells())
    values["t2.regulations.repealed"] = None
    report = gds.report_of(values)
    noisy = Layout(
        header_years="（{}）",
        text_digits=(
            Insert("line", 3, "第 3 页"),
            Insert("before_label", 3, "（1）"),
            Insert("after_label", 3, "（2023年）"),
            Insert("after_cells", 11, "注1"),
        ),
        prose_notes=(
            Insert("after_cells", 11, "（含查封扣押）。"),
            Insert("line", 15, "注：本表数据截至12月31日。"),
        ),
    )
    lines = gds.write(report, noisy).splitlines()
    assert "信息内容\t本年（2024）制发件数\t本年（2024）废止件数\t现行有效件数" in lines
    at = lines.index("（1）规章（2023年）\t1000\t/\t1002")
    assert lines[at - 1] == "第 3 页"
    assert "行政强制\t1008\t注1\t（含查封扣押）。" in lines
    assert lines[lines.index("三、收到和处理政府信息公开申请情况") - 1] == "注：本表数据截至12月31日。"

    flat = gds.write(report, Layout(one_line=" ", text_digits=(Insert("line", 3, "第 3 页"),)))
    assert "\n" not in flat.rstrip("\n")
    assert "第 3 页" not in flat  # flattened, its 3 would stand alone
    assert " 规章\t1000\t/\t1002 行政规范性文件\t" in flat

    piped = gds.write(report, Layout(delimit_every_cell="|")).splitlines()
    assert "| 规章 | 1000 |  | 1002 |" in piped
    tabbed = gds.write(report, Layout(delimit_every_cell="\t", separator=" | ")).splitlines()
    assert "规章\t1000\t\t1002" in tabbed

    text = gds.write(report)
    assert gds.write(report, Layout(cut_at=100)) == text[:100]


# ----------------------------------------------------------------------------- the parser's promise


@PROPERTY
@given(REPORTS, text_layouts(), st.data())
def test_cut_text_reads_no_number_into_a_wrong_cell(
    report: gd.Report, layout: Layout, data: st.DataObject
) -> None:
    whole = gds.write(report, layout)
    cut = clear_of_page_numbers(whole, data.draw(st.integers(0, len(whole)), label="cut"))
    cut_layout = attrs.evolve(layout, cut_at=cut)
    assume(not str_is_path(gds.write(report, cut_layout)))
    assert misread(report, cut_layout, exact=False) == []


@PROPERTY
@given(REPORTS, text_layouts(one_line=NOT, delimit_every_cell=NOT))
def test_digits_of_text_and_prose_notes_are_never_cells(report: gd.Report, layout: Layout) -> None:
    assert misread(report, layout, exact=True) == []


@PROPERTY
@given(REPORTS_WITH_BLANKS, text_layouts(one_line=NOT, delimit_every_cell=st.sampled_from(["|", "\t"])))
def test_every_cell_delimited_reads_back_with_its_blanks(report: gd.Report, layout: Layout) -> None:
    assert misread(report, layout, exact=True) == []


@PROPERTY
@given(REPORTS, text_layouts(one_line=st.sampled_from([" ", "\t"]), delimit_every_cell=NOT))
def test_a_report_on_one_line_reads_back(report: gd.Report, layout: Layout) -> None:
    assert misread(report, layout, exact=True) == []


@PROPERTY
@given(REPORTS, gds.layouts())
def test_cells_under_printed_labels_are_placed_by_their_row(report: gd.Report, layout: Layout) -> None:
    parsed = gd.parse(gds.write(report, layout))
    placements = parsed.cell_placements()
    inferred = {
        k: placements[k] for k, v in parsed.cells().items() if v is not None and placements[k] != "row"
    }
    assert inferred == {}
