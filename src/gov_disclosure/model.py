"""The immutable objects a parsed report is made of.

Every table number is ``int`` (the fee: ``Decimal``) or ``None`` when the report did not print
a readable number there. Each row keeps, beside its numbers, the source ``Span`` of each one
and how the parser placed it in its cell (``placed``, one of ``PLACEMENTS``). Tables a report
prints that the format does not have are kept aside as ``ExtraTable``s, never among the cells.
Consistency rules (sums, carry-over) are not enforced here: real reports break them and must
still load; they are checked by validation. What each field may hold is enforced, at
construction: a value of the wrong type or out of range raises ``InvalidFieldError``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, get_args

import attrs

from .errors import InvalidFieldError
from .formats import FORMAT_2019, FORMAT_2021, Format, format_named

if TYPE_CHECKING:
    import pandas as pd

    from .metrics import Metrics
    from .validation import Validation

__all__ = [
    "CELL_KEYS",
    "DIAGNOSTIC_KEYS",
    "FEE_LIMIT",
    "FEE_PLACES",
    "MAX_COUNT",
    "MAX_DIGITS",
    "PLACEMENTS",
    "PLACEMENT_MEANINGS",
    "T2_2019_ROWS",
    "T3_COLUMNS",
    "T3_ROWS",
    "T4_COLUMNS",
    "T4_GROUPS",
    "YEARS",
    "ActiveDisclosure",
    "ActiveDisclosure2019",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "CellValue",
    "Diagnostic",
    "DocumentCounts",
    "DocumentsMade",
    "ExtraTable",
    "FeeItems",
    "InTable",
    "InvalidFieldError",
    "ItemCounts",
    "OnPage",
    "Placement",
    "Procurement",
    "Report",
    "ReportSource",
    "ReviewLitigation",
    "Section",
    "Severity",
    "Span",
]

Count: TypeAlias = int | None
CellValue: TypeAlias = int | Decimal | None
Severity: TypeAlias = Literal["error", "warning", "info"]
ReportFormat: TypeAlias = Literal["2021", "2019", "unknown"]
FileKind: TypeAlias = Literal["text", "html", "pdf", "docx"]

# ----------------------------------------------------------------------------- how a number was placed
#
# | placement          | the number is in its cell because ...                                      |
# |--------------------|-----------------------------------------------------------------------------|
# | "row"              | it was printed in its own labelled row, in column order                     |
# | "row_order"        | its row's label was not found, and the numbers after the previous label     |
# |                    | were read in the format's mandated row order                                |
# | "sums"             | 表四's numbers were printed interleaved with its header text; the group      |
# |                    | headings and each group's sum leave this placement as the only one that fits |
# | "kept_by_identity" | it ends exactly where a cut input ends, and was kept because it equals the  |
# |                    | total the format's identity requires (so it cannot have been cut short)    |
# | "digits_split"     | its row printed its digits run together ('710000071'); every split that    |
# |                    | the table's evidence allows gives this cell this number                    |
#
# Only "row" is read from the page alone; the others are inference, and every output
# (JSON, CSV, records, DataFrames, the summary and the notebook HTML) says so.
Placement: TypeAlias = Literal["row", "row_order", "sums", "kept_by_identity", "digits_split"]
PLACEMENTS: tuple[str, ...] = get_args(Placement)
PLACEMENT_MEANINGS: Mapping[str, str] = MappingProxyType(
    {
        "row": "its own labelled row, in column order",
        "row_order": (
            "its row's label was not found; the numbers after the previous label were read "
            "in the mandated row order"
        ),
        "sums": (
            "表四's numbers were interleaved with its header text; the group headings and each "
            "group's sum leave this placement as the only one that fits"
        ),
        "kept_by_identity": (
            "it ends exactly where a cut input ends, and was kept because it equals the total "
            "the format's identity requires"
        ),
        "digits_split": (
            "its row printed its digits run together; every split the table's evidence (cell "
            "count, no leading zero, its sums) allows gives this cell this number"
        ),
    }
)
"""What each placement means, in one line: for legends, help texts and the JSON Schema."""

# ----------------------------------------------------------------------------- what a field holds
#
# Objects that exist are valid: every field is checked at construction, so a bad value fails
# where it is made (or read from JSON, with its path) rather than later, in validate() or
# render(). The checks are type tests and comparisons: the parser builds these objects for every
# cell of every report.

MAX_DIGITS = 12
"""The most digits of a count, or of the fee before its point: the parser reads no longer
number (no count in a report comes near a trillion)."""
MAX_COUNT = 10**MAX_DIGITS - 1
"""The largest count. Counts down to ``-MAX_COUNT`` are constructible: validation reports a
negative count (``CELL_NEGATIVE``)."""
FEE_LIMIT = Decimal(10**MAX_DIGITS)
"""The fee, in 万元, is finite and below this in absolute value."""
FEE_PLACES = 6
"""The most decimal places of the fee: 万元 to the fen (0.01 yuan)."""
YEARS = range(2000, 2100)
"""The report years a ``Report`` may hold: the ``20xx年`` the parser reads."""

_Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def describe(value: object) -> str:
    """``value`` for an error message: short whatever its size, and never a container's
    contents (which may be huge, or nested deeper than ``repr`` can go)."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 128:  # str() of a huge int is slow, or refused past 4,300 digits
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        return repr(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:40])[:-1] + "...'"
    if isinstance(value, float | Decimal):
        shown = repr(value)
        return shown if len(shown) <= 60 else shown[:57] + "..."
    return f"a {type(value).__name__}"


