"""Hypothesis strategies for reports, and for the noisy layouts real reports come in.

    from gov_disclosure.testing import strategies as gds

    @given(gds.reports())                  # valid, internally consistent Reports
    @given(gds.reports(consistent=False))  # with arithmetic errors and cells left blank
    @given(gds.reports(blanks=True))       # consistent, but with some cells left blank
    @given(gds.rendered_reports())         # (report, text) pairs in a random noisy layout
    @given(gds.layouts())                  # the layout knobs themselves
    @given(gds.layouts(cut=True))          # ... and the text cut short somewhere
    @given(gds.rendered_files())           # (report, bytes of a DOCX or PDF file of it)
    @given(gds.file_layouts())             # a DocxLayout or a PdfLayout

Every knob of a ``Layout`` is one kind of noise the parser absorbs, so a failing example
shrinks to the one knob that breaks. ``write(report, layout)`` renders a report in a layout:
text for a ``Layout``, the file's bytes for a ``DocxLayout`` (``docx_file.py``, needs
python-docx) or a ``PdfLayout`` (``pdf_file.py``, needs reportlab).

The noise never makes a number: digits that the noise adds are glued to text (``2023年``,
``注1``, ``〔2023〕5号``), except in page-number lines (``- 3 -``, ``第 3 页``), which are known
junk. So in every layout but ``cut_at`` a reader that takes a cell to be a number standing alone
between separators (tab, space, line break, ``|``) reads exactly the report's cells, in order.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Literal, NamedTuple, overload

import attrs
from hypothesis import strategies as st

from ..formats import FORMAT_2019, FORMAT_2021, Format, format_named
from ..model import (
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    Report,
    ReviewLitigation,
    Section,
)
from ..parsing.sections import SECTION_NAMES
from ..render import _table_rows
from .docx_file import DocxLayout, docx_bytes, docx_layouts
from .pdf_file import PdfLayout, pdf_bytes, pdf_layouts

__all__ = [
    "PAGE_NUMBER_LINE",
    "DocxLayout",
    "FileLayout",
    "Insert",
    "Layout",
    "PdfLayout",
    "file_layouts",
    "layouts",
    "rendered_files",
    "rendered_reports",
    "reports",
    "write",
]

# The layouts that write a file's bytes, not text.
FileLayout = DocxLayout | PdfLayout

_FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}
_HALF_PUNCTUATION = str.maketrans("（）：，", "():,")


def _t2_value(key: str, signed: bool) -> st.SearchStrategy[Any]:
    if key.endswith((".amount", "fees_10k_yuan")):  # money: a decimal with two places
        return st.integers(0, 10_000_000).map(lambda cents: Decimal(cents) / 100)
    if signed:  # 2019's 本年增/减
        return st.integers(-50, 50)
    return (
        st.integers(0, 30) if key.startswith(("t2.regulations", "t2.normative")) else st.integers(0, 100_000)
    )


@st.composite
def _consistent_cells(draw: st.DrawFn, template: Format = FORMAT_2021) -> dict[str, Any]:
    small = st.integers(0, 30)
    values: dict[str, Any] = {}
    signed = template.signed_cells()
    for key in template.table("t2").cell_keys():
        values[key] = draw(_t2_value(key, key in signed))
    outcome_rows = template.identity("T3_TOTAL_ROW").left
    t3_rows = template.table("t3").row_keys
    for column in T3_COLUMNS[:6]:
        for row in outcome_rows:
            values[f"t3.{row}.{column}"] = draw(st.integers(0, 20))
        processed = sum(values[f"t3.{row}.{column}"] for row in outcome_rows)
        forward = draw(small)
        carried = draw(st.integers(0, processed + forward))
        values[f"t3.total_processed.{column}"] = processed
        values[f"t3.carried_forward.{column}"] = forward
        values[f"t3.carried_over.{column}"] = carried
        values[f"t3.new_received.{column}"] = processed + forward - carried
    for row in t3_rows:
        values[f"t3.{row}.total"] = sum(values[f"t3.{row}.{c}"] for c in T3_COLUMNS[:6])
    for group in T4_GROUPS:
        parts = [draw(small) for _ in range(4)]
        values.update({f"t4.{group}.{c}": p for c, p in zip(T4_COLUMNS[:4], parts, strict=True)})
        values[f"t4.{group}.total"] = sum(parts)
    return values


def _table2_2019(values: dict[str, Any]) -> ActiveDisclosure2019:
    rows: dict[str, Any] = {}
    for row in FORMAT_2019.table("t2").rows:
        rows[row.key] = ActiveDisclosure2019.row_type(row.key)(
            *(values.get(key) for key in row.cell_keys("t2"))
        )
    return ActiveDisclosure2019(**rows)


def report_of(values: dict[str, Any], *, year: int | None = None, format: str = "2021") -> Report:
    """A Report holding ``values`` (cell key -> value) in ``format`` ("2021" or "2019"), with
    the six sections; the year is 2024 for a 2021 report and 2020 for a 2019 one unless given."""
    template = format_named(format)
    year = year if year is not None else 2020 if format == "2019" else 2024
    t2 = ActiveDisclosure()
    t2_2019 = None
    if format == "2019":
        t2_2019 = _table2_2019(values)
    else:
        t2 = ActiveDisclosure(
            regulations=DocumentCounts(*(values[f"t2.regulations.{c}"] for c in DocumentCounts.FIELDS)),
            normative_documents=DocumentCounts(
                *(values[f"t2.normative_documents.{c}"] for c in DocumentCounts.FIELDS)
            ),
            licensing=values["t2.licensing"],
            punishment=values["t2.punishment"],
            coercion=values["t2.coercion"],
            fees_10k_yuan=values["t2.fees_10k_yuan"],
        )
    rows: dict[str, Any] = {
        r: ApplicantCounts(*(values[f"t3.{r}.{c}"] for c in T3_COLUMNS))
        for r in template.table("t3").row_keys
    }
    groups: dict[str, Any] = {
        g: CaseOutcomes(*(values[f"t4.{g}.{c}"] for c in T4_COLUMNS)) for g in T4_GROUPS
    }
    texts = {1: "本机关认真做好政府信息公开工作。", 5: "公开的深度还需提升。", 6: "本年度未收取信息处理费。"}
    return Report(
        title=f"某某县某某局{year}年政府信息公开工作年度报告",
        agency="某某县某某局",
        year=year,
        sections=[Section(n, name, texts.get(n, "")) for n, name in SECTION_NAMES.items()],
        active_disclosure=t2,
        active_disclosure_2019=t2_2019,
        applications=Applications(**rows),
        review_litigation=ReviewLitigation(**groups),
        format="2019" if template.name == "2019" else "2021",
    )


@st.composite
def _inconsistent_cells(draw: st.DrawFn, template: Format = FORMAT_2021) -> dict[str, Any]:
    values = draw(_consistent_cells(template))
    cell_keys = template.cell_keys()
    keys = [k for k in cell_keys if k.startswith(("t3.", "t4."))]
    for key in draw(st.sets(st.sampled_from(keys), min_size=1, max_size=5)):
        values[key] = values[key] + draw(st.integers(1, 9))
    for key in draw(st.sets(st.sampled_from(list(cell_keys)), max_size=5)):
        values[key] = None
    return values


def reports(
    *,
    consistent: bool = True,
    blanks: bool = False,
    format: str = "2021",
) -> st.SearchStrategy[Report]:
    """Reports in ``format`` ("2021", or "2019" with its own 表二) whose tables satisfy every
    sum of the format, or (``consistent=False``) with some cells off by a few and some left
    blank. ``blanks=True`` leaves one to thirty more cells blank (``None``), for layouts where a
    blank cell is printed as nothing."""
    template = format_named(format)
    cell_keys = template.cell_keys()
    cells = _consistent_cells(template) if consistent else _inconsistent_cells(template)
    if blanks:
        cells = st.tuples(cells, st.sets(st.sampled_from(cell_keys), min_size=1, max_size=30)).map(
            lambda drawn: {k: None if k in drawn[1] else v for k, v in drawn[0].items()}
        )
    return cells.map(lambda values: report_of(values, format=template.name))


Place = Literal["line", "before_label", "after_label", "after_cells"]
PAGE_NUMBER_LINE = re.compile(r"-\s*\d+\s*-|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|Page\s*\d+")
"""A page-number line (``- 3 -``, ``第 3 页``, ``第 3 页 共 9 页``, ``Page 3``): known junk, and
the only noise whose digits stand alone, so only ever written as a line of its own."""


class Insert(NamedTuple):
    """Text put into a written report, relative to row ``row`` of its tables as ``write`` prints
    them (0 is the heading 二、…, one past the last row is after 表四). ``place``:

    - ``line``: a line of its own before the row;
    - ``before_label`` / ``after_label``: glued to the row's first / last label;
    - ``after_cells``: one more cell after the row's numbers, on the same line.

    Its digits must belong to text (``（2023年）``, ``注1``), or it must be a page-number ``line``.
    """

    place: Place
    row: int
    text: str


@attrs.frozen
class Layout:
    """How a report's text is laid out; each field is one kind of noise."""

    separator: str = "\t"  # between the cells of a row
    row_end: str = "\n"  # after a row
    blank: str = "/"  # what an empty cell holds
    full_width_digits: bool = False
    break_labels: bool = False  # labels broken across lines, as from narrow PDF cells
    enumerator: str = "."  # '1.' or '1、'
    junk_lines: bool = False  # page numbers and bookmarks between rows
    arabic_headings: bool = False  # '4、' instead of '四、'
    half_width_punctuation: bool = False  # '(一)' instead of '（一）'
    html: bool = False  # an HTML page with the template's merged cells (of the knobs below, cut_at only)
    header_years: str = ""  # the year in headers: '（{}）' prints 本年（2024）制发件数; '({})', '（{}年）'
    text_digits: tuple[Insert, ...] = ()  # digits that belong to text: 2023年, 注1, 〔2023〕5号, 第 3 页
    prose_notes: tuple[Insert, ...] = ()  # sentences ending in 。: between rows, after numbers, after tables
    one_line: str = ""  # what replaces every line break (' ' or '\t'): a web page dumped on one line
    delimit_every_cell: str = ""  # '|' or '\t' around every cell; a blank cell is then printed as nothing
    money_units: bool = False  # an amount printed with its unit in its cell: 2.35万元, 75394432.52元
    cut_at: int | None = None  # the text cut short at this position
    # Crawler text that lost the separators between a row's label and numbers and between its
    # numbers ('行政规范性文件6233440'): "all" of them, or "some" (each boundary by a coin of
    # ``run_together_seed``); a blank mark keeps its separators.
    run_together: Literal["", "all", "some"] = ""
    run_together_seed: int = 0


