"""A batch: many files to the three tables, in worker processes, resumable and interruptible.

1. With ``resume``, the files already in the output (same path, same SHA-256) are skipped and
   their rows carried over; a file that changed since is read again, and so is one that failed
   for a reason of the machine (``items.RETRIED``).
2. Each file is read in a worker, which sends back its rows: cells, findings, or the failure.
   The main process only writes them, in input order.
3. With a findings table, the cross-year rules check each agency's reports of consecutive
   years (exactly one report each), from what the workers sent of each report (reports of an
   earlier run are read again); ``compared_with`` names the earlier report.
4. Each table is written beside its path and moved into place at the end. Ctrl-C stops the
   workers; what was done is written (every file's rows whole), and ``--resume`` goes on.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import signal
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

import attrs

from ..model import Report
from ..sources import MAX_BYTES
from ..validation.cross_year import check_cross_year, cross_year_part
from .items import RETRIED, Failed, Parsed, file_sha256, read_one
from .parallel import Workers, worker_count
from .progress import Progress, Silent
from .tables import CELL_COLUMNS, FAILURE_COLUMNS, FINDING_COLUMNS, Row, cell_rows, failure_row, finding_rows
from .writers import Encoded, TableKind, TableWriter, encode, open_table, read_rows

__all__ = ["BatchOutputs", "BatchSummary", "run_batch"]

# Files a worker takes at a time: enough to make the round trip cheap, few enough that the
# work stays even between workers and Ctrl-C waits for little.
_CHUNK = 4
_CELLS = {column.name: index for index, column in enumerate(CELL_COLUMNS)}
_FAILURES = {column.name: index for index, column in enumerate(FAILURE_COLUMNS)}


@attrs.frozen
class BatchOutputs:
    """Where the tables go (each a .csv, .jsonl or .parquet path); no findings table when
    ``findings`` is ``None``."""

    cells: str
    failures: str
    findings: str | None = None

    def paths(self) -> list[str]:
        return [p for p in (self.cells, self.failures, self.findings) if p is not None]


@attrs.frozen
class BatchSummary:
    """What a run did, in numbers."""

    files: int  # named by the inputs
    skipped: int  # already in the output (resume)
    reports: int  # read this run
    failed: int  # gave no report this run
    findings: int  # rows added to the findings table this run, cross-year ones included
    cross_year_pairs: int
    seconds: float
    interrupted: bool


@attrs.frozen
class _FileRows:
    """What a worker sends back for one file: its cells and findings encoded for their tables
    (so that the main process only writes them), or why it gave no report."""

    path: str
    failure: Row | None = None
    cells: Encoded = ""
    findings: Encoded = ""
    finding_count: int = 0
    agency: str | None = None
    year: int | None = None
    cross_year: bytes | None = None  # what the cross-year rules read of the report, pickled


@attrs.frozen
class _Kinds:
    """The kinds of the tables the workers encode rows for."""

    cells: TableKind
    findings: TableKind | None


def _file_rows(path: str, *, kinds: _Kinds, max_bytes: int) -> _FileRows:
    item = read_one(path, max_bytes)
    if isinstance(item, Failed):
        return _FileRows(path, failure_row(item))
    report = item.report
    cells = encode(kinds.cells, CELL_COLUMNS, cell_rows(report, path))
    if kinds.findings is None:
        return _FileRows(path, cells=cells)
    findings = finding_rows(report.validate(), path)
    return _FileRows(
        path,
        cells=cells,
        findings=encode(kinds.findings, FINDING_COLUMNS, findings),
        finding_count=len(findings),
        agency=report.agency,
        year=report.year,
        cross_year=_pickled(cross_year_part(report)),
    )


def _pickled(part: Report) -> bytes:
    return pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)


def _crashed(path: str) -> _FileRows:
    failed = Failed(path, "internal-error", f"{path}: the reader's process died reading it")
    return _FileRows(path, failure_row(failed))


def _cross_year_part_of(path: str, *, max_bytes: int) -> Report | None:
    """For a report an earlier run read: what the cross-year rules read of it, read again."""
    item = read_one(path, max_bytes)
    return cross_year_part(item.report) if isinstance(item, Parsed) else None


def _no_part(path: str) -> Report | None:
    return None


class _Interrupts:
    """Ctrl-C, held back while one file's rows are written, so that no file is half in a table."""

    def __init__(self) -> None:
        self.requested = False
        self.writing = False

    def handler(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        if not self.writing:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Ctrl-C waits until the block is done, then stops the run."""
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.requested:
            raise KeyboardInterrupt

    def __enter__(self) -> _Interrupts:
        self.installed = threading.current_thread() is threading.main_thread()
        if self.installed:
            self.previous = signal.signal(signal.SIGINT, self.handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.installed:
            signal.signal(signal.SIGINT, self.previous)


class _CrossYearParts:
    """What the cross-year rules read of each report (``cross_year_part``), kept in a temporary
    file, with only each report's agency and year in memory: memory stays flat however many
    reports a batch reads, and at the end only the reports that make pairs are loaded."""

    def __init__(self, earlier: dict[str, tuple[str | None, int | None]]) -> None:
        self.years = dict(earlier)  # reports of an earlier run: agency and year only
        self._where: dict[str, tuple[int, int]] = {}
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()

    def add(self, rid: str, agency: str | None, year: int | None, pickled: bytes) -> None:
        self._file.seek(0, os.SEEK_END)
        self._where[rid] = (self._file.tell(), len(pickled))
        self._file.write(pickled)
        self.years[rid] = (agency, year)

    def __contains__(self, rid: str) -> bool:
        return rid in self._where

    def get(self, rid: str) -> Report:
        offset, size = self._where[rid]
        self._file.seek(offset)
        part: Report = pickle.loads(self._file.read(size))
        return part

    def close(self) -> None:
        self._file.close()


@attrs.define
class _Done:
    """What an earlier run's tables hold: each file's recorded hash, and each report's agency
    and year (for the cross-year pairs)."""

    hashes: dict[str, str | None] = attrs.Factory(dict)
    years: dict[str, tuple[str | None, int | None]] = attrs.Factory(dict)


def _earlier(outputs: BatchOutputs) -> _Done:
    done = _Done()
    sha256, agency, year = _CELLS["sha256"], _CELLS["agency"], _CELLS["year"]
    if Path(outputs.cells).is_file():
        for row in read_rows(outputs.cells, CELL_COLUMNS):
            if row[0] not in done.hashes:
                done.hashes[row[0]] = row[sha256]
                done.years[row[0]] = (row[agency], row[year])
    if Path(outputs.failures).is_file():
        for row in read_rows(outputs.failures, FAILURE_COLUMNS):
            retried = row[_FAILURES["reason"]] in RETRIED  # no hash: never taken as unchanged
            done.hashes[row[0]] = None if retried else row[_FAILURES["sha256"]]
    return done


def run_batch(
    files: Sequence[str],
    outputs: BatchOutputs,
    *,
    jobs: int | None = 1,
    resume: bool = False,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> BatchSummary:
    """Read ``files`` into the tables of ``outputs``; see the module's docstring."""
    started = time.monotonic()
    progress = progress if progress is not None else Silent()
    workers = worker_count(jobs)
    done = _earlier(outputs) if resume else _Done()
    unchanged = {
        p
        for p in files
        if p in done.hashes and done.hashes[p] is not None and file_sha256(p) == done.hashes[p]
    }
    kept = set(done.hashes) - (set(files) - unchanged)  # rows of files read again are dropped
    todo = [p for p in files if p not in unchanged]
    # Cross-year: the parts of this run's reports, and the agency and year of earlier ones.
    earlier = {rid: done.years[rid] for rid in kept if rid in done.years}
    reports = failed = findings = pairs = 0
    interrupted = False
    with (
        open_table(outputs.cells, CELL_COLUMNS) as cells,
        open_table(outputs.failures, FAILURE_COLUMNS) as failures,
        _optional_table(outputs.findings) as finding_table,
        contextlib.closing(_CrossYearParts(earlier)) as parts,
    ):
        if resume:
            _carry(outputs, kept, cells, failures, finding_table)
        progress.start(len(todo))
        kinds = _Kinds(cells.kind, finding_table.kind if finding_table is not None else None)
        rows_of = functools.partial(_file_rows, kinds=kinds, max_bytes=max_bytes)
        with _Interrupts() as interrupts, Workers(workers) as pool:
            try:
                for result in pool.map(rows_of, todo, chunk_size=_CHUNK, on_crash=_crashed):
                    with interrupts.held():
                        _write(result, cells, failures, finding_table)
                    if result.failure is not None:
                        failed += 1
                    else:
                        reports += 1
                    if result.cross_year is not None:
                        parts.add(result.path, result.agency, result.year, result.cross_year)
                    findings += result.finding_count
                    progress.advance()
                if finding_table is not None:
                    rows, pairs = _cross_year_findings(parts, pool, max_bytes)
                    with interrupts.held():
                        finding_table.write(rows)
                    findings += len(rows)
            except KeyboardInterrupt:
                interrupted = True
            finally:
                progress.close()
    return BatchSummary(
        files=len(files),
        skipped=len(unchanged),
        reports=reports,
        failed=failed,
        findings=findings,
        cross_year_pairs=pairs,
        seconds=time.monotonic() - started,
        interrupted=interrupted,
    )


def _write(
    result: _FileRows, cells: TableWriter, failures: TableWriter, findings: TableWriter | None
) -> None:
    if result.failure is not None:
        failures.write([result.failure])
        return
    cells.write_encoded(result.cells)
    if findings is not None:
        findings.write_encoded(result.findings)


class _NoTable:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        pass


def _optional_table(path: str | None) -> TableWriter | _NoTable:
    return open_table(path, FINDING_COLUMNS) if path is not None else _NoTable()


def _carry(
    outputs: BatchOutputs,
    kept: set[str],
    cells: TableWriter,
    failures: TableWriter,
    findings: TableWriter | None,
) -> None:
    """The rows of the files an earlier run read and this one skips; cross-year findings are
    found again, as the pairs may have changed."""
    if Path(outputs.cells).is_file():
        cells.write(row for row in read_rows(outputs.cells, CELL_COLUMNS) if row[0] in kept)
    if Path(outputs.failures).is_file():
        failures.write(row for row in read_rows(outputs.failures, FAILURE_COLUMNS) if row[0] in kept)
    if findings is not None and outputs.findings is not None and Path(outputs.findings).is_file():
        rows = read_rows(outputs.findings, FINDING_COLUMNS)
        findings.write(row for row in rows if row[0] in kept and row[1] is None)


def _cross_year_findings(parts: _CrossYearParts, pool: Workers, max_bytes: int) -> tuple[list[Row], int]:
    """The cross-year findings of every pair, and how many pairs were checked: reports read
    this run have their part; those of an earlier run (resume) in a pair are read again."""
    pairs = list(_consecutive_years(parts.years))
    missing = sorted({rid for pair in pairs for rid in pair if rid not in parts})
    read_again = functools.partial(_cross_year_part_of, max_bytes=max_bytes)
    found = pool.map(read_again, missing, chunk_size=_CHUNK, on_crash=_no_part)
    for rid, part in zip(missing, found, strict=True):
        if part is not None:
            parts.add(rid, part.agency, part.year, _pickled(part))
    rows: list[Row] = []
    checked = 0
    for rid, previous in pairs:
        if rid in parts and previous in parts:
            rows += finding_rows(check_cross_year(parts.get(rid), parts.get(previous)), rid, previous)
            checked += 1
    return rows, checked


def _consecutive_years(years: dict[str, tuple[str | None, int | None]]) -> Iterator[tuple[str, str]]:
    """(report, last year's report) of each agency, where each of the two years has one report
    of that agency: with two reports for a year, which one to compare is not known."""
    by_agency: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rid, (agency, year) in years.items():
        if agency and year is not None:
            by_agency[agency][year].append(rid)
    for agency in sorted(by_agency):
        found = by_agency[agency]
        for year in sorted(found):
            if year - 1 in found and len(found[year]) == 1 and len(found[year - 1]) == 1:
                yield found[year][0], found[year - 1][0]
