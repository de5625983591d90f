"""DOCX files through ``gd.parse``: the text a Word document's body and tables give (the HTML
reader's, for the same table as a web page), every kind of noise a Word report has, and every
bad or hostile archive a clear ``InputError``.

The small documents here are WordprocessingML written by hand, one noise kind each, so that
each test checks the exact text the reader makes of one structure; whole reports are written
by ``gov_disclosure.testing.docx_file``."""

from __future__ import annotations

import io
import re
import struct
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("docx")

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.render import Block, DocumentCell, DocumentTable
from gov_disclosure.sources import docx as docx_source
from gov_disclosure.sources import read
from gov_disclosure.sources.docx import docx_to_text
from gov_disclosure.sources.html import html_to_text
from gov_disclosure.testing import strategies as gds
from gov_disclosure.testing.docx_file import DocxLayout, document_docx, docx_bytes, docx_layouts

from .layouts import distinct_cells, report_from_cells

REPORT = report_from_cells(distinct_cells())
CELLS = REPORT.cells()
HTML_TEXT = html_to_text(REPORT.render("html"))
EMPTY = document_docx([])
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


@pytest.fixture(scope="module", autouse=True)
def _warm_parser() -> None:
    gd.parse("")  # build the (cached) table parser outside any timed test


def _with_members(
    data: bytes, members: dict[str, bytes | None], compress_type: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """The archive ``data`` with members replaced or added (``None``: removed), the added ones
    stored with ``compress_type``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename not in members:
                target.writestr(member.filename, source.read(member))
        for name, content in members.items():
            if content is not None:
                info = zipfile.ZipInfo(name)
                info.compress_type = compress_type
                target.writestr(info, content)
    return out.getvalue()


def _document_xml(
    body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
) -> bytes:
    return f"{prolog}<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>".encode()


def _docx(body: str) -> bytes:
    """A Word document whose body is ``body`` (WordprocessingML, the w: prefix declared)."""
    return _with_members(EMPTY, {"word/document.xml": _document_xml(body)})


def _text_of(body: str) -> str:
    return docx_to_text(_docx(body), "test.docx").text


def _as_page(html: str) -> str:
    return html_to_text(f"<html><body>{html}</body></html>")


def p(*runs: str) -> str:
    return "<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{run}</w:t></w:r>' for run in runs) + "</w:p>"


def tc(*content: str, span: int = 1, merge: str | None = None) -> str:
    """A cell: its paragraphs (or other content), its gridSpan, and its vMerge value
    ("restart", "continue", or "" for the bare ``<w:vMerge/>`` Word writes to continue)."""
    properties = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if merge is not None:
        properties += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{''.join(content) or '<w:p/>'}</w:tc>"


def tr(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def tbl(*rows: str, columns: int = 4) -> str:
    grid = '<w:gridCol w:w="1000"/>' * columns
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def test_the_default_layout_reads_all_cells_as_the_html_page_does() -> None:
    # The baseline every variant below is compared with: a comparison of empty reports proves nothing.
    data = docx_bytes(REPORT)
    assert sum(v is not None for v in CELLS.values()) == 200
    assert gd.parse(data).cells() == CELLS
    source = read(data)
    assert (source.text, source.encoding, source.notes) == (HTML_TEXT, "docx", ())


# --- (a) a property: every report, in every layout --------------------------------------------


@settings(deadline=None)  # a DOCX written and read: tens of ms, more on a busy machine
@given(
    st.sampled_from(["2021", "2019"]).flatmap(
        lambda name: gds.reports(format=name, blanks=True) | gds.reports(format=name)
    ),
    docx_layouts(),
)
def test_every_report_reads_back_from_docx_in_every_layout(report: gd.Report, layout: DocxLayout) -> None:
    assert gd.parse(docx_bytes(report, layout)).cells() == report.cells()


# --- (b) one noise kind at a time: the exact text of a small table, and a whole report -------------

# Each knob on its own; those that leave the text as the HTML page's say so.
ONE_KNOB = {
    "merges spread out, blank": (DocxLayout(merge_cells=False), False),
    "merges spread out, labels repeated": (DocxLayout(merge_cells=False, repeat_unmerged_labels=True), False),
    "wrapped labels": (DocxLayout(wrap_labels=True), True),
    "表三 split in two": (DocxLayout(split_table3_at=12), True),
    "表三 split, header repeated": (DocxLayout(split_table3_at=12, repeat_header=True), False),
    "表三 split inside its header": (DocxLayout(split_table3_at=2), False),  # 总计 starts again, empty
    "title in a text box": (DocxLayout(title_in_text_box=True), True),
    "empty paragraphs": (DocxLayout(empty_paragraphs=True), True),
    "bold paragraphs for headings": (DocxLayout(heading_style=False), True),
}


@pytest.mark.parametrize(("layout", "as_html"), list(ONE_KNOB.values()), ids=list(ONE_KNOB))
def test_each_noise_kind_reads_the_whole_report(layout: DocxLayout, as_html: bool) -> None:
    data = docx_bytes(REPORT, layout)
    assert gd.parse(data).cells() == CELLS
    assert (docx_to_text(data, "report.docx").text == HTML_TEXT) == as_html


def test_merged_header_cells_appear_once() -> None:
    body = tbl(
        tr(tc(p("第二十条第（一）项"), span=4)),
        tr(tc(p("信息内容")), tc(p("本年制发件数")), tc(p("本年废止件数")), tc(p("现行有效件数"))),
        tr(tc(p("规章")), tc(p("1")), tc(), tc(p("3"))),
        tr(tc(p("行政许可")), tc(p("6"), span=3)),
    )
    text = (
        "第二十条第（一）项\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\t\n"
        "规章\t1\t\t3\t\n行政许可\t6\t\n"
    )
    assert _text_of(body) == text
    assert text == _as_page(
        "<table><tr><th colspan=4>第二十条第（一）项</th></tr>"
        "<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>"
        "<tr><td>规章</td><td>1</td><td></td><td>3</td></tr>"
        "<tr><td>行政许可</td><td colspan=3>6</td></tr></table>"
    )


def test_rowspan_group_labels_stand_in_their_first_row_only() -> None:
    body = tbl(
        tr(tc(p("三、本年度办理结果"), merge="restart"), tc(p("（一）予以公开"), span=2), tc(p("1"))),
        tr(tc(merge=""), tc(p("（三）不予公开"), merge="restart"), tc(p("1.属于国家秘密")), tc(p("2"))),
        # Text in a continued place is not shown by Word: not read either.
        tr(tc(p("stale"), merge="continue"), tc(merge=""), tc(p("2.其他法律行政法规禁止公开")), tc(p("3"))),
    )
    text = (
        "三、本年度办理结果\t（一）予以公开\t1\t\n"
        "（三）不予公开\t1.属于国家秘密\t2\t\n2.其他法律行政法规禁止公开\t3\t\n"
    )
    assert _text_of(body) == text
    assert text == _as_page(
        "<table><tr><td rowspan=3>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>1</td></tr>"
        "<tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>2</td></tr>"
        "<tr><td>2.其他法律行政法规禁止公开</td><td>3</td></tr></table>"
    )


def test_word_97_horizontal_merge_appears_once() -> None:
    body = tbl(
        tr(
            '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>' + p("申请人情况") + "</w:tc>",
            "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>",
            tc(p("总计")),
        )
    )
    assert _text_of(body) == "申请人情况\t总计\t\n"


def test_wrapped_labels_are_joined_where_they_wrap() -> None:
    body = tbl(
        tr(tc(p("2.其他法律行政法规禁止公"), p("开")), tc(p("1"))),
        tr(
            "<w:tc><w:p><w:r><w:t>3.危及“三安全</w:t></w:r><w:r><w:br/><w:t>一稳定”</w:t></w:r></w:p></w:tc>",
            tc(p(" 2 ")),
        ),
        tr(tc(p("Total"), p("count")), tc(p("\u30003"))),  # English wraps between words
        tr(  # tab stops defined in a cell's paragraph are no tabs
            '<w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
            "<w:r><w:t>合计</w:t></w:r></w:p></w:tc>",
            tc(p("9")),
        ),
        # A tab would end the cell: it is a space; a footnote mark is not part of the number.
        tr(
            "<w:tc><w:p><w:r><w:t>4.保护</w:t><w:tab/><w:t>第三方</w:t></w:r></w:p></w:tc>",
            '<w:tc><w:p><w:r><w:t>5</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            "<w:t>1</w:t></w:r></w:p></w:tc>",
        ),
    )
    assert _text_of(body) == (
        "2.其他法律行政法规禁止公开\t1\t\n3.危及“三安全一稳定”\t2\t\nTotal count\t3\t\n合计\t9\t\n"
        "4.保护 第三方\t5\t\n"
    )


def test_a_table_split_in_two_reads_on() -> None:
    first = tbl(
        tr(
            tc(p("三、本年度办理结果"), merge="restart"),
            tc(p("（三）不予公开"), merge="restart"),
            tc(p("1.属于国家秘密")),
            tc(p("1")),
        ),
        tr(tc(merge=""), tc(merge=""), tc(p("2.其他法律行政法规禁止公开")), tc(p("2"))),
    )
    # After Word's "split table" a merge continued from the part above starts again, empty.
    second = tbl(
        tr(tc(merge="restart"), tc(merge="restart"), tc(p("3.危及“三安全一稳定”")), tc(p("3"))),
        tr(tc(merge=""), tc(merge=""), tc(p("4.保护第三方合法权益")), tc(p("4"))),
    )
    assert _text_of(first + "<w:p/>" + p("（续表）") + second) == (
        "三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t1\t\n2.其他法律行政法规禁止公开\t2\t\n"
        "（续表）\n3.危及“三安全一稳定”\t3\t\n4.保护第三方合法权益\t4\t\n"
    )


def test_a_title_in_a_text_box_is_read_once_in_place() -> None:
    box = f"<w:txbxContent>{p('某某局2024年')}{p('政府信息公开工作年度报告')}</w:txbxContent>"
    drawing = f"<w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing>"
    fallback = f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
    anchored = (
        f'<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}'
        f"</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>"
    )
    assert (
        _text_of(anchored + p("一、总体情况"))
        == "前\n某某局2024年\n政府信息公开工作年度报告\n后\n一、总体情况\n"
    )
    # A VML text box alone (Word 2007, WPS): read too.
    legacy = f"<w:p><w:r>{fallback}</w:r></w:p>"
    assert _text_of(legacy) == "某某局2024年\n政府信息公开工作年度报告\n"


def test_a_nested_table_is_read_after_the_row_holding_it() -> None:
    nested = tbl(tr(tc(p("甲")), tc(p("1"))), tr(tc(p("乙")), tc(p("2"))), columns=2)
    body = tbl(
        tr(tc(p("外一")), tc(p("说明"), nested)),
        tr(tc(p("外二")), tc(p("3"))),
        columns=2,
    )
    source = docx_to_text(_docx(body), "nested.docx")
    assert source.text == "外一\t说明\t\n甲\t1\t\n乙\t2\t\n外二\t3\t\n"
    assert source.notes == ("1 table(s) nested in a table's cell: each read after the row holding it",)
    # parse turns a reader's note into a source-read-around warning (a page's: charset-overruled)
    notes = [
        (d.code, d.severity, d.message)
        for d in gd.parse(_docx(body)).diagnostics
        if d.code.startswith("source")
    ]
    assert notes == [("source-read-around", "warning", source.notes[0])]


def test_a_report_framed_in_a_one_column_table_is_read_as_the_body() -> None:
    # Some sites' exports put the whole report in one cell, its tables nested there.
    report_body = read(docx_bytes(REPORT)).text
    inner = zipfile.ZipFile(io.BytesIO(docx_bytes(REPORT))).read("word/document.xml").decode()
    content = inner[inner.index("<w:body>") + len("<w:body>") : inner.index("<w:sectPr")]
    framed = tbl(tr(tc(content)), columns=1)
    data = _docx(framed)
    assert docx_to_text(data, "framed.docx").text == report_body
    assert gd.parse(data).cells() == CELLS


def test_body_paragraphs_tabs_breaks_and_what_is_not_text() -> None:
    body = (
        # Tabs as columns; the tab stops the paragraph defines are no tabs.
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
        "<w:r><w:t>规章</w:t><w:tab/><w:t>1</w:t><w:tab/><w:t>2</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>一行</w:t><w:br/><w:t>二行</w:t></w:r></w:p>"
        '<w:p><w:ins w:id="1"><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del w:id="2"><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent>" + p("控件内") + "</w:sdtContent></w:sdt>"
        "<w:p><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>" + p("\u3000\u3000缩进") + "<w:p/>"
    )
    source = docx_to_text(_docx(body), "body.docx")
    assert source.text == "规章\t1\t2\n一行\n二行\n插入\n结果\n可见\n控件内\n链接\n缩进\n"
    assert source.notes == ("the document has tracked changes: read as if accepted (deleted text left out)",)


def test_headers_and_footers_are_not_read() -> None:
    document = docx.Document(io.BytesIO(docx_bytes(REPORT)))
    document.sections[0].header.paragraphs[0].text = "某某局 2024 12345"
    document.sections[0].footer.paragraphs[0].text = "第 3 页 共 9 页 67890"
    saved = io.BytesIO()
    document.save(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert any(name.startswith("word/header") for name in names)
    assert any(name.startswith("word/footer") for name in names)
    assert docx_to_text(saved.getvalue(), "x.docx").text == HTML_TEXT


def test_the_writer_is_deterministic() -> None:
    layout = DocxLayout(title_in_text_box=True, wrap_labels=True, split_table3_at=5, repeat_header=True)
    assert docx_bytes(REPORT, layout) == docx_bytes(REPORT, layout)
    with pytest.raises(ValueError, match="split_table3_at=0"):
        docx_bytes(REPORT, DocxLayout(split_table3_at=0))


def test_document_docx_writes_a_small_table_of_blocks() -> None:
    table = DocumentTable(
        3,
        (
            (
                DocumentCell("三、本年度办理结果", rowspan=2),
                DocumentCell("（一）予以公开"),
                DocumentCell("1", number=True),
            ),
            (DocumentCell("（二）部分公开（区分处理的）"), DocumentCell("2", number=True)),
        ),
    )
    blocks: list[Block] = [("heading", "三、收到和处理政府信息公开申请情况"), ("table", table)]
    expected = (
        "三、收到和处理政府信息公开申请情况\n"
        "三、本年度办理结果\t（一）予以公开\t1\t\n（二）部分公开（区分处理的）\t2\t\n"
    )
    # The label spread over its places in rows of its own is blank below: the same text.
    for layout in (DocxLayout(), DocxLayout(wrap_labels=True), DocxLayout(merge_cells=False)):
        assert docx_to_text(document_docx(blocks, layout), "x").text == expected
    repeated = DocxLayout(merge_cells=False, repeat_unmerged_labels=True)
    assert docx_to_text(document_docx(blocks, repeated), "x").text == expected.replace(
        "\n（二）", "\n三、本年度办理结果\t（二）"
    )


# --- (c) bounds: every hostile or broken archive a clear InputError ----------------------------------

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


def _member(name: str, content: bytes, compress_type: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The empty document with one more member."""
    return _with_members(EMPTY, {name: content}, compress_type)


def _encrypted(data: bytes, name: str) -> bytes:
    """``data`` with member ``name`` flagged encrypted (``zipfile`` writes no encryption), in its
    local header and in its central directory entry."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    while data[entry + 46 : entry + 46 + len(info.orig_filename)] != info.orig_filename.encode():
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[entry + 28 : entry + 34])
        entry += 46 + name_length + extra_length + comment_length
    changed = bytearray(data)
    for flags_at in (info.header_offset + 6, entry + 8):
        changed[flags_at] |= 0x1
    return bytes(changed)


def _many_members(count: int, size: int) -> bytes:
    content = bytes(size)
    return _with_members(EMPTY, {f"word/media/filler{number}.bin": content for number in range(count)})


def _corrupt(data: bytes, name: str, where: float) -> bytes:
    """``data`` with 16 bytes of member ``name``'s compressed data changed, ``where`` into it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    at = info.header_offset + 30 + name_length + extra_length + int(info.compress_size * where)
    return data[:at] + bytes(b ^ 0x5A for b in data[at : at + 16]) + data[at + 16 :]


def _content_types_saying(content_type: bytes) -> bytes:
    content_types = zipfile.ZipFile(io.BytesIO(EMPTY)).read("[Content_Types].xml")
    changed = content_types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", content_type
    )
    assert changed != content_types
    return _with_members(EMPTY, {"[Content_Types].xml": changed})


