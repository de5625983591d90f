"""Reports as tidy rows: ``to_records`` (no dependency) and pandas DataFrames (extra: pandas).

One row per cell: ``table``, ``row``, ``column``, ``key`` (cells.md), ``value``, ``label_zh``,
the ``line``/``column_no`` it was printed at, and ``placed_by``: how the parser placed the
number in its cell (``"row"``: its own labelled row; ``"row_order"``, ``"sums"``,
``"kept_by_identity"``, ``"digits_split"``: by inference, see ``model.PLACEMENTS``), ``None``
(NA) where no number
was read. Counts are nullable ``Int64``; the fee, a decimal amount in 万元, is in
``amount_10k_yuan`` (``Float64``), its ``value`` left NA; ``placed_by`` is pandas ``string``.
Tables the format does not have (``Report.extra_tables``) are not cells, and not in these rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .batch.items import BatchItem, Failed, Parsed
from .batch.tables import CELL_COLUMNS, Column, Row, cell_fields, cell_rows, report_id
from .model import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["table_frame", "to_frame", "to_pandas", "to_parquet", "to_records"]

_FEE = "t2.fees_10k_yuan"


def to_records(report: Report) -> list[dict[str, Any]]:
    """The report's cells as plain dicts, in the order of its format's cell keys (``CELL_KEYS``
    for a 2021 report)."""
    names = ("table", "row", "column", "key", "value", "label_zh", "line", "column_no", "placed_by")
    return [dict(zip(names, fields, strict=True)) for fields in cell_fields(report)]


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


def table_frame(rows: Iterable[Row], columns: Sequence[Column]) -> pd.DataFrame:
    """Rows of one of the batch tables as a DataFrame with the table's column types; no rows
    give an empty frame with the same columns."""
    pandas = _pandas()
    names = [column.name for column in columns]
    frame = pandas.DataFrame.from_records(list(rows), columns=names)
    return frame.astype({column.name: column.pandas_dtype for column in columns})


def to_frame(items: Iterable[Report | BatchItem]) -> pd.DataFrame:
    """Many reports in one long DataFrame, one row per report per cell, in the columns of
    ``batch.CELL_COLUMNS`` (report_id, path, sha256, file_kind, format, title, agency, year,
    then the cell's). ``items`` are reports, or what ``parse_many`` yields: a file that gave
    no report has no rows (``parse_many``'s ``Failed`` items say why)."""
    return table_frame(_cell_rows_of(items), CELL_COLUMNS)


def _cell_rows_of(items: Iterable[Report | BatchItem]) -> Iterator[Row]:
    for position, item in enumerate(items):
        if isinstance(item, Failed):
            continue
        if isinstance(item, Parsed):
            yield from cell_rows(item.report, item.id)
        else:
            yield from cell_rows(item, report_id(item, position))


def to_parquet(items: Iterable[Report | BatchItem], path: str | os.PathLike[str]) -> None:
    """``to_frame(items)``'s rows written as a Parquet file, in the batch's schema (needs the
    ``parquet`` extra); written whole or not at all."""
    from .batch.writers import open_table

    with open_table(os.fspath(path), CELL_COLUMNS) as table:
        table.write(_cell_rows_of(items))
