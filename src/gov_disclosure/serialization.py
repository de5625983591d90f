"""The library's one cattrs converter, and the JSON and CSV forms of a report.

Never registers anything on ``cattrs.global_converter``: users' own converters stay theirs.

Reading is strict and never coerces: an int field takes a JSON integer only (not a bool, a
float or a string), a str field a string only, the fee a decimal numeral in a string, a
placement one of ``PLACEMENTS`` (or null, exactly where the cell holds no number). Every error
is a ``GovDisclosureError`` naming its path in the document, cattrs style
(``... @ $.applications.granted.natural_person``), and ``from_json`` raises nothing else,
whatever it is given. Only the current ``SCHEMA_VERSION`` is read: JSON of versions 1 and 2
does not say how each number was placed, so the report must be parsed again from its source.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter as _make_json_converter

from .errors import GovDisclosureError, InputError
from .model import (
    FEE_PLACES,
    MAX_DIGITS,
    InvalidFieldError,
    Report,
    Span,
    cell_text,
    describe,
)
from .sources import MAX_BYTES, refuse_too_large
from .validation.findings import Validation

__all__ = [
    "FEE_PATTERN",
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "cells_csv",
    "findings_json",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "records_csv",
    "to_dict",
    "to_json",
]

# Bumped whenever the JSON form changes in a way old readers would misread.
# 2: the fee is a decimal string ("1.10"), no longer a JSON number (which went through float).
# 3: every row says how each of its numbers was placed (placed); the report's extra_tables.
# 4: the 2019 format: active_disclosure_2019 and 表三's other_processing. Version 3 JSON is
#    read as it is (a 2021 report; the new fields take their empty defaults).
# 5: a span read from a PDF or a DOCX says where it stands in the file (on_page, in_table;
#    left out where None).
#    Versions 3 and 4 are read as they are (their spans have no page).
# 6: the report's source (path, sha256, kind), left out where None. Versions 3-5 are read as
#    they are (no source).
# 7: a cell may be placed "digits_split" (split from digits that ran together). Versions 3-6
#    are read as they are (no cell of theirs is).
SCHEMA_VERSION = 7
READABLE_VERSIONS = (3, 4, 5, 6, 7)
# Versions this one knows but cannot read: they lack what 3 added, which only the source has.
_BEFORE_PLACEMENTS = (1, 2)
_PLACEMENTS_SINCE = 3

# The fee in JSON: a decimal numeral, as to_json writes any fee the model holds (at most
# MAX_DIGITS digits before the point, FEE_PLACES after). [0-9], not \d, which would take other
# scripts' digits ("١٢").
_FEE_DIGITS = f"-?[0-9]{{1,{MAX_DIGITS}}}(?:\\.[0-9]{{1,{FEE_PLACES}}})?"
FEE_PATTERN = f"^{_FEE_DIGITS}$"
_FEE_NUMERAL = re.compile(_FEE_DIGITS)  # fullmatch: bounded, no backtracking
_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON number longer than this is no field's value: it is not converted at all (int() of
# thousands of digits is slow, and refused past 4,300).
_MAX_NUMBER_CHARS = 40
# A report nests 5 deep ($.applications.granted.spans[0].line); what Python's json cannot
# descend is reported at the point it passes this depth.
_MAX_DEPTH = 64
# Errors listed in one message; the rest are counted ("; and 12 more"). Arrays stop being
# checked after this many bad items: a million bad items would make a million exceptions.
_MAX_MESSAGES = 10


# ----------------------------------------------------------------------------- values in messages


@attrs.frozen
class _Unreadable:
    """What ``from_json`` puts where the JSON holds a number no field can take (NaN, Infinity,
    a number of thousands of digits), so that the field's hook reports it with its path."""

    what: str


def _shown(value: object) -> str:
    """``value`` as JSON writes it, shortened; an array or object only named."""
    if isinstance(value, list | tuple | dict):
        return _kind(value)
    if isinstance(value, str):
        text = json.dumps(value[:40], ensure_ascii=False)
        return text if len(value) <= 40 else text[:-1] + '..."'
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, Decimal):
        text = str(value)
        return text if len(text) <= 40 else text[:37] + "..."
    return describe(value)


def _kind(value: object) -> str:  # noqa: PLR0911 - one return per kind of value
    """What a JSON value is, for 'expected ..., got <kind>'."""
    if isinstance(value, _Unreadable):
        return value.what
    if value is None or isinstance(value, bool):
        return _shown(value)
    # Exact types: a subclass (an IntEnum from from_dict) is named as what it is, below.
    if type(value) is int:
        return f"an integer ({_shown(value)})"
    if type(value) is float or type(value) is Decimal:
        return f"a number ({_shown(value)})"
    if type(value) is str:
        return f"a string ({_shown(value)})"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"  # from_dict of Python objects JSON cannot hold


