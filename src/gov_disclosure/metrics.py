"""Rates derived from a report's tables, as evaluators compute them.

Every rate is a ``float`` between 0 and 1, or ``None`` when its denominator is 0 or a number
it needs was not read. All use the 总计 column of 表三 and the 总计 of each group of 表四.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .model import T3_ROWS, Count, Report

__all__ = ["Metrics", "metrics"]


def _rate(numerator: Sequence[Count], denominator: Sequence[Count]) -> float | None:
    if None in numerator or None in denominator:
        return None
    below = sum(v for v in denominator if v is not None)
    if below == 0:
        return None
    return sum(v for v in numerator if v is not None) / below


@attrs.frozen
class Metrics:
    """Derived rates; see each field for its formula."""

    substantive_disclosure_rate: float | None
    """实质公开率 = (（一）予以公开 + （二）部分公开) / （七）总计"""
    denial_rate: float | None
    """不予公开率 = （三）不予公开 1–8 之和 / （七）总计"""
    unable_rate: float | None
    """无法提供率 = （四）无法提供 1–3 之和 / （七）总计"""
    review_correction_rate: float | None
    """复议纠错率 = 行政复议 结果纠正 / 行政复议 总计"""
    litigation_correction_rate: float | None
    """诉讼纠错率 = (直接起诉 + 复议后起诉) 结果纠正 / (直接起诉 + 复议后起诉) 总计"""
    carry_forward_rate: float | None
    """结转率 = 四、结转下年度继续办理 / (一、本年新收 + 二、上年结转)"""


def metrics(report: Report) -> Metrics:
    t3 = report.applications
    processed = [t3.total_processed.total]
    denied = [getattr(t3, row).total for row in T3_ROWS if row.startswith("denied_")]
    unable = [t3.unable_not_held.total, t3.unable_needs_creation.total, t3.unable_still_unclear.total]
    t4 = report.review_litigation
    suits = (t4.litigation_direct, t4.litigation_after_review)
    return Metrics(
        substantive_disclosure_rate=_rate([t3.granted.total, t3.partially_granted.total], processed),
        denial_rate=_rate(denied, processed),
        unable_rate=_rate(unable, processed),
        review_correction_rate=_rate([t4.review.corrected], [t4.review.total]),
        litigation_correction_rate=_rate([g.corrected for g in suits], [g.total for g in suits]),
        carry_forward_rate=_rate([t3.carried_forward.total], [t3.new_received.total, t3.carried_over.total]),
    )
