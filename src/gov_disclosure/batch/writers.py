"""Writing and reading the batch tables as CSV, JSON Lines or Parquet, chosen by extension.

Every table is written to a hidden file beside its path and moved over it when complete
(``os.replace``, atomic on one file system): an interrupted or failed run never leaves a
half-written file where the table should be. CSV is UTF-8 with a byte-order mark (so that
Excel shows Chinese), a missing value an empty field; JSON Lines, one object per row with
``null``; Parquet (pyarrow, the ``parquet`` extra), the column types of ``tables.py`` with
each column's meaning in its field metadata.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, TypeAlias

from .tables import Column, Row

__all__ = [
    "TABLE_SUFFIXES",
    "Encoded",
    "TableFormatError",
    "TableKind",
    "TableWriter",
    "encode",
    "open_table",
    "read_rows",
    "table_kind",
]

TableKind: TypeAlias = Literal["csv", "jsonl", "parquet"]
TABLE_SUFFIXES: dict[str, TableKind] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
# Rows encoded at a time by ``write``, and the encoded text buffered before a Parquet row
# group is written (about 40,000 cells): bound memory, keep row groups large.
_ROW_GROUP = 65_536
_PARQUET_BUFFER = 4 * 2**20


class TableFormatError(ValueError):
    """A table path whose extension names no format, or a file that is not such a table."""


def table_kind(path: str) -> TableKind:
    suffix = Path(path).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        known = ", ".join(TABLE_SUFFIXES)
        raise TableFormatError(f"{path}: the extension says which format to write; use one of {known}")
    return TABLE_SUFFIXES[suffix]


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise TableFormatError(
            "Parquet output needs pyarrow: pip install 'gov-disclosure[parquet]'"
        ) from None
    return pyarrow


@functools.cache
def _arrow_schema(columns: tuple[Column, ...]) -> Any:
    pa = _pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema(
        [pa.field(c.name, types[c.type], nullable=True, metadata={"meaning": c.meaning}) for c in columns]
    )


Encoded: TypeAlias = str
"""Rows as a table of one kind takes them, made by ``encode`` in any process (a batch's
workers encode their rows, so that the main process only writes them): CSV lines, JSON lines,
or for Parquet CSV lines with every string quoted (an unquoted ``nan`` is a null), which
pyarrow's CSV reader turns into Arrow columns at C speed: the workers need no pyarrow."""


def encode(kind: TableKind, columns: tuple[Column, ...], rows: Iterable[Row]) -> Encoded:
    """``rows`` as the ``kind`` of table takes them (``Encoded``)."""
    if kind == "jsonl":
        names = [c.name for c in columns]
        return "".join(
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n" for row in rows
        )
    text = io.StringIO()
    if kind == "csv":
        csv.writer(text).writerows(rows)
    else:  # strings quoted; a null is an unquoted nan, which no string and no count can be
        nan = float("nan")
        nulled = (tuple(nan if value is None else value for value in row) for row in rows)
        csv.writer(text, quoting=csv.QUOTE_NONNUMERIC).writerows(nulled)
    return text.getvalue()


