"""Hostile JSON documents and invalid model objects: each is one GovDisclosureError naming the
path of what is wrong, never another exception and never a silent coercion; whatever is
accepted can be written, validated and rendered."""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import cattrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.model import (
    CELL_KEYS,
    DIAGNOSTIC_KEYS,
    MAX_COUNT,
    PLACEMENTS,
    T2_ROWS,
    T3_ROWS,
    T4_GROUPS,
    InvalidFieldError,
)
from gov_disclosure.serialization import FEE_PATTERN, SCHEMA_VERSION, make_converter
from gov_disclosure.sources import MAX_BYTES
from gov_disclosure.testing import strategies as gds

from .profiles import examples

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report_2024.txt"
BASE = gd.parse(EXAMPLE).to_dict()
FEE = "$.active_disclosure.fees_10k_yuan"
GRANTED = "$.applications.granted.natural_person"
NOT_A_FEE = 'expected a decimal numeral of at most 12 digits and 6 decimals, like "2.35", got a string'
SPAN = {"line": 3, "column": 1, "end_line": 3, "end_column": 2, "start": 40, "end": 41}


def _with(path: str, value: Any, base: dict[str, Any] = BASE) -> dict[str, Any]:
    """The document with the value at ``path`` (dot-separated; list indices as numbers) replaced."""
    doc = copy.deepcopy(base)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = doc
    for part in parents:
        node = node[part]
    node[last] = value
    return doc


def _not_a_report(*problems: str) -> str:
    return "not a report: " + "; ".join(problems)