def _refuse(instance: object, attribute: attrs.Attribute[Any], problem: str) -> InvalidFieldError:
    return InvalidFieldError(type(instance).__name__, attribute.name, problem)


def _count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    # type() rather than isinstance(): a bool is an int to Python, never a count.
    if type(value) is not int:
        raise _refuse(instance, attribute, f"expected an int or None, got {describe(value)}")
    if not -MAX_COUNT <= value <= MAX_COUNT:
        raise _refuse(instance, attribute, f"{describe(value)} has more than {MAX_DIGITS} digits")


def _natural(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise _refuse(instance, attribute, f"expected an int, got {describe(value)}")
    if not 0 <= value <= MAX_COUNT:
        raise _refuse(instance, attribute, f"expected 0 to {MAX_COUNT:,}, got {describe(value)}")


def _span_positions(instance: Span, attribute: attrs.Attribute[Any], end: object) -> None:
    # One check of all six fields, on the last: a report makes a Span for every number it
    # reads, and one call costs half of six.
    line, column, end_line, end_column, start = (
        instance.line,
        instance.column,
        instance.end_line,
        instance.end_column,
        instance.start,
    )
    if (
        type(line) is int
        and type(column) is int
        and type(end_line) is int
        and type(end_column) is int
        and type(start) is int
        and type(end) is int
        and 0 <= line <= end_line <= MAX_COUNT
        and 0 <= column <= MAX_COUNT
        and 0 <= end_column <= MAX_COUNT
        and 0 <= start <= end <= MAX_COUNT
    ):
        return
    # Something is wrong: find the field, to name it.
    for field in attrs.fields(type(instance))[:6]:  # the six positions
        _natural(instance, field, getattr(instance, field.name))
    for first, last in (("line", "end_line"), ("start", "end")):
        if getattr(instance, last) < getattr(instance, first):
            problem = f"{getattr(instance, last)} is before {first} {getattr(instance, first)}"
            raise InvalidFieldError(type(instance).__name__, last, problem)


def _optional_natural(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _natural(instance, attribute, value)


def _fee(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not Decimal:
        raise _refuse(instance, attribute, f"expected a Decimal or None, got {describe(value)}")
    if not value.is_finite():
        raise _refuse(instance, attribute, f"{describe(value)} is not a finite amount")
    # adjusted() is the power of ten of the leading digit: cheap however large the exponent,
    # where abs() would raise decimal.Overflow past the context's Emax.
    if not value.is_zero() and value.adjusted() >= MAX_DIGITS:
        raise _refuse(instance, attribute, f"{describe(value)} is not below 10**{MAX_DIGITS} (万元)")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -FEE_PLACES:
        raise _refuse(instance, attribute, f"{describe(value)} has more than {FEE_PLACES} decimal places")


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _refuse(instance, attribute, f"expected a str, got {describe(value)}")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise _refuse(instance, attribute, f"expected a str or None, got {describe(value)}")


def _one_of(choices: tuple[str, ...]) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not str or value not in choices:
            names = ", ".join(repr(c) for c in choices)
            raise _refuse(instance, attribute, f"expected one of {names}, got {describe(value)}")

    return check


def _instance(cls: type) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise _refuse(instance, attribute, f"expected a {cls.__name__}, got {describe(value)}")

    return check


def _optional_span(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, Span):
        raise _refuse(instance, attribute, f"expected a Span or None, got {describe(value)}")


def _tuple_of(cls: type) -> _Validator:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise _refuse(
                instance, attribute, f"expected a sequence of {cls.__name__}, got {describe(value)}"
            )
        for item in value:
            if not isinstance(item, cls):
                raise _refuse(
                    instance, attribute, f"expected only {cls.__name__} items, got {describe(item)}"
                )

    return check


def _spans(width: int) -> _Validator:
    """A row's spans: exactly one per cell of the row, each a Span or None."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise _refuse(instance, attribute, f"expected {width} spans, got {describe(value)}")
        if len(value) != width:
            raise _refuse(instance, attribute, f"expected {width} spans, one per cell, got {len(value)}")
        for span in value:
            if span is not None and not isinstance(span, Span):
                raise _refuse(instance, attribute, f"expected a Span or None per cell, got {describe(span)}")

    return check


_PLACEMENT_SET = frozenset(PLACEMENTS)
_PLACEMENT_NAMES = ", ".join(repr(p) for p in PLACEMENTS)


def _numbers_of(cells: tuple[str, ...]) -> Callable[[object], tuple[CellValue, ...]]:
    """A function giving a row's values of ``cells``, in one call (the parser makes many rows)."""
    get: Callable[[object], Any] = operator.attrgetter(*cells)
    if len(cells) == 1:  # attrgetter of one name gives the value, not a tuple of one
        return lambda row: (get(row),)
    return get


def _placements(cells: tuple[str, ...]) -> _Validator:
    """A row's placements: one per cell, each one of PLACEMENTS where the cell holds a number
    and None exactly where it holds none."""
    width = len(cells)
    numbers_of = _numbers_of(cells)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise _refuse(instance, attribute, f"expected {width} placements, got {describe(value)}")
        if len(value) != width:
            raise _refuse(instance, attribute, f"expected {width} placements, one per cell, got {len(value)}")
        for cell, placed, number in zip(cells, value, numbers_of(instance), strict=True):
            if placed is None:
                if number is not None:
                    raise _refuse(
                        instance, attribute, f"no placement for {cell}, which holds {describe(number)}"
                    )
            elif type(placed) is not str or placed not in _PLACEMENT_SET:
                raise _refuse(
                    instance,
                    attribute,
                    f"expected one of {_PLACEMENT_NAMES} or None per cell, got {describe(placed)}",
                )
            elif number is None:
                raise _refuse(instance, attribute, f"placement {placed!r} for {cell}, which holds no number")

    return check


def _placement_tuple(items: Iterable[Placement | None]) -> tuple[Placement | None, ...]:
    found: tuple[Placement | None, ...] = _as_tuple(items)
    return found


def _read_in_rows(cells: tuple[str, ...]) -> Any:
    """The default of ``placed``: "row" wherever the cell holds a number, None where it holds
    none. What a row built by hand, not parsed, means."""

    numbers_of = _numbers_of(cells)

    def placements(row: object) -> tuple[Placement | None, ...]:
        return tuple(None if number is None else "row" for number in numbers_of(row))

    return attrs.Factory(placements, takes_self=True)


def _placed_schema(cells: tuple[str, ...]) -> dict[str, object]:
    meanings = "; ".join(f"{name}: {meaning}" for name, meaning in PLACEMENT_MEANINGS.items())
    return _schema(
        minItems=len(cells),
        maxItems=len(cells),
        description=f"How each cell's number was placed, in the order of the cells (null: no "
        f"number). {meanings}",
    )


def _section_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1 <= value <= 6:
        raise _refuse(instance, attribute, f"expected a section number 1 to 6, got {describe(value)}")


def _year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not int or value not in YEARS):
        raise _refuse(
            instance, attribute, f"expected a year {YEARS[0]} to {YEARS[-1]} or None, got {describe(value)}"
        )


def _diagnostic_key(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not str or value not in DIAGNOSTIC_KEYS):
        raise _refuse(
            instance,
            attribute,
            f"expected a cell, row or table key (t3.granted.total, t3.granted, t3) or None, "
            f"got {describe(value)}",
        )


def _schema(**bounds: object) -> dict[str, object]:
    # Field metadata json_schema() adds to the field's schema: the bounds the validators check.
    return {"json_schema": bounds}


def _count_field() -> Any:
    return attrs.field(
        default=None, validator=_count, metadata=_schema(minimum=-MAX_COUNT, maximum=MAX_COUNT)
    )


_POSITION = _schema(minimum=0, maximum=MAX_COUNT)


def _as_tuple(items: Any) -> Any:
    # A str would become a tuple of characters, and what is not iterable would raise
    # TypeError here: both are left as they are for the field's validator to name.
    if isinstance(items, str | bytes):
        return items
    try:
        return tuple(items)
    except TypeError:
        return items


# Points: far beyond any page (A0 is 3,370 points high), near enough to stay exact in JSON.
MAX_COORDINATE = 1_000_000.0


def _coordinate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not float or not -MAX_COORDINATE <= value <= MAX_COORDINATE:
        raise _refuse(instance, attribute, f"expected a number of points, got {describe(value)}")


def _page_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1 <= value <= MAX_COUNT:
        raise _refuse(instance, attribute, f"expected a page number (1 or more), got {describe(value)}")


_COORDINATE = _schema(minimum=-MAX_COORDINATE, maximum=MAX_COORDINATE)


@attrs.frozen
class OnPage:
    """Where a piece of the report stands in a laid-out file (a PDF): its page, 1-based, and
    the box of its characters in points from the page's top-left corner."""

    page: int = attrs.field(validator=_page_number, metadata=_schema(minimum=1, maximum=MAX_COUNT))
    x0: float = attrs.field(validator=_coordinate, metadata=_COORDINATE)
    top: float = attrs.field(validator=_coordinate, metadata=_COORDINATE)
    x1: float = attrs.field(validator=_coordinate, metadata=_COORDINATE)
    bottom: float = attrs.field(validator=_coordinate, metadata=_COORDINATE)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


def _optional_on_page(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, OnPage):
        raise _refuse(instance, attribute, f"expected an OnPage or None, got {describe(value)}")


def _position_number(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1 <= value <= MAX_COUNT:
        raise _refuse(instance, attribute, f"expected a number from 1, got {describe(value)}")


_FROM_ONE = _schema(minimum=1, maximum=MAX_COUNT)


@attrs.frozen
class InTable:
    """Where a piece of the report stands in a Word document (a DOCX): its table (1-based, in
    document order, nested tables counted where they stand), and its row and column in that
    table's grid (1-based; a merged cell's first)."""

    table: int = attrs.field(validator=_position_number, metadata=_FROM_ONE)
    row: int = attrs.field(validator=_position_number, metadata=_FROM_ONE)
    column: int = attrs.field(validator=_position_number, metadata=_FROM_ONE)


def _optional_in_table(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, InTable):
        raise _refuse(instance, attribute, f"expected an InTable or None, got {describe(value)}")


@attrs.frozen
class Span:
    """Where a piece of the report stands in the decoded source text.

    ``line`` and ``column`` are 1-based; ``start`` and ``end`` are 0-based character offsets,
    ``end`` exclusive, so ``text[span.start:span.end]`` is the piece itself. All six are
    non-negative ints (0 where a position is unknown), and a span never ends before it starts.
    For a report read from a PDF, ``on_page`` also says where the piece stands in the file
    (its page and box); for one read from a DOCX, ``in_table`` (its table, row and column).
    Both are ``None`` for other sources.
    """

    line: int = attrs.field(metadata=_POSITION)
    column: int = attrs.field(metadata=_POSITION)
    end_line: int = attrs.field(metadata=_POSITION)
    end_column: int = attrs.field(metadata=_POSITION)
    start: int = attrs.field(metadata=_POSITION)
    end: int = attrs.field(validator=_span_positions, metadata=_POSITION)  # checks all six
    # Left out of JSON where None (every source but a PDF), so text reports' JSON is unchanged.
    on_page: OnPage | None = attrs.field(
        default=None, validator=_optional_on_page, metadata={"omitted_when_none": True}
    )
    in_table: InTable | None = attrs.field(
        default=None, validator=_optional_in_table, metadata={"omitted_when_none": True}
    )

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


def _span_tuple(spans: Iterable[Span | None]) -> tuple[Span | None, ...]:
    found: tuple[Span | None, ...] = _as_tuple(spans)
    return found


def _str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    found: tuple[str, ...] = _as_tuple(items)
    return found


def _plain_str(value: Any) -> Any:
    # str() of a str subclass (a StrEnum member) is its value; anything else is left for the
    # validator to name.
    return str(value) if isinstance(value, str) and type(value) is not str else value


@attrs.frozen
class Diagnostic:
    """Something the parser absorbed, could not read, or found missing, and where."""

    # A DiagnosticCode member is kept as its plain string: equal, and the same in JSON.
    code: str = attrs.field(converter=_plain_str, validator=_text)
    severity: Severity = attrs.field(validator=_one_of(get_args(Severity)))
    message: str = attrs.field(validator=_text)
    span: Span | None = attrs.field(default=None, validator=_optional_span)
    # A cell key of CELL_KEYS, a row key (t3.granted, t2.regulations, t4.review) or a table
    # key (t2, t3, t4): DIAGNOSTIC_KEYS.
    key: str | None = attrs.field(default=None, validator=_diagnostic_key)
    expected: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_tuple_of(str))
    # The source text concerned, where one is (a label as printed).
    printed: str | None = attrs.field(default=None, validator=_optional_text)
    # How many numbers a row had, for cell-count.
    count: int | None = attrs.field(
        default=None, validator=_optional_natural, metadata=_schema(minimum=0, maximum=MAX_COUNT)
    )

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

    number: int = attrs.field(validator=_section_number, metadata=_schema(minimum=1, maximum=6))
    heading: str = attrs.field(validator=_text)
    text: str = attrs.field(validator=_text)
    span: Span | None = attrs.field(default=None, validator=_optional_span)


# ----------------------------------------------------------------------------- 表二

_DOCUMENT_CELLS = ("issued", "repealed", "in_force")  # a row of 规章 or 行政规范性文件
_SINGLE_CELLS = ("licensing", "punishment", "coercion", "fees_10k_yuan")  # one number each


@attrs.frozen
class DocumentCounts:
    """表二 第二十条第（一）项: one row of 规章 or 行政规范性文件."""

    issued: Count = _count_field()
    repealed: Count = _count_field()
    in_force: Count = _count_field()
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 3,
        converter=_span_tuple,
        validator=_spans(3),
        repr=False,
        kw_only=True,
        metadata=_schema(minItems=3, maxItems=3),
    )
    placed: tuple[Placement | None, ...] = attrs.field(
        default=_read_in_rows(_DOCUMENT_CELLS),
        converter=_placement_tuple,
        validator=_placements(_DOCUMENT_CELLS),
        repr=False,
        kw_only=True,
        metadata=_placed_schema(_DOCUMENT_CELLS),
    )

    FIELDS = _DOCUMENT_CELLS

    def values(self) -> tuple[Count, ...]:
        return (self.issued, self.repealed, self.in_force)


@attrs.frozen
class ActiveDisclosure:
    """表二 主动公开政府信息情况."""

    regulations: DocumentCounts = attrs.field(default=DocumentCounts(), validator=_instance(DocumentCounts))
    normative_documents: DocumentCounts = attrs.field(
        default=DocumentCounts(), validator=_instance(DocumentCounts)
    )
    licensing: Count = _count_field()
    punishment: Count = _count_field()
    coercion: Count = _count_field()
    # Finite, |fee| < FEE_LIMIT, at most FEE_PLACES decimal places.
    fees_10k_yuan: Decimal | None = attrs.field(default=None, validator=_fee)
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 4,
        converter=_span_tuple,
        validator=_spans(4),
        repr=False,
        kw_only=True,
        metadata=_schema(minItems=4, maxItems=4),
    )
    # For the four single cells; each DocumentCounts row has its own.
    placed: tuple[Placement | None, ...] = attrs.field(
        default=_read_in_rows(_SINGLE_CELLS),
        converter=_placement_tuple,
        validator=_placements(_SINGLE_CELLS),
        repr=False,
        kw_only=True,
        metadata=_placed_schema(_SINGLE_CELLS),
    )

    SINGLE_FIELDS = _SINGLE_CELLS

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

    def placements(self) -> Iterator[tuple[str, Placement | None]]:
        """(cell key, how its number was placed) for the table's 10 cells, as ``cells()``."""
        for name in ("regulations", "normative_documents"):
            row: DocumentCounts = getattr(self, name)
            for field, placed in zip(DocumentCounts.FIELDS, row.placed, strict=True):
                yield f"t2.{name}.{field}", placed
        for field, placed in zip(self.SINGLE_FIELDS, self.placed, strict=True):
            yield f"t2.{field}", placed