# The rows of the three tables as ``write`` prints them, and how many labels lead each row.
_RowShape = tuple[tuple[str, int], ...]


@functools.cache
def _row_shapes(format_name: str) -> tuple[_RowShape, dict[Place, list[int]], list[int]]:
    """A format's rows as plain text prints them ((kind, how many label cells) each), the rows
    each kind of insert may go to, and where each table ends."""
    rows = tuple(
        (kind, len(cells) if kind != "data" else sum(cell != "/" for cell in cells))
        for kind, cells in _table_rows(Report(format="2019" if format_name == "2019" else "2021"))
    )
    headings = [i for i, (kind, _) in enumerate(rows) if kind == "heading"]
    labelled = [i for i, (kind, labels) in enumerate(rows) if kind == "data" and labels]
    rows_at: dict[Place, list[int]] = {
        "line": list(range(len(rows) + 1)),
        "before_label": [i for i in labelled if i < headings[1]],  # 表二's labels have no enumerator
        "after_label": labelled,
        "after_cells": [i for i, (kind, _) in enumerate(rows) if kind == "data"],
    }
    return rows, rows_at, [*headings[1:], len(rows)]


# Layouts are drawn on the 2021 rows; a report of another format keeps the inserts that fall on
# a row of the same kind in its own rows (``_plain``).
_, _ROWS_AT, _TABLE_ENDS = _row_shapes("2021")

