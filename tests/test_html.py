"""HTML pages through ``gd.parse``: how a page is recognised, how its charset is found, what
its text is, and that hostile markup is read in linear time or refused, never lost silently."""

from __future__ import annotations

import codecs
import sys
import time
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.sources import read
from gov_disclosure.sources.html import html_to_text, looks_like_html, meta_charset

from .corpus import CORPUS
from .layouts import distinct_cells, report_from_cells

CELLS = report_from_cells(distinct_cells()).cells()
PAGE = report_from_cells(distinct_cells()).render("html")
BODY = PAGE[PAGE.index("<body>") + len("<body>") : PAGE.index("</body>")]
TITLE = "某某市某某局2024年政府信息公开工作年度报告"


@pytest.fixture(scope="module", autouse=True)
def _warm_parser() -> None:
    gd.parse("")  # build the (cached) table parser outside any timed test


def _read_all(source: str | bytes | Path) -> int:
    """How many of the 200 cells are read, and that each is the report's."""
    cells = gd.parse(source).cells()
    wrong = {k: v for k, v in cells.items() if v is not None and v != CELLS[k]}
    assert not wrong
    return sum(v is not None for v in cells.values())


def test_the_rendered_page_reads_all_cells() -> None:
    # The baseline every variant below is compared with: a comparison of empty reports proves nothing.
    assert _read_all(PAGE) == 200


# --- recognising a page: after a BOM, whitespace, XML declaration, comments, doctype ---------

PROLOGS = {
    "doctype": "<!DOCTYPE html>\n<html><body>",
    "old doctype": '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><body>',
    "xhtml": '<?xml version="1.0" encoding="utf-8"?>\n'
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"'
    ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
    f"<head><title>{TITLE}</title></head><body>",
    "xml declaration, then html": "<?xml version='1.0' encoding='UTF-8'?><html><body>",
    "saved from url": "<!-- saved from url=(0042)http://www.example.gov.cn/art/2025/1/1.html -->\n"
    "<html><body>",
    "bom and whitespace": "\ufeff \r\n\t<html><body>",
    "head": f"<head><title>{TITLE}</title></head>",
    "meta": '<meta charset="utf-8">',
    "title": f"<title>{TITLE}</title>",
    "upper case": "<HTML><BODY>",
    "two comments": "<!-- a --><!-- b -->\n<html><body>",
}


@pytest.mark.parametrize("prolog", list(PROLOGS.values()), ids=list(PROLOGS))
def test_page_recognised_after_its_prolog(prolog: str) -> None:
    page = prolog + BODY
    assert looks_like_html(page)
    assert _read_all(page) == 200
    # Bytes too: the XHTML declaration names an encoding, which lxml refuses in a str.
    data = page.encode("utf-8") if page.startswith("\ufeff") else codecs.BOM_UTF8 + page.encode("utf-8")
    assert _read_all(data) == 200
    assert _read_all(page.encode("utf-8")) == 200


@pytest.mark.parametrize(
    "text",
    [
        "一、总体情况\n<html>",
        '<div align="center">\n# 某局2024年报告\n</div>',  # Markdown may start with a <div>
        "<!DOCTYPE svg><svg></svg>",
        "<a" * 1000,
        "<!-- a comment that never ends" + " " * 5000 + "<html>",
        " " * 5000 + "<html>",  # beyond the look-ahead
        "<htmlx>",
        "",
        "<",
    ],
    ids=["text", "markdown div", "svg doctype", "a-run", "open comment", "far", "htmlx", "empty", "lt"],
)
def test_not_a_page(text: str) -> None:
    assert not looks_like_html(text)


@pytest.mark.parametrize("suffix", [".htm", ".html", ".xhtml", ".shtml", ".jhtml"])
def test_html_by_file_name(tmp_path: Path, suffix: str) -> None:
    # A fragment without any page prolog is not recognised by content, but is by name.
    path = tmp_path / f"24971296{suffix}"
    path.write_text(BODY, encoding="utf-8")
    assert not looks_like_html(BODY)
    assert _read_all(path) == 200
    assert _read_all(str(path)) == 200
    assert read(path).encoding == "utf-8, html"


def test_html_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert _read_all(path) == 200
    assert read(path).encoding.endswith(", html")


def test_utf16_page_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le")
    assert _read_all(data) == 200
    assert read(data).encoding == "utf-16-le (BOM), html"


# --- the charset of a page's bytes ------------------------------------------------------------

GB_META = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'