# ----------------------------------------------------------------------------- 表二 of 2019


def _spans_field(cells: tuple[str, ...]) -> Any:
    return attrs.field(
        default=(None,) * len(cells),
        converter=_span_tuple,
        validator=_spans(len(cells)),
        repr=False,
        kw_only=True,
        metadata=_schema(minItems=len(cells), maxItems=len(cells)),
    )


def _placed_field(cells: tuple[str, ...]) -> Any:
    return attrs.field(
        default=_read_in_rows(cells),
        converter=_placement_tuple,
        validator=_placements(cells),
        repr=False,
        kw_only=True,
        metadata=_placed_schema(cells),
    )


_MADE_CELLS = ("made", "published", "total_public")
_ITEM_CELLS = ("previous_year", "change", "decisions")
_FEE_ITEM_CELLS = ("previous_year", "change")
_PROCUREMENT_CELLS = ("items", "amount")


@attrs.frozen
class DocumentsMade:
    """2019 表二 第二十条第（一）项: 规章 or 规范性文件 made, published, and in public view."""

    made: Count = _count_field()
    published: Count = _count_field()
    total_public: Count = _count_field()
    spans: tuple[Span | None, ...] = _spans_field(_MADE_CELLS)
    placed: tuple[Placement | None, ...] = _placed_field(_MADE_CELLS)

    FIELDS = _MADE_CELLS