# Digits that belong to text, by where they stand; {n} is a small number, {y} a year.
_TEXT_DIGITS: dict[Place, tuple[str, ...]] = {
    "line": (
        "第 {n} 页",
        "第 {n} 页 共 {total} 页",
        "- {n} -",
        "Page {n}",
        "表{n}",
        "{y}年",
        "（{y}）",
        "{y}年{month}月{day}日",
        "{y}-{month:02d}-{day:02d}",
        "〔{y}〕{n}号",
        "电话：0591-{phone}",
        "0591-{phone}",
        "注{n}：详见〔{y}〕{n}号文件",
        "[{n}]",
        "No.{n}",
        "{n}.说明",
        "（{n}）说明",
        "({n})说明",
        "{n}万元",
        "（含查封扣押）",
    ),
    "before_label": ("{n}.", "（{n}）", "({n})", "[{n}]", "No.{n}"),
    "after_label": (
        "（{y}年）",
        "（{y}）",
        "({y})",
        "[{n}]",
        "注{n}",
        "（含查封扣押）",
        "（〔{y}〕{n}号）",
        "（{y}年{month}月{day}日）",
        "（{n}万元以下）",
    ),
    "after_cells": (
        "注{n}",
        "[{n}]",
        "（{y}年）",
        "（含查封扣押）",
        "{n}万元",
        "No.{n}",
        "〔{y}〕{n}号",
        "表{n}",
        "{y}年{month}月{day}日",
        "{y}-{month:02d}-{day:02d}",
        "0591-{phone}",
        "（{n}）",
    ),
}
_PROSE_NOTES: dict[Place, tuple[str, ...]] = {
    "line": (
        "注：本表数据截至12月31日。",
        "以上数据由本机关办公室统计。",
        "本表中“其他”包括依申请公开{n}件。",
        "注：{y}年机构改革后，数据合并统计。",
        "（本表数据不含涉密信息。）",
    ),
    "after_cells": ("（含查封扣押）。", "其中{n}件为网上申请。", "注：含撤回申请。", "较上年增长{n}%。"),
}


