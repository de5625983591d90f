"""The registry of diagnostic codes: every code the library emits is a member, and every
member either becomes a finding of its rule or is listed, with a reason, as none."""

from __future__ import annotations

import ast
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import gov_disclosure as gd
from gov_disclosure.diagnostic_codes import SEVERITY, DiagnosticCode
from gov_disclosure.model import Diagnostic, Span
from gov_disclosure.parsing.sections import SECTION_NAMES
from gov_disclosure.validation import FINDING_FOR_CODE, NOT_A_FINDING

from .corpus import CORPUS
from .layouts import consistent_cells, report_from_cells

SOURCE = Path(gd.__file__).resolve().parent
MEMBERS = {code.value for code in DiagnosticCode}
SPAN = Span(3, 1, 3, 9, 40, 48)


def test_a_member_is_its_string() -> None:
    code: str = DiagnosticCode.CUT_NUMBER
    assert code == "cut-number"
    assert DiagnosticCode("rows-by-order") is DiagnosticCode.ROWS_BY_ORDER
    assert Diagnostic(DiagnosticCode.NOT_INTEGER, "warning", "x") == Diagnostic("not-integer", "warning", "x")


def test_every_code_has_a_severity() -> None:
    assert set(SEVERITY) == set(DiagnosticCode)


def test_the_two_maps_are_disjoint_and_cover_the_codes() -> None:
    assert not set(FINDING_FOR_CODE) & set(NOT_A_FINDING)
    assert set(FINDING_FOR_CODE) | set(NOT_A_FINDING) == set(DiagnosticCode)


@pytest.mark.parametrize("code", [c for c in DiagnosticCode if SEVERITY[c] != "info"], ids=str)
def test_every_warning_or_error_is_a_finding_or_says_why_not(code: DiagnosticCode) -> None:
    if code in FINDING_FOR_CODE:
        return
    assert len(NOT_A_FINDING.get(code, "")) > 20, f"{code} is neither a finding nor says why not"


# ----------------------------------------------------------------------------- the source


def _code_arguments() -> Iterator[tuple[Path, int, str]]:
    """Each diagnostic code the source passes where a Diagnostic is made: the first argument
    (or ``code=``) of ``Diagnostic(…)`` and of the assembler's ``note``, ``past_limit`` and
    ``count_unlisted``: a string, either string of a conditional, or ``DiagnosticCode.X``
    (as the string ``DiagnosticCode.X`` when X is no member)."""
    makers = {"Diagnostic", "note", "past_limit", "count_unlisted"}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in makers:
                continue
            keyword = next((k.value for k in node.keywords if k.arg == "code"), None)
            for argument in _codes(node.args[0] if node.args else keyword):
                yield path, node.lineno, argument


def _codes(node: ast.expr | None) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _codes(node.body)
        yield from _codes(node.orelse)
    elif (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "DiagnosticCode"
    ):
        member = DiagnosticCode.__members__.get(node.attr)
        yield member.value if member is not None else f"DiagnosticCode.{node.attr}"


def _members_named() -> Iterator[tuple[Path, int, str]]:
    """Every ``DiagnosticCode.X`` the source names, anywhere (X in capitals: not a method)."""
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "DiagnosticCode"
                and node.attr.isupper()
            ):
                yield path, node.lineno, node.attr


def test_every_code_the_source_emits_is_a_member() -> None:
    found = list(_code_arguments())
    unknown = [
        f"{path.relative_to(SOURCE)}:{line}: {code}" for path, line, code in found if code not in MEMBERS
    ]
    assert not unknown, "codes emitted but not in DiagnosticCode:\n" + "\n".join(unknown)
    # The scan itself works: it finds the codes of the parser, its cells and the reader.
    emitted = {code for _, _, code in found}
    assert {"junk", "cut-number", "rows-by-order", "charset-overruled", "digits-run-together"} <= emitted
    assert len(emitted) >= 25


def test_every_member_the_source_names_exists() -> None:
    named = list(_members_named())
    missing = [
        f"{path.relative_to(SOURCE)}:{line}: DiagnosticCode.{attr}"
        for path, line, attr in named
        if attr not in DiagnosticCode.__members__
    ]
    assert not missing, "\n".join(missing)
    assert len(named) > 20  # validation names its codes through the enum


def _corpus_sources() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".txt", ".md", ".html", ".pdf"))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")
@pytest.mark.parametrize("path", _corpus_sources(), ids=lambda p: p.name)
def test_every_code_a_corpus_file_gets_is_a_member_with_its_severity(path: Path) -> None:
    if path.parent.name == "derived" and path.suffix == ".pdf":
        pytest.skip("refused: two reports side by side (tests/test_corpus.py)")
    report = gd.parse(path)
    for diagnostic in report.diagnostics:
        assert diagnostic.code in MEMBERS, diagnostic
        assert diagnostic.severity == SEVERITY[DiagnosticCode(diagnostic.code)], diagnostic


# ----------------------------------------------------------------------------- the findings

VALUES = consistent_cells(random.Random(11))


def _base() -> gd.Report:
    return report_from_cells(VALUES)