@attrs.frozen
class ItemCounts:
    """2019 表二 第（五）（六）项: last year's items, this year's change (signed), decisions."""

    previous_year: Count = _count_field()
    change: Count = _count_field()
    decisions: Count = _count_field()
    spans: tuple[Span | None, ...] = _spans_field(_ITEM_CELLS)
    placed: tuple[Placement | None, ...] = _placed_field(_ITEM_CELLS)

    FIELDS = _ITEM_CELLS


@attrs.frozen
class FeeItems:
    """2019 表二 第（八）项 行政事业性收费: last year's fee items and this year's change."""

    previous_year: Count = _count_field()
    change: Count = _count_field()
    spans: tuple[Span | None, ...] = _spans_field(_FEE_ITEM_CELLS)
    placed: tuple[Placement | None, ...] = _placed_field(_FEE_ITEM_CELLS)

    FIELDS = _FEE_ITEM_CELLS


@attrs.frozen
class Procurement:
    """2019 表二 第（九）项 政府集中采购: items and their amount, as printed (no unit)."""

    items: Count = _count_field()
    amount: Decimal | None = attrs.field(default=None, validator=_fee)
    spans: tuple[Span | None, ...] = _spans_field(_PROCUREMENT_CELLS)
    placed: tuple[Placement | None, ...] = _placed_field(_PROCUREMENT_CELLS)

    FIELDS = _PROCUREMENT_CELLS