class _NotChecked(GovDisclosureError):
    """Stands for the items of an array after the first ``_MAX_MESSAGES`` bad ones."""


# ----------------------------------------------------------------------------- hooks


def _unstructure_decimal(value: Decimal) -> str:
    # The numeral itself: exact, where a JSON number would go through float (1.10 -> 1.1).
    return format(value, "f")


def _structure_fee(value: Any, _: type) -> Decimal:
    if type(value) is str:
        if _FEE_NUMERAL.fullmatch(value):
            return Decimal(value)
        raise GovDisclosureError(
            f"expected a decimal numeral of at most {MAX_DIGITS} digits and {FEE_PLACES} decimals, "
            f'like "2.35", got {_kind(value)}'
        )
    raise GovDisclosureError(f'expected the fee as a decimal string, like "2.35", got {_kind(value)}')


def _structure_int(value: Any, _: type) -> int:
    if type(value) is int:  # not isinstance(): a bool is an int to Python
        return value
    raise GovDisclosureError(f"expected an integer, got {_kind(value)}")


def _structure_float(value: Any, _: type) -> float:
    # A JSON number, integral or not (from_json reads it as a Decimal, exactly); never a bool
    # (an int to Python), never NaN or Infinity.
    if (type(value) is int or type(value) is float or type(value) is Decimal) and math.isfinite(value):
        return float(value)
    raise GovDisclosureError(f"expected a number, got {_kind(value)}")


def _structure_str(value: Any, _: type) -> str:
    if type(value) is str:
        # JSON's \ud800 escapes make strings no encoder can write: to_json() would succeed and
        # writing its text to a file would fail.
        if not value.isascii() and (surrogate := _SURROGATE.search(value)):
            raise GovDisclosureError(
                f"expected text, got a string holding the lone surrogate \\u{ord(surrogate.group()):04x}"
            )
        return value
    raise GovDisclosureError(f"expected a string, got {_kind(value)}")


def _is_literal(tp: Any) -> bool:
    return typing.get_origin(tp) is typing.Literal


def _literal_hook(tp: Any) -> Callable[[Any, Any], Any]:
    choices = typing.get_args(tp)

    def structure(value: Any, _: Any) -> Any:
        # type() first: a list or dict is not hashable, and 1 == True.
        if type(value) is str and value in choices:
            return value
        names = ", ".join(json.dumps(c) for c in choices)
        raise GovDisclosureError(f"expected one of {names}, got {_kind(value)}")

    return structure


def _is_variadic_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, converter: cattrs.BaseConverter) -> Callable[[Any, Any], Any]:
    item_type = typing.get_args(tp)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        # Only an array: cattrs would take a string as its characters, an object as its keys.
        if type(value) is not list and type(value) is not tuple:
            raise GovDisclosureError(f"expected an array, got {_kind(value)}")
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:  # cattrs' way: every item's error, each with its index
                error.add_note(IterableValidationNote(f"Structuring {tp} @ index {index}", index, item_type))
                errors.append(error)
                if len(errors) == _MAX_MESSAGES and index + 1 < len(value):
                    errors.append(_NotChecked(f"items after [{index}] not checked"))
                    break
        if errors:
            raise IterableValidationError(f"While structuring {tp}", errors, tp)
        return tuple(items)

    return structure


def _is_model_class(tp: Any) -> bool:
    # The attrs classes of the model module: a Report and everything it holds.
    return isinstance(tp, type) and attrs.has(tp) and tp.__module__ == Report.__module__


def _model_hook(cls: type, converter: cattrs.BaseConverter) -> Callable[[Any, Any], Any]:
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)
    hints = typing.get_type_hints(cls)

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise GovDisclosureError(f"expected an object, got {_kind(value)}")
        try:
            return generated(value, cls)
        except ClassValidationError as error:
            # The class's own validators raised (a bound, a span that ends before it starts):
            # cattrs has no field to put in the path, the error has.
            for exc in error.exceptions:
                if isinstance(exc, InvalidFieldError) and not getattr(exc, "__notes__", None):
                    note = f"Structuring class {cls.__name__} @ attribute {exc.field}"
                    exc.add_note(AttributeValidationNote(note, exc.field, hints.get(exc.field)))
            raise

    return structure