def _arrow_table(texts: list[str], columns: tuple[Column, ...]) -> Any:
    """What ``encode`` made for Parquet, as an Arrow table of the columns' schema."""
    pa = _pyarrow()
    import pyarrow.csv

    schema = _arrow_schema(columns)
    table = pyarrow.csv.read_csv(
        io.BytesIO("".join(texts).encode("utf-8")),
        read_options=pyarrow.csv.ReadOptions(column_names=schema.names, use_threads=False),
        parse_options=pyarrow.csv.ParseOptions(newlines_in_values=True),
        convert_options=pyarrow.csv.ConvertOptions(
            column_types=dict(zip(schema.names, schema.types, strict=True)),
            null_values=["nan"],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    return pa.Table.from_batches(table.to_batches(), schema=schema)  # with the columns' meanings


class TableWriter:
    """One table being written: ``write`` rows (or ``write_encoded`` what ``encode`` made of
    them), then ``commit`` (or leave the ``with`` block normally) to move it into place;
    ``discard`` (or an exception) removes what was written."""

    def __init__(self, path: str, columns: Sequence[Column]) -> None:
        self.path = path
        self.columns = tuple(columns)
        self.kind = table_kind(path)
        target = Path(path).absolute()
        # Beside the table, so that the move is within one file system (and atomic).
        self.partial = str(target.with_name(f".{target.name}.{os.getpid()}.partial"))
        self._texts: list[str] = []  # Parquet: encoded rows not yet written
        self._buffered = 0
        self._handle: IO[str] | None = None
        self._parquet: Any = None
        try:
            self._open()
        except OSError as error:  # name the table asked for, not the hidden file beside it
            raise OSError(error.errno, error.strerror, path) from None

    def _open(self) -> None:
        if self.kind == "parquet":
            self._parquet = _pyarrow().parquet.ParquetWriter(self.partial, _arrow_schema(self.columns))
        else:
            encoding = "utf-8-sig" if self.kind == "csv" else "utf-8"
            # Closed by commit or discard, not by a with block: the file outlives this call.
            self._handle = open(self.partial, "w", encoding=encoding, newline="")  # noqa: SIM115, PTH123
            if self.kind == "csv":
                csv.writer(self._handle).writerow([c.name for c in self.columns])

    def write(self, rows: Iterable[Row]) -> None:
        """Write ``rows``, a bounded number at a time (any number may be given)."""
        iterator = iter(rows)
        while chunk := list(itertools.islice(iterator, _ROW_GROUP)):
            self.write_encoded(encode(self.kind, self.columns, chunk))

    def write_encoded(self, data: Encoded) -> None:
        if not data:
            return
        if self._handle is not None:
            self._handle.write(data)
            return
        self._texts.append(data)
        self._buffered += len(data)
        if self._buffered >= _PARQUET_BUFFER:
            self._flush()

    def _flush(self) -> None:
        if self._texts:
            self._parquet.write_table(_arrow_table(self._texts, self.columns))
            self._texts.clear()
            self._buffered = 0

    def commit(self) -> None:
        """Finish the file and move it over ``path``."""
        if self._parquet is not None:
            self._flush()
            self._parquet.close()
            self._parquet = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        Path(self.partial).replace(self.path)

    def discard(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        Path(self.partial).unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if not Path(self.partial).exists():
            return  # committed or discarded already
        if kind is None:
            self.commit()
        else:
            self.discard()


def open_table(path: str, columns: Sequence[Column]) -> TableWriter:
    """A writer of the table at ``path``, its format by the extension (``TABLE_SUFFIXES``)."""
    return TableWriter(path, columns)


def read_rows(path: str, columns: Sequence[Column]) -> Iterator[Row]:
    """The rows of a table this module wrote, typed as they were written. ``TableFormatError``
    when the file does not have ``columns``."""
    kind = table_kind(path)
    names = [c.name for c in columns]
    if kind == "parquet":
        pq = _pyarrow().parquet
        file = pq.ParquetFile(path)
        if file.schema_arrow.names != names:
            raise _not_this_table(path, names)
        for batch in file.iter_batches():
            yield from zip(*(batch.column(i).to_pylist() for i in range(len(names))), strict=True)
        return
    with open(path, encoding="utf-8-sig", newline="") as handle:  # noqa: PTH123
        if kind == "jsonl":
            for line in handle:
                if line.strip():
                    data = json.loads(line)
                    if list(data) != names:
                        raise _not_this_table(path, names)
                    yield tuple(data.values())
            return
        reader = csv.reader(handle)
        if next(reader, None) != names:
            raise _not_this_table(path, names)
        parse = [_csv_value(c) for c in columns]
        for record in reader:
            yield tuple(p(field) for p, field in zip(parse, record, strict=True))


def _csv_value(column: Column) -> Any:
    if column.type == "int64":
        return lambda field: int(field) if field else None
    if column.type == "float64":
        return lambda field: float(field) if field else None
    return lambda field: field if field else None


def _not_this_table(path: str, names: list[str]) -> TableFormatError:
    return TableFormatError(f"{path}: is not a table of this kind (its columns are not {', '.join(names)})")
