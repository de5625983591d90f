"""Small reports written out in the layouts real reports use, for the unit tests.

Every cell gets a different number, so a number read into the wrong cell cannot go unseen.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from gov_disclosure.model import CELL_KEYS, CellValue, Report
from gov_disclosure.testing.folders import consistent_values
from gov_disclosure.testing.strategies import PAGE_NUMBER_LINE, Layout, report_of

T2_LABELS = ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]
T3_LABELS = [
    ("一、本年新收政府信息公开申请数量",),
    ("二、上年结转政府信息公开申请数量",),
    ("三、本年度办理结果", "（一）予以公开"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",),
    ("（三）不予公开", "1.属于国家秘密"),
    ("2.其他法律行政法规禁止公开",),
    ("3.危及“三安全一稳定”",),
    ("4.保护第三方合法权益",),
    ("5.属于三类内部事务信息",),
    ("6.属于四类过程性信息",),
    ("7.属于行政执法案卷",),
    ("8.属于行政查询事项",),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("2.没有现成信息需要另行制作",),
    ("3.补正后申请内容仍不明确",),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("2.重复申请",),
    ("3.要求提供公开出版物",),
    ("4.无正当理由大量反复申请",),
    ("5.要求行政机关确认或重新出具已获取信息",),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",),
    ("3.其他",),
    ("（七）总计",),
    ("四、结转下年度继续办理",),
]


def distinct_cells() -> dict[str, int | Decimal]:
    """A value for each of the 200 cells, all different; the fee has a decimal."""
    values: dict[str, int | Decimal] = {key: 1000 + i for i, key in enumerate(CELL_KEYS)}
    values["t2.fees_10k_yuan"] = Decimal("12.5")
    return values


def render(values: Mapping[str, object], sep: str = "\t", row_end: str = "\n") -> str:
    """The report with its tables' cells joined by ``sep`` and rows ended by ``row_end``."""

    def cell(key: str) -> str:
        value = values[key]
        return "" if value is None else str(value)

    def row(*cells: str) -> str:
        return sep.join(cells) + row_end

    keys = list(CELL_KEYS)
    out = [
        "某某市某某局2024年政府信息公开工作年度报告\n",
        "一、总体情况\n",
        "本机关认真做好政府信息公开工作。\n",
    ]
    out.append("二、主动公开政府信息情况\n")
    out.append(row("第二十条第（一）项"))
    out.append(row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"))
    out.append(row("规章", *(cell(k) for k in keys[0:3])))
    out.append(row("行政规范性文件", *(cell(k) for k in keys[3:6])))
    out.append(row("第二十条第（五）项"))
    out.append(row("信息内容", "本年处理决定数量"))
    out.append(row("行政许可", cell(keys[6])))
    out.append(row("第二十条第（六）项"))
    out.append(row("信息内容", "本年处理决定数量"))
    out.append(row("行政处罚", cell(keys[7])))
    out.append(row("行政强制", cell(keys[8])))
    out.append(row("第二十条第（八）项"))
    out.append(row("信息内容", "本年收费金额（单位：万元）"))
    out.append(row("行政事业性收费", cell(keys[9])))
    out.append("三、收到和处理政府信息公开申请情况\n")
    out.append(row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"))
    out.append(row("自然人", "法人或其他组织", "总计"))
    out.append(row("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))
    t3 = keys[10:185]
    for i, labels in enumerate(T3_LABELS):
        out.append(row(*labels, *(cell(k) for k in t3[7 * i : 7 * i + 7])))
    out.append("四、政府信息公开行政复议、行政诉讼情况\n")
    out.append(row("行政复议", "行政诉讼"))
    out.append(row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"))
    out.append(row(*["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
    out.append(row(*(cell(k) for k in keys[185:200])))
    out.append("五、存在的主要问题及改进情况\n")
    out.append("信息公开的深度还需提升。\n")
    out.append("六、其他需要报告的事项\n")
    out.append("本年度未收取信息处理费。\n")
    return "".join(out)


consistent_cells = consistent_values  # values for the 200 cells that satisfy every sum


def report_from_cells(values: Mapping[str, object], **fields: Any) -> Report:
    """A Report holding ``values`` (cell key -> value), built directly, without parsing."""
    changes: dict[str, Any] = {
        "title": "某某市某某局2024年政府信息公开工作年度报告",
        "agency": "某某市某某局",
    }
    changes.update(fields)
    return attrs.evolve(report_of(dict(values)), **changes)


@st.composite
def distinct_reports(draw: st.DrawFn, *, blanks: bool = False) -> Report:
    """Reports whose 200 cells all hold different numbers (so a number read into another cell
    shows), with no regard for the format's sums; ``blanks=True`` leaves some cells blank."""
    numbers = draw(
        st.lists(st.integers(0, 10**6), min_size=len(CELL_KEYS), max_size=len(CELL_KEYS), unique=True)
    )
    values: dict[str, CellValue] = dict(zip(CELL_KEYS, numbers, strict=True))
    values["t2.fees_10k_yuan"] = Decimal(numbers[9]) + Decimal("0.5")  # no other cell holds a fraction
    if blanks:
        for key in draw(st.sets(st.sampled_from(CELL_KEYS), min_size=1, max_size=30)):
            values[key] = None
    return report_of(values)


# The rule a reader of the written text applies, independently of the parser: a cell is a number
# standing alone between separators, or, where every cell is delimited, what stands between two
# delimiters (nothing there is a blank cell).
_TOKEN = re.compile(r"[^\t\n\r \u3000|]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_BLANKS = frozenset({"/", "-", "—", "无"})
_HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def printed_cells(text: str, layout: Layout) -> list[CellValue]:
    """The cells a reader finds in ``text`` written in ``layout`` (not HTML), in order: numbers,
    and ``None`` for each blank cell. Page-number lines are junk, not cells."""
    return [value for value, _ in printed_cells_at(text, layout)]


def printed_cells_at(text: str, layout: Layout) -> list[tuple[CellValue, int]]:
    """``printed_cells``, each with where it is printed in ``text``."""
    text = text.translate(_HALF_WIDTH_DIGITS)
    if not layout.one_line:  # blank out page-number lines, keeping every position
        text = re.sub(
            r"[^\r\n]+", lambda m: " " * len(m[0]) if PAGE_NUMBER_LINE.fullmatch(m[0].strip()) else m[0], text
        )
    if not layout.delimit_every_cell:
        tokens = [(m[0], m.start()) for m in _TOKEN.finditer(text)]
        return [
            (None if t in _BLANKS else _value(t), at)
            for t, at in tokens
            if t in _BLANKS or _NUMBER.fullmatch(t)
        ]
    if layout.delimit_every_cell == "|":
        # Between two pipes: a cell, or (holding a line break) the gap between two rows.
        pipes = [m.start() for m in re.finditer(r"\|", text)]
        slots = [(text[a + 1 : b], a + 1) for a, b in itertools.pairwise(pipes)]
        slots = [(slot, at) for slot, at in slots if "\n" not in slot and "\r" not in slot]
    else:
        slots = []
        for line in re.finditer(r"[^\r\n]*\t[^\r\n]*", text):
            at = line.start()
            for slot in line[0].split("\t"):
                slots.append((slot, at))
                at += len(slot) + 1
    cells: list[tuple[CellValue, int]] = []
    for slot, at in slots:
        if not slot.strip():
            cells.append((None, at))
        elif _NUMBER.fullmatch(slot.strip()):
            cells.append((_value(slot.strip()), at + slot.index(slot.strip())))
    return cells


def _value(token: str) -> CellValue:
    return Decimal(token) if "." in token else int(token)