def make_converter(converter: cattrs.Converter | None = None) -> cattrs.Converter:
    """A converter that knows the report model: a new JSON converter (which refuses unknown
    keys), or ``converter`` with the library's hooks added. Structuring is strict, with no
    coercion between JSON types: the int, str, Decimal and Literal hooks apply to every type
    the converter structures, a user's own classes too. Errors carry cattrs' paths
    (``cattrs.transform_error``)."""
    conv = converter if converter is not None else _make_json_converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(Decimal, _structure_fee)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_unstructure_hook(
        Span,
        make_dict_unstructure_fn(
            Span, conv, on_page=override(omit_if_default=True), in_table=override(omit_if_default=True)
        ),
    )
    conv.register_unstructure_hook(
        Report, make_dict_unstructure_fn(Report, conv, source=override(omit_if_default=True))
    )
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_variadic_tuple, _tuple_hook)
    conv.register_structure_hook_factory(_is_model_class, _model_hook)
    return conv


_CONVERTER = make_converter()


# ----------------------------------------------------------------------------- dict and JSON


def to_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(_CONVERTER.unstructure(report))
    return data


def _format_exception(exc: BaseException, tp: type | None) -> str:
    if isinstance(exc, InvalidFieldError):
        return exc.problem
    if isinstance(exc, GovDisclosureError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        keys: set[object] = set(exc.extra_fields)  # str in JSON; anything in from_dict's dicts
        # Bare names as cattrs writes them; quoted where a bare name would not be seen ("").
        names = sorted(key if isinstance(key, str) and key.isidentifier() else _shown(key) for key in keys)
        listed = ", ".join(name if len(name) <= 40 else name[:37] + "..." for name in names[:5])
        more = f" and {len(names) - 5} more" if len(names) > 5 else ""
        return f"extra fields found ({listed}{more})"
    return cattrs.v.format_exception(exc, tp)


def from_dict(data: dict[str, Any]) -> Report:
    """The report of ``to_dict()``'s form (``SCHEMA_VERSION``). Anything else raises
    ``GovDisclosureError`` naming the path of what is wrong; so does JSON of an earlier
    version, which lacks how each number was placed."""
    given: object = data  # typed a dict, but a caller may pass anything
    if type(given) is not dict:
        raise GovDisclosureError(f"not a report: expected an object, got {_kind(given)} @ $")
    body = dict(data)
    version = body.pop("schema_version", SCHEMA_VERSION)
    if type(version) is int and version in _BEFORE_PLACEMENTS:
        raise GovDisclosureError(
            f"not a report this version reads: schema_version {version} JSON predates cell "
            f"placements (schema_version {_PLACEMENTS_SINCE}); parse the report again from its source "
            "@ $.schema_version"
        )
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise GovDisclosureError(
            f"not a report: schema_version {_shown(version)} is not one this version reads "
            f"({', '.join(map(str, READABLE_VERSIONS))}) @ $.schema_version"
        )
    try:
        return _CONVERTER.structure(body, Report)
    except cattrs.BaseValidationError as error:
        messages = cattrs.transform_error(error, path="$", format_exception=_format_exception)
        more = f"; and {len(messages) - _MAX_MESSAGES} more" if len(messages) > _MAX_MESSAGES else ""
        raise GovDisclosureError(f"not a report: {'; '.join(messages[:_MAX_MESSAGES])}{more}") from None


def to_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def _integer(text: str) -> int | _Unreadable:
    if len(text) > _MAX_NUMBER_CHARS:
        return _Unreadable(f"an integer of {len(text.lstrip('-')):,} digits")
    return int(text)


def _fraction(text: str) -> Decimal | _Unreadable:
    # Decimal, not float: the numeral as written, and no 1e999999999 turned into inf.
    if len(text) > _MAX_NUMBER_CHARS:
        return _Unreadable(f"a number of {len(text):,} characters")
    return Decimal(text)


def _constant(name: str) -> _Unreadable:
    return _Unreadable(f"{name}, which is not a JSON number")


def _decode(source: object) -> str:
    if not isinstance(source, str | bytes | bytearray | memoryview):
        raise InputError(f"cannot read a report from {type(source).__name__}: pass JSON text or bytes")
    refuse_too_large(source, MAX_BYTES)
    if isinstance(source, str):
        return source
    data = memoryview(source).tobytes()
    # As json.loads does: UTF-8 (a BOM allowed), or UTF-16/32 told by BOM or zero bytes.
    encoding = json.detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not {encoding.upper().removesuffix('-SIG')} text: byte 0x{data[error.start]:02x} "
            f"at offset {error.start} cannot be decoded"
        ) from None