# (path to replace, value, the whole message of the error)
BAD_VALUES: list[tuple[str, Any, str]] = [
    # The fee: a finite decimal numeral in a string, 12 digits and 6 decimals at most.
    ("active_disclosure.fees_10k_yuan", "NaN", _not_a_report(f'{NOT_A_FEE} ("NaN") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", "sNaN", _not_a_report(f'{NOT_A_FEE} ("sNaN") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", "Infinity", _not_a_report(f'{NOT_A_FEE} ("Infinity") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", "1e999999999", _not_a_report(f'{NOT_A_FEE} ("1e999999999") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", "1.1234567", _not_a_report(f'{NOT_A_FEE} ("1.1234567") @ {FEE}')),
    (
        "active_disclosure.fees_10k_yuan",
        "1234567890123",
        _not_a_report(f'{NOT_A_FEE} ("1234567890123") @ {FEE}'),
    ),
    ("active_disclosure.fees_10k_yuan", " 1", _not_a_report(f'{NOT_A_FEE} (" 1") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", "+1", _not_a_report(f'{NOT_A_FEE} ("+1") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", ".5", _not_a_report(f'{NOT_A_FEE} (".5") @ {FEE}')),
    ("active_disclosure.fees_10k_yuan", "١٢", _not_a_report(f'{NOT_A_FEE} ("١٢") @ {FEE}')),
    (
        "active_disclosure.fees_10k_yuan",
        2.35,
        _not_a_report(f'expected the fee as a decimal string, like "2.35", got a number (2.35) @ {FEE}'),
    ),
    (
        "active_disclosure.fees_10k_yuan",
        True,
        _not_a_report(f'expected the fee as a decimal string, like "2.35", got true @ {FEE}'),
    ),
    # Counts: a JSON integer of at most 12 digits; nothing else becomes one.
    (
        "applications.granted.natural_person",
        7.9,
        _not_a_report(f"expected an integer, got a number (7.9) @ {GRANTED}"),
    ),
    (
        "applications.granted.natural_person",
        1.5,
        _not_a_report(f"expected an integer, got a number (1.5) @ {GRANTED}"),
    ),
    (
        "applications.granted.natural_person",
        7.0,
        _not_a_report(f"expected an integer, got a number (7.0) @ {GRANTED}"),
    ),
    (
        "applications.granted.natural_person",
        True,
        _not_a_report(f"expected an integer, got true @ {GRANTED}"),
    ),
    (
        "applications.granted.natural_person",
        "2024",
        _not_a_report(f'expected an integer, got a string ("2024") @ {GRANTED}'),
    ),
    (
        "applications.granted.natural_person",
        "١٢",
        _not_a_report(f'expected an integer, got a string ("١٢") @ {GRANTED}'),
    ),
    (
        "applications.granted.natural_person",
        [1],
        _not_a_report(f"expected an integer, got an array @ {GRANTED}"),
    ),
    (
        "applications.granted.natural_person",
        {},
        _not_a_report(f"expected an integer, got an object @ {GRANTED}"),
    ),
    (
        "applications.granted.natural_person",
        10**12,
        _not_a_report(f"1000000000000 has more than 12 digits @ {GRANTED}"),
    ),
    (
        "review_litigation.review.total",
        -(10**12),
        _not_a_report("-1000000000000 has more than 12 digits @ $.review_litigation.review.total"),
    ),
    # Strings: a JSON string, and text (no lone surrogate).
    ("title", 5, _not_a_report("expected a string, got an integer (5) @ $.title")),
    ("agency", True, _not_a_report("expected a string, got true @ $.agency")),
    ("preamble", None, _not_a_report("expected a string, got null @ $.preamble")),
    (
        "agency",
        "某局\ud800",
        _not_a_report(r"expected text, got a string holding the lone surrogate \ud800 @ $.agency"),
    ),
    ("sections.0.text", ["x"], _not_a_report("expected a string, got an array @ $.sections[0].text")),
    # The report's own fields.
    ("year", "2024", _not_a_report('expected an integer, got a string ("2024") @ $.year')),
    ("year", 2024.0, _not_a_report("expected an integer, got a number (2024.0) @ $.year")),
    ("year", 1999, _not_a_report("expected a year 2000 to 2099 or None, got 1999 @ $.year")),
    (
        "format",
        2021,
        _not_a_report('expected one of "2021", "2019", "unknown", got an integer (2021) @ $.format'),
    ),
    (
        "format",
        "2020",
        _not_a_report('expected one of "2021", "2019", "unknown", got a string ("2020") @ $.format'),
    ),
    ("sections", "一二", _not_a_report('expected an array, got a string ("一二") @ $.sections')),
    ("sections.0.number", 7, _not_a_report("expected a section number 1 to 6, got 7 @ $.sections[0].number")),
    ("sections.0.number", True, _not_a_report("expected an integer, got true @ $.sections[0].number")),
    # Spans: one per cell of the row, each well-formed.
    (
        "applications.granted.spans",
        [None] * 3,
        _not_a_report("expected 7 spans, one per cell, got 3 @ $.applications.granted.spans"),
    ),
    (
        "active_disclosure.regulations.spans",
        [None] * 4,
        _not_a_report("expected 3 spans, one per cell, got 4 @ $.active_disclosure.regulations.spans"),
    ),
    (
        "applications.granted.spans",
        "abcdefg",
        _not_a_report('expected an array, got a string ("abcdefg") @ $.applications.granted.spans'),
    ),
    (
        "applications.granted.spans.0",
        5,
        _not_a_report("expected an object, got an integer (5) @ $.applications.granted.spans[0]"),
    ),
    (
        "applications.granted.spans.0",
        {**SPAN, "end": 39},
        _not_a_report("39 is before start 40 @ $.applications.granted.spans[0].end"),
    ),
    (
        "applications.granted.spans.0",
        {**SPAN, "end_line": 2},
        _not_a_report("2 is before line 3 @ $.applications.granted.spans[0].end_line"),
    ),
    (
        "applications.granted.spans.0",
        {**SPAN, "column": -1},
        _not_a_report("expected 0 to 999,999,999,999, got -1 @ $.applications.granted.spans[0].column"),
    ),
    (
        "applications.granted.spans.0",
        {**SPAN, "line": False},
        _not_a_report("expected an integer, got false @ $.applications.granted.spans[0].line"),
    ),
    (
        "applications.granted.spans.0",
        {"line": 1, "column": 1, "end_line": 1, "end_column": 1, "start": 0},
        _not_a_report("required field missing @ $.applications.granted.spans[0].end"),
    ),
    # Diagnostics: a known severity, and a key naming a cell, a row or a table.
    (
        "diagnostics",
        [{"code": "x", "severity": "warning", "message": "m", "key": "t9.nothing"}],
        _not_a_report(
            "expected a cell, row or table key (t3.granted.total, t3.granted, t3) or None, "
            "got 't9.nothing' @ $.diagnostics[0].key"
        ),
    ),
    (
        "diagnostics",
        [{"code": "x", "severity": "fatal", "message": "m"}],
        _not_a_report(
            'expected one of "error", "warning", "info", got a string ("fatal") @ $.diagnostics[0].severity'
        ),
    ),
    (
        "diagnostics",
        [{"code": "x", "severity": ["warning"], "message": "m"}],
        _not_a_report('expected one of "error", "warning", "info", got an array @ $.diagnostics[0].severity'),
    ),
    (
        "diagnostics",
        [{"code": "x", "severity": "info", "message": "m", "expected": "abc"}],
        _not_a_report('expected an array, got a string ("abc") @ $.diagnostics[0].expected'),
    ),
    (
        "diagnostics",
        [{"code": "x", "severity": "info", "message": "m", "count": -1}],
        _not_a_report("expected 0 to 999,999,999,999, got -1 @ $.diagnostics[0].count"),
    ),
    # Placements: one per cell, each known, and one exactly where the cell holds a number.
    (
        "applications.granted.placed",
        ["row"] * 3,
        _not_a_report("expected 7 placements, one per cell, got 3 @ $.applications.granted.placed"),
    ),
    (
        "applications.granted.placed.0",
        "guessed",
        _not_a_report(
            'expected one of "row", "row_order", "sums", "kept_by_identity", "digits_split", '
            'got a string ("guessed") '
            "@ $.applications.granted.placed[0]"
        ),
    ),
    (
        "applications.granted.placed.0",
        None,
        _not_a_report("no placement for natural_person, which holds 7 @ $.applications.granted.placed"),
    ),
    (
        "active_disclosure.placed",
        "rowrow",
        _not_a_report('expected an array, got a string ("rowrow") @ $.active_disclosure.placed'),
    ),
    (
        "extra_tables",
        [{"heading": "五、信息处理费收取情况", "labels": [], "numbers": ["3"], "spans": [], "span": None}],
        _not_a_report("expected one span per number (1), got 0 @ $.extra_tables[0].spans"),
    ),
    # Unknown keys, and what is not the report's form at all.
    (
        "applications.granted.surplus",
        1,
        _not_a_report("extra fields found (surplus) @ $.applications.granted"),
    ),
    ("applications.granted", [], _not_a_report("expected an object, got an array @ $.applications.granted")),
    (
        "schema_version",
        8,
        _not_a_report("schema_version 8 is not one this version reads (3, 4, 5, 6, 7) @ $.schema_version"),
    ),
    (
        "schema_version",
        "3",
        _not_a_report('schema_version "3" is not one this version reads (3, 4, 5, 6, 7) @ $.schema_version'),
    ),
    (
        "schema_version",
        True,
        _not_a_report("schema_version true is not one this version reads (3, 4, 5, 6, 7) @ $.schema_version"),
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "message"), BAD_VALUES, ids=[f"{p}={v!r}"[:60] for p, v, _ in BAD_VALUES]
)
def test_bad_value_is_an_error_naming_its_path(path: str, value: Any, message: str) -> None:
    doc = _with(path, value)
    with pytest.raises(gd.GovDisclosureError) as from_dict:
        gd.Report.from_dict(doc)
    assert str(from_dict.value) == message
    # The same through JSON text, where it can be written (a lone surrogate cannot be encoded).
    text = json.dumps(doc, ensure_ascii=True)
    with pytest.raises(gd.GovDisclosureError) as from_json:
        gd.Report.from_json(text)
    assert str(from_json.value) == message


def _nested(depth: int) -> str:
    return "[" * depth


# (the text or bytes given to from_json, the error's class, its whole message)
BAD_TEXTS: list[tuple[str, str | bytes, type[gd.GovDisclosureError], str]] = [
    (
        "deep-array",
        _nested(100_000),
        gd.InputError,
        "not JSON this library reads: arrays and objects nested more than 64 levels deep "
        "@ $[0][0][0][0][0][0][0][0]...",
    ),
    (
        "deep-in-a-field",
        '{"schema_version": 3, "sections": [{"text": ' + _nested(100_000),
        gd.InputError,
        "not JSON this library reads: arrays and objects nested more than 64 levels deep "
        "@ $.sections[0].text[0][0][0][0][0]...",
    ),
    (
        "deep-objects",
        '{"a": ' * 50_000,
        gd.InputError,
        "not JSON this library reads: arrays and objects nested more than 64 levels deep "
        "@ $.a.a.a.a.a.a.a.a...",
    ),
    (
        "4301-digit-count",
        '{"applications": {"granted": {"natural_person": ' + "9" * 4301 + "}}}",
        gd.GovDisclosureError,
        _not_a_report(f"expected an integer, got an integer of 4,301 digits @ {GRANTED}"),
    ),
    (
        "long-fraction",
        '{"year": 0.' + "1" * 100_000 + "}",
        gd.GovDisclosureError,
        _not_a_report("expected an integer, got a number of 100,002 characters @ $.year"),
    ),
    (
        "nan-count",
        '{"year": NaN}',
        gd.GovDisclosureError,
        _not_a_report("expected an integer, got NaN, which is not a JSON number @ $.year"),
    ),
    (
        "infinite-fee",
        '{"active_disclosure": {"fees_10k_yuan": -Infinity}}',
        gd.GovDisclosureError,
        _not_a_report(
            'expected the fee as a decimal string, like "2.35", '
            f"got -Infinity, which is not a JSON number @ {FEE}"
        ),
    ),
    (
        "not-utf-8",
        b'{"title": "\xff\xfe\xfd"}',
        gd.InputError,
        "not UTF-8 text: byte 0xff at offset 11 cannot be decoded",
    ),
    (
        "gbk",
        '{"title": "某局"}'.encode("gbk"),
        gd.InputError,
        "not UTF-8 text: byte 0xbe at offset 13 cannot be decoded",  # c4 b3 is valid UTF-8,
    ),
    (
        "syntax",
        "{",
        gd.InputError,
        "not JSON: Expecting property name enclosed in double quotes at line 1, column 2",
    ),
    ("empty", b"", gd.InputError, "not JSON: Expecting value at line 1, column 1"),
    ("array", "[1, 2]", gd.GovDisclosureError, "not a report: expected an object, got an array @ $"),
    ("number", "5", gd.GovDisclosureError, "not a report: expected an object, got an integer (5) @ $"),
]


@pytest.mark.parametrize(
    ("text", "error", "message"), [c[1:] for c in BAD_TEXTS], ids=[c[0] for c in BAD_TEXTS]
)
def test_bad_json_text_is_one_error(
    text: str | bytes, error: type[gd.GovDisclosureError], message: str
) -> None:
    with pytest.raises(gd.GovDisclosureError) as caught:
        gd.Report.from_json(text)
    assert type(caught.value) is error
    assert str(caught.value) == message


def test_input_over_the_limit_is_refused_before_reading() -> None:
    too_long = " " * (MAX_BYTES + 1)
    with pytest.raises(
        gd.InputError, match=r"^input is 16,777,217 characters, more than the limit of 16,777,216$"
    ):
        gd.Report.from_json(too_long)
    with pytest.raises(
        gd.InputError, match=r"^input is 16,777,217 bytes, more than the limit of 16,777,216$"
    ):
        gd.Report.from_json(too_long.encode())


def test_what_is_neither_text_nor_bytes_is_an_input_error() -> None:
    with pytest.raises(gd.InputError, match=r"^cannot read a report from int: pass JSON text or bytes$"):
        gd.Report.from_json(5)  # type: ignore[arg-type]
    with pytest.raises(gd.GovDisclosureError, match=r"^not a report: expected an object, got an array @ \$$"):
        gd.Report.from_dict([("title", "x")])  # type: ignore[arg-type]


def test_a_huge_exponent_is_refused_at_once() -> None:
    # It used to be accepted; to_json() then ran for minutes and render() took 5.7 GB.
    text = json.dumps({"schema_version": 3, "active_disclosure": {"fees_10k_yuan": 0}})
    started = time.perf_counter()
    with pytest.raises(gd.GovDisclosureError) as caught:
        gd.Report.from_json(text.replace('"fees_10k_yuan": 0', '"fees_10k_yuan": 1e999999999'))
    assert time.perf_counter() - started < 1
    assert str(caught.value) == _not_a_report(
        f'expected the fee as a decimal string, like "2.35", got a number (1E+999999999) @ {FEE}'
    )


def test_many_errors_are_summed_up_not_all_listed() -> None:
    bad = {"code": 1, "severity": "warning", "message": "m"}
    with pytest.raises(gd.GovDisclosureError) as caught:
        gd.Report.from_dict(_with("diagnostics", [bad] * 100_000))
    message = str(caught.value)
    assert message.count("expected a string, got an integer (1)") == 10
    assert message.endswith("@ $.diagnostics[9].code; and 1 more")
    assert len(message) < 2_000


def test_a_bad_field_is_a_library_error_and_a_value_error() -> None:
    # As attrs' own validators do, a bad field is a ValueError to Python code.
    with pytest.raises(ValueError, match=r"^Span\.end: 4 is before start 5$") as caught:
        gd.Span(1, 1, 1, 1, 5, 4)
    assert isinstance(caught.value, InvalidFieldError)
    assert (caught.value.owner, caught.value.field) == ("Span", "end")


# ----------------------------------------------------------------------------- the fee in JSON


@pytest.mark.parametrize(
    "fee", ["1.10", "123456789012.345678", "-999999999999.999999", "0.000001", "0", "-0", "2.350000", "100"]
)
def test_fee_is_written_as_its_exact_numeral(fee: str) -> None:
    report = attrs.evolve(
        gd.parse(EXAMPLE),
        active_disclosure=attrs.evolve(gd.parse(EXAMPLE).active_disclosure, fees_10k_yuan=Decimal(fee)),
    )
    assert json.loads(report.to_json())["active_disclosure"]["fees_10k_yuan"] == fee
    back = gd.Report.from_json(report.to_json()).active_disclosure.fees_10k_yuan
    assert back is not None and str(back) == fee  # the same digits, trailing zeros too


def test_a_fee_with_an_exponent_is_written_without_one() -> None:
    fee = Decimal("1E+3")
    report = attrs.evolve(gd.Report(), active_disclosure=gd.ActiveDisclosure(fees_10k_yuan=fee))
    assert report.to_dict()["active_disclosure"]["fees_10k_yuan"] == "1000"
    assert gd.Report.from_json(report.to_json()) == report


def test_schema_describes_the_fee_as_a_decimal_string() -> None:
    schema = gd.json_schema()
    fee = schema["$defs"]["ActiveDisclosure"]["properties"]["fees_10k_yuan"]  # type: ignore[index]
    assert fee == {"anyOf": [{"type": "string", "pattern": FEE_PATTERN}, {"type": "null"}]}
    validator = jsonschema.Draft202012Validator(schema)
    for good in ("2.35", "0", "-0.5", "999999999999.999999"):
        assert validator.is_valid(_with("active_disclosure.fees_10k_yuan", good))
    # (Not "2.35\n": Python's re, which jsonschema uses, lets $ match before a final newline.)
    for bad in (2.35, "NaN", "1e5", "1.1234567", "١٢", "1,000"):
        assert not validator.is_valid(_with("active_disclosure.fees_10k_yuan", bad))
    counts = schema["$defs"]["ApplicantCounts"]["properties"]  # type: ignore[index]
    assert counts["total"]["maximum"] == MAX_COUNT and counts["spans"]["minItems"] == 7


# ----------------------------------------------------------------------------- the model itself


SPAN_ARGS = (3, 1, 3, 2, 40, 41)

BAD_OBJECTS: list[tuple[Callable[[], object], str]] = [
    (lambda: gd.Span(3, 1, 2, 2, 40, 41), "Span.end_line: 2 is before line 3"),
    (lambda: gd.Span(3, 1, 3, 2, 40, 39), "Span.end: 39 is before start 40"),
    (lambda: gd.Span(True, 1, 3, 2, 40, 41), "Span.line: expected an int, got True"),
    (lambda: gd.Span(3, -1, 3, 2, 40, 41), "Span.column: expected 0 to 999,999,999,999, got -1"),
    (lambda: gd.Span(3, 1, 3, 2, 40, 41.0), "Span.end: expected an int, got 41.0"),  # type: ignore[arg-type]
    (lambda: gd.ApplicantCounts(True), "ApplicantCounts.natural_person: expected an int or None, got True"),
    (lambda: gd.ApplicantCounts(total="7"), "ApplicantCounts.total: expected an int or None, got '7'"),  # type: ignore[arg-type]
    (lambda: gd.CaseOutcomes(10**12), "CaseOutcomes.upheld: 1000000000000 has more than 12 digits"),
    (
        lambda: gd.CaseOutcomes(10**5000),
        "CaseOutcomes.upheld: an integer of about 5,001 digits has more than 12 digits",
    ),
    (
        lambda: gd.ApplicantCounts(spans=(None,) * 3),
        "ApplicantCounts.spans: expected 7 spans, one per cell, got 3",
    ),
    (
        lambda: gd.ApplicantCounts(spans="abcdefg"),  # type: ignore[arg-type]
        "ApplicantCounts.spans: expected 7 spans, got 'abcdefg'",
    ),
    (
        lambda: gd.DocumentCounts(spans=(None, None, 5)),  # type: ignore[arg-type]
        "DocumentCounts.spans: expected a Span or None per cell, got 5",
    ),
    (
        lambda: gd.ActiveDisclosure(fees_10k_yuan=Decimal("NaN")),
        "ActiveDisclosure.fees_10k_yuan: Decimal('NaN') is not a finite amount",
    ),
    (
        lambda: gd.ActiveDisclosure(fees_10k_yuan=Decimal("sNaN")),
        "ActiveDisclosure.fees_10k_yuan: Decimal('sNaN') is not a finite amount",
    ),
    (
        lambda: gd.ActiveDisclosure(fees_10k_yuan=Decimal("-Infinity")),
        "ActiveDisclosure.fees_10k_yuan: Decimal('-Infinity') is not a finite amount",
    ),
    (
        lambda: gd.ActiveDisclosure(fees_10k_yuan=Decimal("1e999999999")),
        "ActiveDisclosure.fees_10k_yuan: Decimal('1E+999999999') is not below 10**12 (万元)",
    ),
    (
        lambda: gd.ActiveDisclosure(fees_10k_yuan=Decimal("0.0000001")),
        "ActiveDisclosure.fees_10k_yuan: Decimal('1E-7') has more than 6 decimal places",
    ),
    (
        lambda: gd.ActiveDisclosure(fees_10k_yuan=2.35),  # type: ignore[arg-type]
        "ActiveDisclosure.fees_10k_yuan: expected a Decimal or None, got 2.35",
    ),
    (
        lambda: gd.ActiveDisclosure(regulations=gd.CaseOutcomes()),  # type: ignore[arg-type]
        "ActiveDisclosure.regulations: expected a DocumentCounts, got a CaseOutcomes",
    ),
    (
        lambda: gd.Diagnostic("x", "fatal", "m"),  # type: ignore[arg-type]
        "Diagnostic.severity: expected one of 'error', 'warning', 'info', got 'fatal'",
    ),
    (
        lambda: gd.Diagnostic("x", "info", "m", key="t3.granted.nothing"),
        "Diagnostic.key: expected a cell, row or table key (t3.granted.total, t3.granted, t3) or None, "
        "got 't3.granted.nothing'",
    ),
    (
        lambda: gd.Diagnostic("x", "info", "m", expected="abc"),
        "Diagnostic.expected: expected a sequence of str, got 'abc'",
    ),
    (lambda: gd.Diagnostic("x", "info", "m", count=True), "Diagnostic.count: expected an int, got True"),
    (lambda: gd.Section(0, "h", "t"), "Section.number: expected a section number 1 to 6, got 0"),
    (lambda: gd.Section(1, "h", None), "Section.text: expected a str, got None"),  # type: ignore[arg-type]
    (lambda: gd.Report(year=1999), "Report.year: expected a year 2000 to 2099 or None, got 1999"),
    (lambda: gd.Report(year=True), "Report.year: expected a year 2000 to 2099 or None, got True"),
    (
        lambda: gd.Report(format="2020"),  # type: ignore[arg-type]
        "Report.format: expected one of '2021', '2019', 'unknown', got '2020'",
    ),
    (lambda: gd.Report(sections=5), "Report.sections: expected a sequence of Section, got 5"),  # type: ignore[arg-type]
    (lambda: gd.Report(sections=["x"]), "Report.sections: expected only Section items, got 'x'"),  # type: ignore[list-item]
    (lambda: gd.Report(title=b"t"), "Report.title: expected a str or None, got a bytes"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("make", "message"), BAD_OBJECTS, ids=[m.split(":")[0] for _, m in BAD_OBJECTS])
def test_invalid_objects_cannot_be_made(make: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidFieldError) as caught:
        make()
    assert str(caught.value) == message


def test_invalid_objects_cannot_be_made_by_evolve_either() -> None:
    with pytest.raises(InvalidFieldError, match=r"^Report\.year: "):
        attrs.evolve(gd.parse(EXAMPLE), year=3000)


def test_what_validation_reports_stays_constructible() -> None:
    # CELL_NEGATIVE reports negative counts and fees: they must be representable.
    row = gd.ApplicantCounts(-1, other_org=-(10**12 - 1))
    fee = gd.ActiveDisclosure(fees_10k_yuan=Decimal("-2"))
    assert row.natural_person == -1 and fee.fees_10k_yuan == Decimal("-2")
    assert gd.Span(0, 0, 0, 0, 0, 0).end == 0  # a position unknown to lark is 0


def test_every_key_the_parser_emits_is_a_diagnostic_key() -> None:
    # The key forms of parsing/transform.py and parsing/pipeline.py: a cell, a row of each table, a table.
    assert set(CELL_KEYS) <= DIAGNOSTIC_KEYS
    rows = {f"t2.{r}" for r in T2_ROWS} | {f"t3.{r}" for r in T3_ROWS} | {f"t4.{g}" for g in T4_GROUPS}
    assert rows <= DIAGNOSTIC_KEYS
    assert {"t2", "t3", "t4"} <= DIAGNOSTIC_KEYS
    # 2021: t2.licensing etc. are rows and cells; 2019 adds 22 表二 cells and t3.other_processing's
    # 7, and the rows other_services, fees, procurement and t3.other_processing.
    assert len(DIAGNOSTIC_KEYS) == (200 + 6 + 25 + 3 + 3 - 4) + (22 + 7) + (3 + 1)


def test_the_library_converter_is_its_own() -> None:
    # make_converter adds the strict hooks to a user's converter, never to cattrs' global one.
    data = dict(BASE)
    data.pop("schema_version")
    assert make_converter(cattrs.Converter()).structure(data, gd.Report) == gd.parse(EXAMPLE)
    assert cattrs.global_converter.structure("5", int) == 5


# ----------------------------------------------------------------------------- properties


def _corpus_docs() -> list[dict[str, Any]]:
    from .corpus import text_sources

    # Reports with diagnostics, sections and blank cells, to mutate.
    return [gd.parse(source).to_dict() for source in text_sources()[:6]]


CORPUS_DOCS = _corpus_docs()


SCHEMA = gd.json_schema()
# jsonschema.validate() would check the schema itself on every example (tests/test_data.py does, once).
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        [
            0,
            -1,
            MAX_COUNT,
            MAX_COUNT + 1,
            -MAX_COUNT,
            2024,
            1999,
            6,
            7,
            "2.35",
            "-0",
            "1.10",
            "NaN",
            "1e999999999",
            "١٢",
            "t3",
            "t3.granted",
            "t3.granted.total",
            "t2.fees_10k_yuan",
            "error",
            "info",
            "2019",
            "unknown",
            "blank-cell",
            *PLACEMENTS,
        ]
    )
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=8) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=20,
)
SPANS = st.builds(
    lambda line, lines, column, end_column, start, length: {
        "line": line,
        "column": column,
        "end_line": line + lines,
        "end_column": end_column,
        "start": start,
        "end": start + length,
    },
    *(st.integers(0, 10_000),) * 6,
)
DIAGNOSTICS = st.fixed_dictionaries(
    {
        "code": st.sampled_from(["blank-cell", "cell-count", "row-missing", "table-missing", "x"]),
        "severity": st.sampled_from(["error", "warning", "info"]),
        "message": st.text(max_size=20),
        "span": st.none() | SPANS,
        "key": st.none() | st.sampled_from(sorted(DIAGNOSTIC_KEYS)),
        "expected": st.lists(st.text(max_size=8), max_size=3),
        "printed": st.none() | st.text(max_size=8),
        "count": st.none() | st.integers(0, MAX_COUNT),
    }
)
SECTIONS = st.fixed_dictionaries(
    {
        "number": st.integers(1, 6),
        "heading": st.text(max_size=12),
        "text": st.text(max_size=40),
        "span": st.none() | SPANS,
    }
)
EXTRA_TABLES = st.integers(0, 3).flatmap(
    lambda count: st.fixed_dictionaries(
        {
            "heading": st.text(max_size=12),
            "labels": st.lists(st.text(max_size=8), max_size=3),
            "numbers": st.lists(st.text(min_size=1, max_size=8), min_size=count, max_size=count),
            "spans": st.lists(SPANS, min_size=count, max_size=count),
            "span": st.none() | SPANS,
        }
    )
)
FEES = st.decimals(
    min_value=-(10**12) + 1, max_value=10**12 - 1, places=6, allow_nan=False, allow_infinity=False
).map(lambda d: format(d, "f"))
SAME_KIND: dict[type, st.SearchStrategy[Any]] = {
    int: st.integers(-(10**12), 10**12),
    str: st.text(max_size=12)
    | FEES
    | st.sampled_from([*sorted(DIAGNOSTIC_KEYS), "error", "2019", *PLACEMENTS]),
    type(None): st.none() | st.integers(0, 3000) | FEES | SPANS,
}
# Values a field could take: valid ones, near misses, and anything.
REPLACEMENTS = (
    JSON_VALUES
    | st.integers(-(10**13), 10**13)
    | FEES
    | SPANS
    | DIAGNOSTICS
    | SECTIONS
    | st.lists(st.none() | SPANS, max_size=8)
    | st.lists(DIAGNOSTICS, max_size=3)
    | st.lists(EXTRA_TABLES, max_size=2)
    | st.lists(st.none() | st.sampled_from(PLACEMENTS), max_size=8)
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _paths(child, (*path, index))


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = draw(
        st.sampled_from([BASE, *CORPUS_DOCS]) | gds.reports(consistent=False).map(gd.Report.to_dict)
    )
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 4))):
        # Mostly deep in the document (its values are there); schema_version has its own tests.
        paths = [p for p in _paths(doc) if p and p != ("schema_version",)]
        path = draw(st.sampled_from(sorted(paths, key=len, reverse=True)))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "same-kind", "same-kind", "delete", "add"]))
        old = parent[path[-1]]
        if action == "same-kind" and type(old) in SAME_KIND:
            # Most often still valid: what is accepted must be usable, so acceptance must be common.
            parent[path[-1]] = draw(SAME_KIND[type(old)])
        elif action == "same-kind" and isinstance(old, list):
            parent[path[-1]] = draw(
                st.permutations(old).flatmap(lambda items: st.just(items[: len(items) // 2]))
            )
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(REPLACEMENTS)
        elif action == "add" and isinstance(parent, list):
            parent.append(draw(REPLACEMENTS))
        else:
            parent[path[-1]] = draw(REPLACEMENTS)
    return doc


def _usable(report: gd.Report) -> None:
    """What every accepted document must allow: JSON out and back, validation, rendering."""
    text = report.to_json()
    text.encode("utf-8")  # writable to a file
    assert gd.Report.from_json(text) == report
    assert gd.Report.from_json(text.encode("utf-8")) == report
    VALIDATOR.validate(report.to_dict())
    report.validate()
    report.validate(previous=report)
    for fmt in ("text", "markdown", "html"):
        report.render(fmt)
    report._repr_html_()
    report.metrics()
    report.to_records()
    str(report.diagnostics)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_VALUES)
def test_from_json_of_any_json_value_raises_only_library_errors(value: Any) -> None:
    text = json.dumps(value)  # NaN and Infinity too, as Python writes them
    try:
        report = gd.Report.from_json(text)
    except gd.GovDisclosureError:
        return
    _usable(report)


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_from_json_of_any_bytes_raises_only_library_errors(data: bytes) -> None:
    try:
        report = gd.Report.from_json(data)
    except gd.GovDisclosureError:
        return
    _usable(report)


@settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_documents(), st.booleans())
def test_mutated_documents_are_an_error_with_a_path_or_a_usable_report(
    doc: dict[str, Any], as_text: bool
) -> None:
    try:
        if as_text:
            report = gd.Report.from_json(json.dumps(doc, ensure_ascii=True))
        else:
            report = gd.Report.from_dict(doc)
    except gd.GovDisclosureError as error:
        assert " @ $" in str(error), str(error)
        return
    _usable(report)


@settings(max_examples=examples(50), deadline=None)
@given(gds.reports(consistent=False), st.integers(0, 10**12 - 1), st.integers(0, 6))
def test_generated_reports_round_trip_with_any_fee(report: gd.Report, units: int, places: int) -> None:
    fee = Decimal(units).scaleb(-places)
    t2 = report.active_disclosure
    # The fee's placement goes with it: a cell that holds a number says how it was placed.
    placed = (*t2.placed[:3], "row")
    report = attrs.evolve(report, active_disclosure=attrs.evolve(t2, fees_10k_yuan=fee, placed=placed))
    back = gd.Report.from_json(report.to_json())
    assert back == report
    assert str(back.active_disclosure.fees_10k_yuan) == format(fee, "f")


def test_schema_version_3_writes_the_fee_as_a_string_and_each_placement() -> None:
    assert SCHEMA_VERSION == 7 and BASE["schema_version"] == 7
    assert BASE["active_disclosure"]["fees_10k_yuan"] == "2.35"
    assert BASE["active_disclosure"]["placed"] == ["row"] * 4
    assert BASE["extra_tables"] == []