def test_meta_charset_decides() -> None:
    data = (GB_META + BODY).encode("gb18030")
    assert _read_all(data) == 200
    source = read(data)
    assert (source.encoding, source.notes) == ("gb18030 (meta charset), html", ())


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="gbk">', ("gbk", "gb18030")),
        (b"<meta charset=GB2312>", ("gb2312", "gb18030")),
        (b"<META CHARSET='utf-8'>", ("utf-8", "utf-8")),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">', ("gbk", "gb18030")),
        (b"<meta content='text/html;charset=\"big5\"' http-equiv=content-type>", ("big5", "big5hkscs")),
        (b'<meta content="text/html; charset=gbk">', None),  # content without the pragma: ignored
        (b'<meta charset="utf-16">', ("utf-16", "utf-8")),  # read from ASCII bytes: it is wrong
        (b'<meta charset="rot13">', None),  # a Python codec, but no text encoding
        (b'<meta charset="utf-7">', None),
        (b'<meta charset="no-such">', None),
        (b'<!-- <meta charset="gbk"> --><meta charset="utf-8">', ("utf-8", "utf-8")),
        (
            b'<html lang="zh"><head><meta name="x" content="charset=gbk"><meta charset=gbk>',
            ("gbk", "gb18030"),
        ),
        (b'<script>var s = "<meta charset=big5>";</script>', ("big5", "big5hkscs")),  # the prescan is naive
        (b" " * 1020 + b'<meta charset="gbk">', None),  # past the first 1024 bytes
        (b'<meta charset="gbk', None),  # cut inside the tag
        (b"<!-- never closed <meta charset=gbk>", None),
    ],
)
def test_meta_charset_prescan(head: bytes, expected: tuple[str, str] | None) -> None:
    assert meta_charset(head) == expected


def test_meta_charset_prescan_is_linear_on_hostile_heads() -> None:
    for head in (b"<meta " * 200, b"<a " + b"b=" * 500, b"<meta a='" * 100, b"<!" * 500, b"<" * 1024):
        assert meta_charset(head * 1000) is None


def test_wrong_meta_charset_falls_back_to_utf8_and_says_so() -> None:
    data = (GB_META + BODY).encode("utf-8")  # the site moved to UTF-8, its template did not
    assert _read_all(data) == 200
    source = read(data)
    assert source.encoding == "utf-8, html"
    assert len(source.notes) == 1
    assert "declares charset gb2312" in source.notes[0]
    assert "read as utf-8" in source.notes[0]


def test_wrong_meta_charset_falls_back_to_detection_and_says_so() -> None:
    data = (GB_META.replace("gb2312", "utf-8") + BODY).encode("gb18030")
    assert _read_all(data) == 200
    source = read(data)
    assert source.encoding == "gb18030 (detected), html"
    assert "declares charset utf-8" in source.notes[0]
    assert "read as gb18030 (detected)" in source.notes[0]


def test_no_meta_utf8_then_detection() -> None:
    page = "<html><body>" + BODY
    assert read(page.encode("utf-8")).encoding == "utf-8, html"
    source = read(page.encode("gb18030"))
    assert (source.encoding, source.notes) == ("gb18030 (detected), html", ())
    assert _read_all(page.encode("gb18030")) == 200


def test_page_cut_inside_its_last_utf8_character() -> None:
    data = ('<html><head><meta charset="utf-8"></head><body><p>' + "一" * 10).encode("utf-8")[:-1]
    source = read(data)
    assert (source.encoding, source.dropped_tail) == ("utf-8 (meta charset), html", 2)
    assert source.text == "一" * 9


def test_binary_named_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(b"%PDF-1.7\n<html>")
    with pytest.raises(gd.InputError, match="is a PDF file"):
        gd.parse(path)


# --- the text of a page -------------------------------------------------------------------------


def test_valid_html_without_head_end_tag() -> None:
    # <head><title>T</title> then the body: the whole report was dropped with the head.
    assert _read_all(f"<head><title>{TITLE}</title>" + BODY) == 200
    assert _read_all(f"<html><head><title>{TITLE}</title>\n<meta charset=utf-8>" + BODY) == 200


@pytest.mark.parametrize(
    "noscript",
    [
        "<html><body><noscript>请启用JavaScript",
        f"<html><head><title>{TITLE}</title><noscript><link rel=stylesheet href=x.css></head><body>",
        f"<html><head><title>{TITLE}</title><noscript><style>p{{}}</style><body>",
    ],
    ids=["in body", "in head", "style in head"],
)
def test_unclosed_noscript_keeps_the_page(noscript: str) -> None:
    assert _read_all(noscript + BODY) == 200


def test_noscript_text_is_kept_on_its_own_line() -> None:
    assert (
        html_to_text("<body><p>前</p><noscript>请启用JavaScript</noscript>后</body>")
        == "前\n请启用JavaScript\n后"
    )


