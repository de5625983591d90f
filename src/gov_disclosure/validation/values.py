"""Checks of single values: CELL_NEGATIVE, T2_UNIT, CELL_BLANK."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..model import ActiveDisclosure, CellValue, Diagnostic, Span
from .findings import Finding, place_en, place_zh
from .rules import CELL_BLANK, CELL_NEGATIVE, T2_UNIT

# The fee (万元) above which a report of this level of government most likely entered 元:
# a township collecting more than 5 million yuan a year in administrative fees, a county
# more than 500 million, anything else more than 10 billion.
_FEE_LIMITS = (
    (re.compile(r"(?:镇|乡|街道|办事处|苏木|嘎查|社区)"), Decimal(500), "乡镇、街道"),
    (re.compile(r"(?:县|区|旗)"), Decimal(50_000), "县级"),
)
_OTHER_LIMIT = Decimal(1_000_000)


def _split(key: str) -> tuple[str, str, str | None]:
    parts = key.split(".")
    return parts[0], parts[1], parts[2] if len(parts) > 2 else None


def check_values(cells: Iterable[tuple[str, CellValue, Span | None]]) -> Iterator[Finding]:
    for key, value, span in cells:
        if value is None or (type(value) is int and value >= 0):
            continue
        table, row, column = _split(key)
        integral = isinstance(value, int) or key == "t2.fees_10k_yuan"
        if value < 0 or not integral:
            yield Finding(
                CELL_NEGATIVE.id,
                "error",
                f"{value} 不是非负{'数' if key == 't2.fees_10k_yuan' else '整数'}",
                f"{value} is not a non-negative {'amount' if key == 't2.fees_10k_yuan' else 'integer'}",
                table=table,
                row=row,
                column=column,
                actual=value,
                span=span,
            )


def check_fee_unit(t2: ActiveDisclosure, agency: str | None) -> Iterator[Finding]:
    fee = t2.fees_10k_yuan
    if fee is None:
        return
    limit, level = _OTHER_LIMIT, "本级机关"
    name = agency or ""
    for pattern, level_limit, level_name in _FEE_LIMITS:
        if pattern.search(name):
            limit, level = level_limit, level_name
            break
    if fee > limit:
        yuan = fee * 10_000
        yield Finding(
            T2_UNIT.id,
            "warning",
            f"收费金额 {fee} 万元（即 {yuan:,.0f} 元）对{level}机关明显偏大，可能误以“元”为单位填写",
            f"{fee} (x 10,000 yuan = {yuan:,.0f} yuan) is implausibly large for this level; "
            "it may have been entered in yuan",
            table="t2",
            row="fees_10k_yuan",
            expected=limit,
            actual=fee,
            span=t2.spans[3] if t2.spans else None,
        )


def check_blanks(diagnostics: Iterable[Diagnostic]) -> Iterator[Finding]:
    """One finding per table, listing its blank, '/', '—' or '无' cells."""
    by_table: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        # A cell (or row) key: one naming only a table (possible in a document read from JSON)
        # has no place to list.
        if diagnostic.code == "blank-cell" and diagnostic.key and "." in diagnostic.key:
            by_table.setdefault(diagnostic.key.split(".")[0], []).append(diagnostic)
    for table, found in by_table.items():
        places = []
        places_en = []
        for diagnostic in found:
            assert diagnostic.key is not None
            _, row, column = _split(diagnostic.key)
            places.append(place_zh(table, row, column, None).split(" ", 1)[-1])
            places_en.append(place_en(table, row, column, None).split(", ", 1)[-1])
        yield Finding(
            CELL_BLANK.id,
            "warning",
            f"{len(found)} 个单元格未填写数字（空白或“/”“—”“无”）：{'；'.join(places)}；"
            "模板要求填写数字，无则填 0",
            f"{len(found)} cells hold no number (blank, '/', '-' or '无'): {'; '.join(places_en)}",
            table=table,
            span=found[0].span,
        )
