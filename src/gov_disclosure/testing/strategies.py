"""Hypothesis strategies for reports, and for the noisy layouts real reports come in.

    from gov_disclosure.testing import strategies as gds

    @given(gds.reports())                  # valid, internally consistent Reports
    @given(gds.reports(consistent=False))  # with arithmetic errors and cells left blank
    @given(gds.rendered_reports())         # (report, text) pairs in a random noisy layout
    @given(gds.layouts())                  # the layout knobs themselves

Every knob of a ``Layout`` is one kind of noise the parser absorbs, so a failing example
shrinks to the one knob that breaks. ``write(report, layout)`` renders a report in a layout.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from .._sections import SECTION_NAMES
from ..model import (
    CELL_KEYS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    DocumentCounts,
    Report,
    ReviewLitigation,
    Section,
)
from ..render import _table_rows

__all__ = ["Layout", "layouts", "rendered_reports", "reports", "write"]

_OUTCOME_ROWS = T3_ROWS[2:23]
_FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}
_HALF_PUNCTUATION = str.maketrans("（）：，", "():,")


@st.composite
def _consistent_cells(draw: st.DrawFn) -> dict[str, Any]:
    small = st.integers(0, 30)
    values: dict[str, Any] = {}
    for doc in ("regulations", "normative_documents"):
        for column in DocumentCounts.FIELDS:
            values[f"t2.{doc}.{column}"] = draw(small)
    for key in ("licensing", "punishment", "coercion"):
        values[f"t2.{key}"] = draw(st.integers(0, 100_000))
    values["t2.fees_10k_yuan"] = Decimal(draw(st.integers(0, 10_000_000))) / 100
    for column in T3_COLUMNS[:6]:
        for row in _OUTCOME_ROWS:
            values[f"t3.{row}.{column}"] = draw(st.integers(0, 20))
        processed = sum(values[f"t3.{row}.{column}"] for row in _OUTCOME_ROWS)
        forward = draw(small)
        carried = draw(st.integers(0, processed + forward))
        values[f"t3.total_processed.{column}"] = processed
        values[f"t3.carried_forward.{column}"] = forward
        values[f"t3.carried_over.{column}"] = carried
        values[f"t3.new_received.{column}"] = processed + forward - carried
    for row in T3_ROWS:
        values[f"t3.{row}.total"] = sum(values[f"t3.{row}.{c}"] for c in T3_COLUMNS[:6])
    for group in T4_GROUPS:
        parts = [draw(small) for _ in range(4)]
        values.update({f"t4.{group}.{c}": p for c, p in zip(T4_COLUMNS[:4], parts, strict=True)})
        values[f"t4.{group}.total"] = sum(parts)
    return values


def report_of(values: dict[str, Any], *, year: int = 2024) -> Report:
    """A Report holding ``values`` (cell key -> value), with the six sections."""
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
    rows: dict[str, Any] = {r: ApplicantCounts(*(values[f"t3.{r}.{c}"] for c in T3_COLUMNS)) for r in T3_ROWS}
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
        applications=Applications(**rows),
        review_litigation=ReviewLitigation(**groups),
        format="2021",
    )


@st.composite
def _inconsistent_cells(draw: st.DrawFn) -> dict[str, Any]:
    values = draw(_consistent_cells())
    keys = [k for k in CELL_KEYS if k.startswith(("t3.", "t4."))]
    for key in draw(st.sets(st.sampled_from(keys), min_size=1, max_size=5)):
        values[key] = values[key] + draw(st.integers(1, 9))
    for key in draw(st.sets(st.sampled_from(list(CELL_KEYS)), max_size=5)):
        values[key] = None
    return values


def reports(*, consistent: bool = True) -> st.SearchStrategy[Report]:
    """Reports whose tables satisfy every sum of the format, or (``consistent=False``) with
    some cells off by a few and some left blank."""
    cells = _consistent_cells() if consistent else _inconsistent_cells()
    return st.builds(report_of, cells)


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
    html: bool = False  # an HTML page, tables with the template's rowspan/colspan (other knobs unused)


def layouts() -> st.SearchStrategy[Layout]:
    return st.builds(
        Layout,
        separator=st.sampled_from(["\t", "\n", "\n\n", " | ", "    ", "\u3000"]),
        row_end=st.sampled_from(["\n", "\n\n", " |\n", "\r\n"]),
        blank=st.sampled_from(["/", "-", "—", "无"]),
        full_width_digits=st.booleans(),
        break_labels=st.booleans(),
        enumerator=st.sampled_from([".", "、"]),
        junk_lines=st.booleans(),
        arabic_headings=st.booleans(),
        half_width_punctuation=st.booleans(),
        html=st.booleans(),
    )


def _number(text: str, layout: Layout) -> str:
    return "".join(_FULL_WIDTH.get(c, c) for c in text) if layout.full_width_digits else text


def _label(text: str, layout: Layout) -> str:
    if layout.half_width_punctuation:
        text = text.translate(_HALF_PUNCTUATION)
    if layout.enumerator != "." and len(text) > 2 and text[0].isdigit() and text[1] == ".":
        text = text[0] + layout.enumerator + text[2:]
    if layout.break_labels and len(text) > 4:
        middle = len(text) // 2
        text = text[:middle] + "\n" + text[middle:]
    return text


def write(report: Report, layout: Layout = Layout()) -> str:
    """``report`` as text in ``layout``."""
    if layout.html:
        return report.render("html")
    out = [report.title or "政府信息公开工作年度报告", SECTION_NAMES[1], _section(report, 1)]
    for index, (kind, cells) in enumerate(_table_rows(report)):
        if kind == "heading":
            heading = cells[0]
            if layout.arabic_headings:
                heading = str("二三四".index(heading[0]) + 2) + heading[1:]
            out.append(heading)
            continue
        shown = []
        for cell in cells:
            if cell == "/":
                shown.append(layout.blank)
            elif cell[:1].isdigit() and cell.replace(".", "").isdigit():
                shown.append(_number(cell, layout))
            else:
                shown.append(_label(cell, layout))
        out.append(layout.separator.join(shown) + layout.row_end.rstrip("\n").rstrip("\r"))
        if layout.junk_lines and index % 7 == 3:
            out.append(f"- {index} -" if index % 2 else "[bookmark: _GoBack]")
    for number in (5, 6):
        out += [SECTION_NAMES[number], _section(report, number)]
    newline = "\n" + ("\n" if layout.row_end.startswith("\n\n") else "")
    if layout.row_end.endswith("\r\n"):
        newline = "\r\n"
    return newline.join(out) + "\n"


def _section(report: Report, number: int) -> str:
    section = report.section(number)
    return section.text if section else ""


@st.composite
def rendered_reports(draw: st.DrawFn, *, consistent: bool = True) -> tuple[Report, str]:
    """(report, its text in a random layout)."""
    report = draw(reports(consistent=consistent))
    return report, write(report, draw(layouts()))
