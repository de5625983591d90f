"""What a format is made of: labels, columns, rows, tables, identities, section headings.

A ``Format`` (one per template, in ``formats/v2021.py`` and ``formats/v2019.py``) is plain data.
Every other layer reads a template's words from it: the grammar is checked against it, the
renderer, the display, the findings and the strategies print its labels, validation reads its
identities. Nothing outside ``formats/`` spells a label.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs


@attrs.frozen
class Label:
    """A label as the template prints it, the grammar terminal that reads it, the other
    spellings real reports print, and the short name findings and summaries use."""

    text: str
    terminal: str | None = None
    aliases: tuple[str, ...] = ()
    short: str | None = None

    @property
    def name(self) -> str:
        """The short name (``（六）1.逾期不补正``), or the label itself."""
        return self.short or self.text


@attrs.frozen
class Column:
    """One cell of a row: its key (``None`` for a row of one cell, keyed by the row alone),
    its header label, and the abbreviation the text summary prints (for a row of one cell,
    in place of the row's label when it says more: ``收费(万元)``)."""

    key: str | None
    label: Label
    abbreviation: str = ""
    # A change from last year (2019 本年增/减): printed with a sign, never CELL_NEGATIVE.
    signed: bool = False
    # An amount of money (the 2021 fee, 2019 procurement): a decimal, not a count; ``unit``:
    # the unit the template prints for it (万元), ``None`` where it names none.
    money: bool = False
    unit: str | None = None


@attrs.frozen
class Row:
    """A row of a table: its key, its label, its cells, and the label of the merged cell or
    item heading it stands under (表三 ``（三）不予公开``, 表二 ``第二十条第（一）项``)."""

    key: str
    label: Label
    columns: tuple[Column, ...]
    group: Label | None = None

    def cell_key(self, table: str, column: Column) -> str:
        return f"{table}.{self.key}" if column.key is None else f"{table}.{self.key}.{column.key}"

    def cell_keys(self, table: str) -> tuple[str, ...]:
        return tuple(self.cell_key(table, column) for column in self.columns)


@attrs.frozen
class Table:
    """One mandated table: ``t2``/``t3``/``t4``, its number and title as printed, the section
    it stands in, its rows in mandated order, and header cells that are no column's label."""

    key: str
    number: str
    title: str
    section: int
    rows: tuple[Row, ...]
    headers: tuple[Label, ...] = ()

    @property
    def name(self) -> str:
        """``表三 收到和处理政府信息公开申请情况``."""
        return f"{self.number} {self.title}"

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(row.key for row in self.rows)

    def cell_keys(self) -> tuple[str, ...]:
        return tuple(key for row in self.rows for key in row.cell_keys(self.key))

    def labels(self) -> Iterator[Label]:
        for row in self.rows:
            yield row.label
            if row.group is not None:
                yield row.group
            for column in row.columns:
                yield column.label
        yield from self.headers


Along = Literal["row", "column"]


@attrs.frozen
class Identity:
    """A sum the template says holds: ``left`` adds up to ``right``.

    ``along="column"``: in each column, the rows ``left`` add up to the rows ``right``
    (表三 一 + 二 = （七）总计 + 四). ``along="row"``: in each row of ``rows`` (all rows when
    empty), the columns ``left`` add up to the columns ``right`` (表四 a group's 总计).
    ``rule`` is the validation rule that checks it.
    """

    rule: str
    table: str
    along: Along
    left: tuple[str, ...]
    right: tuple[str, ...]
    rows: tuple[str, ...] = ()


@attrs.frozen
class Format:
    """One template of the annual report, as data (the habit of sqlglot's dialects)."""

    name: str
    document: str
    # Its grammar: its own file, then what every format shares; joined into one text.
    grammar_files: tuple[str, ...]
    sections: tuple[Label, ...]
    tables: tuple[Table, ...]
    identities: tuple[Identity, ...]
    # Words only this template prints in its tables: how it is recognised from a text.
    signals: tuple[str, ...]

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def section(self, number: int) -> Label:
        """Section ``number`` (1–6)'s heading."""
        return self.sections[number - 1]

    @property
    def section_names(self) -> dict[int, str]:
        return {number: label.text for number, label in enumerate(self.sections, start=1)}

    def cell_keys(self) -> tuple[str, ...]:
        return tuple(key for table in self.tables for key in table.cell_keys())

    def _cells_where(self, wanted: str) -> frozenset[str]:
        return frozenset(
            row.cell_key(table.key, column)
            for table in self.tables
            for row in table.rows
            for column in row.columns
            if getattr(column, wanted)
        )

    def signed_cells(self) -> frozenset[str]:
        """The cell keys whose numbers may be negative (a change from last year)."""
        return self._cells_where("signed")

    def money_cells(self) -> frozenset[str]:
        """The cell keys that hold an amount of money (a decimal), not a count."""
        return self._cells_where("money")

    def money_rows(self) -> frozenset[str]:
        """The keys of the rows with an amount of money, whose cells may print its unit."""
        return frozenset(
            row.key for table in self.tables for row in table.rows if any(c.money for c in row.columns)
        )

    def column(self, key: str) -> Column | None:
        """The column of cell ``key`` (``"t2.fees_10k_yuan"``), or ``None``."""
        for table in self.tables:
            for row in table.rows:
                for column in row.columns:
                    if row.cell_key(table.key, column) == key:
                        return column
        return None

    def identity(self, rule: str) -> Identity:
        for identity in self.identities:
            if identity.rule == rule:
                return identity
        raise KeyError(rule)

    def labels(self) -> Iterator[Label]:
        """Every label the format prints: sections, then each table's."""
        yield from self.sections
        for table in self.tables:
            yield from table.labels()

    def terminals(self) -> dict[str, Label]:
        """Grammar terminal name -> its label (a label printed in two places is one terminal)."""
        found: dict[str, Label] = {}
        for label in self.labels():
            if label.terminal is None:
                continue
            seen = found.setdefault(label.terminal, label)
            if seen.text != label.text or seen.aliases != label.aliases:
                raise ValueError(f"{label.terminal} is {seen.text!r} and {label.text!r}")
        return found
