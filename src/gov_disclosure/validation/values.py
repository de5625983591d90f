"""Checks of single values: CELL_NEGATIVE, T2_UNIT, CELL_BLANK."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..diagnostic_codes import DiagnosticCode
from ..formats import FORMAT_2021, Format
from ..model import ActiveDisclosure, CellValue, Diagnostic, Span
from ..parsing.metadata import AgencyLevel, agency_level
from .findings import Finding, place_en, place_zh
from .rules import CELL_NEGATIVE, FINDING_FOR_CODE, T2_UNIT

CELL_BLANK = FINDING_FOR_CODE[DiagnosticCode.BLANK_CELL]

# The fee (万元) above which an agency of this level most likely entered 元: a township
# collecting more than 5 million yuan a year in administrative fees, a county more than
# 500 million, anything else more than 10 billion (also where the level is not known: the
# largest limit never charges a small agency with a large one's fees).
_FEE_LIMITS: dict[AgencyLevel, tuple[Decimal, str, str]] = {
    "township": (Decimal(500), "乡镇、街道", "a township"),
    "county": (Decimal(50_000), "县级", "a county"),
    "city": (Decimal(1_000_000), "市级", "a city"),
    "province": (Decimal(1_000_000), "省级", "a province"),
}
_OTHER_LIMIT = Decimal(1_000_000)


def _split(key: str) -> tuple[str, str, str | None]:
    parts = key.split(".")
    return parts[0], parts[1], parts[2] if len(parts) > 2 else None


def check_values(
    cells: Iterable[tuple[str, CellValue, Span | None]], template: Format = FORMAT_2021
) -> Iterator[Finding]:
    """CELL_NEGATIVE for each cell below zero, or not whole where it is a count; not for the
    format's signed cells (2019's 本年增/减 is a change, printed with its sign)."""
    signed, money = template.signed_cells(), template.money_cells()
    for key, value, span in cells:
        if value is None or (type(value) is int and (value >= 0 or key in signed)):
            continue
        table, row, column = _split(key)
        integral = isinstance(value, int) or key in money
        if value < 0 or not integral:
            yield Finding(
                CELL_NEGATIVE.id,
                "error",
                f"{value} 不是非负{'数' if key in money else '整数'}",
                f"{value} is not a non-negative {'amount' if key in money else 'integer'}",
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
    level = _FEE_LIMITS.get(agency_level(agency))
    limit = level[0] if level else _OTHER_LIMIT
    if fee <= limit:
        return
    yuan = fee * 10_000
    if level is None:
        zh_whom, en_whom = "（机关层级不明，按最高限额判断）", " (level unknown; judged by the highest limit)"
    else:
        zh_whom, en_whom = f"对{level[1]}机关", f" for {level[2]}"
    yield Finding(
        T2_UNIT.id,
        "warning",
        f"收费金额 {fee} 万元（即 {yuan:,.0f} 元）{zh_whom}明显偏大，可能误以“元”为单位填写",
        f"{fee} (x 10,000 yuan = {yuan:,.0f} yuan) is implausibly large{en_whom}; "
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
        if diagnostic.code == DiagnosticCode.BLANK_CELL and diagnostic.key and "." in diagnostic.key:
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