# One diagnostic of each mapped code, as the parser makes it, and what else of the report
# goes with it (what the diagnostic says is missing is missing).
SAMPLES: dict[DiagnosticCode, Diagnostic] = {
    DiagnosticCode.NOT_A_REPORT: Diagnostic("not-a-report", "error", "not an annual report"),
    DiagnosticCode.SEVERAL_REPORTS: Diagnostic("several-reports", "warning", "2 reports", SPAN),
    DiagnosticCode.SECTION_MISSING: Diagnostic(
        "section-missing", "warning", "missing", expected=(SECTION_NAMES[6],)
    ),
    DiagnosticCode.SECTION_OUT_OF_ORDER: Diagnostic(
        "section-out-of-order", "warning", "before", SPAN, expected=(SECTION_NAMES[5],)
    ),
    DiagnosticCode.OLD_FORMAT: Diagnostic("old-format", "error", "2019 format", SPAN),
    DiagnosticCode.TABLES_MISSING: Diagnostic("tables-missing", "warning", "no table"),
    DiagnosticCode.TABLE_MISSING: Diagnostic("table-missing", "warning", "no t4", key="t4"),
    DiagnosticCode.TABLES_UNREADABLE: Diagnostic("tables-unreadable", "error", "failed", SPAN),
    DiagnosticCode.EXTRA_TABLE: Diagnostic(
        "extra-table", "warning", "extra", SPAN, printed="五、信息处理费收取情况"
    ),
    DiagnosticCode.TABLES_REGION_TOO_LARGE: Diagnostic("tables-region-too-large", "warning", "big", SPAN),
    DiagnosticCode.UNEXPECTED_TEXT: Diagnostic(
        "unexpected-text", "warning", "表二: text that is not a label of the format was skipped: '备注'", SPAN
    ),
    DiagnosticCode.GLUED_DIGITS: Diagnostic(
        "glued-digits",
        "warning",
        "表三: digits that are part of text are not a cell: '注1' was skipped",
        SPAN,
    ),
    DiagnosticCode.STRAY_NUMBERS: Diagnostic("stray-numbers", "warning", "表三: 3 numbers", SPAN),
    DiagnosticCode.LABEL_VARIANT: Diagnostic(
        "label-variant",
        "warning",
        "variant",
        SPAN,
        key="t2.normative_documents",
        expected=("行政规范性文件",),
        printed="规范性文件",
    ),
    DiagnosticCode.LABEL_MISSING: Diagnostic(
        "label-missing",
        "warning",
        "no label",
        SPAN,
        key="t3.denied_law_enforcement_file",
        expected=("7.属于行政执法案卷",),
    ),
    DiagnosticCode.ROW_MISSING: Diagnostic(
        "row-missing", "warning", "missing", key="t3.granted", expected=("（一）予以公开",)
    ),
    DiagnosticCode.CELL_COUNT: Diagnostic(
        "cell-count", "warning", "5 numbers", SPAN, key="t3.granted", count=5
    ),
    DiagnosticCode.DIGITS_RUN_TOGETHER: Diagnostic(
        "digits-run-together", "warning", "squashed", SPAN, key="t3.granted", count=2
    ),
    DiagnosticCode.DIGITS_SPLIT: Diagnostic(
        "digits-split", "warning", "split", SPAN, key="t3.granted", expected=("T3_TOTAL_COL",)
    ),
    DiagnosticCode.CELLS_INTERLEAVED: Diagnostic(
        "cells-interleaved", "warning", "mixed", SPAN, key="t4", count=15
    ),
    DiagnosticCode.ROWS_BY_ORDER: Diagnostic(
        "rows-by-order",
        "warning",
        "by order",
        SPAN,
        key="t3.granted",
        expected=("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",),
    ),
    DiagnosticCode.CELLS_PLACED_BY_SUMS: Diagnostic(
        "cells-placed-by-sums", "warning", "sums", SPAN, key="t4"
    ),
    DiagnosticCode.BLANK_CELL: Diagnostic("blank-cell", "warning", "'/'", SPAN, key="t3.granted.total"),
    DiagnosticCode.NOT_INTEGER: Diagnostic(
        "not-integer",
        "warning",
        "t3.granted.total: '12.5' is not a whole number",
        SPAN,
        key="t3.granted.total",
    ),
    DiagnosticCode.NUMBER_TOO_LONG: Diagnostic(
        "number-too-long", "warning", "t2.licensing: '1234567890123' is longer", SPAN, key="t2.licensing"
    ),
}


def _with(diagnostic: Diagnostic) -> gd.Report:
    report = _base()
    changes: dict[str, Any] = {"diagnostics": (*report.diagnostics, diagnostic)}
    if diagnostic.code == DiagnosticCode.SECTION_MISSING:
        changes["sections"] = [s for s in report.sections if s.number != 6]
    if diagnostic.code == DiagnosticCode.OLD_FORMAT:
        changes["format"] = "2019"
    return attrs.evolve(report, **changes)


def test_every_mapped_code_has_a_sample() -> None:
    assert set(SAMPLES) == set(FINDING_FOR_CODE)


def test_the_base_report_has_no_finding() -> None:
    assert list(_base().validate()) == []


@pytest.mark.parametrize("code", list(FINDING_FOR_CODE), ids=str)
def test_each_mapped_code_becomes_a_finding_of_its_rule(code: DiagnosticCode) -> None:
    rules = {f.rule for f in _with(SAMPLES[code]).validate()}
    assert FINDING_FOR_CODE[code].id in rules


@pytest.mark.parametrize("code", list(NOT_A_FINDING), ids=str)
def test_each_code_not_mapped_makes_no_finding(code: DiagnosticCode) -> None:
    key = "t3.granted.total" if code == DiagnosticCode.CUT_NUMBER else None
    noted = Diagnostic(code, SEVERITY[code], "noted", SPAN, key=key)
    assert list(_with(noted).validate()) == []
