"""Properties of parse() on generated input: it never fails, and never invents a number."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.parsing.noise import normalize
from gov_disclosure.sources import str_is_path

from .layouts import T2_LABELS, T3_LABELS, distinct_cells, render
from .profiles import examples

# Pieces of real reports: labels, headings, numbers, separators and noise, so that
# generated text reaches deep into the grammar instead of staying in its noise.
_LABEL_PIECES = [*T2_LABELS, *(label for labels in T3_LABELS for label in labels)]
_PIECES = st.one_of(
    st.sampled_from(_LABEL_PIECES),
    st.sampled_from(
        [
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
        ]
    ),
    st.sampled_from(
        ["行政复议", "结果维持", "总计", "其他", "申请人情况", "第二十条第（一）项", "本年制发件数"]
    ),
    st.integers(0, 10**7).map(str),
    st.sampled_from(["/", "-", "—", "无", "１２", "3.", "2、", "1,234", "0.5"]),
    st.sampled_from(["\t", "\n", " | ", "  ", "\n\n", "|||", "\r\n", "\u3000"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=5),
)
REPORTISH = st.lists(_PIECES, max_size=120).map("".join)
SETTINGS = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(REPORTISH)
def test_parse_never_raises_on_text(text: str) -> None:
    try:
        report = gd.parse(text)
    except gd.InputError:
        # A one-line str that names a file or ends like a file name is a path (README).
        assert str_is_path(text)
        return
    assert isinstance(report, gd.Report)
    assert list(report.cells()) == list(gd.CELL_KEYS)


@SETTINGS
@given(REPORTISH)
def test_strict_raises_only_parse_error(text: str) -> None:
    assume(not str_is_path(text))
    try:
        gd.parse(text, strict=True)
    except gd.ParseError as error:
        assert error.message


@SETTINGS
@given(st.binary(max_size=300))
def test_bytes_give_a_report_or_input_error(data: bytes) -> None:
    with contextlib.suppress(gd.InputError):
        gd.parse(data)


@SETTINGS
@given(REPORTISH)
def test_every_number_read_is_printed_at_its_span(text: str) -> None:
    assume(not str_is_path(text))
    report = gd.parse(text)
    normalized = normalize(text)
    spans = report.cell_spans()
    for key, value in report.cells().items():
        if value is None:
            continue
        span = spans[key]
        assert span is not None
        assert Decimal(normalized[span.start : span.end].replace(",", "")) == value


_SEPARATORS = st.sampled_from(["\t", "\n", "\n\n", " | ", "    ", "\u3000", " |\n"])


@SETTINGS
@given(_SEPARATORS, st.sampled_from(["\n", "\n\n", " |\n", "\r\n"]), st.data())
def test_cells_survive_any_separator(sep: str, row_end: str, data: st.DataObject) -> None:
    values = distinct_cells()
    blanks = data.draw(st.sets(st.sampled_from(list(values)), max_size=5))
    shown = {k: ("/" if k in blanks else v) for k, v in values.items()}
    report = gd.parse(render(shown, sep, row_end))
    assert report.cells() == {k: (None if k in blanks else v) for k, v in values.items()}


@pytest.mark.parametrize("cut", range(0, 6000, 97))
def test_truncation_never_invents_a_number(cut: int) -> None:
    full = render(distinct_cells())
    truncated = gd.parse(full[:cut])
    expected = distinct_cells()
    for key, value in truncated.cells().items():
        assert value is None or value == expected[key], (cut, key, value)
