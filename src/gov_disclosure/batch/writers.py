"""Writing and reading the batch tables as CSV, JSON Lines or Parquet, chosen by extension.

Every table is written to a hidden file beside its path and moved over it when complete
(``os.replace``, atomic on one file system): an interrupted or failed run never leaves a
half-written file where the table should be. CSV is UTF-8 with a byte-order mark (so that
Excel shows Chinese), a missing value an empty field; JSON Lines, one object per row with
``null``; Parquet (pyarrow, the ``parquet`` extra), the column types of ``tables.py`` with
each column's meaning in its field metadata.
"""

from __future__ import annotations

import array
import csv
import functools
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, NamedTuple, TypeAlias

from .tables import Column, Row

__all__ = [
    "TABLE_SUFFIXES",
    "Encoded",
    "ParquetRows",
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
# Rows encoded at a time by ``write``; rows buffered before a Parquet row group is written
# (50 reports' cells): both bound memory.
_ROW_GROUP = 32_768
_PARQUET_ROWS = 10_000


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
        raise ImportError("Parquet output needs pyarrow: pip install 'gov-disclosure[parquet]'") from None
    return pyarrow


@functools.cache
def _arrow_schema(columns: tuple[Column, ...]) -> Any:
    pa = _pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema(
        [pa.field(c.name, types[c.type], nullable=True, metadata={"meaning": c.meaning}) for c in columns]
    )


class ParquetRows(NamedTuple):
    """Rows encoded for a Parquet table, as CSV with every string quoted (an unquoted ``nan``
    is a null), which pyarrow's CSV reader turns into Arrow columns at C speed: the workers
    that encode need no pyarrow, and the main process, which writes, does little work. The
    leading per-report columns (``Column.per_report``), the same in every row, are one line
    (``head``) for all the rows."""

    head_columns: int
    head: str
    text: str
    rows: int


Encoded: TypeAlias = str | ParquetRows
"""Rows as a table of one kind takes them, made by ``encode`` in any process (a batch's
workers encode their rows, so that the main process only writes them): CSV lines, JSON lines,
or ``ParquetRows``."""


def encode(kind: TableKind, columns: tuple[Column, ...], rows: Sequence[Row]) -> Encoded:
    """``rows`` as the ``kind`` of table takes them (``Encoded``)."""
    if kind == "jsonl":
        names = [c.name for c in columns]
        return "".join(
            json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False) + "\n" for row in rows
        )
    if kind == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        return text.getvalue()
    head = _head_length(columns, rows)
    return ParquetRows(head, _quoted(rows[:1], 0, head), _quoted(rows, head, len(columns)), len(rows))


def _quoted(rows: Sequence[Row], start: int, end: int) -> str:
    text = io.StringIO()
    nan = float("nan")  # strings are quoted: no string and no count reads as this
    nulled = (tuple(nan if value is None else value for value in row[start:end]) for row in rows)
    csv.writer(text, quoting=csv.QUOTE_NONNUMERIC).writerows(nulled)
    return text.getvalue() if end > start else ""


def _head_length(columns: tuple[Column, ...], rows: Sequence[Row]) -> int:
    """How many leading per-report columns have one value in all ``rows`` (all of them, or
    none: rows of several reports, as the cross-year findings are written)."""
    head = next((i for i, c in enumerate(columns) if not c.per_report), len(columns))
    first = rows[0][:head] if rows else ()
    return head if all(row[:head] == first for row in rows) else 0


def _read_quoted(text: str, fields: list[Any]) -> Any:
    import pyarrow.csv

    return pyarrow.csv.read_csv(
        io.BytesIO(text.encode("utf-8")),
        read_options=pyarrow.csv.ReadOptions(column_names=[f.name for f in fields], use_threads=False),
        parse_options=pyarrow.csv.ParseOptions(newlines_in_values=True),
        convert_options=pyarrow.csv.ConvertOptions(
            column_types={f.name: f.type for f in fields},
            null_values=["nan"],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )


def _arrow_table(pieces: list[ParquetRows], columns: tuple[Column, ...]) -> Any:
    """Pieces of one head length as one Arrow table of the columns' schema. (No pa.array or
    pa.scalar of Python values: pyarrow imports pandas for those, 50 MB more.)"""
    pa = _pyarrow()
    schema = _arrow_schema(columns)
    fields = list(schema)
    head = pieces[0].head_columns
    rest = _read_quoted("".join(piece.text for piece in pieces), fields[head:])
    if not head:
        return pa.Table.from_arrays(rest.columns, schema=schema)
    # Each piece's head line, repeated for its rows: a dictionary of one entry per piece.
    heads = _read_quoted("".join(piece.head for piece in pieces), fields[:head])
    owners = array.array(
        "i", itertools.chain.from_iterable(itertools.repeat(i, p.rows) for i, p in enumerate(pieces))
    )
    indices = pa.Array.from_buffers(pa.int32(), len(owners), [None, pa.py_buffer(owners)])
    repeated = [
        pa.DictionaryArray.from_arrays(indices, column.combine_chunks()).dictionary_decode()
        for column in heads.columns
    ]
    return pa.Table.from_arrays([*repeated, *rest.columns], schema=schema)


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
        self._pieces: list[ParquetRows] = []  # Parquet: encoded rows not yet written
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
        if isinstance(data, str):
            if data and self._handle is not None:
                self._handle.write(data)
            return
        if not data.rows:
            return
        if self._pieces and self._pieces[0].head_columns != data.head_columns:
            self._flush()  # one table of pieces is read with one set of columns
        self._pieces.append(data)
        self._buffered += data.rows
        if self._buffered >= _PARQUET_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._pieces:
            self._parquet.write_table(_arrow_table(self._pieces, self.columns))
            self._pieces.clear()
            self._buffered = 0

    def commit(self) -> None:
        """Finish the file and move it over ``path``."""
        if self._parquet is not None:
            self._flush()
        self._close()
        Path(self.partial).replace(self.path)

    def discard(self) -> None:
        self._close()
        Path(self.partial).unlink(missing_ok=True)

    def _close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None

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