_T2_2019 = FORMAT_2019.table("t2")
T2_2019_ROWS = _T2_2019.row_keys


def _t2_2019_row(cls: type[Any]) -> Any:
    return attrs.field(factory=cls, validator=_instance(cls))


@attrs.frozen
class ActiveDisclosure2019:
    """表二 主动公开政府信息情况 in the 2019 format (国办公开办函〔2019〕60号): keys in
    ``FORMAT_2019.table("t2")``."""

    regulations: DocumentsMade = _t2_2019_row(DocumentsMade)
    normative_documents: DocumentsMade = _t2_2019_row(DocumentsMade)
    licensing: ItemCounts = _t2_2019_row(ItemCounts)
    other_services: ItemCounts = _t2_2019_row(ItemCounts)
    punishment: ItemCounts = _t2_2019_row(ItemCounts)
    coercion: ItemCounts = _t2_2019_row(ItemCounts)
    fees: FeeItems = _t2_2019_row(FeeItems)
    procurement: Procurement = _t2_2019_row(Procurement)

    @classmethod
    def row_type(cls, key: str) -> type[Any]:
        """The class of row ``key`` (``"licensing"`` -> ``ItemCounts``): DocumentsMade, ItemCounts,
        FeeItems or Procurement, whose cells are its fields in ``FIELDS`` order."""
        return type(getattr(_EMPTY_T2_2019, key))

    def cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        for name in T2_2019_ROWS:
            row = getattr(self, name)
            for field, span in zip(row.FIELDS, row.spans, strict=True):
                yield f"t2.{name}.{field}", getattr(row, field), span

    def placements(self) -> Iterator[tuple[str, Placement | None]]:
        for name in T2_2019_ROWS:
            row = getattr(self, name)
            for field, placed in zip(row.FIELDS, row.placed, strict=True):
                yield f"t2.{name}.{field}", placed


