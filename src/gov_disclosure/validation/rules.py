"""The rule registry: every rule's stable id, severity and one-line description.

The README's rule table is generated from ``RULES`` (``python -m gov_disclosure.validation``),
so the documentation cannot drift from the code.
"""

from __future__ import annotations

import attrs

from .findings import FindingSeverity

__all__ = ["RULES", "Rule", "rule"]


@attrs.frozen
class Rule:
    id: str
    severity: FindingSeverity
    description_zh: str
    description_en: str
    name_zh: str  # what is checked, in a few words, for messages: "表三勾稽关系"


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: FindingSeverity, zh: str, en: str, name_zh: str = "") -> Rule:
    found = RULES.setdefault(rule_id, Rule(rule_id, severity, zh, en, name_zh or zh))
    assert found.severity == severity and found.description_en == en, f"rule {rule_id} defined twice"
    return found


T3_IDENTITY = rule(
    "T3_IDENTITY",
    "error",
    "表三每列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（表内勾稽关系）",
    "Table 3, each column: new + carried over = total processed + carried forward",
    "表三勾稽关系（一+二=（七）+四）",
)
T3_TOTAL_ROW = rule(
    "T3_TOTAL_ROW",
    "error",
    "表三每列：（七）总计 = （一）至（六）22 个办理结果之和",
    "Table 3, each column: total processed = the sum of the 22 outcome rows",
    "（七）总计与各办理结果之和",
)
T3_TOTAL_COL = rule(
    "T3_TOTAL_COL",
    "error",
    "表三每行：总计 = 自然人 + 五类法人或其他组织",
    "Table 3, each of the 25 rows: total = natural persons + the five kinds of organisation",
    "总计列与各申请人列之和",
)
T4_SUM = rule(
    "T4_SUM",
    "error",
    "表四每组（行政复议、直接起诉、复议后起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
    "Table 4, each group: upheld + corrected + other + pending = total",
    "表四各组总计",
)
CELL_NEGATIVE = rule(
    "CELL_NEGATIVE",
    "error",
    "件数为非负整数，收费金额为非负数",
    "Counts are non-negative integers; the fee is a non-negative amount",
)
T2_UNIT = rule(
    "T2_UNIT",
    "warning",
    "行政事业性收费金额以万元为单位；对本级机关明显偏大时，疑为以元填写",
    "The fee is in 10,000 yuan; a value implausibly large for the agency's level looks entered in yuan",
)
CELL_BLANK = rule(
    "CELL_BLANK",
    "warning",
    "表格中空白或填写“/”“—”“无”的单元格（模板要求填写数字，无则填 0），每表一条",
    "Blank or '/' cells (the template has no blank cells), one finding per table listing them",
)
SECTION_MISSING = rule(
    "SECTION_MISSING",
    "error",
    "六个部分齐全：总体情况、主动公开、收到和处理申请、复议诉讼、问题及改进、其他事项",
    "All six sections are present",
)
SECTION_ORDER = rule(
    "SECTION_ORDER",
    "error",
    "六个部分按规定顺序排列",
    "The six sections are in the mandated order",
)
TABLE_MISSING = rule(
    "TABLE_MISSING",
    "error",
    "表二、表三、表四齐全",
    "Tables 2, 3 and 4 are present",
)
TABLE_ROWS = rule(
    "TABLE_ROWS",
    "error",
    "表格行完整：规定的行未被删除，数字个数与栏目一致",
    "Every mandated row is present, with as many numbers as the table has columns",
)
TABLE_COLS = rule(
    "TABLE_COLS",
    "error",
    "表格列完整：没有删除或增加栏目",
    "No column was deleted or added",
)
LABEL_VARIANT = rule(
    "LABEL_VARIANT",
    "warning",
    "表格栏目名称与规定格式一致",
    "Row and column labels are as the format prints them",
)
FORMAT_OUTDATED = rule(
    "FORMAT_OUTDATED",
    "error",
    "2021 年及以后的年报使用国办公开办函〔2021〕30号格式，而非 2019 年格式",
    "Reports for 2021 on use the 2021 format, not the 2019 one",
)
FORMAT_2019 = rule(
    "FORMAT_2019",
    "info",
    "2019、2020 年度年报使用 2019 年格式（国办公开办函〔2019〕60号），予以识别",
    "A 2019 or 2020 report in the 2019 format is recognised as such",
)
TITLE_YEAR = rule(
    "TITLE_YEAR",
    "warning",
    "标题中的年度与“统计期限”所述年度一致",
    "The year in the title matches the statistics period stated in the preamble",
)
TEXT_TABLE_MISMATCH = rule(
    "TEXT_TABLE_MISMATCH",
    "warning",
    "总体情况中的申请、结转、办结、行政复议、行政诉讼件数与表格一致",
    "Numbers section 1 states about applications and cases match the tables",
)
SEC6_FEE = rule(
    "SEC6_FEE",
    "warning",
    "“其他需要报告的事项”说明信息处理费收取情况",
    "Section 6 says whether information processing fees were charged",
)
XY_CARRY = rule(
    "XY_CARRY",
    "error",
    "本年“上年结转”各列 = 上一年度报告“结转下年度继续办理”各列",
    "This year's carried over = last year's carried forward, per column",
    "上年结转与上一年度报告",
)
XY_T2_BALANCE = rule(
    "XY_T2_BALANCE",
    "warning",
    "规章、行政规范性文件：现行有效件数 = 上年现行有效 + 本年制发 − 本年废止",
    "Regulations and normative documents: in force = last year's in force + issued - repealed",
    "现行有效件数与上一年度报告",
)
XY_YEAR = rule(
    "XY_YEAR",
    "warning",
    "用于跨年核对的上一年度报告确为同一机关的上一年度",
    "The previous report given for the cross-year checks is the agency's report of the year before",
)
