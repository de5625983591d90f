"""Every layer agrees with each format (``gov_disclosure.formats``): the grammar prints the
format's labels, every label is reachable, nothing outside ``formats/`` spells one, and
generated reports of each format render and parse back to themselves.

The 2019-format corpus files are checked against truth read by hand off each file (not by
this library): ``tests/data/format_2019/*.json``, each saying how it was read."""

from __future__ import annotations

import ast
import json
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.formats import FORMATS, Format
from gov_disclosure.model import T3_COLUMNS
from gov_disclosure.parsing.grammar import mandated_labels, terminal_regex
from gov_disclosure.parsing.noise import normalize
from gov_disclosure.testing import strategies as gds

from .corpus import CORPUS
from .profiles import examples

SOURCE = Path(gd.__file__).parent
HAND_READ = Path(__file__).parent / "data" / "format_2019"
TEMPLATES = list(FORMATS.values())
_ENUMERATOR = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[0-9]+\.)")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_the_grammar_prints_exactly_the_format_s_labels(template: Format) -> None:
    in_grammar = mandated_labels(template.name)
    in_format = {name: label.text for name, label in template.terminals().items()}
    assert in_grammar == in_format


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_every_label_and_alias_is_read_by_its_terminal(template: Format) -> None:
    for name, label in template.terminals().items():
        regex = terminal_regex(name, template.name)
        for text in (label.text, *label.aliases):
            assert regex.fullmatch(normalize(text)), (name, text)


def _label_words() -> set[str]:
    """Every label of every format, with and without its enumerator (two characters or more)."""
    words: set[str] = set()
    for template in TEMPLATES:
        for label in template.labels():
            for text in (label.text, *label.aliases):
                words |= {text, _ENUMERATOR.sub("", text)}
    return {w for w in words if len(w) >= 2}


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


# Modules that spell words a label also contains, as something else: the narrative rules read
# prose of section 一 (行政复议案件数), hostile inputs repeat a word to attack the lexer.
_NOT_LABEL_TABLES = {"validation/narrative.py", "testing/hostile.py"}


def test_no_module_outside_the_formats_spells_a_label() -> None:
    words = _label_words()
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith("formats/") or relative in _NOT_LABEL_TABLES:
            continue
        found += [f"{relative}:{line}: {text!r}" for line, text in _literals(path) if text in words]
    assert not found, "\n".join(found)


def _renders_and_parses_back(report: gd.Report, template: Format) -> None:
    assert list(report.cells()) == list(template.cell_keys())
    for fmt in ("text", "markdown", "html"):
        back = gd.parse(report.render(fmt))
        assert back.format == template.name
        assert back.cells() == report.cells(), fmt
    assert gd.Report.from_json(report.to_json()) == report
    assert not [f for f in report.validate().findings if f.severity == "error"]


@settings(max_examples=examples(15), deadline=None)
@given(gds.reports(format="2021"))
def test_generated_2021_reports_render_and_parse_back(report: gd.Report) -> None:
    _renders_and_parses_back(report, FORMATS["2021"])


@settings(max_examples=examples(15), deadline=None)
@given(gds.reports(format="2019"))
def test_generated_2019_reports_render_and_parse_back(report: gd.Report) -> None:
    _renders_and_parses_back(report, FORMATS["2019"])


def _hand_read() -> list[Path]:
    return sorted(HAND_READ.glob("*.json"))


@pytest.mark.parametrize("truth_file", _hand_read(), ids=lambda p: p.stem)
def test_2019_format_reports_read_as_printed(truth_file: Path) -> None:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    source = CORPUS / truth["source"]
    if not source.exists():
        pytest.skip(f"{source} is not here")
    report = gd.parse(source)
    assert report.format == "2019"
    cells = report.cells()
    assert set(cells) == set(truth["cells"])
    assert cells == {k: (Decimal(v) if isinstance(v, str) else v) for k, v in truth["cells"].items()}
    # The Pingtan pages print the procurement amount with its unit in the cell (…52元).
    units = [d for d in report.diagnostics if d.code == "unit-in-cell"]
    assert all(d.key == "t2.procurement.amount" and d.printed and d.printed.endswith("元") for d in units)


