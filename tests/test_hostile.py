"""Hostile and broken input, one loop over ``tests/data/hostile`` (tomli's ``invalid`` habit).

Each case is an input file ``NAME.<ext>`` beside ``NAME.expected.json``, which says how the
input is given to the library and what must come out:

- ``"entry"``: ``"bytes"`` (``gd.parse`` of the file's bytes), ``"path"`` (``gd.parse`` of its
  path), ``"text"`` (of its UTF-8 text) or ``"json"`` (``gd.Report.from_json`` of its bytes);
- ``"error"`` and ``"message"``: the exception's class name and its exact message (``{path}``
  stands for the file's path), or
- ``"diagnostics"`` (codes that must be among the report's) and ``"cells"`` (cell key ->
  the value that must be read, ``null`` for none), and ``"validate": true`` when the report
  must also validate without an exception.

Inputs too large to keep as files (the 512 KB cap on the table region, megabytes of one
character) are made by the functions in ``GENERATED`` below, with the same expectations.
"""

from __future__ import annotations

import gc
import json
import random
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import gov_disclosure as gd
from gov_disclosure.model import T3_COLUMNS, T4_COLUMNS
from gov_disclosure.parsing.positions import BLOCK, Lines

DATA = Path(__file__).parent / "data" / "hostile"
CASES = sorted(p for p in DATA.glob("*") if p.is_file() and not p.name.endswith(".expected.json"))


def _expected(case: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(case.with_name(case.stem + ".expected.json").read_text("utf-8"))
    return found


def _run(case: Path, entry: str) -> object:
    if entry == "bytes":
        return gd.parse(case.read_bytes())
    if entry == "path":
        return gd.parse(case)
    if entry == "text":
        return gd.parse(case.read_text(encoding="utf-8"))
    if entry == "json":
        return gd.Report.from_json(case.read_bytes())
    raise AssertionError(f"{case.name}: unknown entry {entry!r}")


def test_every_case_has_its_expectation() -> None:
    assert CASES, f"no hostile cases in {DATA}"
    for case in CASES:
        assert case.with_name(case.stem + ".expected.json").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_hostile_case(case: Path) -> None:
    expected = _expected(case)
    if "error" in expected:
        with pytest.raises(gd.GovDisclosureError) as caught:
            _run(case, expected["entry"])
        assert type(caught.value).__name__ == expected["error"]
        assert str(caught.value) == expected["message"].replace("{path}", str(case))
        return
    report = _run(case, expected["entry"])
    assert isinstance(report, gd.Report)
    _check(report, expected)


def _check(report: gd.Report, expected: dict[str, Any]) -> None:
    codes = {d.code for d in report.diagnostics}
    assert set(expected.get("diagnostics", ())) <= codes, sorted(codes)
    cells = report.cells()
    for key, value in expected.get("cells", {}).items():
        assert cells[key] == value, key
    if expected.get("validate"):
        assert isinstance(report.validate(), gd.Validation)


TABLES = "二、主动公开政府信息情况\n"
TABLE_3 = "三、收到和处理政府信息公开申请情况\n"
TABLE_4 = "四、政府信息公开行政复议、行政诉讼情况\n"
CAP = 512 * 1024  # the table region read

GENERATED: dict[str, tuple[Callable[[], str], dict[str, Any]]] = {
    # Past the cap the text used to be blanked to spaces, a label cut short before them, and
    # the widened labels backtracked over the run (30 s); a number cut by the cap read 123.
    "cap cuts a label before spaces": (
        lambda: TABLES + "x" * (CAP - 2) + "1" + "x" * 30_000,
        {"diagnostics": ["tables-region-too-large"]},
    ),
    "cap never cuts a number": (
        lambda: TABLES + "x" * (CAP - 8) + "\n行政许可 12345\n" + "x" * 30_000,
        {"diagnostics": ["tables-region-too-large"], "cells": {"t2.licensing": None}},
    ),
    "cap on one line never cuts a number": (
        lambda: TABLES + ("x " * CAP)[: CAP - 7] + "行政许可 12345 " + "x" * 30_000,
        {"diagnostics": ["tables-region-too-large"], "cells": {"t2.licensing": None}},
    ),
    "一、 past the cap": (lambda: TABLES + "一、" * 500_000, {"diagnostics": ["tables-region-too-large"]}),
    "digits in section 一": (
        lambda: "一、总体情况\n" + "1" * 60_000 + "\n" + TABLES,
        {"validate": True},
    ),
    "行政复议 to 1 MB": (lambda: TABLES + "行政复议" * 250_000, {"diagnostics": ["tables-region-too-large"]}),
    "a line break and 100,000 spaces": (lambda: "\n" + " " * 100_000, {}),
    # Past 700 pieces a row's junk is counted, not split: its last numbers are never read, as
    # 表四's 15 once were from placeholders (found by the mutation fuzzer).
    "表四 after 800 stretches of text": (
        lambda: TABLE_4 + "x\n" * 800 + " ".join(map(str, range(1, 16))) + "\n",
        {"diagnostics": ["cell-count"], "cells": {f"t4.review.{c}": None for c in T4_COLUMNS}},
    ),
    "a row of 表三 after 800 stretches of text": (
        lambda: TABLE_3 + "一、本年新收政府信息公开申请数量\n" + "x\n" * 800 + "1 2 3 4 5 6 21\n",
        {"diagnostics": ["cell-count"], "cells": {f"t3.new_received.{c}": None for c in T3_COLUMNS}},
    ),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_hostile_case(name: str) -> None:
    make, expected = GENERATED[name]
    _check(gd.parse(make()), expected)


def test_no_reference_to_the_text_outlives_parse() -> None:
    # A thread used to keep the last text it parsed (413 MB after a 16 MiB input).
    text = TABLES + "规章\t1\t2\t3\n行政许可\t5\n" * 1_000 + "注：" + "x" * 10_000
    gd.parse(text).validate()
    gc.collect()
    holders = [r for r in gc.get_referrers(text) if not isinstance(r, types.FrameType)]
    assert holders == []


@pytest.mark.parametrize("seed", range(5))
def test_line_and_column_of_any_offset(seed: int) -> None:
    # Spans count lines within one block of the text (a list of every line start of 16 MiB of
    # line breaks took hundreds of MB); checked against counting from the start.
    rng = random.Random(seed)
    for length in (0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 7):
        text = "".join(rng.choice("ab\n") for _ in range(length)) if seed else "x" * length
        lines = Lines(text)
        for offset in [0, length, *(rng.randrange(length + 1) for _ in range(50))]:
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            assert lines.line_column(offset) == (line, column), offset
