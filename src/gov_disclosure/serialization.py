"""The library's one cattrs converter, and the JSON and CSV forms of a report.

Never registers anything on ``cattrs.global_converter``: users' own converters stay theirs.
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.preconf.json import make_converter as _make_json_converter

from .errors import GovDisclosureError
from .model import Report, cell_text
from .validation.findings import Validation

__all__ = [
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
SCHEMA_VERSION = 1


def _unstructure_decimal(value: Decimal) -> int | float:
    # A JSON number that reads back to the same Decimal (shortest round-trip float repr).
    return int(value) if value == value.to_integral_value() else float(value)


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return Decimal(str(value))


def make_converter(converter: cattrs.Converter | None = None) -> cattrs.Converter:
    """A converter that knows the report model: a new JSON converter, or ``converter`` with
    the library's hooks added."""
    conv = converter if converter is not None else _make_json_converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(Decimal, _structure_decimal)
    return conv


_CONVERTER = make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update(_CONVERTER.unstructure(report))
    return data


def from_dict(data: dict[str, Any]) -> Report:
    body = dict(data)
    version = body.pop("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        raise GovDisclosureError(
            f"schema_version {version} is not {SCHEMA_VERSION}, the one this version reads"
        )
    try:
        return _CONVERTER.structure(body, Report)
    except cattrs.BaseValidationError as error:
        details = "; ".join(cattrs.transform_error(error, path="$"))
        raise GovDisclosureError(f"not a report: {details}") from None


def to_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GovDisclosureError(
            f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    if not isinstance(data, dict):
        raise GovDisclosureError("not a report: the JSON document is not an object")
    return from_dict(data)


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
        if tp is Decimal:
            return {"type": "number"}
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
                    "properties": {f.name: schema_of(hints[f.name]) for f in fields},
                    "required": [f.name for f in fields],
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
    """The long form as CSV: one line per cell with its table, row, column, label and position."""
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
    """``key,value`` CSV of the 200 cells, in the order of ``CELL_KEYS``; empty where None."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("key", "value"))
    for key, value in report.cells().items():
        writer.writerow((key, cell_text(value)))
    return out.getvalue()
