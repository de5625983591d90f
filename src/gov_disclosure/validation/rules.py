"""The rule registry: every rule's stable id, severity and one-line description.

The README's rule table is generated from ``RULES`` (``python -m gov_disclosure.validation``),
so the documentation cannot drift from the code.
"""

from __future__ import annotations

import attrs

from ..diagnostic_codes import DiagnosticCode
from .findings import FindingSeverity

__all__ = ["FINDING_FOR_CODE", "NOT_A_FINDING", "RULES", "Rule", "rule"]


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
    "表三每列：（七）总计 = （一）至（六）21 个办理结果之和",
    "Table 3, each column: total processed = the sum of the 21 outcome rows",
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
    "用于跨年核对的上一年度报告确为同一机关的上一年度（年度不符或不明时，不做跨年核对）",
    "The previous report given for the cross-year checks is the agency's report of the year before "
    "(of another year, or of an unknown one, it is not compared)",
)
NOT_A_REPORT = rule(
    "NOT_A_REPORT",
    "error",
    "文件是政府信息公开工作年度报告（否则不再核对其他规则）",
    "The document is a government information-disclosure annual report (if not, nothing else is checked)",
    "是否为年度报告",
)
SEVERAL_REPORTS = rule(
    "SEVERAL_REPORTS",
    "warning",
    "一个文件只含一份年度报告（含多份时只读取第一份）",
    "One file holds one report (of several, only the first is read)",
)
EXTRA_TABLE = rule(
    "EXTRA_TABLE",
    "warning",
    "规定的表格之间没有格式以外的表格（如“信息处理费收取情况”表，另行保存，不作核对）",
    "No table the format does not have stands among its tables (one is kept aside, unchecked)",
)
UNEXPECTED_TEXT = rule(
    "UNEXPECTED_TEXT",
    "warning",
    "表格中没有格式以外的文字或数字（如与文字相连的数字“注1”“5万元”）；这些内容未读作单元格，逐条引用",
    "Tables hold no text or numbers the format does not have (digits glued to text included); "
    "each is quoted and was not read as a cell",
)
LABEL_MISSING = rule(
    "LABEL_MISSING",
    "warning",
    "表格每行印有栏目名称（缺少时该行数字按规定行序排入）",
    "Every row prints its label (a row without one was placed by the mandated order)",
)
NOT_INTEGER = rule(
    "NOT_INTEGER",
    "error",
    "件数为整数，不带小数（如“12.5”件）",
    "Counts are whole numbers, never printed with decimals (12.5 applications)",
)
CELL_TOO_LONG = rule(
    "CELL_TOO_LONG",
    "warning",
    "单元格中的数字不超过 12 位整数（收费不超过 6 位小数）；更长的数字不是件数或金额，未读取",
    "No number in a cell is longer than 12 digits (the fee: 6 decimals); a longer one is not read",
)
PLACED_BY_ORDER = rule(
    "PLACED_BY_ORDER",
    "warning",
    "按规定行序推定位置的数字（其行的栏目名称未见），每表一条，列出各行",
    "Numbers placed by the mandated row order because their labels were not found, one finding per table",
)
PLACED_BY_SUMS = rule(
    "PLACED_BY_SUMS",
    "warning",
    "表四中按各组之和推定所在栏目的数字（与表头交错印出）",
    "Table 4 numbers interleaved with its header, placed by the group sums",
)
PLACED_BY_DIGITS = rule(
    "PLACED_BY_DIGITS",
    "warning",
    "数字在文本中连在一起（无分隔），按本表自身的证据（栏数、无前导零、各项之和）拆分出的数字，每表一条，列出各行",
    "Numbers split from digits that ran together, by the table's own evidence (cell count, no "
    "leading zero, its sums), one finding per table",
)
KEPT_BY_IDENTITY = rule(
    "KEPT_BY_IDENTITY",
    "warning",
    "文本在某数字处中断而该数字仍予保留（因其等于勾稽关系要求的合计）",
    "A number the input ends on, kept because it equals the total the table's identity requires",
)

# ----------------------------------------------------------------------------- parser codes

