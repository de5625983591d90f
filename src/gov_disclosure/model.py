"""The immutable objects a parsed report is made of.

Every table number is ``int`` (the fee: ``Decimal``) or ``None`` when the report did not print
a readable number there. Each row keeps, beside its numbers, the source ``Span`` of each one.
Consistency rules (sums, carry-over) are not enforced here: real reports break them and must
still load; they are checked by validation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

if TYPE_CHECKING:
    import pandas as pd

    from .metrics import Metrics
    from .validation import Validation

__all__ = [
    "CELL_KEYS",
    "T3_COLUMNS",
    "T3_ROWS",
    "T4_COLUMNS",
    "T4_GROUPS",
    "ActiveDisclosure",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "CellValue",
    "Diagnostic",
    "DocumentCounts",
    "Report",
    "ReviewLitigation",
    "Section",
    "Severity",
    "Span",
]

Count: TypeAlias = int | None
CellValue: TypeAlias = int | Decimal | None
Severity: TypeAlias = Literal["error", "warning", "info"]
ReportFormat: TypeAlias = Literal["2021", "2019", "unknown"]


@attrs.frozen
class Span:
    """Where a piece of the report stands in the decoded source text.

    ``line`` and ``column`` are 1-based; ``start`` and ``end`` are 0-based character offsets,
    ``end`` exclusive, so ``text[span.start:span.end]`` is the piece itself.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


def _span_tuple(spans: Iterable[Span | None]) -> tuple[Span | None, ...]:
    return tuple(spans)


def _str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen
class Diagnostic:
    """Something the parser absorbed, could not read, or found missing, and where."""

    code: str
    severity: Severity
    message: str
    span: Span | None = None
    key: str | None = None
    expected: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    printed: str | None = None  # the source text concerned, where one is (a label as printed)
    count: int | None = None  # how many numbers a row had, for cell-count

    @property
    def line(self) -> int | None:
        return self.span.line if self.span else None

    @property
    def column(self) -> int | None:
        return self.span.column if self.span else None

    def __str__(self) -> str:
        where = f"{self.span} " if self.span else ""
        return f"{where}{self.severity} {self.code}: {self.message}"


@attrs.frozen
class Section:
    """One of the six mandated sections: its number (1–6), heading as printed, and text."""

    number: int
    heading: str
    text: str
    span: Span | None = None


# ----------------------------------------------------------------------------- 表二


@attrs.frozen
class DocumentCounts:
    """表二 第二十条第（一）项: one row of 规章 or 行政规范性文件."""

    issued: Count = None
    repealed: Count = None
    in_force: Count = None
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 3, converter=_span_tuple, repr=False, kw_only=True
    )

    FIELDS = ("issued", "repealed", "in_force")

    def values(self) -> tuple[Count, ...]:
        return (self.issued, self.repealed, self.in_force)


@attrs.frozen
class ActiveDisclosure:
    """表二 主动公开政府信息情况."""

    regulations: DocumentCounts = DocumentCounts()
    normative_documents: DocumentCounts = DocumentCounts()
    licensing: Count = None
    punishment: Count = None
    coercion: Count = None
    fees_10k_yuan: Decimal | None = None
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 4, converter=_span_tuple, repr=False, kw_only=True
    )

    SINGLE_FIELDS = ("licensing", "punishment", "coercion", "fees_10k_yuan")

    def validate(self) -> Validation:
        """The checks this table can be given on its own (values, the fee's unit)."""
        from .validation import validate_table

        return validate_table(self)

    def cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        for name in ("regulations", "normative_documents"):
            row: DocumentCounts = getattr(self, name)
            for field, span in zip(DocumentCounts.FIELDS, row.spans, strict=True):
                yield f"t2.{name}.{field}", getattr(row, field), span
        for field, span in zip(self.SINGLE_FIELDS, self.spans, strict=True):
            yield f"t2.{field}", getattr(self, field), span


# ----------------------------------------------------------------------------- 表三

