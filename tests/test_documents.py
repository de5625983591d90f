"""The property round trip through real files: a report written as a DOCX or a PDF in every
noisy layout (``testing.strategies.write`` with a ``DocxLayout`` or ``PdfLayout``) parses back
to its own cells, in both formats, blank cells and arithmetic errors included."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("docx")
pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.testing import strategies as gds
from gov_disclosure.testing.strategies import DocxLayout, PdfLayout

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "report_2024.txt"
# Writing a PDF or DOCX takes tens of milliseconds: hypothesis' data generation is not what is
# slow here.
FILE_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@FILE_SETTINGS
@given(
    report=st.sampled_from(["2021", "2019"]).flatmap(lambda name: gds.reports(blanks=True, format=name)),
    layout=gds.file_layouts(),
)
def test_a_report_written_as_a_file_reads_back_to_its_cells(
    report: gd.Report, layout: DocxLayout | PdfLayout
) -> None:
    back = gd.parse(gds.write(report, layout))
    assert back.format == report.format
    assert back.cells() == report.cells()


@FILE_SETTINGS
@given(data=gds.rendered_files(consistent=False))
def test_a_report_with_arithmetic_errors_reads_back_as_printed(data: tuple[gd.Report, bytes]) -> None:
    # Never repaired: the file's numbers come back as they were written, errors and all.
    report, written = data
    assert gd.parse(written).cells() == report.cells()


@pytest.mark.parametrize("layout", [DocxLayout(), PdfLayout()], ids=["docx", "pdf"])
def test_write_gives_a_file_s_bytes_for_a_file_layout(layout: DocxLayout | PdfLayout) -> None:
    report = gd.parse(EXAMPLE)
    written = gds.write(report, layout)
    assert isinstance(written, bytes)
    assert written.startswith(b"%PDF-" if isinstance(layout, PdfLayout) else b"PK\x03\x04")
    assert gd.parse(written).cells() == report.cells()


@pytest.mark.parametrize(
    "layout",
    [
        PdfLayout(ruled=False),
        PdfLayout(ruled=False, wrap_labels=True, page_break_in="table3", page_break_row=9),
    ],
    ids=["three-line tables", "three-line tables, wrapped, broken over pages"],
)
def test_tables_without_vertical_rules_read_back_by_their_gaps(layout: PdfLayout) -> None:
    # Only each table's top and bottom rule (a 三线表): no grid to rebuild, so the text's own
    # gaps are the columns.
    import pypdfium2

    from gov_disclosure.sources import pdf

    report = gd.parse(EXAMPLE)
    written = gds.write(report, layout)
    document = pypdfium2.PdfDocument(written)
    try:
        pages = [document[index] for index in range(len(document))]
        vertical_rules = [pdf._ruling_lines(page, page.get_height())[0][1] for page in pages]
    finally:
        document.close()
    assert not any(vertical_rules)
    assert gd.parse(written).cells() == report.cells()


@FILE_SETTINGS
@given(
    report=st.sampled_from(["2021", "2019"]).flatmap(lambda name: gds.reports(blanks=True, format=name)),
    font_size=st.sampled_from([9.0, 10.5, 12.0]),
)
def test_wrapped_labels_in_tables_without_rules_are_never_misread(
    report: gd.Report, font_size: float
) -> None:
    # Neither rules nor whole lines say which row a wrapped label's lines belong to: what the
    # text cannot place stays None; a number read is the report's.
    layout = PdfLayout(ruled=False, wrap_labels=True, font_size=font_size)
    expected = report.cells()
    read_back = gd.parse(gds.write(report, layout)).cells()
    assert {
        key: value for key, value in read_back.items() if value is not None and value != expected[key]
    } == {}
