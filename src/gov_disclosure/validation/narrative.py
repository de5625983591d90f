"""Section 一 against the tables (TEXT_TABLE_MISMATCH) and section 六 on fees (SEC6_FEE).

Only clauses about government-information applications or about 行政复议/行政诉讼 cases
are read, and clauses about hotlines, petitions or consultations are skipped, so a number
about something else (12345 hotline tickets, say) never raises a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import attrs

from ..model import Report
from ..parsing.noise import normalize
from .findings import Finding
from .rules import SEC6_FEE, TEXT_TABLE_MISMATCH

# A stated count: a whole run of digits (never a tail of a longer one: the look-behind also
# keeps a run of digits from being rescanned from each of its positions), of a length a count
# can have; a longer run is no count.
_N = r"(?<![0-9,])([0-9](?:,?[0-9]){0,11})(?![0-9,])"
_UNIT = r"\s*+(?:件|个|份|条|起|宗)"
_GAP = r"[^。；;，,0-9]{0,16}?"
_NEAR = r"[^。；;，,0-9]{0,6}?"

# Clauses about these are not about this table's applications or cases.
_ELSEWHERE = re.compile(
    r"12345|热线|工单|信访|来信|来电|咨询|留言|投诉|建议|提案|意见|办件|政务服务|服务事项"
)
_ABOUT_APPLICATIONS = re.compile(r"申请|依申请|信息公开")
_LINE_BREAKS = re.compile(r"(?<!\s)\s*+\n\s*+")
_CLAUSE = re.compile(r"[^。；;]+[。；;]?")


@attrs.frozen
class _Claim:
    what_zh: str
    what_en: str
    pattern: re.Pattern[str]
    value: Callable[[Report], int | None]
    about: re.Pattern[str] = _ABOUT_APPLICATIONS


def _cell(key: str) -> Callable[[Report], int | None]:
    table, row, column = key.split(".")
    owner = {"t3": "applications", "t4": "review_litigation"}[table]

    def value(report: Report) -> int | None:
        v = getattr(getattr(getattr(report, owner), row), column)
        return v if isinstance(v, int) else None

    return value


def _litigation(report: Report) -> int | None:
    t4 = report.review_litigation
    direct, after = t4.litigation_direct.total, t4.litigation_after_review.total
    return None if direct is None or after is None else direct + after


_CLAIMS = (
    _Claim(
        "收到申请数",
        "applications received",
        re.compile(rf"(?:收到|受理|接收|新收){_GAP}(?:申请|信件|公开件){_NEAR}{_N}{_UNIT}"),
        _cell("t3.new_received.total"),
    ),
    _Claim(
        "上年结转数",
        "carried over from last year",
        re.compile(rf"上一?年度?结转(?:的)?(?:申请)?{_NEAR}{_N}{_UNIT}"),
        _cell("t3.carried_over.total"),
    ),
    _Claim(
        "结转下年度数",
        "carried forward",
        re.compile(
            rf"(?:结转|顺延)(?:至|到)?下一?年度(?:继续办理|办理|答[复覆])?{_NEAR}{_N}{_UNIT}"
            rf"|{_N}{_UNIT}{_NEAR}(?:结转|顺延)(?:至|到)?下一?年度"
        ),
        _cell("t3.carried_forward.total"),
    ),
    _Claim(
        "办结（答复）数",
        "applications answered",
        re.compile(rf"(?:办结|答[复覆]|办理完毕|已办理){_NEAR}{_N}{_UNIT}"),
        _cell("t3.total_processed.total"),
    ),
    _Claim(
        "行政复议案件数",
        "administrative reviews",
        re.compile(rf"行政复议(?:案件|申请)?{_NEAR}{_N}{_UNIT}"),
        _cell("t4.review.total"),
        about=re.compile(r"行政复议"),
    ),
    _Claim(
        "行政诉讼案件数",
        "lawsuits",
        re.compile(rf"行政诉讼(?:案件)?{_NEAR}{_N}{_UNIT}"),
        _litigation,
        about=re.compile(r"行政诉讼"),
    ),
)


def _about(clause: str, at: int) -> str:
    """What a number stated at ``clause[at]`` is about: the comma-separated part it stands in
    and the one before (found around it, not by splitting the clause: a page may be one
    clause of megabytes)."""
    start = _part_start(clause, at)
    ends = [i for i in (clause.find(c, at) for c in _PART_BREAKS) if i != -1]
    own = clause[start : min(ends, default=len(clause))]
    before = start - 1
    while before >= 0 and clause[before] in _PART_BREAKS:
        before -= 1
    if before < 0:
        return own
    return clause[_part_start(clause, before) : before + 1] + own


def _part_start(clause: str, at: int) -> int:
    """Where the comma-separated part that ``clause[at]`` stands in starts."""
    return max(clause.rfind(c, 0, at) for c in _PART_BREAKS) + 1


_PART_BREAKS = "，,"
_SHOWN = 200


def _shown(clause: str) -> str:
    """A clause for a message, shortened if it is far longer than a sentence."""
    return clause if len(clause) <= _SHOWN else f"{clause[:120]}…{clause[-40:]}"


def check_narrative(report: Report) -> Iterator[Finding]:
    first = report.section(1)
    if first is None:
        return
    # PDF text wraps sentences over lines: read the section as one line. Claims are found in
    # the normalised text (full-width digits, traditional characters), which has the same
    # length, and quoted as printed.
    printed = _LINE_BREAKS.sub("", first.text)
    text = normalize(printed)
    for clause_match in _CLAUSE.finditer(text):
        clause = clause_match.group(0).strip()
        shown = printed[clause_match.start() : clause_match.end()].strip()
        for claim in _CLAIMS:
            match = claim.pattern.search(clause)
            if not match:
                continue
            context = _about(clause, match.start()) + match.group(0)
            if _ELSEWHERE.search(context) or not claim.about.search(context):
                continue
            stated = int(next(g for g in match.groups() if g).replace(",", ""))
            table = claim.value(report)
            if table is None or table == stated:
                continue
            yield Finding(
                TEXT_TABLE_MISMATCH.id,
                "warning",
                f"总体情况称{claim.what_zh}为 {stated}，表格为 {table}：“{_shown(shown)}”",
                f"section 1 states {stated} {claim.what_en}, the tables {table}: {_shown(shown)!r}",
                section=1,
                expected=table,
                actual=stated,
            )


_FEE_WORDS = re.compile(r"信息处理费|处理费|收费|收取.{0,6}费")


def check_fee_statement(report: Report) -> Iterator[Finding]:
    six = report.section(6)
    if six is None:
        return  # SECTION_MISSING says so, or the text was cut before it
    if report.year is not None and report.year < 2021:
        return  # information processing fees exist from 2021 (国办函〔2020〕109号)
    if not _FEE_WORDS.search(normalize(six.text)):
        yield Finding(
            SEC6_FEE.id,
            "warning",
            "“其他需要报告的事项”未说明信息处理费的收取情况（收取金额或未收取）",
            "section 6 does not say whether information processing fees were charged",
            section=6,
        )