T2_ROWS = ("regulations", "normative_documents", "licensing", "punishment", "coercion", "fees_10k_yuan")

T3_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)

T3_ROWS = (
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_safeties_one_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_law_enforcement_file",
    "denied_administrative_query",
    "unable_not_held",
    "unable_needs_creation",
    "unable_still_unclear",
    "not_processed_petition",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_massive_repeat",
    "not_processed_confirm_info",
    "other_overdue_correction",
    "other_overdue_fee",
    "other_other",
    "total_processed",
    "carried_forward",
)


@attrs.frozen
class ApplicantCounts:
    """One row of 表三: a count per applicant column, in the mandated column order."""

    natural_person: Count = None
    commercial_enterprise: Count = None
    research_institution: Count = None
    social_welfare_org: Count = None
    legal_service_org: Count = None
    other_org: Count = None
    total: Count = None
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 7, converter=_span_tuple, repr=False, kw_only=True
    )

    def values(self) -> tuple[Count, ...]:
        return tuple(getattr(self, c) for c in T3_COLUMNS)


_EMPTY_ROW = ApplicantCounts()


def _row() -> ApplicantCounts:
    return attrs.field(default=_EMPTY_ROW, kw_only=True)


@attrs.frozen
class Applications:
    """表三 收到和处理政府信息公开申请情况: 25 rows, named as in ``T3_ROWS``."""

    new_received: ApplicantCounts = _row()
    carried_over: ApplicantCounts = _row()
    granted: ApplicantCounts = _row()
    partially_granted: ApplicantCounts = _row()
    denied_state_secret: ApplicantCounts = _row()
    denied_prohibited_by_law: ApplicantCounts = _row()
    denied_three_safeties_one_stability: ApplicantCounts = _row()
    denied_third_party_rights: ApplicantCounts = _row()
    denied_internal_affairs: ApplicantCounts = _row()
    denied_process_info: ApplicantCounts = _row()
    denied_law_enforcement_file: ApplicantCounts = _row()
    denied_administrative_query: ApplicantCounts = _row()
    unable_not_held: ApplicantCounts = _row()
    unable_needs_creation: ApplicantCounts = _row()
    unable_still_unclear: ApplicantCounts = _row()
    not_processed_petition: ApplicantCounts = _row()
    not_processed_duplicate: ApplicantCounts = _row()
    not_processed_publication: ApplicantCounts = _row()
    not_processed_massive_repeat: ApplicantCounts = _row()
    not_processed_confirm_info: ApplicantCounts = _row()
    other_overdue_correction: ApplicantCounts = _row()
    other_overdue_fee: ApplicantCounts = _row()
    other_other: ApplicantCounts = _row()
    total_processed: ApplicantCounts = _row()
    carried_forward: ApplicantCounts = _row()

    def validate(self) -> Validation:
        """The sums this table must satisfy (T3_IDENTITY, T3_TOTAL_ROW, T3_TOTAL_COL)."""
        from .validation import validate_table

        return validate_table(self)

    def rows(self) -> Iterator[tuple[str, ApplicantCounts]]:
        for name in T3_ROWS:
            yield name, getattr(self, name)

    def cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        for name, row in self.rows():
            for column, span in zip(T3_COLUMNS, row.spans, strict=True):
                yield f"t3.{name}.{column}", getattr(row, column), span


# ----------------------------------------------------------------------------- 表四

T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


