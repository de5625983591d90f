"""Reports on Dask (the ``dask`` extra): a bag of parsed files, and the batch tables as Dask
DataFrames, on one machine or a ``distributed`` cluster.

    import gov_disclosure.dask as gdd
    bag = gdd.read_reports("crawl/**/*.html")   # a dask.bag: Parsed or Failed, one per file
    cells = gdd.to_dataframe(bag)               # to_frame's columns (batch.CELL_COLUMNS)
    cells.groupby("agency")["value"].sum().compute()

Each partition is parsed by one task, which loads the parsers once in its process. The files
must be on a file system every worker sees.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .batch import FAILURE_COLUMNS, FINDING_COLUMNS, BatchItem, Failed, Parsed, report_files
from .batch.items import read_one
from .batch.tables import Row, failure_row, finding_rows
from .frames import table_frame, to_frame
from .sources import MAX_BYTES

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["failures_dataframe", "findings_dataframe", "read_reports", "to_dataframe"]


def _dask() -> tuple[Any, Any, Any]:
    try:
        import dask
        import dask.bag
        import dask.dataframe
    except ImportError:
        raise ImportError("gov_disclosure.dask needs dask: pip install 'gov-disclosure[dask]'") from None
    return dask, dask.bag, dask.dataframe


def read_reports(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    files_per_partition: int = 64,
    max_bytes: int = MAX_BYTES,
) -> Any:
    """A ``dask.bag.Bag`` of ``Parsed`` and ``Failed`` items, one per file named by
    ``inputs`` (folders, glob patterns, paths: as ``batch.report_files`` expands them), in
    that order."""
    _, bag, _ = _dask()
    given = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
    paths = report_files(given).paths
    read = functools.partial(read_one, max_bytes=max_bytes)
    return bag.from_sequence(paths, partition_size=max(1, files_per_partition)).map(read)


def to_dataframe(bag: Any) -> Any:
    """The cells of a bag of reports (or of ``read_reports``' items) as a Dask DataFrame, in
    the columns and types of ``gov_disclosure.to_frame``."""
    return _frames(bag, to_frame, to_frame([]))


def _findings_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    rows: list[Row] = []
    for item in items:
        if isinstance(item, Parsed):
            rows += finding_rows(item.report.validate(), item.id)
    return table_frame(rows, FINDING_COLUMNS)


def _failures_frame(items: Iterable[BatchItem]) -> pd.DataFrame:
    return table_frame((failure_row(i) for i in items if isinstance(i, Failed)), FAILURE_COLUMNS)


def findings_dataframe(bag: Any) -> Any:
    """Validation's findings for each report of ``read_reports``' bag (the single-report rules;
    the cross-year ones need pairs, which ``gov-disclosure batch`` finds)."""
    return _frames(bag, _findings_frame, table_frame([], FINDING_COLUMNS))


def failures_dataframe(bag: Any) -> Any:
    """The files of ``read_reports``' bag that gave no report, and why."""
    return _frames(bag, _failures_frame, table_frame([], FAILURE_COLUMNS))


def _frames(bag: Any, frame_of: Any, meta: pd.DataFrame) -> Any:
    dask, _, dataframe = _dask()
    parts = [dask.delayed(frame_of)(part) for part in bag.to_delayed()]
    return dataframe.from_delayed(parts, meta=meta, verify_meta=False)