def _fill(template: str, n: int, year: int) -> str:
    return template.format(n=n, y=year, total=n + 9, month=n % 12 + 1, day=n % 28 + 1, phone=12_345_678 + n)


def _inserts(pools: Mapping[Place, tuple[str, ...]]) -> st.SearchStrategy[tuple[Insert, ...]]:
    def at(place: Place) -> st.SearchStrategy[Insert]:
        rows = st.sampled_from(_ROWS_AT[place])
        if place == "line":  # notes after a table are the commonest
            rows = st.sampled_from(_TABLE_ENDS) | rows
        text = st.builds(_fill, st.sampled_from(pools[place]), st.integers(1, 99), st.integers(2000, 2030))
        return st.builds(Insert, st.just(place), rows, text)

    return st.lists(st.sampled_from(list(pools)).flatmap(at), max_size=3).map(tuple)


@st.composite
def layouts(draw: st.DrawFn, *, cut: bool = False, run_together: bool = False) -> Layout:
    """Layouts with every kind of noise a report's cells survive; with ``cut=True`` the text is
    also cut short somewhere (then some cells are lost, but none may be read wrong); with
    ``run_together=True`` the separators of the rows' numbers are removed, all of them or some
    (then the cells the table's evidence leaves open are lost, but none may be read wrong)."""
    one_line = draw(st.sampled_from([" ", "\t"])) if draw(st.booleans()) else ""
    # Flattened, '| a |' rows meet as '| |', which looks like a blank cell: never both.
    delimit = (
        "" if one_line or run_together or not draw(st.booleans()) else draw(st.sampled_from(["|", "\t"]))
    )
    text_digits = draw(_inserts(_TEXT_DIGITS))
    prose_notes = draw(_inserts(_PROSE_NOTES))
    # An amount with its unit beside text ('2.35万元 注：…。') may be read as that text's words,
    # and then is not read: units only where no text is inserted, so every cell survives.
    money_units = not (text_digits or prose_notes) and draw(st.booleans())
    return Layout(
        separator=draw(st.sampled_from(["\t", "\n", "\n\n", " | ", "    ", "\u3000"])),
        row_end=draw(st.sampled_from(["\n", "\n\n", " |\n", "\r\n"])),
        blank=draw(st.sampled_from(["/", "-", "—", "无"])),
        full_width_digits=draw(st.booleans()),
        break_labels=draw(st.booleans()),
        enumerator=draw(st.sampled_from([".", "、"])),
        junk_lines=draw(st.booleans()),
        arabic_headings=draw(st.booleans()),
        half_width_punctuation=draw(st.booleans()),
        html=not run_together and draw(st.booleans()),
        header_years=draw(st.sampled_from(["", "（{}）", "({})", "（{}年）"])),
        text_digits=text_digits,
        prose_notes=prose_notes,
        one_line=one_line,
        delimit_every_cell=delimit,
        money_units=money_units,
        cut_at=draw(st.none() | st.integers(0, 8000)) if cut else None,
        run_together=draw(st.sampled_from(["all", "some"])) if run_together else "",
        run_together_seed=draw(st.integers(0, 2**32 - 1)) if run_together else 0,
    )