def test_footnote_sup_in_a_cell_is_not_part_of_its_number() -> None:
    page = (
        "<html><body><table><tr><td>行政许可</td><td>5<sup>1</sup></td><td>x<sup>注</sup>y</td></tr></table>"
    )
    assert html_to_text(page) == "行政许可\t5\txy"  # a page not closed: no tab at its end
    # Outside a cell a <sup> is text (an exponent, a note mark in prose).
    assert html_to_text("<body><p>10<sup>3</sup>件</p>") == "103件"
    report = gd.parse(PAGE.replace(">1006</td>", ">1006<sup>1</sup></td>"))
    assert report.cells()["t2.licensing"] == 1006


def test_text_after_the_html_end_tag_is_kept() -> None:
    # HTML5 reads on past </body></html>; libxml2 alone would drop the rest.
    assert html_to_text("<html><body><p>a</p></body></html>\n<p>b</p>tail") == "a\nb\ntail"
    assert _read_all("<html><body><p>x</p></body></html>\n" + BODY) == 200


def test_title_line_and_trailing_newline_rules() -> None:
    page = f"<html><head><title>{TITLE}_某网站</title></head><body><p>正文</p></body></html>\n"
    assert html_to_text(page) == f"{TITLE}_某网站\n正文\n"
    # The body starts with the title: not repeated; a page that does not close </html> may be cut.
    assert html_to_text(f"<title>{TITLE}</title><h1>{TITLE}</h1><p>正文") == f"{TITLE}\n正文"


def test_scripts_styles_templates_comments_dropped() -> None:
    page = (
        "<html><head><style>td{}</style><script>var a = '<p>x</p>';</script></head><body>"
        "<!-- 注释 --><p>甲<?php echo 1; ?></p><template><p>模板</p></template>"
        "<script>document.write('乙')</script><p>丙</p></body></html>"
    )
    assert html_to_text(page) == "甲\n丙\n"


def test_cells_tabs_rows_lines_and_entities() -> None:
    page = "<table><tr><td>行政\n许可</td><td>&nbsp;7&#x4e00;</td></tr><tr><th>a&amp;b</th></tr></table>"
    # Each cell ends in a tab: a row's cells are delimited, an empty one too.
    assert html_to_text(page) == "行政 许可\t\xa07一\t\na&b"


def test_str_page_with_lone_surrogate_and_nul() -> None:
    assert html_to_text("<html><body><p>a\ud800b\x00c</p>") == "a\ufffdb\ufffdc"


def test_empty_pages() -> None:
    for page in ("<html></html>", "<!-- only a comment -->", "<?xml version='1.0'?>", ""):
        assert html_to_text(page).strip() == ""


# --- nesting depth: no limit, nothing cut -------------------------------------------------------


def test_deep_nesting_is_read_to_the_end() -> None:
    # libxml2 building a tree stops at 2048 levels and drops the rest; its events do not.
    page = "<html><body>" + "<div>x" * 200_000 + "<p>一、总体情况"
    started = time.perf_counter()
    text = html_to_text(page)
    assert time.perf_counter() - started < 5
    assert text.endswith("x\n一、总体情况")
    assert text.count("x") == 200_000


def test_nesting_deeper_than_pythons_recursion_limit_is_read() -> None:
    depth = 2000  # deep enough that a recursive walk in Python would need a raised limit
    text = html_to_text("<html><body>" + "<span>" * depth + "开始" + "</span>" * depth + "结束")
    assert text == "开始结束"
    assert depth * 2 > sys.getrecursionlimit()


def test_nested_cells_keep_their_text() -> None:
    text = html_to_text("<html><body>" + "<table><tr><td>1" * 600)
    assert text.count("1") == 600


# --- hostile markup: linear, through gd.parse (a hang guard; the scaling test is elsewhere) ------

