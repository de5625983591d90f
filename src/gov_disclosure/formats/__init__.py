"""The report templates, as data: one ``Format`` per template (the habit of sqlglot's dialects).

``FORMATS`` maps a format's name to it; ``format_named`` finds one. A ``Report`` names its
format in ``report.format`` and gives the object in ``report.template``.
"""

from __future__ import annotations

from .template import Column, Format, Identity, Label, Row, Table
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

FORMATS: dict[str, Format] = {FORMAT_2021.name: FORMAT_2021, FORMAT_2019.name: FORMAT_2019}
DEFAULT = FORMAT_2021


def format_named(name: str) -> Format:
    """The format called ``name``; an unknown name gets the 2021 format, the one in force."""
    return FORMATS.get(name, DEFAULT)


__all__ = [
    "DEFAULT",
    "FORMATS",
    "FORMAT_2019",
    "FORMAT_2021",
    "Column",
    "Format",
    "Identity",
    "Label",
    "Row",
    "Table",
    "format_named",
]
