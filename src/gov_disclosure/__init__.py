"""gov_disclosure: read 政府信息公开工作年度报告 into immutable, typed, validated objects.

>>> import gov_disclosure as gd
>>> report = gd.parse("report.txt")          # doctest: +SKIP
>>> report.applications.new_received.total   # doctest: +SKIP
21
"""

from ._parse import parse
from .errors import GovDisclosureError, InputError, ParseError
from .model import (
    CELL_KEYS,
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    Diagnostic,
    DocumentCounts,
    Report,
    ReviewLitigation,
    Section,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "CELL_KEYS",
    "ActiveDisclosure",
    "ApplicantCounts",
    "Applications",
    "CaseOutcomes",
    "Diagnostic",
    "DocumentCounts",
    "GovDisclosureError",
    "InputError",
    "ParseError",
    "Report",
    "ReviewLitigation",
    "Section",
    "Span",
    "__version__",
    "parse",
]