MB = 1_600_000
HOSTILE = {
    "comments": "<!--" * (MB // 4),
    "a": "<a" * 500_000,
    "pi": "<?" * (MB // 2),
    "nested div": "<div>" * (MB // 5),
    "unclosed td": "<table><tr>" + "<td>1" * (MB // 5),
}


@pytest.mark.parametrize("as_page", [False, True], ids=["as given", "after <html><body>"])
@pytest.mark.parametrize("shape", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_markup_is_read_quickly(shape: str, as_page: bool, tmp_path: Path) -> None:
    text = ("<html><body>" if as_page else "") + HOSTILE[shape]
    path = tmp_path / "page.html"  # by name: the HTML parser sees it whatever the content
    path.write_text(text, encoding="utf-8")
    for source in (text, path):
        started = time.perf_counter()
        try:
            gd.parse(source)
        except gd.InputError as error:  # the nested <div>s: too deep, said so
            assert "nested more than" in str(error)
            assert shape == "nested div"
        assert time.perf_counter() - started < 5, (shape, source)


def test_without_lxml_html_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    path = tmp_path / "report.html"
    path.write_text(PAGE, encoding="utf-8")
    for source in (PAGE, PAGE.encode("utf-8"), path):
        with pytest.raises(gd.InputError, match=r"needs lxml \(pip install 'gov-disclosure\[html\]'\)"):
            gd.parse(source)
    assert gd.parse("一、总体情况\n").format == "unknown"  # plain text needs no lxml


def test_without_charset_normalizer_detection_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)
    with pytest.raises(gd.InputError, match=r"charset-normalizer \(pip install 'gov-disclosure\[html\]'\)"):
        gd.parse(("<html><body>" + BODY).encode("gb18030"))
    assert _read_all((GB_META + BODY).encode("gb18030")) == 200  # a right meta needs no detection


def test_empty_html_cells_are_blank_cells() -> None:
    page = PAGE.replace(">1006</td>", "></td>")
    assert ">1006<" in PAGE and page != PAGE
    report = gd.parse(page)
    assert report.cells()["t2.licensing"] is None
    assert [d.message for d in report.diagnostics if d.key == "t2.licensing"] == [
        "t2.licensing: the cell is empty"
    ]
    others = {k: v for k, v in gd.parse(PAGE).cells().items() if k != "t2.licensing"}
    assert {k: v for k, v in report.cells().items() if k != "t2.licensing"} == others


# --- where each number stands in the page -------------------------------------------------


def test_each_cell_read_from_a_page_says_its_table_row_and_column() -> None:
    where = {key: span.in_table for key, span in gd.parse(PAGE).cell_spans().items() if span}
    assert len(where) == 200 and all(where.values())
    # 表二 is the first table; 表三 the second: three header rows, then 新收, 结转, 予以公开,
    # three label columns before its seven numbers (三、本年度办理结果 spans rows below it).
    assert where["t2.regulations.issued"] == gd.InTable(1, 3, 2)
    assert where["t3.granted.total"] == gd.InTable(2, 6, 10)
    assert where["t3.partially_granted.natural_person"] == gd.InTable(2, 7, 4)
    assert where["t4.litigation_after_review.total"] == gd.InTable(3, 4, 15)


def _td_text(page: str, table: int, row: int, column: int) -> str:
    """The text of the cell at a grid place, found independently: lxml's tree, every table
    in document order, rowspan and colspan laid out on a grid."""
    from lxml import html as lxml_html

    element = lxml_html.fromstring(page).xpath("//table")[table - 1]
    filled: dict[tuple[int, int], str] = {}
    for y, tr in enumerate(element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"), start=1):
        x = 1
        for td in tr.xpath("./td | ./th"):
            while (y, x) in filled:
                x += 1
            span_x, span_y = int(td.get("colspan", "1")), int(td.get("rowspan", "1"))
            for dy in range(span_y):
                for dx in range(span_x):
                    filled[y + dy, x + dx] = td.text_content().strip() if (dx, dy) == (0, 0) else ""
            x += span_x
    return filled[row, column]


@pytest.mark.parametrize("name", ["2024_pingtan_zhyq_web.html", "2019_pingtan_zhyq_web.html"])
def test_the_table_cell_of_each_number_of_a_corpus_page_holds_it(name: str) -> None:
    path = CORPUS / "real" / name
    if not path.is_file():
        pytest.skip("corpus not found")
    page = read(path)
    report = gd.parse(path)
    from gov_disclosure.sources.html import decode_page

    markup = decode_page(path.read_bytes()).text
    for key, span in report.cell_spans().items():
        value = report.cells()[key]
        if span is None or value is None:
            continue
        assert span.in_table is not None, key
        printed = _td_text(markup, span.in_table.table, span.in_table.row, span.in_table.column)
        # the cell holds the number (an amount may carry its unit: '75394432.52元')
        number = page.text[span.start : span.end]
        assert printed == number or (printed.startswith(number) and not printed[len(number)].isdigit()), key


def test_laying_cells_on_a_grid_has_a_budget_past_which_cells_get_no_address() -> None:
    from gov_disclosure.sources import html as html_source

    # Each row's cell fills 999 grid columns for 999 rows: a hostile page's way to make every
    # later cell's place costly to find.
    rows = '<tr><td rowspan="999" colspan="999">1</td></tr>' * 4000
    text, places = html_source.html_to_source(f"<html><body><table>{rows}</table></body></html>")
    assert text.count("1\t") == 4000
    assert 0 < len(places) < 4000  # the first cells are placed, the rest past the budget are not
    assert places[0].table == 1 and places[0].row == 1 and places[0].column == 1
