"""What validation returns: findings that point at a table cell or a section, in Chinese and English."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Literal, TypeAlias

import attrs

from ..model import Span
from ..parsing.sections import SECTION_NAMES

__all__ = ["Finding", "FindingSeverity", "Validation", "place_en", "place_zh"]

FindingSeverity: TypeAlias = Literal["error", "warning", "incomplete", "info"]
Value: TypeAlias = int | Decimal | str | None

TABLE_ZH = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_EN = {"t2": "Table 2", "t3": "Table 3", "t4": "Table 4"}

ROW_ZH = {
    "regulations": "规章",
    "normative_documents": "行政规范性文件",
    "licensing": "行政许可",
    "punishment": "行政处罚",
    "coercion": "行政强制",
    "fees_10k_yuan": "行政事业性收费",
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied_state_secret": "（三）1.属于国家秘密",
    "denied_prohibited_by_law": "（三）2.其他法律行政法规禁止公开",
    "denied_three_safeties_one_stability": "（三）3.危及“三安全一稳定”",
    "denied_third_party_rights": "（三）4.保护第三方合法权益",
    "denied_internal_affairs": "（三）5.属于三类内部事务信息",
    "denied_process_info": "（三）6.属于四类过程性信息",
    "denied_law_enforcement_file": "（三）7.属于行政执法案卷",
    "denied_administrative_query": "（三）8.属于行政查询事项",
    "unable_not_held": "（四）1.本机关不掌握相关政府信息",
    "unable_needs_creation": "（四）2.没有现成信息需要另行制作",
    "unable_still_unclear": "（四）3.补正后申请内容仍不明确",
    "not_processed_petition": "（五）1.信访举报投诉类申请",
    "not_processed_duplicate": "（五）2.重复申请",
    "not_processed_publication": "（五）3.要求提供公开出版物",
    "not_processed_massive_repeat": "（五）4.无正当理由大量反复申请",
    "not_processed_confirm_info": "（五）5.要求行政机关确认或重新出具已获取信息",
    "other_overdue_correction": "（六）1.逾期不补正",
    "other_overdue_fee": "（六）2.逾期未缴费",
    "other_other": "（六）3.其他",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}

COLUMN_ZH = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他（法人或其他组织）",
    "total": "总计",
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}


def _row_en(row: str) -> str:
    return row.replace("_", " ")


def place_zh(table: str | None, row: str | None, column: str | None, section: int | None) -> str:
    """Where a finding points, as an evaluator writes it: 表三 （七）总计行 自然人列."""
    if table is None:
        return SECTION_NAMES.get(section or 0, "报告") if section else "报告"
    parts = [TABLE_ZH[table]]
    if row is not None:
        parts.append(f"{ROW_ZH.get(row, row)}{'' if table == 't4' else '行'}")
    if column is not None:
        parts.append(f"{COLUMN_ZH.get(column, column)}列")
    return " ".join(parts)


def place_en(table: str | None, row: str | None, column: str | None, section: int | None) -> str:
    if table is None:
        return f"section {section}" if section else "report"
    parts = [TABLE_EN[table]]
    if row is not None:
        parts.append(f"row {_row_en(row)}")
    if column is not None:
        parts.append(f"column {_row_en(column)}")
    return ", ".join(parts)


@attrs.frozen
class Finding:
    """One problem found in a report, and where: a cell of a table (the keys of cells.md) or
    a section. ``expected`` and ``actual`` are the two sides that should agree."""

    rule: str
    severity: FindingSeverity
    message_zh: str
    message_en: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: int | None = None
    expected: Value = None
    actual: Value = None
    span: Span | None = None

    @property
    def place_zh(self) -> str:
        return place_zh(self.table, self.row, self.column, self.section)

    @property
    def place_en(self) -> str:
        return place_en(self.table, self.row, self.column, self.section)

    @property
    def key(self) -> str | None:
        """The cell key (``t3.total_processed.natural_person``) when the finding is one cell."""
        if self.table and self.row and self.column:
            return f"{self.table}.{self.row}.{self.column}"
        if self.table == "t2" and self.row and not self.column:
            return f"t2.{self.row}"
        return None

    def line(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The one-line form ``check`` prints: place, then the message."""
        if lang == "en":
            return f"{self.severity}: {self.place_en}: {self.message_en} [{self.rule}]"
        severity = {"error": "错误", "warning": "警告", "incomplete": "无法核对", "info": "提示"}[
            self.severity
        ]
        return f"{severity} {self.place_zh}：{self.message_zh} [{self.rule}]"

    def __str__(self) -> str:
        return self.line("zh")


def _finding_tuple(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


@attrs.frozen
class Validation:
    """The findings of one validation run, split by severity; ``ok`` when there is no error."""

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_finding_tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def incomplete(self) -> tuple[Finding, ...]:
        """Checks that could not be made because numbers they need were not read."""
        return tuple(f for f in self.findings if f.severity == "incomplete")

    @property
    def ok(self) -> bool:
        return not self.errors

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def summary(self, lang: Literal["zh", "en"] = "zh") -> str:
        counts = (len(self.errors), len(self.warnings), len(self.incomplete))
        if lang == "en":
            return f"{counts[0]} errors, {counts[1]} warnings, {counts[2]} checks incomplete"
        return f"错误 {counts[0]} 项，警告 {counts[1]} 项，无法核对 {counts[2]} 项"