@attrs.frozen
class CaseOutcomes:
    """One group of 表四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: Count = None
    corrected: Count = None
    other: Count = None
    pending: Count = None
    total: Count = None
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 5, converter=_span_tuple, repr=False, kw_only=True
    )

    def values(self) -> tuple[Count, ...]:
        return tuple(getattr(self, c) for c in T4_COLUMNS)


@attrs.frozen
class ReviewLitigation:
    """表四 政府信息公开行政复议、行政诉讼情况."""

    review: CaseOutcomes = CaseOutcomes()
    litigation_direct: CaseOutcomes = CaseOutcomes()
    litigation_after_review: CaseOutcomes = CaseOutcomes()

    def validate(self) -> Validation:
        """The sums this table must satisfy (T4_SUM)."""
        from .validation import validate_table

        return validate_table(self)

    def cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        for group in T4_GROUPS:
            outcomes: CaseOutcomes = getattr(self, group)
            for column, span in zip(T4_COLUMNS, outcomes.spans, strict=True):
                yield f"t4.{group}.{column}", getattr(outcomes, column), span


# ----------------------------------------------------------------------------- the report


def _section_tuple(items: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(items)


def _diagnostic_tuple(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(items)


def cell_text(value: CellValue, blank: str = "") -> str:
    """A cell as printed: the number (a fee without exponent), or ``blank`` for no number."""
    if value is None:
        return blank
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _cell_keys() -> tuple[str, ...]:
    keys = [key for key, _, _ in ActiveDisclosure().cells()]
    keys += [key for key, _, _ in Applications().cells()]
    keys += [key for key, _, _ in ReviewLitigation().cells()]
    return tuple(keys)


@attrs.frozen
class Report:
    """One annual report: its title, agency, year, six sections, three tables and what the
    parser had to say about it (``diagnostics``)."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    preamble: str = ""
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_section_tuple)
    active_disclosure: ActiveDisclosure = ActiveDisclosure()
    applications: Applications = Applications()
    review_litigation: ReviewLitigation = ReviewLitigation()
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), converter=_diagnostic_tuple)
    format: ReportFormat = "unknown"

    def _all_cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        yield from self.active_disclosure.cells()
        yield from self.applications.cells()
        yield from self.review_litigation.cells()

    def cells(self) -> dict[str, CellValue]:
        """The 200 cell keys of the format (``CELL_KEYS``, in that order) and their values."""
        return {key: value for key, value, _ in self._all_cells()}

    def cell_spans(self) -> dict[str, Span | None]:
        """Where each cell's number stands in the source (``None`` where nothing was read)."""
        return {key: span for key, _, span in self._all_cells()}

    def validate(self, previous: Report | None = None) -> Validation:
        """Every rule of the format, as findings; never raises. With ``previous`` (last year's
        report of the same agency) the cross-year rules too."""
        from .validation import validate

        return validate(self, previous)

    def metrics(self) -> Metrics:
        """Rates derived from the tables (实质公开率, 复议纠错率, …): see ``Metrics``."""
        from .metrics import metrics

        return metrics(self)

    def to_records(self) -> list[dict[str, Any]]:
        """The 200 cells as plain dicts: table, row, column, key, value, label_zh, line, column_no."""
        from .frames import to_records

        return to_records(self)

    def to_pandas(self) -> pd.DataFrame:
        """A long pandas DataFrame, one row per cell (needs the ``pandas`` extra)."""
        from .frames import to_pandas

        return to_pandas(self)

    def render(self, fmt: Literal["text", "markdown", "html"] = "text") -> str:
        """The report in the mandated layout; ``parse`` reads the same tables back."""
        from .render import render

        return render(self, fmt)

    def _repr_html_(self) -> str:
        from .display import report_html

        return report_html(self)

    def _repr_markdown_(self) -> str:
        from .render import render

        return render(self, "markdown")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from .display import report_summary

        printer.text("Report(...)" if cycle else report_summary(self))

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: plain dicts, lists, numbers and strings, with ``schema_version``."""
        from .serialization import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text, Chinese kept readable."""
        from .serialization import to_json

        return to_json(self, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        from .serialization import from_dict

        return from_dict(data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        from .serialization import from_json

        return from_json(text)

    def section(self, number: int) -> Section | None:
        """Section ``number`` (1–6), or ``None`` when the report lacks it."""
        for section in self.sections:
            if section.number == number:
                return section
        return None


CELL_KEYS: tuple[str, ...] = _cell_keys()
