"""gov_disclosure: read 政府信息公开工作年度报告 into immutable, typed, validated objects.

>>> import gov_disclosure as gd
>>> report = gd.parse("report.txt")          # doctest: +SKIP
>>> report.applications.new_received.total   # doctest: +SKIP
21
"""

from .batch import Failed, Parsed, parse_many
from .errors import GovDisclosureError, InputError, InputErrorReason, InvalidFieldError, ParseError
from .frames import to_frame, to_parquet
from .metrics import Metrics
from .model import (
    CELL_KEYS,
    PLACEMENTS,
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    Diagnostic,
    DocumentCounts,
    ExtraTable,
    FileKind,
    InTable,
    OnPage,
    Placement,
    Report,
    ReportSource,
    ReviewLitigation,
    Section,
    Span,
)
from .parsing.pipeline import parse
from .validation import Finding, Validation

__version__ = "0.1.0"


def json_schema() -> dict[str, object]:
    """The JSON Schema of ``Report.to_json()`` (cattrs is only imported when needed)."""
    from .serialization import json_schema as schema

    return schema()


__all__ = [
    "CELL_KEYS",
    "PLACEMENTS",
    "ActiveDisclosure",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "Diagnostic",
    "DocumentCounts",
    "ExtraTable",
    "Failed",
    "FileKind",
    "Finding",
    "GovDisclosureError",
    "InTable",
    "InputError",
    "InputErrorReason",
    "InvalidFieldError",
    "Metrics",
    "OnPage",
    "ParseError",
    "Parsed",
    "Placement",
    "Report",
    "ReportSource",
    "ReviewLitigation",
    "Section",
    "Span",
    "Validation",
    "__version__",
    "json_schema",
    "parse",
    "parse_many",
    "to_frame",
    "to_parquet",
]
