"""Every truth file of the shared corpus whose source is text parses to exactly its truth."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.sources import read

from .corpus import CORPUS, TEXT_SUFFIXES, same, source_of, text_sources, truth_cells, truth_files

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")

# Cells whose digits ran together and that the report's own evidence leaves open: the crawler
# dropped every separator, and '行政规范性文件6233440' (62|33|440) has no identity in 表二 to
# tell 62|33|440 from 6|233|440 and the others. They must be None, with the true reading among
# the candidates the diagnostic lists; every other cell of these files is read exactly.
OPEN = {
    "2024_pingtan_zhyq": ("t2.normative_documents", "62|33|440"),
    "2025_pingtan_zhyq": ("t2.normative_documents", "58|45|546"),
}


# Every form of source a truth file stands beside; PDF and DOCX need their extras.
READ = (*TEXT_SUFFIXES, ".html", ".pdf", ".docx")


def _cases() -> list[tuple[Path, Path]]:
    cases = []
    for truth in truth_files():
        source = source_of(truth)
        if source is not None and source.suffix in READ:
            cases.append((truth, source))
    return cases


CASES = _cases()


def _stem(truth: Path) -> str:
    return truth.name[: -len(".truth.json")]


@pytest.mark.parametrize(("truth", "source"), CASES, ids=[_stem(t) for t, _ in CASES])
def test_parses_to_its_truth(truth: Path, source: Path) -> None:
    document, expected = truth_cells(truth)
    report = gd.parse(source)
    got = report.cells()
    assert list(got) == list(gd.CELL_KEYS)
    stem = _stem(truth)
    if stem in OPEN:
        row, reading = OPEN[stem]
        assert all(got[k] is None for k in got if k.startswith(row + "."))
        (said,) = [d for d in report.diagnostics if d.code == "digits-run-together" and d.key == row]
        assert reading in said.expected
        expected = {k: v for k, v in expected.items() if not k.startswith(row + ".")}
    wrong = {k: (got[k], v) for k, v in expected.items() if not same(got[k], v)}
    assert not wrong, f"cells that differ from the truth (got, truth): {wrong}"
    if document.get("year") and str(document["year"]) in read(source).text:
        assert report.year == document["year"]


def test_the_corpus_has_cases() -> None:
    assert len(CASES) >= 20
    assert any(source.suffix == ".pdf" for _, source in CASES)


@pytest.mark.parametrize("year", [2019, 2020])
def test_2019_format_pages_are_recognised(year: int) -> None:
    report = gd.parse(CORPUS / "real" / f"{year}_pingtan_zhyq_web.html")
    assert (report.format, report.year) == ("2019", year)
    result = report.validate()
    assert [f.rule for f in result if f.severity == "info"] == ["FORMAT_2019"]
    assert not [f for f in result.errors if f.rule in ("FORMAT_OUTDATED", "TABLE_ROWS")]


@pytest.mark.parametrize("source", text_sources(), ids=[p.name for p in text_sources()])
def test_every_text_source_parses_and_numbers_stand_in_the_source(source: Path) -> None:
    """No source raises; every number read is the digit string at its span."""
    text = source.read_bytes().decode("utf-8")
    report = gd.parse(text)
    spans = report.cell_spans()
    for key, value in report.cells().items():
        span = spans[key]
        if value is None:
            continue
        assert span is not None, key
        printed = text[span.start : span.end].translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
        assert Decimal(printed.replace(",", "").replace("，", "")) == value, (key, printed, value)


def test_old_format_report_is_recognised() -> None:
    report = gd.parse(CORPUS / "real" / "2023_xixian_dizhangjiedao_oldformat.md")
    assert report.format == "2019"
    assert any(d.code == "old-format" and d.severity == "info" for d in report.diagnostics)
    # A 2023 report in the old template: its 表二 is read as the 2019 table, and it is outdated.
    assert report.cells()["t2.licensing.decisions"] == 0
    assert "FORMAT_OUTDATED" in {f.rule for f in report.validate().findings}


COMPARISONS = ["2024_suqian_shi_vs2023_compare_layout.txt", "2024_suqian_shi_vs2023_compare_raw.txt"]


def test_a_comparison_pdf_is_refused_never_read_as_a_mix_of_two_reports() -> None:
    # The PDF's geometry shows the same tables printed twice side by side.
    path = CORPUS / "derived" / "2024_suqian_shi_vs2023_compare.pdf"
    with pytest.raises(gd.InputError, match=r"side by side .* a comparison of two reports, not one report"):
        gd.parse(path)


@pytest.mark.parametrize("name", COMPARISONS)
def test_side_by_side_comparison_is_not_read_as_one_report(name: str) -> None:
    report = gd.parse(CORPUS / "derived" / name)
    assert all(v is None for v in report.cells().values())


def test_narrative_only_excerpt_says_so() -> None:
    report = gd.parse(CORPUS / "real" / "2021_beihai_shi.txt")
    assert all(v is None for v in report.cells().values())
    assert any(d.code == "tables-missing" for d in report.diagnostics)


def _truth_is_consistent(cells: dict[str, object]) -> bool:
    """The truth's own sums hold wherever all their numbers are known."""
    values = {k: v for k, v in cells.items() if v is not None}
    report = gd.Report(
        applications=gd.Applications(
            **{
                row: gd.ApplicantCounts(*(cells[f"t3.{row}.{c}"] for c in gd.model.T3_COLUMNS))  # type: ignore[arg-type]
                for row in gd.model.T3_ROWS
            }
        ),
        review_litigation=gd.ReviewLitigation(
            **{
                g: gd.CaseOutcomes(*(cells[f"t4.{g}.{c}"] for c in gd.model.T4_COLUMNS))  # type: ignore[arg-type]
                for g in gd.model.T4_GROUPS
            }
        ),
    )
    arithmetic = {"T3_IDENTITY", "T3_TOTAL_ROW", "T3_TOTAL_COL", "T4_SUM"}
    return bool(values) and not [f for f in report.validate().errors if f.rule in arithmetic]


@pytest.mark.parametrize(("truth", "source"), CASES, ids=[_stem(t) for t, _ in CASES])
def test_consistent_reports_validate_without_errors(truth: Path, source: Path) -> None:
    _, expected = truth_cells(truth)
    if not _truth_is_consistent(expected):
        pytest.skip("the report's own numbers do not add up")
    result = gd.parse(source).validate()
    assert result.ok, [str(f) for f in result.errors]


@pytest.mark.parametrize("source", text_sources(), ids=[p.name for p in text_sources()])
def test_every_text_source_validates_without_raising(source: Path) -> None:
    result = gd.parse(source).validate()
    assert all(f.rule in gd.validation.RULES for f in result)


@pytest.mark.parametrize("name", COMPARISONS)
def test_side_by_side_comparison_is_said_to_be_no_single_report(name: str) -> None:
    result = gd.parse(CORPUS / "derived" / name).validate()
    assert [f.actual for f in result.errors if f.rule == "TABLE_COLS"] == [14]
