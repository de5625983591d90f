"""Reports as tidy rows: ``to_records`` (no dependency) and pandas DataFrames (extra: pandas).

One row per cell: ``table``, ``row``, ``column``, ``key`` (cells.md), ``value``, ``label_zh``,
the ``line``/``column_no`` it was printed at, and ``placed_by``: how the parser placed the
number in its cell (``"row"``: its own labelled row; ``"row_order"``, ``"sums"``,
``"kept_by_identity"``: by inference, see ``model.PLACEMENTS``), ``None`` (NA) where no number
was read. Counts are nullable ``Int64``; the fee, a decimal amount in 万元, is in
``amount_10k_yuan`` (``Float64``), its ``value`` left NA; ``placed_by`` is pandas ``string``.
Tables the format does not have (``Report.extra_tables``) are not cells, and not in these rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .model import Report
from .validation.findings import place_zh

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_frame", "to_pandas", "to_parquet", "to_records"]

_FEE = "t2.fees_10k_yuan"


def to_records(report: Report) -> list[dict[str, Any]]:
    """The report's cells as plain dicts, in the order of its format's cell keys (``CELL_KEYS``
    for a 2021 report)."""
    records = []
    cells = zip(report._all_cells(), report._all_placements(), strict=True)
    for (key, value, span), (_, placed) in cells:
        parts = key.split(".")
        table, row = parts[0], parts[1]
        column = parts[2] if len(parts) > 2 else None
        records.append(
            {
                "table": table,
                "row": row,
                "column": column,
                "key": key,
                "value": value,
                "label_zh": place_zh(table, row, column, None),
                "line": span.line if span else None,
                "column_no": span.column if span else None,
                "placed_by": placed,
            }
        )
    return records


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("DataFrames need pandas: pip install 'gov-disclosure[pandas]'") from None
    return pandas


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    pandas = _pandas()
    for row in rows:
        value = row["value"]
        row["amount_10k_yuan"] = float(value) if isinstance(value, Decimal) else None
        if isinstance(value, Decimal):
            row["value"] = None
    frame = pandas.DataFrame(rows)
    return frame.astype(
        {
            "value": "Int64",
            "amount_10k_yuan": "Float64",
            "line": "Int64",
            "column_no": "Int64",
            "placed_by": "string",
        }
    )


def to_pandas(report: Report) -> pd.DataFrame:
    """A long DataFrame of one report: one row per cell."""
    return _frame(to_records(report))


def to_frame(reports: Iterable[Report]) -> pd.DataFrame:
    """Many reports in one long DataFrame: one row per report per cell, with each report's
    ``title``, ``agency`` and ``year``."""
    rows = []
    for index, report in enumerate(reports):
        for record in to_records(report):
            rows.append(
                {
                    "report": index,
                    "title": report.title,
                    "agency": report.agency,
                    "year": report.year,
                    **record,
                }
            )
    frame = _frame(rows)
    return frame.astype({"year": "Int64"})


def to_parquet(reports: Iterable[Report], path: str | os.PathLike[str]) -> None:
    """``to_frame(reports)`` written as a Parquet file (needs the ``parquet`` extra)."""
    try:
        import pyarrow  # noqa: F401 - pandas writes Parquet through it
    except ImportError:
        raise ImportError("Parquet output needs pyarrow: pip install 'gov-disclosure[parquet]'") from None
    to_frame(reports).to_parquet(path, index=False)