def from_json(text: str | bytes) -> Report:
    """The report of ``to_json()``'s text. Raises only ``GovDisclosureError``: ``InputError``
    for what cannot be read as JSON (more than 16 MiB, undecodable bytes, a syntax error,
    nesting too deep to read), and ``GovDisclosureError`` naming the path for a document that
    is not a report."""
    decoded = _decode(text)
    try:
        data = json.loads(
            decoded,
            parse_int=_integer,
            parse_float=_fraction,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise InputError(
            f"not JSON this library reads: arrays and objects nested more than {_MAX_DEPTH} levels "
            f"deep @ {_deep_path(decoded)}"
        ) from None
    return from_dict(data)


# Strings (which may hold brackets) and the characters that open, close and separate. An
# unterminated string runs to the end, so a match is never abandoned and rescanned.
_JSON_TOKEN = re.compile(r'"[^"\\]*+(?:\\(?s:.)?[^"\\]*+)*(?:"|\Z)|[\[\]{},:]')


def _deep_path(text: str) -> str:
    """The path where ``text`` first nests deeper than ``_MAX_DEPTH``, cattrs style, or ``$``
    (only called when Python's json gave up: the text up to there is well-formed)."""
    # Per open array, its current index; per open object, the raw key last read in it.
    frames: list[int | str | None] = []
    last_string = '""'
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        char = token[0]
        if char == '"':
            last_string = token
        elif char in "[{":
            if len(frames) == _MAX_DEPTH:
                return _path(frames)
            frames.append(0 if char == "[" else None)
        elif char in "]}":
            if frames:
                frames.pop()
        elif char == "," and frames and isinstance(frames[-1], int):
            frames[-1] += 1
        elif char == ":" and frames and not isinstance(frames[-1], int):
            frames[-1] = last_string
    return "$"


def _path(frames: list[int | str | None]) -> str:
    parts = []
    for frame in frames[:8]:
        if isinstance(frame, int):
            parts.append(f"[{frame}]")
        else:
            try:
                key = json.loads(frame) if frame is not None else ""
            except json.JSONDecodeError:
                key = frame or ""
            parts.append(f".{key[:40]}")
    return "$" + "".join(parts) + ("..." if len(frames) > 8 else "")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Report.to_dict()`` / ``to_json()``, for this
    ``SCHEMA_VERSION``; generated from the model classes, so it cannot drift from them."""
    definitions: dict[str, Any] = {}

    def schema_of(tp: Any) -> dict[str, Any]:  # noqa: PLR0911 - one return per kind of type
        origin = typing.get_origin(tp)
        if tp is type(None):
            return {"type": "null"}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is Decimal:
            return {"type": "string", "pattern": FEE_PATTERN}
        if origin is typing.Literal:
            return {"enum": list(typing.get_args(tp))}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [schema_of(arg) for arg in typing.get_args(tp)]}
        if origin is tuple:
            return {"type": "array", "items": schema_of(typing.get_args(tp)[0])}
        if attrs.has(tp):
            name = tp.__name__
            if name not in definitions:
                definitions[name] = {}  # placeholder: classes may refer to each other
                hints = typing.get_type_hints(tp)
                fields = attrs.fields(tp)
                definitions[name] = {
                    "type": "object",
                    "description": " ".join((tp.__doc__ or "").split()),
                    "properties": {
                        f.name: {**schema_of(hints[f.name]), **f.metadata.get("json_schema", {})}
                        for f in fields
                    },
                    "required": [f.name for f in fields if not f.metadata.get("omitted_when_none")],
                    "additionalProperties": False,
                }
            return {"$ref": f"#/$defs/{name}"}
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new field type

    schema_of(Report)
    report = definitions.pop("Report")
    report["properties"] = {"schema_version": {"const": SCHEMA_VERSION}, **report["properties"]}
    report["required"] = ["schema_version", *report["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://gov-disclosure.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "政府信息公开工作年度报告 (gov_disclosure Report)",
        **report,
        "$defs": definitions,
    }


def findings_json(validation: Validation) -> str:
    """A validation as JSON: ``ok``, the counts, and every finding."""
    data = {
        "ok": validation.ok,
        "errors": len(validation.errors),
        "warnings": len(validation.warnings),
        "incomplete": len(validation.incomplete),
        "findings": _CONVERTER.unstructure(list(validation.findings)),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def records_csv(report: Report) -> str:
    """The long form as CSV: one line per cell with its table, row, column, label, position and
    ``placed_by`` (how its number was placed; empty where no number was read)."""
    from .frames import to_records

    records = to_records(report)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {k: cell_text(v) if k == "value" else ("" if v is None else v) for k, v in record.items()}
        )
    return out.getvalue()


def cells_csv(report: Report) -> str:
    """``key,value,placed_by`` CSV of the report's cells (``cells()``: the 200 of ``CELL_KEYS`` for
    a 2021 report), in that order: the value and how it was placed (``PLACEMENTS``), both empty
    where no number was read."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("key", "value", "placed_by"))
    placements = report.cell_placements()
    for key, value in report.cells().items():
        writer.writerow((key, cell_text(value), placements[key] or ""))
    return out.getvalue()