FINDING_FOR_CODE: dict[DiagnosticCode, Rule] = {
    DiagnosticCode.NOT_A_REPORT: NOT_A_REPORT,
    DiagnosticCode.SEVERAL_REPORTS: SEVERAL_REPORTS,
    DiagnosticCode.SECTION_MISSING: SECTION_MISSING,
    DiagnosticCode.SECTION_OUT_OF_ORDER: SECTION_ORDER,
    DiagnosticCode.OLD_FORMAT: FORMAT_OUTDATED,
    DiagnosticCode.TABLES_MISSING: TABLE_MISSING,
    DiagnosticCode.TABLE_MISSING: TABLE_MISSING,
    DiagnosticCode.TABLES_UNREADABLE: TABLE_MISSING,
    DiagnosticCode.EXTRA_TABLE: EXTRA_TABLE,
    DiagnosticCode.TABLES_REGION_TOO_LARGE: UNEXPECTED_TEXT,
    DiagnosticCode.UNEXPECTED_TEXT: UNEXPECTED_TEXT,
    DiagnosticCode.GLUED_DIGITS: UNEXPECTED_TEXT,
    DiagnosticCode.STRAY_NUMBERS: UNEXPECTED_TEXT,
    DiagnosticCode.LABEL_VARIANT: LABEL_VARIANT,
    DiagnosticCode.LABEL_MISSING: LABEL_MISSING,
    DiagnosticCode.ROW_MISSING: TABLE_ROWS,
    DiagnosticCode.CELL_COUNT: TABLE_ROWS,
    DiagnosticCode.DIGITS_RUN_TOGETHER: TABLE_ROWS,
    DiagnosticCode.CELLS_INTERLEAVED: TABLE_ROWS,
    DiagnosticCode.ROWS_BY_ORDER: PLACED_BY_ORDER,
    DiagnosticCode.CELLS_PLACED_BY_SUMS: PLACED_BY_SUMS,
    DiagnosticCode.DIGITS_SPLIT: PLACED_BY_DIGITS,
    DiagnosticCode.BLANK_CELL: CELL_BLANK,
    DiagnosticCode.NOT_INTEGER: NOT_INTEGER,
    DiagnosticCode.NUMBER_TOO_LONG: CELL_TOO_LONG,
}
"""The rule each parser diagnostic becomes a finding of. (A rule may have more sources: a
systematic ``cell-count`` is TABLE_COLS; an ``old-format`` report of 2019 or 2020 is
FORMAT_2019; cells placed by inference are found from ``Report.cell_placements()`` too.)"""

NOT_A_FINDING: dict[DiagnosticCode, str] = {
    DiagnosticCode.UNIT_IN_CELL: "the amount is printed and read; the template names no unit for it, "
    "so printing one is no deviation",
    DiagnosticCode.LABEL_FRAGMENT: "a piece of a mandated label broken off by the layout (PDF text): "
    "the label is printed, only not in one piece",
    DiagnosticCode.JUNK: "layout debris (page numbers, bookmarks, site chrome) the parser absorbed: "
    "not part of what the report says",
    DiagnosticCode.PROSE_BLANKED: "a note between or after the tables is allowed; the sentence was only "
    "kept out of the cells",
    DiagnosticCode.YEAR_FROM_TEXT: "the year was found; TITLE_YEAR checks a title's year against the "
    "statistics period",
    DiagnosticCode.INPUT_CUT: "a text cut short is not a report with missing parts: what lies past the "
    "cut is reported as incomplete by SECTION_MISSING, TABLE_MISSING and TABLE_ROWS",
    DiagnosticCode.INPUT_STARTS_CUT: "an excerpt that starts inside the report: what lies before it is "
    "reported as incomplete by SECTION_MISSING, TABLE_MISSING and TABLE_ROWS",
    DiagnosticCode.CUT_NUMBER: "the input's end, not the report, cut the number: it is not read, and "
    "the checks that need it are incomplete",
    DiagnosticCode.CUT_CHARACTER: "the file (a truncated download), not the report, is damaged: the "
    "text before the cut is read, and what the cut leaves unread is incomplete",
    DiagnosticCode.CHARSET_OVERRULED: "about the web page's charset declaration, not the report: the "
    "text was decoded as what its bytes are",
    DiagnosticCode.SOURCE_READ_AROUND: "about the file's form (a Word document's tracked changes or "
    "nested tables), not the report: what it keeps from being read is reported where it is missing",
}
"""The codes that deliberately become no finding, and why."""