def _strict() -> bytes:
    """The empty document with its relationships named as Word's Strict Open XML names them."""
    relationships = zipfile.ZipFile(io.BytesIO(EMPTY)).read("_rels/.rels")
    strict = relationships.replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    )
    assert strict != relationships
    return _with_members(EMPTY, {"_rels/.rels": strict})


_SPREADSHEET = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_LIMIT = f"more than the limit of {64 * 1024 * 1024:,}"
# name: (how to make the file, what the message says). Made when a test asks: some take time.
CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "zip bomb by ratio": (lambda: _member("word/media/image1.png", bytes(2 * 1024 * 1024)), "a ZIP bomb"),
    "too much uncompressed": (lambda: _many_members(65, 1024 * 1024), _LIMIT),
    "too many members": (lambda: _many_members(10_001, 0), "members, more than the limit of 10,000"),
    "entity expansion": (
        lambda: _with_members(EMPTY, {"word/document.xml": _document_xml(p("&j;"), LAUGHS)}),
        "word/document.xml declares a DTD",
    ),
    "a DTD after a long prolog": (
        lambda: _with_members(
            EMPTY,
            {"word/styles.xml": b"<?xml version='1.0'?>" + b"<!-- x -->" * 20_000 + b"<!DOCTYPE x []><x/>"},
        ),
        "word/styles.xml declares a DTD",
    ),
    "a DTD in UTF-16": (
        lambda: _with_members(
            EMPTY, {"word/settings.xml": "\ufeff<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>".encode("utf-16-le")}
        ),
        "word/settings.xml declares a DTD",
    ),
    "truncated zip": (lambda: EMPTY[: len(EMPTY) // 2], "cannot be opened as a ZIP archive"),
    "member corrupt at its start": (
        lambda: _corrupt(EMPTY, "word/document.xml", 0.0),
        "member word/document.xml is corrupt: Error -3",
    ),
    "member corrupt later": (lambda: _corrupt(EMPTY, "word/styles.xml", 0.5), "corrupt member: Bad CRC-32"),
    "zip without document.xml": (
        lambda: _with_members(EMPTY, {"word/document.xml": None}),
        "part missing: There is no item named 'word/document.xml'",
    ),
    "zip without [Content_Types].xml": (
        lambda: _with_members(EMPTY, {"[Content_Types].xml": None}),
        "without [Content_Types].xml",
    ),
    "strict open xml": (_strict, "save it again as a Word Document"),
    "main part of another type": (
        lambda: _content_types_saying(_SPREADSHEET),
        "is not a Word document: its main part is application/vnd.openxmlformats-officedocument.spreadsheet",
    ),
    "document.xml not XML": (
        lambda: _with_members(EMPTY, {"word/document.xml": b"<w:document><w:body>"}),
        "not well-formed",
    ),
    "document.xml nested too deep": (
        lambda: _docx("<w:tbl><w:tr><w:tc>" * 100 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 100),
        "Excessive depth",
    ),
    "encrypted member": (lambda: _encrypted(EMPTY, "word/styles.xml"), "encrypted member (word/styles.xml)"),
    "bzip2 member": (
        lambda: _member("word/media/image1.png", b"x" * 100, zipfile.ZIP_BZIP2),
        "compression method 12",
    ),
    "not a zip at all": (lambda: b"GIF89a, not a zip", "cannot be opened as a ZIP archive"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_bound_and_each_broken_archive_is_an_input_error(name: str, tmp_path: Path) -> None:
    make, message = CASES[name]
    data = make()
    started = time.perf_counter()
    with pytest.raises(gd.InputError, match=re.escape(message)):
        docx_to_text(data, "bad.docx")
    assert time.perf_counter() - started < 2
    if name == "not a zip at all":
        return  # through gd.parse, bytes that are no ZIP are not given to the DOCX reader
    # Through gd.parse, documents.py may refuse first (a ZIP cut short, no word/document.xml).
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(gd.InputError, match=r"^.*bad\.docx: "):
        gd.parse(path)
    with pytest.raises(gd.InputError):
        gd.parse(data)


def test_bounds_have_their_documented_values() -> None:
    assert (docx_source.MAX_MEMBERS, docx_source.MAX_UNCOMPRESSED) == (10_000, 64 * 1024 * 1024)
    assert (docx_source.MAX_RATIO, docx_source.BOMB_MIN_SIZE) == (200, 1024 * 1024)
    # A member under the bomb size compresses as well as it likes: the template's styles do.
    small = _member("word/media/image1.png", bytes(1024 * 1024))
    assert docx_to_text(small, "x").text == ""


def test_entities_are_never_expanded_even_past_the_dtd_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # Defence in depth: were a DTD not seen, python-docx's parser (libxml2) still refuses to
    # expand the entities, and that is an InputError too.
    monkeypatch.setattr(docx_source, "_declares_dtd", lambda archive, member: False)
    data = _with_members(EMPTY, {"word/document.xml": _document_xml(p("&j;"), LAUGHS)})
    started = time.perf_counter()
    with pytest.raises(gd.InputError, match="amplification"):
        docx_to_text(data, "laughs.docx")
    assert time.perf_counter() - started < 2


def test_corrupt_deflate_data_in_python_docx_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise zlib.error("Error -3 while decompressing data: invalid block type")

    monkeypatch.setattr(docx_source, "_declares_dtd", lambda archive, member: False)
    monkeypatch.setattr(zipfile.ZipFile, "read", broken)
    with pytest.raises(gd.InputError, match="corrupt member: Error -3"):
        docx_to_text(EMPTY, "x.docx")


def test_without_python_docx_the_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(docx_bytes(REPORT))
    monkeypatch.setitem(sys.modules, "docx", None)
    for source in (path, path.read_bytes()):
        with pytest.raises(
            gd.InputError, match=r"needs python-docx \(pip install 'gov-disclosure\[docx\]'\)"
        ):
            gd.parse(source)


# --- (d) a path and its bytes ------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".DOCX", ".doc", ""])
def test_a_path_and_its_bytes_give_the_same_report(tmp_path: Path, suffix: str) -> None:
    # The bytes decide, not the name: a DOCX saved as .doc is read as the DOCX it is.
    data = docx_bytes(REPORT, DocxLayout(wrap_labels=True, title_in_text_box=True))
    path = tmp_path / f"report{suffix}"
    path.write_bytes(data)
    from_path = gd.parse(path)
    assert from_path == gd.parse(str(path)) == gd.parse(data)
    assert from_path.cells() == CELLS
    assert read(path).encoding == "docx"


# --- where each number stands in the document -----------------------------------------------


def test_every_cell_read_from_a_docx_says_its_table_row_and_column() -> None:
    report = gd.parse(docx_bytes(REPORT))
    spans = report.cell_spans()
    assert all(span is not None and span.in_table is not None for span in spans.values())
    where = {key: span.in_table for key, span in spans.items() if span is not None}
    # 表二 is the first table, 表三 the second: its three header rows, then 新收, 结转, 予以公开;
    # its grid has three label columns before the seven numbers.
    assert where["t2.regulations.issued"] == gd.InTable(1, 3, 2)
    assert where["t3.granted.total"] == gd.InTable(2, 6, 10)
    assert where["t3.new_received.natural_person"] == gd.InTable(2, 4, 4)
    # 表四: the fourth row holds its fifteen numbers
    assert where["t4.review.upheld"] == gd.InTable(3, 4, 1)
    assert where["t4.litigation_after_review.total"] == gd.InTable(3, 4, 15)
    assert gd.Report.from_json(report.to_json()) == report


def test_a_finding_in_a_docx_names_its_table_cell() -> None:
    # Every cell of REPORT is a different number: 予以公开's row does not add up.
    report = gd.parse(docx_bytes(REPORT))
    (finding,) = [f for f in report.validate() if f.rule == "T3_TOTAL_COL" and f.row == "granted"]
    assert "（第2个表格第6行第10列）" in finding.line("zh")
    assert "(table 2, row 6, column 10)" in finding.line("en")