def _number(text: str, layout: Layout) -> str:
    return "".join(_FULL_WIDTH.get(c, c) for c in text) if layout.full_width_digits else text


def _glued(char: str) -> bool:
    """Whether a line break beside ``char`` could leave a number standing alone (``No.\\n3``)."""
    return char.isascii() and (char.isalnum() or char in ".-[]")


def _label(text: str, layout: Layout) -> str:
    if layout.half_width_punctuation:
        text = text.translate(_HALF_PUNCTUATION)
    if layout.enumerator != "." and len(text) > 2 and text[0].isdigit() and text[1] == ".":
        text = text[0] + layout.enumerator + text[2:]
    if layout.break_labels and len(text) > 4:
        middle = len(text) // 2
        while middle and (_glued(text[middle - 1]) or _glued(text[middle])):
            middle -= 1
        if middle:
            text = text[:middle] + "\n" + text[middle:]
    return text


@overload
def write(report: Report, layout: Layout = ...) -> str: ...
@overload
def write(report: Report, layout: DocxLayout | PdfLayout) -> bytes: ...
def write(report: Report, layout: Layout | DocxLayout | PdfLayout = Layout()) -> str | bytes:
    """``report`` as text in a ``Layout``; as the bytes of a DOCX or PDF file in a
    ``DocxLayout`` or ``PdfLayout``."""
    if isinstance(layout, DocxLayout):
        return docx_bytes(report, layout)
    if isinstance(layout, PdfLayout):
        return pdf_bytes(report, layout)
    text = report.render("html") if layout.html else _plain(report, layout)
    return text if layout.cut_at is None else text[: layout.cut_at]


def _plain(report: Report, layout: Layout) -> str:  # noqa: PLR0912 - every knob of the layout, in one pass
    shapes, rows_at, _ = _row_shapes(report.template.name)
    units = _money_units(report.template)
    inserts: dict[tuple[str, int], list[str]] = {}
    for insert in (*layout.text_digits, *layout.prose_notes):
        # A page number on one line with the rest would be a number standing alone.
        if layout.one_line and insert.place == "line" and PAGE_NUMBER_LINE.fullmatch(insert.text):
            continue
        if insert.row in rows_at[insert.place]:
            inserts.setdefault((insert.place, insert.row), []).append(insert.text)
    year = report.year if report.year is not None else 2024
    flips = random.Random(layout.run_together_seed)
    coin = (lambda: True) if layout.run_together == "all" else (lambda: flips.random() < 0.5)
    out = [report.title or "政府信息公开工作年度报告", SECTION_NAMES[1], _section(report, 1)]
    rows = list(_table_rows(report))
    for index, ((kind, cells), (_, labels)) in enumerate(zip(rows, shapes, strict=True)):
        out += inserts.get(("line", index), [])
        if kind == "heading":
            heading = cells[0]
            if layout.arabic_headings:
                heading = str("二三四".index(heading[0]) + 2) + heading[1:]
            out.append(heading)
            continue
        before, after = (inserts.get((place, index), []) for place in ("before_label", "after_label"))
        shown: list[str] = []
        unit = units.get(cells[0]) if layout.money_units and kind == "data" else None
        for position, cell in enumerate(cells):
            if position >= labels:
                last = position == len(cells) - 1
                shown.append(_value(cell, layout) + (unit if unit and last and cell != "/" else ""))
                continue
            text = cell
            if kind == "header" and layout.header_years and text.startswith("本年"):
                text = "本年" + layout.header_years.format(year) + text[2:]
            if position == 0:
                text = "".join(before) + text
            if position == labels - 1:
                text += "".join(after)
            shown.append(_label(text, layout))
        if layout.run_together and kind == "data":
            glued = _run_together(shown, labels, coin, layout)
            out.append(_delimited([glued, *inserts.get(("after_cells", index), [])], layout))
        else:
            out.append(_delimited(shown + inserts.get(("after_cells", index), []), layout))
        if layout.junk_lines and index % 7 == 3:
            out.append(f"- {index} -" if index % 2 and not layout.one_line else "[bookmark: _GoBack]")
    out += inserts.get(("line", len(rows)), [])
    for number in (5, 6):
        out += [SECTION_NAMES[number], _section(report, number)]
    newline = "\n" + ("\n" if layout.row_end.startswith("\n\n") else "")
    if layout.row_end.endswith("\r\n"):
        newline = "\r\n"
    text = newline.join(out)
    if layout.one_line:
        text = text.replace("\r\n", "\n").replace("\n", layout.one_line)
    return text + "\n"


