"""PDF files through ``gd.parse``: tables rebuilt from ruling lines and character boxes, what
a page prints around the report dropped, and every bad PDF a clear ``InputError``.

The small PDFs here are drawn with reportlab's canvas, one noise kind each, so that each test
checks the exact text the reader makes of one geometry."""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from reportlab.lib.colors import Color, white
from reportlab.pdfgen.canvas import Canvas

import gov_disclosure as gd
from gov_disclosure.sources import documents, pdf, read
from gov_disclosure.sources.pdf import pdf_to_text
from gov_disclosure.testing.fonts import registered_font

from .corpus import CORPUS

# Embedded, so that every machine reads these PDFs alike (testing/fonts.py says why).
FONT = registered_font()
PAGE_HEIGHT = 842.0

Draw = Callable[[Canvas], None]


def _pdf(*pages: Draw, **canvas_options: object) -> bytes:
    """A PDF of A4 pages, each drawn by one function (coordinates from the top-left)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595.0, PAGE_HEIGHT), invariant=1, **canvas_options)  # type: ignore[arg-type]
    for draw in pages:
        canvas.setFont(FONT, 10)
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _text(
    canvas: Canvas, x: float, top: float, text: str, size: float = 10, height: float = PAGE_HEIGHT
) -> None:
    canvas.setFont(FONT, size)
    canvas.drawString(x, height - top - size, text)


def _grid(
    canvas: Canvas, xs: list[float], ys: list[float], *, skip: frozenset[tuple[str, int, int]] = frozenset()
) -> None:
    """Ruling lines on every x and y, but those in ``skip``: ("h", row line, column) is the
    horizontal rule on ``ys[row line]`` across column ``column`` (a merged cell has none)."""
    for row_line, y in enumerate(ys):
        for column in range(len(xs) - 1):
            if ("h", row_line, column) not in skip:
                canvas.line(xs[column], PAGE_HEIGHT - y, xs[column + 1], PAGE_HEIGHT - y)
    for column_line, x in enumerate(xs):
        for row in range(len(ys) - 1):
            if ("v", column_line, row) not in skip:
                canvas.line(x, PAGE_HEIGHT - ys[row], x, PAGE_HEIGHT - ys[row + 1])


def _small_table(canvas: Canvas) -> None:
    """Three columns, three rows; the first column's last two cells merged (no rule between),
    its label printed one character a line; the middle cell of the first row wrapped."""
    xs, ys = [100.0, 160.0, 300.0, 360.0], [100.0, 140.0, 170.0, 200.0]
    _grid(canvas, xs, ys, skip=frozenset({("h", 2, 0)}))
    _text(canvas, 105, 110, "名称")
    _text(canvas, 165, 105, "本年新收政府信息")
    _text(canvas, 165, 120, "公开申请数量")
    _text(canvas, 305, 110, "12")
    for line, char in enumerate("三结果"):
        _text(canvas, 125, 150 + 13 * line, char)
    _text(canvas, 165, 145, "予以公开")
    _text(canvas, 305, 145, "7")
    _text(canvas, 165, 175, "部分公开")
    # the last cell is empty: it still ends in a tab


def test_a_ruled_table_is_one_line_a_row_each_cell_ending_in_a_tab() -> None:
    assert pdf_to_text(_pdf(_small_table), "t.pdf").text == (
        "名称\t本年新收政府信息公开申请数量\t12\t\n三结果\t予以公开\t7\t\n部分公开\t\t\n"
    )


def test_punctuation_hanging_past_a_cell_s_rule_stays_in_its_cell() -> None:
    def page(canvas: Canvas) -> None:
        _grid(canvas, [100.0, 190.0, 260.0], [100.0, 140.0])
        _text(canvas, 105, 105, "缴纳费用")
        _text(canvas, 105, 120, "处理申请其政府信")  # ends at x=185; the 、 after it hangs past x=190
        _text(canvas, 186, 120, "、")
        _text(canvas, 200, 112, "0")

    assert pdf_to_text(_pdf(page), "t.pdf").text == "缴纳费用处理申请其政府信、\t0\t\n"


def test_rules_that_do_not_show_are_no_table() -> None:
    def page(canvas: Canvas) -> None:
        canvas.setStrokeColor(white)  # white rules on a white page
        _grid(canvas, [100.0, 200.0, 300.0], [100.0, 130.0, 160.0])
        canvas.setFillColor(Color(0.8, 0.85, 0.95))  # cell shading: a filled area, not a rule
        canvas.rect(100, PAGE_HEIGHT - 230, 200, 40, stroke=0, fill=1)
        canvas.setFillColor(Color(0, 0, 0))
        _text(canvas, 105, 105, "规章")
        _text(canvas, 205, 105, "1")

    assert pdf_to_text(_pdf(page), "t.pdf").text == "规章\t1\n"


def test_thin_filled_rectangles_are_rules() -> None:
    def page(canvas: Canvas) -> None:
        for x in (100, 200, 300):  # rules drawn as 0.8 pt wide rectangles, as some exporters do
            canvas.rect(x, PAGE_HEIGHT - 160, 0.8, 60, stroke=0, fill=1)
        for y in (100, 130, 160):
            canvas.rect(100, PAGE_HEIGHT - y, 200.8, 0.8, stroke=0, fill=1)
        _text(canvas, 105, 108, "规章")
        _text(canvas, 205, 108, "1")
        _text(canvas, 105, 138, "行政许可")

    assert pdf_to_text(_pdf(page), "t.pdf").text == "规章\t1\t\n行政许可\t\t\n"


def test_text_outside_tables_is_read_line_by_line_wide_gaps_as_tabs() -> None:
    def page(canvas: Canvas) -> None:
        _text(canvas, 100, 100, "一、总体情况")
        _text(canvas, 100, 120, "规章")
        _text(canvas, 250, 120, "1")  # an unruled table: a wide gap
        _text(canvas, 300, 120, "0")

    assert pdf_to_text(_pdf(page), "t.pdf").text == "一、总体情况\n规章\t1\t0\n"


def test_page_numbers_and_running_headers_go_and_a_continued_table_is_one_table() -> None:
    xs = [100.0, 200.0, 300.0]

    def page(first: bool) -> Draw:
        def draw(canvas: Canvas) -> None:
            _text(canvas, 250, 30, "某某市人民政府办公室")  # the same line on every page's top
            _text(canvas, 280, 800, "- 1 -" if first else "- 2 -")
            ys = [700.0, 730.0, 760.0] if first else [60.0, 90.0, 120.0]
            _grid(canvas, xs, ys)
            _text(canvas, 105, ys[0] + 8, "信息内容")  # the header row, repeated on the next page
            _text(canvas, 205, ys[0] + 8, "本年处理决定数量")
            _text(canvas, 105, ys[1] + 8, "行政许可" if first else "行政处罚")
            _text(canvas, 205, ys[1] + 8, "5" if first else "6")

        return draw

    assert pdf_to_text(_pdf(page(True), page(False)), "t.pdf").text == (
        "信息内容\t本年处理决定数量\t\n行政许可\t5\t\n行政处罚\t6\t\n"
    )


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_is_read_as_displayed(rotation: int) -> None:
    width, height = 595.0, PAGE_HEIGHT
    shown_height = width if rotation != 180 else height  # the displayed page's height

    def page(canvas: Canvas) -> None:
        canvas.setPageRotation(rotation)
        # Drawn in the displayed page's coordinates (y up), turned back into the page's own.
        if rotation == 90:
            canvas.transform(0, 1, -1, 0, width, 0)
        elif rotation == 180:
            canvas.transform(-1, 0, 0, -1, width, height)
        else:
            canvas.transform(0, -1, 1, 0, 0, height)
        for y in (100.0, 130.0, 160.0):
            canvas.line(100, shown_height - y, 300, shown_height - y)
        for x in (100.0, 200.0, 300.0):
            canvas.line(x, shown_height - 100, x, shown_height - 160)
        _text(canvas, 105, 108, "规章", height=shown_height)
        _text(canvas, 205, 108, "1", height=shown_height)
        _text(canvas, 105, 138, "行政许可", height=shown_height)
        _text(canvas, 205, 138, "2", height=shown_height)
        _text(canvas, 100, 300, "五、存在的主要问题及改进情况", height=shown_height)

    assert pdf_to_text(_pdf(page), "t.pdf").text == "规章\t1\t\n行政许可\t2\t\n五、存在的主要问题及改进情况\n"


def test_tables_side_by_side_share_their_lines() -> None:
    def page(canvas: Canvas) -> None:
        for left in (50.0, 320.0):
            _grid(canvas, [left, left + 100, left + 200], [100.0, 130.0])
            _text(canvas, left + 5, 108, "规章")
            _text(canvas, left + 105, 108, "1" if left < 100 else "2")

    assert pdf_to_text(_pdf(page), "t.pdf").text == "规章\t1\t规章\t2\t\n"


def test_the_corpus_pdf_keeps_where_each_piece_stands() -> None:
    path = CORPUS / "real" / "2024_huaian_shi.pdf"
    if not path.is_file():
        pytest.skip("corpus not found")
    source = read(path)
    assert source.encoding == "pdf"
    granted = source.text.index("（一）予以公开")
    place = next(p for p in source.places if p.start <= granted < p.end)
    assert place.page == 4 and place.box is not None
    x0, top, x1, bottom = place.box
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842
    # the places are in order and cover only the text they name
    assert all(a.end <= b.start for a, b in zip(source.places, source.places[1:], strict=False))
    assert all(source.text[p.start : p.end].strip() for p in source.places)


# --- what is refused ------------------------------------------------------------------------


def _error(source: bytes | Path) -> str:
    with pytest.raises(gd.InputError) as caught:
        gd.parse(source)
    return str(caught.value)


def test_a_scan_is_refused_as_having_no_text_layer() -> None:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("L", (60, 80), 200).save(picture, format="PNG")

    def page(canvas: Canvas) -> None:
        from reportlab.lib.utils import ImageReader

        canvas.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 50, 50, 500, 700)

    assert _error(_pdf(page)).startswith("scanned: no text layer")


def test_a_pdf_with_nothing_on_its_pages_says_so() -> None:
    assert "no text on any page" in _error(_pdf(lambda canvas: None))


def test_an_encrypted_pdf_is_refused_by_name() -> None:
    assert "encrypted with a password" in _error(_pdf(_small_table, encrypt="secret"))


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_a_cut_pdf_is_read_or_refused_never_a_traceback(keep: float) -> None:
    data = _pdf(_small_table, _small_table)
    try:
        text = pdf_to_text(data[: int(len(data) * keep)], "t.pdf").text
    except gd.InputError as error:
        assert "PDF" in str(error) or "text" in str(error)
    else:
        assert "予以公开" in text or text == ""


def test_garbage_after_the_header_is_an_input_error() -> None:
    assert "PDF" in _error(b"%PDF-1.7\n" + bytes(range(256)) * 40)


def test_the_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    assert "2 pages, more than the limit of 1" in _error(_pdf(_small_table, _small_table))


def test_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_SECONDS", -1.0)
    assert "to read (page 1 of 1)" in _error(_pdf(_small_table))


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    assert "gov-disclosure[pdf]" in _error(_pdf(_small_table))


def test_a_path_and_its_bytes_read_the_same(tmp_path: Path) -> None:
    data = _pdf(_small_table)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    assert read(path).text == read(data).text == pdf_to_text(data, "x").text


def test_a_pdf_named_txt_is_read_as_a_pdf_and_a_page_named_pdf_as_a_page(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(_pdf(_small_table))
    assert read(tmp_path / "report.txt").encoding == "pdf"
    (tmp_path / "page.pdf").write_text("<html><body><p>政府信息公开</p></body></html>", encoding="utf-8")
    assert read(tmp_path / "page.pdf").text.strip() == "政府信息公开"


def _zip(*members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member in members:
            archive.writestr(member, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "suffix", "named", "how"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".doc", "Word 97-2003", "--convert-to docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".wps", "WPS document", "--convert-to docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".xls", "Excel 97-2003", "--convert-to pdf"),
        (b"{\\rtf1\\ansi hello}", ".rtf", "RTF document", "--convert-to docx"),
        (_zip("OFD.xml", "Doc_0/Document.xml"), ".ofd", "OFD document", "export to PDF"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), ".xlsx", "Excel workbook", "--convert-to pdf"),
        (_zip("mimetype", "content.xml"), ".odt", "OpenDocument", "--convert-to docx"),
        (_zip("readme.txt"), ".zip", "no Word document", ""),
        (b"PK\x03\x04 cut short", ".docx", "cannot be opened", ""),
    ],
    ids=["doc", "wps", "xls", "rtf", "ofd", "xlsx", "odt", "zip", "cut zip"],
)
def test_office_formats_that_are_not_read_name_themselves_and_how_to_convert(
    tmp_path: Path, data: bytes, suffix: str, named: str, how: str
) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(data)
    message = _error(path)
    assert named in message and how in message
    assert message.startswith(str(path))


def test_the_kind_comes_from_the_bytes_not_the_name() -> None:
    assert documents.document_kind(b"%PDF-1.4 ...", ".docx") == "pdf"
    assert documents.document_kind(b"junk" * 10 + b"%PDF-1.4", ".pdf") == "pdf"
    assert documents.document_kind(b"junk" * 10 + b"%PDF-1.4", ".txt") is None
    assert documents.document_kind(_zip("word/document.xml"), ".doc") == "docx"
    assert documents.document_kind("政府信息公开".encode(), ".pdf") is None


# --- where each number stands in the file -------------------------------------------------


def _huaian() -> gd.Report:
    path = CORPUS / "real" / "2024_huaian_shi.pdf"
    if not path.is_file():
        pytest.skip("corpus not found")
    return gd.parse(path)


def test_every_cell_read_from_a_pdf_says_its_page_and_box() -> None:
    report = _huaian()
    spans = report.cell_spans()
    read_cells = {key: span for key, span in spans.items() if span is not None}
    assert len(read_cells) == 200
    pages = {key: span.on_page.page for key, span in read_cells.items() if span.on_page is not None}
    assert len(pages) == 200
    # 表二 starts on page 3; 表三 runs from page 4 to 5, breaking inside （四）无法提供
    assert pages["t2.licensing"] == 3 and pages["t2.fees_10k_yuan"] == 4
    assert pages["t3.granted.total"] == pages["t3.unable_not_held.total"] == 4
    assert pages["t3.unable_needs_creation.total"] == pages["t4.review.total"] == 5
    granted = spans["t3.granted.total"]
    natural = spans["t3.granted.natural_person"]
    assert granted is not None and natural is not None
    assert granted.on_page is not None and natural.on_page is not None
    # the total column stands right of the natural-person column, on the same printed line
    assert granted.on_page.x0 > natural.on_page.x1
    assert abs(granted.on_page.top - natural.on_page.top) < 3


def test_the_page_travels_through_json_and_text_reports_json_is_unchanged() -> None:
    import json

    jsonschema = pytest.importorskip("jsonschema")
    report = _huaian()
    data = json.loads(report.to_json())
    jsonschema.validate(data, gd.json_schema())
    assert gd.Report.from_json(report.to_json()) == report
    text_json = gd.parse(_TEXT_REPORT).to_json()
    assert "on_page" not in text_json and "in_table" not in text_json


_TEXT_REPORT = Path(__file__).resolve().parents[1] / "examples" / "report_2024.txt"


def test_a_finding_in_a_pdf_names_its_page() -> None:
    import attrs

    report = _huaian()
    granted = report.applications.granted
    assert granted.natural_person is not None
    wrong = attrs.evolve(granted, natural_person=granted.natural_person + 1)
    broken = attrs.evolve(report, applications=attrs.evolve(report.applications, granted=wrong))
    lines = {finding.rule: (finding.line("zh"), finding.line("en")) for finding in broken.validate()}
    assert "（第4页）" in lines["T3_TOTAL_COL"][0] and "(page 4)" in lines["T3_TOTAL_COL"][1]
    assert "（第5页）" in lines["T3_TOTAL_ROW"][0]


def test_a_page_of_more_rules_than_the_limit_is_read_as_lines() -> None:
    def page(canvas: Canvas) -> None:
        for step in range(400):  # a 400 x 400 grid: 160,000 crossings
            canvas.line(50, 50 + step * 1.8, 550, 50 + step * 1.8)
            canvas.line(50 + step * 1.2, 50, 50 + step * 1.2, 770)
        _text(canvas, 100, 40, "规章")

    assert pdf.MAX_CROSSINGS < 400 * 400
    assert pdf_to_text(_pdf(page), "t.pdf").text == "规章\n"


def test_the_time_limit_holds_inside_a_page_s_rules_too() -> None:
    rules = [pdf._Line(float(at), 0.0, 500.0) for at in range(0, 500, 10)]
    with pytest.raises(gd.InputError, match=r"to read \(the rules of page 3\)"):
        pdf._cells(rules, rules, deadline=0.0, page=3)


def _split_group_pages(continued: str, top_offset: float) -> tuple[Draw, Draw]:
    """Page 1 ends with a group label cell at the table's foot; page 2's table starts with a
    two-row cell in the same column holding ``continued``, ``top_offset`` below its head."""

    def first(canvas: Canvas) -> None:
        _grid(canvas, [100.0, 160.0, 300.0, 360.0], [740.0, 770.0])
        _text(canvas, 105, 758, "（四）无")  # runs to the cell's foot: cut by the page break
        _text(canvas, 165, 750, "1.本机关不掌握")
        _text(canvas, 305, 750, "5")

    def second(canvas: Canvas) -> None:
        # the group cell spans both rows: no rule under its first row
        _grid(canvas, [100.0, 160.0, 300.0, 360.0], [60.0, 90.0, 120.0], skip=frozenset({("h", 1, 0)}))
        _text(canvas, 105, 60 + top_offset, continued)
        _text(canvas, 165, 70, "2.没有现成信息")
        _text(canvas, 305, 70, "6")
        _text(canvas, 165, 100, "3.补正后仍不明确")
        _text(canvas, 305, 100, "7")

    return first, second


def test_a_merged_cell_cut_by_a_page_break_is_one_cell_again() -> None:
    text = pdf_to_text(_pdf(*_split_group_pages("法提供", 4)), "t.pdf").text
    assert text.splitlines()[:2] == ["（四）无法提供\t1.本机关不掌握\t5\t", "\t2.没有现成信息\t6\t"]


@pytest.mark.parametrize(
    ("continued", "top_offset"),
    [("（五）其他", 4), ("法提供", 20)],
    ids=["a new enumerated item", "text centred in its cell"],
)
def test_a_new_cell_on_the_next_page_is_not_joined_to_the_one_above(
    continued: str, top_offset: float
) -> None:
    text = pdf_to_text(_pdf(*_split_group_pages(continued, top_offset)), "t.pdf").text
    assert text.splitlines()[:2] == ["（四）无\t1.本机关不掌握\t5\t", f"{continued}\t2.没有现成信息\t6\t"]


def test_a_glyph_box_pdfium_misplaces_is_placed_by_the_glyph_s_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Chrome's PDF export (the comparison PDF): pdfium boxes some glyphs (一, 二, 十) far from
    # where they are printed; their matrices say where. The PDF itself is refused as two
    # reports side by side, so its text is read here with that check off.
    path = CORPUS / "derived" / "2024_suqian_shi_vs2023_compare.pdf"
    if not path.is_file():
        pytest.skip("corpus not found")
    monkeypatch.setattr(pdf, "_refuse_twin_tables", lambda *args: None)
    rows = [
        line for line in pdf_to_text(path.read_bytes(), path.name).text.splitlines() if "\t1191\t" in line
    ]
    assert rows and rows[0].startswith("（一）予以公开\t1175\t12\t0\t3\t1\t0\t1191\t（一）予以公开\t1408")