_EMPTY_T2_2019 = ActiveDisclosure2019()


# ----------------------------------------------------------------------------- 表三

T2_ROWS = FORMAT_2021.table("t2").row_keys

T3_COLUMNS: tuple[str, ...] = tuple(str(c.key) for c in FORMAT_2021.table("t3").rows[0].columns)

T3_ROWS = FORMAT_2021.table("t3").row_keys


@attrs.frozen
class ApplicantCounts:
    """One row of 表三: a count per applicant column, in the mandated column order."""

    natural_person: Count = _count_field()
    commercial_enterprise: Count = _count_field()
    research_institution: Count = _count_field()
    social_welfare_org: Count = _count_field()
    legal_service_org: Count = _count_field()
    other_org: Count = _count_field()
    total: Count = _count_field()
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 7,
        converter=_span_tuple,
        validator=_spans(7),
        repr=False,
        kw_only=True,
        metadata=_schema(minItems=7, maxItems=7),
    )
    placed: tuple[Placement | None, ...] = attrs.field(
        default=_read_in_rows(T3_COLUMNS),
        converter=_placement_tuple,
        validator=_placements(T3_COLUMNS),
        repr=False,
        kw_only=True,
        metadata=_placed_schema(T3_COLUMNS),
    )

    def values(self) -> tuple[Count, ...]:
        return tuple(getattr(self, c) for c in T3_COLUMNS)


_EMPTY_ROW = ApplicantCounts()


def _row() -> ApplicantCounts:
    return attrs.field(default=_EMPTY_ROW, kw_only=True, validator=_instance(ApplicantCounts))


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
    # The 2019 format's single （六）其他处理 row; the 2021 format prints three rows instead.
    other_processing: ApplicantCounts = _row()

    def validate(self) -> Validation:
        """The sums this table must satisfy (T3_IDENTITY, T3_TOTAL_ROW, T3_TOTAL_COL)."""
        from .validation import validate_table

        return validate_table(self)

    def rows(self, keys: Sequence[str] = T3_ROWS) -> Iterator[tuple[str, ApplicantCounts]]:
        """(row key, row) for the rows ``keys`` (the 2021 format's 25 unless told otherwise)."""
        for name in keys:
            yield name, getattr(self, name)

    def cells(self, keys: Sequence[str] = T3_ROWS) -> Iterator[tuple[str, CellValue, Span | None]]:
        for name, row in self.rows(keys):
            for column, span in zip(T3_COLUMNS, row.spans, strict=True):
                yield f"t3.{name}.{column}", getattr(row, column), span

    def placements(self, keys: Sequence[str] = T3_ROWS) -> Iterator[tuple[str, Placement | None]]:
        """(cell key, how its number was placed) for the table's 175 cells, as ``cells()``."""
        for name, row in self.rows(keys):
            for column, placed in zip(T3_COLUMNS, row.placed, strict=True):
                yield f"t3.{name}.{column}", placed


# ----------------------------------------------------------------------------- 表四

T4_GROUPS = FORMAT_2021.table("t4").row_keys
T4_COLUMNS: tuple[str, ...] = tuple(str(c.key) for c in FORMAT_2021.table("t4").rows[0].columns)