def test_the_site_s_own_arithmetic_error_is_found_not_repaired() -> None:
    source = CORPUS / "real" / "2020_pingtan_zhyq_web.html"
    if not source.exists():
        pytest.skip(f"{source} is not here")
    errors = [f for f in gd.parse(source).validate().findings if f.severity == "error"]
    assert [(f.rule, f.column, f.expected, f.actual) for f in errors] == [
        ("T3_TOTAL_ROW", "natural_person", 26, 20),
        ("T3_TOTAL_ROW", "total", 27, 21),
    ]


def test_a_2021_report_in_the_2019_format_is_outdated() -> None:
    report = gd.parse(
        gd.parse(CORPUS / "real" / "2019_pingtan_zhyq_web.html").render("text").replace("2019年", "2022年")
    )
    assert report.format == "2019" and report.year == 2022
    assert "FORMAT_OUTDATED" in {f.rule for f in report.validate().findings}


@settings(max_examples=examples(15), deadline=None)
@given(gds.reports(format="2019"), gds.reports(format="2021"))
def test_cross_year_across_formats_compares_what_both_print(old: gd.Report, new: gd.Report) -> None:
    previous, report = attrs.evolve(old, year=2020), attrs.evolve(new, year=2021)
    findings = report.validate(previous).findings
    assert not [f for f in findings if f.rule == "XY_T2_BALANCE"]  # 2019 has no 现行有效件数
    then, now = previous.applications.carried_forward, report.applications.carried_over
    differ = {c for c in T3_COLUMNS if getattr(then, c) != getattr(now, c)}
    assert {f.column for f in findings if f.rule == "XY_CARRY"} == differ


@settings(max_examples=examples(30), deadline=None)
@given(gds.rendered_reports(format="2019", consistent=False))
def test_2019_reports_read_back_in_every_layout(pair: tuple[gd.Report, str]) -> None:
    # Blank and wrong cells too: the layouts are drawn on the 2021 rows, and a 2019 report keeps
    # each insert that falls on a row of the same kind in its own.
    report, text = pair
    assert gd.parse(text).cells() == report.cells()


@settings(max_examples=examples(30), deadline=None)
@given(
    st.sampled_from(["2021", "2019"]).flatmap(lambda name: gds.reports(format=name, blanks=True)),
    gds.layouts().map(lambda layout: attrs.evolve(layout, money_units=True)),
)
def test_an_amount_printed_with_its_unit_is_read_and_said(report: gd.Report, layout: gds.Layout) -> None:
    # 2021's fee is printed …万元 (its column's unit), 2019's procurement amount …元.
    parsed = gd.parse(gds.write(report, layout))
    read = {k: v for k, v in parsed.cells().items() if v is not None}
    assert read == {k: report.cells()[k] for k in read}  # never a wrong number
    if layout.text_digits or layout.prose_notes:
        return  # text beside '2.35万元' may take it as its own words: then it is not read
    assert parsed.cells() == report.cells()
    money = {k for k, v in report.cells().items() if v is not None} & report.template.money_cells()
    if not layout.html:
        assert {d.key for d in parsed.diagnostics if d.code == "unit-in-cell"} == money


@pytest.mark.parametrize(
    ("printed", "value", "code"),
    [
        ("2.35万元", Decimal("2.35"), "unit-in-cell"),
        ("2.35元", None, "glued-digits"),
        ("2.35", Decimal("2.35"), None),
    ],
)
def test_a_unit_the_column_contradicts_is_not_read(
    printed: str, value: Decimal | None, code: str | None
) -> None:
    # The fee column is in 万元: a fee printed in 元 would be ten thousand times too large.
    parsed = gd.parse(f"二、主动公开政府信息情况\n行政事业性收费\t{printed}\n")
    assert parsed.cells()["t2.fees_10k_yuan"] == value
    assert [d.code for d in parsed.diagnostics if d.key == "t2.fees_10k_yuan"] == ([code] if code else [])


def test_a_unit_on_a_count_is_text() -> None:
    parsed = gd.parse("二、主动公开政府信息情况\n行政许可\t5元\n行政处罚\t3\n")
    assert parsed.cells()["t2.licensing"] is None
    assert parsed.cells()["t2.punishment"] == 3
