"""Strict mode: the first deviation from the format, raised as ``ParseError``."""

from __future__ import annotations

from ..errors import ParseError, source_snippet
from ..model import Report

_STRICT_SEVERITIES = frozenset({"warning", "error"})


def raise_first_deviation(report: Report, text: str) -> None:
    for diagnostic in report.diagnostics:
        if diagnostic.severity in _STRICT_SEVERITIES:
            span = diagnostic.span
            snippet = "" if span is None else source_snippet(text, span.line, span.column)
            raise ParseError(
                diagnostic.message,
                line=diagnostic.line,
                column=diagnostic.column,
                expected=diagnostic.expected,
                snippet=snippet,
                code=diagnostic.code,
            )