def _run_together(shown: list[str], labels: int, glue: Callable[[], bool], layout: Layout) -> str:
    """A data row with the separators before and between its numbers removed where ``glue``
    says (never beside a blank mark, which is no digit)."""
    text = layout.separator.join(shown[:labels])
    previous = shown[labels - 1] if labels else ""
    for cell in shown[labels:]:
        digits = cell[:1].isdigit()  # full-width digits too
        joined = digits and previous[-1:].strip() != "" and not previous.endswith(layout.blank) and glue()
        text += ("" if joined else layout.separator) + cell if text else cell
        previous = cell if digits else layout.blank
    return text


def _money_units(template: Format) -> dict[str, str]:
    """Row label -> the unit its amount (the row's last cell) is printed with in ``money_units``
    layouts: the column's own unit, else 元."""
    return {
        row.label.text: row.columns[-1].unit or "元"
        for table in template.tables
        for row in table.rows
        if row.columns[-1].money
    }


def _value(cell: str, layout: Layout) -> str:
    if cell != "/":
        return _number(cell, layout)
    return "" if layout.delimit_every_cell else layout.blank


def _delimited(shown: list[str], layout: Layout) -> str:
    if layout.delimit_every_cell == "|":
        return "| " + " | ".join(shown) + " |"
    if layout.delimit_every_cell:
        return layout.delimit_every_cell.join(shown)
    return layout.separator.join(shown) + layout.row_end.rstrip("\n").rstrip("\r")


def _section(report: Report, number: int) -> str:
    section = report.section(number)
    return section.text if section else ""


@st.composite
def rendered_reports(
    draw: st.DrawFn,
    *,
    consistent: bool = True,
    format: str = "2021",
) -> tuple[Report, str]:
    """(report in ``format``, its text in a random layout)."""
    report = draw(reports(consistent=consistent, format=format))
    return report, write(report, draw(layouts()))


def file_layouts(
    kinds: tuple[Literal["docx", "pdf"], ...] = ("docx", "pdf"),
) -> st.SearchStrategy[FileLayout]:
    """A ``DocxLayout`` or ``PdfLayout`` (of ``kinds``), every knob drawn."""
    choices: list[st.SearchStrategy[FileLayout]] = []
    if "docx" in kinds:
        choices.append(docx_layouts())
    if "pdf" in kinds:
        choices.append(pdf_layouts())
    return st.one_of(choices)


@st.composite
def rendered_files(
    draw: st.DrawFn,
    *,
    consistent: bool = True,
    format: str = "2021",
    kinds: tuple[Literal["docx", "pdf"], ...] = ("docx", "pdf"),
) -> tuple[Report, bytes]:
    """(report in ``format``, the bytes of a DOCX or PDF file of it in a random layout)."""
    report = draw(reports(consistent=consistent, format=format))
    return report, write(report, draw(file_layouts(kinds)))