@attrs.frozen
class CaseOutcomes:
    """One group of 表四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: Count = _count_field()
    corrected: Count = _count_field()
    other: Count = _count_field()
    pending: Count = _count_field()
    total: Count = _count_field()
    spans: tuple[Span | None, ...] = attrs.field(
        default=(None,) * 5,
        converter=_span_tuple,
        validator=_spans(5),
        repr=False,
        kw_only=True,
        metadata=_schema(minItems=5, maxItems=5),
    )
    placed: tuple[Placement | None, ...] = attrs.field(
        default=_read_in_rows(T4_COLUMNS),
        converter=_placement_tuple,
        validator=_placements(T4_COLUMNS),
        repr=False,
        kw_only=True,
        metadata=_placed_schema(T4_COLUMNS),
    )

    def values(self) -> tuple[Count, ...]:
        return tuple(getattr(self, c) for c in T4_COLUMNS)


@attrs.frozen
class ReviewLitigation:
    """表四 政府信息公开行政复议、行政诉讼情况."""

    review: CaseOutcomes = attrs.field(default=CaseOutcomes(), validator=_instance(CaseOutcomes))
    litigation_direct: CaseOutcomes = attrs.field(default=CaseOutcomes(), validator=_instance(CaseOutcomes))
    litigation_after_review: CaseOutcomes = attrs.field(
        default=CaseOutcomes(), validator=_instance(CaseOutcomes)
    )

    def validate(self) -> Validation:
        """The sums this table must satisfy (T4_SUM)."""
        from .validation import validate_table

        return validate_table(self)

    def cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        for group in T4_GROUPS:
            outcomes: CaseOutcomes = getattr(self, group)
            for column, span in zip(T4_COLUMNS, outcomes.spans, strict=True):
                yield f"t4.{group}.{column}", getattr(outcomes, column), span

    def placements(self) -> Iterator[tuple[str, Placement | None]]:
        """(cell key, how its number was placed) for the table's 15 cells, as ``cells()``."""
        for group in T4_GROUPS:
            outcomes: CaseOutcomes = getattr(self, group)
            for column, placed in zip(T4_COLUMNS, outcomes.placed, strict=True):
                yield f"t4.{group}.{column}", placed


# ----------------------------------------------------------------------------- tables the format lacks


def _printed_numbers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise _refuse(instance, attribute, f"expected a sequence of str, got {describe(value)}")
    for number in value:
        if not isinstance(number, str) or not number:
            raise _refuse(
                instance,
                attribute,
                f"expected each number as printed, a non-empty str, got {describe(number)}",
            )


def _number_spans(instance: ExtraTable, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise _refuse(instance, attribute, f"expected a sequence of Span, got {describe(value)}")
    for span in value:
        if not isinstance(span, Span):
            raise _refuse(instance, attribute, f"expected a Span per number, got {describe(span)}")
    # numbers is checked first (validators run in field order): a tuple here.
    if len(value) != len(instance.numbers):
        raise _refuse(
            instance, attribute, f"expected one span per number ({len(instance.numbers)}), got {len(value)}"
        )


def _number_span_tuple(spans: Iterable[Span]) -> tuple[Span, ...]:
    found: tuple[Span, ...] = _as_tuple(spans)
    return found


@attrs.frozen
class ExtraTable:
    """A table the report prints between or after the mandated ones that the format does not
    have (2025: ``五、信息处理费收取情况``). Kept aside as printed: never among the 200 cells,
    never validated against the format.

    ``heading`` is the heading as printed, ``labels`` the header and row labels found in the
    table, ``numbers`` each number exactly as printed (``"3"``, ``"120.50"``), in reading order,
    with one ``Span`` per number in ``spans``; ``span`` is the heading's.
    """

    heading: str = attrs.field(validator=_text)
    labels: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_tuple_of(str))
    numbers: tuple[str, ...] = attrs.field(
        default=(),
        converter=_str_tuple,
        validator=_printed_numbers,
        metadata=_schema(items={"type": "string", "minLength": 1}),
    )
    spans: tuple[Span, ...] = attrs.field(default=(), converter=_number_span_tuple, validator=_number_spans)
    span: Span | None = attrs.field(default=None, validator=_optional_span)


def _extra_table_tuple(items: Iterable[ExtraTable]) -> tuple[ExtraTable, ...]:
    found: tuple[ExtraTable, ...] = _as_tuple(items)
    return found


# ----------------------------------------------------------------------------- the report


def _section_tuple(items: Iterable[Section]) -> tuple[Section, ...]:
    found: tuple[Section, ...] = _as_tuple(items)
    return found


