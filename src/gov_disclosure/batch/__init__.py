"""Many reports at once.

- ``parse_many(paths, jobs=8)``: a ``Parsed`` report or a ``Failed`` file for each path, in
  order, read in worker processes (``parallel.py``), streaming: memory stays flat.
- ``report_files(inputs)``: the files of folders and glob patterns (``inputs.py``).
- ``run_batch(files, BatchOutputs(...), jobs=8)``: the ``batch`` command's work (``job.py``):
  the three tables, their columns and types (``tables.py``), written as CSV, JSON Lines or
  Parquet (``writers.py``), with a progress display (``progress.py``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Generator, Iterable
from typing import TYPE_CHECKING, Any

from ..sources import MAX_BYTES
from .inputs import ReportFiles, report_files
from .items import BatchItem, Failed, FailureReason, Parsed, read_one
from .tables import CELL_COLUMNS, FAILURE_COLUMNS, FINDING_COLUMNS, Column

if TYPE_CHECKING:
    from .job import BatchOutputs, BatchSummary, run_batch

__all__ = [
    "CELL_COLUMNS",
    "FAILURE_COLUMNS",
    "FINDING_COLUMNS",
    "BatchItem",
    "BatchOutputs",
    "BatchSummary",
    "Column",
    "Failed",
    "FailureReason",
    "Parsed",
    "ReportFiles",
    "parse_many",
    "report_files",
    "run_batch",
]


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = 1,
    max_bytes: int = MAX_BYTES,
) -> Generator[BatchItem, None, None]:
    """Parse each file of ``paths``: for each, in order, ``Parsed(path, report)`` or
    ``Failed(path, reason, message)`` (unreadable, not a report, too large, ...: never an
    exception for a bad file). ``jobs`` processes read them (``None`` or 0: one per core); each
    loads the parsers once. Items are yielded as they are ready and not kept: a million files
    take the memory of a few; ``close()`` the generator to stop early (the workers stop). Every
    path is a file's (``report_files`` expands folders and patterns). With ``jobs`` > 1, call
    it under ``if __name__ == "__main__":`` in a script, as any use of worker processes."""
    from .parallel import Workers, worker_count

    names = (os.fspath(path) for path in paths)
    read = functools.partial(read_one, max_bytes=max_bytes)
    with Workers(worker_count(jobs)) as workers:
        yield from workers.map(read, names, chunk_size=4, on_crash=_crashed)


def __getattr__(name: str) -> Any:
    # The batch command's run (job.py: worker processes, validation) is imported when first
    # asked for, not with ``import gov_disclosure``.
    if name in ("BatchOutputs", "BatchSummary", "run_batch"):
        from . import job

        return getattr(job, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _crashed(path: str) -> BatchItem:
    return Failed(path, "internal-error", f"{path}: the reader's process died reading it")