def _diagnostic_tuple(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    found: tuple[Diagnostic, ...] = _as_tuple(items)
    return found


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


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _sha256(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or _SHA256.fullmatch(value) is None:
        raise _refuse(instance, attribute, f"expected 64 lowercase hex digits, got {describe(value)}")


@attrs.frozen
class ReportSource:
    """Where a parsed report came from: the ``path`` it was read from (``None`` for text or
    bytes), the SHA-256 of what was read (the file's bytes; a ``str``'s UTF-8), and which
    reader read it (``kind``)."""

    path: str | None = attrs.field(validator=_optional_text)
    sha256: str = attrs.field(validator=_sha256, metadata=_schema(pattern="^[0-9a-f]{64}$"))
    kind: FileKind = attrs.field(validator=_one_of(get_args(FileKind)))

    @property
    def id(self) -> str:
        """The report's id in tables of many reports: its path, or ``sha256:<hash>``."""
        return self.path if self.path is not None else f"sha256:{self.sha256}"


def _optional_source(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ReportSource):
        raise _refuse(instance, attribute, f"expected a ReportSource or None, got {describe(value)}")


@attrs.frozen
class Report:
    """One annual report: its title, agency, year, six sections, three tables, what the parser
    had to say about it (``diagnostics``), and any tables the format does not have
    (``extra_tables``)."""

    title: str | None = attrs.field(default=None, validator=_optional_text)
    agency: str | None = attrs.field(default=None, validator=_optional_text)
    year: int | None = attrs.field(
        default=None, validator=_year, metadata=_schema(minimum=YEARS[0], maximum=YEARS[-1])
    )
    preamble: str = attrs.field(default="", validator=_text)
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_section_tuple, validator=_tuple_of(Section)
    )
    active_disclosure: ActiveDisclosure = attrs.field(
        default=ActiveDisclosure(), validator=_instance(ActiveDisclosure)
    )
    applications: Applications = attrs.field(default=Applications(), validator=_instance(Applications))
    review_litigation: ReviewLitigation = attrs.field(
        default=ReviewLitigation(), validator=_instance(ReviewLitigation)
    )
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        default=(), converter=_diagnostic_tuple, validator=_tuple_of(Diagnostic)
    )
    format: ReportFormat = attrs.field(default="unknown", validator=_one_of(get_args(ReportFormat)))
    # Tables the format does not have, in the order printed: kept aside, never cells.
    extra_tables: tuple[ExtraTable, ...] = attrs.field(
        default=(), converter=_extra_table_tuple, validator=_tuple_of(ExtraTable)
    )
    # 表二 of a report in the 2019 format (``format == "2019"``); ``active_disclosure`` is then
    # empty, as that report prints no 2021 表二.
    active_disclosure_2019: ActiveDisclosure2019 | None = attrs.field(
        default=None, validator=attrs.validators.optional(_instance(ActiveDisclosure2019))
    )
    # Where the report was read from; not part of what a report is (two files of the same text
    # give equal reports), so not compared.
    source: ReportSource | None = attrs.field(
        default=None, eq=False, validator=_optional_source, metadata={"omitted_when_none": True}
    )

    def _table2(self) -> ActiveDisclosure | ActiveDisclosure2019:
        if self.format == "2019":
            return self.active_disclosure_2019 or ActiveDisclosure2019()
        return self.active_disclosure

    def _t3_rows(self) -> tuple[str, ...]:
        return self.template.table("t3").row_keys

    def _all_cells(self) -> Iterator[tuple[str, CellValue, Span | None]]:
        yield from self._table2().cells()
        yield from self.applications.cells(self._t3_rows())
        yield from self.review_litigation.cells()

    def cells(self) -> dict[str, CellValue]:
        """The cell keys of the report's format and their values: for a 2021 report (and one
        whose format is unknown) the 200 keys of ``CELL_KEYS``, in that order; for a 2019
        report ``FORMAT_2019.cell_keys()`` (its own 表二, 表三 with one （六） row)."""
        return {key: value for key, value, _ in self._all_cells()}

    def cell_spans(self) -> dict[str, Span | None]:
        """Where each cell's number stands in the source (``None`` where nothing was read)."""
        return {key: span for key, _, span in self._all_cells()}

    def _all_placements(self) -> Iterator[tuple[str, Placement | None]]:
        yield from self._table2().placements()
        yield from self.applications.placements(self._t3_rows())
        yield from self.review_litigation.placements()

    def cell_placements(self) -> dict[str, Placement | None]:
        """How each cell's number was placed (``PLACEMENTS``; ``None`` where nothing was read),
        for the 200 keys of ``CELL_KEYS`` in that order. Anything but ``"row"`` is inference."""
        return dict(self._all_placements())

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
        """The 200 cells as plain dicts: table, row, column, key, value, label_zh, line, column_no,
        placed_by."""
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

    @property
    def template(self) -> Format:
        """The format object (``gov_disclosure.formats``) whose tables this report has: its
        labels, rows, columns and identities. A report whose format is unknown has 2021's."""
        return format_named(self.format)

    def section(self, number: int) -> Section | None:
        """Section ``number`` (1–6), or ``None`` when the report lacks it."""
        for section in self.sections:
            if section.number == number:
                return section
        return None


CELL_KEYS: tuple[str, ...] = _cell_keys()
DIAGNOSTIC_KEYS: frozenset[str] = frozenset(
    key
    for template in (FORMAT_2021, FORMAT_2019)
    for table in template.tables
    for key in (table.key, *(f"{table.key}.{row}" for row in table.row_keys), *table.cell_keys())
)
"""The keys a ``Diagnostic`` may name: every cell and row of each format's three tables, and
the tables themselves."""
