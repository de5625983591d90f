"""From the parse tree of the table region to the three table objects and their diagnostics.

A row in the tree is its label and everything after it up to the next label. A cell is a
number standing alone between separators; digits touching text ('注1', '（2023年）', '5万元',
'(2)') or named by it across a space ('第 3 页', '2023 年') are text (``glued-digits``). Which
number belongs to which column is decided here, from order alone, and each cell records how
its number was placed (``model.Placement``):

- ``row``: a row with exactly as many cells as the format has columns takes them in column
  order; so does a row of a table whose layout delimits every cell (tabs or pipes between all
  of them, on every row), where an empty slot is a blank cell;
- ``row_order``: when the labels of the rows after a row were not found but its cells are
  exactly enough for it and those rows, the cells are read in mandated row order (PDF text
  that moved labels);
- ``sums``: 表四's 15 numbers interleaved with its header (PDF reading order) are placed only
  when the evidence leaves a single placement (``interleaved``);
- any other count leaves the row ``None`` with a diagnostic: the parser never chooses which
  column an extra or a missing number belongs to.

A number that ends exactly where the input ends may have been cut (page stores truncate
reports); it is kept only when it cannot have continued (a count of ``0``) or when it is a
total that equals what the table's identity requires (表三: the six applicant columns; 表四:
its group's four results), and then it is placed ``kept_by_identity``. 表二 has no identity.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
from lark import Token, Transformer

from ..diagnostic_codes import DiagnosticCode
from ..formats import FORMAT_2021, Format
from ..formats.template import Identity
from ..model import (
    FEE_PLACES,
    MAX_DIGITS,  # longer digit runs are junk, never a cell
    T2_ROWS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    ActiveDisclosure,
    ActiveDisclosure2019,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    CellValue,
    Diagnostic,
    DocumentCounts,
    Placement,
    ReviewLitigation,
    Severity,
    Span,
)
from .cells import (
    EMPTY,
    GLUED,
    MONEY_UNITS,
    MOST_PIECES,
    NOISE_TYPES,
    SEPARATOR_RUN,
    WITH_UNIT,
    Cell,
    RowRead,
    expand,
    noise_continues,
    span_of,
)
from .delimited import delimited_line, delimited_rows
from .digit_runs import MAX_SOLUTIONS, RowDigits, Solution, solve
from .grammar import mandated_labels, terminal_regex
from .interleaved import place_runs
from .labels import FRAGMENT_PIECES, in_order, is_label_fragment, row_terminals, squash
from .noise import quoted

# Diagnostics of one kind listed one by one; a megabyte of junk would otherwise make tens of
# thousands of them. The rest are counted in one more.
MAX_PER_CODE = 100
T4_KEYS = tuple(f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS)
_Row = TypeVar("_Row", DocumentCounts, ApplicantCounts, CaseOutcomes)


def _build(
    cls: type[_Row],
    names: Sequence[str],
    values: Sequence[CellValue],
    spans: Sequence[Span | None],
    placed: Sequence[Placement | None],
) -> _Row:
    fields: dict[str, Any] = dict(zip(names, values, strict=True))
    return cls(**fields, spans=spans, placed=placed)


_MOST_PRINTED = 200  # a diagnostic keeps the text it is about up to this long (else quotes it)


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the NUMBER terminal excludes it
        return None


def _kept_by_identity(key: str, values: Sequence[CellValue], template: Format = FORMAT_2021) -> bool:
    """Whether the last of ``values`` (cell ``key``), a number the input may have cut, is the
    total the format's identity requires of the cells before it, so it is whole.

    Only the identities within a row keep a number (``Identity.along == "row"``: 表三's 总计
    column is the sum of the six applicant columns, 表四's 总计 the sum of its group's four
    results). 表二 has none: a cut number there is never kept."""
    table, row_key, column = [*key.split("."), ""][:3]
    for identity in template.identities:
        if identity.table != table or identity.along != "row" or identity.right != (column,):
            continue
        if identity.rows and row_key not in identity.rows:
            continue
        parts = values[-1 - len(identity.left) : -1]
        if len(parts) < len(identity.left) or any(v is None for v in parts):
            return False
        return values[-1] == sum(v for v in parts if v is not None)
    return False


# A run of digits with more than this many could not be one count of a row with more cells:
# it is a sign that separators were lost (see ``_Assembler.run_together``).
_SQUASHED_AFTER = 4
_MOST_LISTED = 8  # candidate readings a message lists (the diagnostic's ``expected`` has them all)
UNSPLIT = "UNSPLIT"  # the type of a Cell of digits run together that the evidence left open
_EVIDENCE = {
    "digits": "the only split of its digits into its cells",
    "sums": "the only split whose 总计 is the sum of the cells before it",
    "identities": "the only split that its 总计 and the table's column sums (一+二=（七）总计+四, "
    "（七）总计 = the outcome rows) allow",
}


def _plain_digits(run: Sequence[Cell]) -> bool:
    """Whether every cell of ``run`` is a number of digits alone (no sign, comma or point)."""
    return all(cell.type == "NUMBER" and cell.text.isdigit() for cell in run)


def _run_span(run: Sequence[Cell]) -> Span:
    first, last = run[0].span, run[-1].span
    return attrs.evolve(first, end_line=last.end_line, end_column=last.end_column, end=last.end)


def _split_cells(
    run: Sequence[Cell], cells: Sequence[int | None], readings: Sequence[tuple[int, ...]]
) -> list[Cell]:
    """The cells of a split row: each decided one where it stands in the printed digits
    (every reading puts it at the same place: ``digit_runs``), each other one ``UNSPLIT``."""
    candidates = readings if readings else [tuple(c for c in cells if c is not None)]
    agreeing = [r for r in candidates if all(c is None or c == v for c, v in zip(cells, r, strict=False))]
    places = _places(run, agreeing[0]) if agreeing and len(agreeing[0]) == len(cells) else None
    out = []
    for i, value in enumerate(cells):
        if value is None or places is None:
            out.append(Cell(UNSPLIT, "", _run_span(run)))
        else:
            out.append(Cell("NUMBER", str(value), places[i]))
    return out


def _places(run: Sequence[Cell], reading: Sequence[int]) -> list[Span] | None:
    """Where each number of ``reading`` stands in the printed ``run`` (one line per piece)."""
    spans, pieces = [], iter(run)
    piece = next(pieces)
    offset = 0
    for value in reading:
        text = str(value)
        if offset == len(piece.text):
            piece, offset = next(pieces, piece), 0
        if piece.text[offset : offset + len(text)] != text:
            return None
        s = piece.span
        spans.append(
            attrs.evolve(
                s,
                column=s.column + offset,
                end_column=s.column + offset + len(text),
                start=s.start + offset,
                end=s.start + offset + len(text),
            )
        )
        offset += len(text)
    return spans


class _Assembler:
    """Collects diagnostics while the three tables are assembled."""

    def __init__(self, source_length: int, text: str = "", template: Format = FORMAT_2021) -> None:
        self.source_length = source_length
        # Rows ('t3.granted', 't4') split from digits run together; and of the rows of digits
        # run together, those whose numbers may also be whole counts with cells dropped.
        self.split_from_digits: set[str] = set()
        self.only_by_sums: set[str] = set()
        self.text = text
        self.template = template
        self.money_rows = template.money_rows()  # rows whose amount may carry its unit
        self.diagnostics: list[Diagnostic] = []
        self.listed: dict[str, int] = {}
        self.unlisted: dict[str, Severity] = {}  # codes with more than MAX_PER_CODE
        self.counted: dict[str, int] = {}  # per code, diagnostics only counted (row junk)
        self.labels = mandated_labels(template.name)
        self.by_order: set[str] = set()  # row keys ('t3.granted') read in mandated row order

    def note(
        self,
        code: str,
        severity: Severity,
        message: str,
        token: Token | Cell | Span | None = None,
        *,
        key: str | None = None,
        expected: Sequence[str] = (),
        printed: str | None = None,
        count: int | None = None,
    ) -> None:
        span = (
            token
            if isinstance(token, Span) or token is None
            else token.span
            if isinstance(token, Cell)
            else span_of(token)
        )
        if self.past_limit(code, severity):
            return
        self.diagnostics.append(
            Diagnostic(code, severity, message, span, key, tuple(expected), printed, count)
        )

    def past_limit(self, code: str, severity: Severity) -> bool:
        """Counts one more diagnostic of ``code``; whether it is past those listed one by one."""
        listed = self.listed.get(code, 0)
        self.listed[code] = listed + 1
        if listed < MAX_PER_CODE:
            return False
        self.unlisted[code] = severity
        return True

    def count_unlisted(self, code: str, severity: Severity, count: int) -> None:
        """``count`` more diagnostics of ``code`` that were counted, never made."""
        self.unlisted[code] = severity
        self.counted[code] = self.counted.get(code, 0) + count

    def all_diagnostics(self) -> list[Diagnostic]:
        """The diagnostics, with one more per code that had too many to list."""
        summaries = []
        for code, severity in self.unlisted.items():
            count = max(0, self.listed.get(code, 0) - MAX_PER_CODE) + self.counted.get(code, 0)
            summaries.append(
                Diagnostic(
                    code,
                    severity,
                    f"{count:,} more {str(code)!r} diagnostics are not listed one by one",
                    count=count,
                )
            )
        return self.diagnostics + summaries

    def label_of(self, rule: str) -> str:
        return self.labels[row_terminals(self.template.name)[rule]]

    # ------------------------------------------------------------------ tokens

    def split(self, row: RowRead, table: str) -> list[Cell]:
        """The row's cells; reports the noise and header text among them."""
        cells: list[Cell] = []
        run: list[Token] = []
        for token in row.items:
            if isinstance(token, Cell):
                cells.append(token)
            elif token.type in NOISE_TYPES:
                if run and not self._adjacent(run[-1], token):
                    self._noise(run, table)
                    run = []
                run.append(token)
        if run:
            self._noise(run, table)
        if row.counted_noise:
            self.count_unlisted(DiagnosticCode.UNEXPECTED_TEXT, "warning", row.counted_noise)
        return cells

    @staticmethod
    def _adjacent(a: Token, b: Token) -> bool:
        return noise_continues(a.end_pos or 0, a.line, b.start_pos or 0, b.line)

    def _noise(self, run: list[Token], table: str) -> None:
        glued = any(t.type == GLUED for t in run)
        code = DiagnosticCode.GLUED_DIGITS if glued else DiagnosticCode.UNEXPECTED_TEXT
        if (
            not glued
            and len(run) <= FRAGMENT_PIECES
            and is_label_fragment("".join(map(str, run)), self.template.name)
        ):
            code = DiagnosticCode.LABEL_FRAGMENT
        if self.past_limit(code, "warning"):
            return  # counted, not built: the text of a megabyte of junk is not joined again
        last = run[-1]
        span = attrs.evolve(
            span_of(run[0]),
            end_line=last.end_line or 0,
            end_column=last.end_column or 0,
            end=last.end_pos or 0,
        )
        text = "".join(str(t) for t in run)
        if glued:
            message = (
                f"{table}: digits that are part of text are not a cell: {quoted(text)} was skipped "
                "(a cell is a number standing alone between separators)"
            )
        else:
            message = f"{table}: text that is not a label of the format was skipped: {quoted(text)}"
        printed = text if len(text) <= _MOST_PRINTED else None
        if code == DiagnosticCode.LABEL_FRAGMENT:
            message = f"{table}: a piece of a label of the format, broken off by the layout: {quoted(text)}"
        severity: Severity = "info" if code == DiagnosticCode.LABEL_FRAGMENT else "warning"
        self.diagnostics.append(Diagnostic(code, severity, message, span, printed=printed))

    def check_label(self, row: RowRead, key: str) -> None:
        if row.label is None:
            return
        mandated = self.label_of(row.rule)
        printed = SEPARATOR_RUN.sub("", str(row.label))
        wanted = squash(mandated)
        if squash(printed) == wanted:
            return
        # PDF text wraps a long label around its numbers ('…只计这一情 447 7 … 形，不计其他情形）'):
        # the label is whole when the rest of it follows, in order, in the row's text.
        after = "".join(str(t) for t in row.items if not isinstance(t, Cell))
        if in_order(wanted, squash(printed + after)):
            return
        self.note(
            DiagnosticCode.LABEL_VARIANT,
            "warning",
            f"label {quoted(printed)} read as the mandated {mandated!r}",
            row.label,
            key=key,
            expected=(mandated,),
            printed=printed,
        )

    # ------------------------------------------------------------------ values

    def value(self, token: Cell, key: str, *, decimal: bool) -> CellValue:
        text = self.without_unit(token, key) if token.type == WITH_UNIT else token.text
        if text is None or token.type == UNSPLIT:  # said with its row
            return None
        if token.type in (EMPTY, "BLANK"):
            what = "the cell is empty" if token.type == EMPTY else f"the cell holds {text!r}, not a number"
            self.note(DiagnosticCode.BLANK_CELL, "warning", f"{key}: {what}", token, key=key)
            return None
        digits = text.replace(",", "")
        if len(digits) > MAX_DIGITS and self._too_long(digits):
            self.note(
                DiagnosticCode.NUMBER_TOO_LONG,
                "warning",
                f"{key}: {quoted(text)} is longer than any count or amount a report holds "
                f"({MAX_DIGITS} digits, {FEE_PLACES} decimals); it is not read",
                token,
                key=key,
                printed=text if len(text) <= _MOST_PRINTED else None,
            )
            return None
        if decimal:
            return _decimal(digits)
        if "." in digits:
            self.note(
                DiagnosticCode.NOT_INTEGER,
                "warning",
                f"{key}: {text!r} is not a whole number of applications or cases",
                token,
                key=key,
                printed=text,
            )
            return None
        return int(digits)

    def units_as_text(self, cells: list[Cell], width: int, key: str) -> list[Cell]:
        """A money row's cells, where amounts printed with a unit are text after all: when the
        row has its width only without them ('0 1万元', a note after the fee), they are the
        text beside the cells that digits with a unit always were elsewhere."""
        plain = [cell for cell in cells if cell.type != WITH_UNIT]
        if len(cells) == width or len(plain) != width:
            return cells
        for cell in cells:
            if cell.type == WITH_UNIT:
                self.note(
                    DiagnosticCode.GLUED_DIGITS,
                    "warning",
                    f"{key}: digits that are part of text are not a cell: {quoted(cell.text)} was "
                    "skipped (the row has its cells without it)",
                    cell,
                    printed=cell.text,
                )
        return plain

    def without_unit(self, token: Cell, key: str) -> str | None:
        """The number of a cell printed with its unit, when the cell is an amount the unit may
        follow; else ``None``, said as digits that are part of text."""
        unit = next(u for u in sorted(MONEY_UNITS, key=len, reverse=True) if token.text.endswith(u))
        number = token.text.removesuffix(unit)
        column = self.template.column(key)
        if column is None or not column.money or column.unit not in (None, unit):
            why = (
                "a count is printed without a unit"
                if column is None or not column.money
                else (f"the column is in {column.unit}")
            )
            self.note(
                DiagnosticCode.GLUED_DIGITS,
                "warning",
                f"{key}: {quoted(token.text)} holds a unit and {why}; it is not read",
                token,
                key=key,
                printed=token.text,
            )
            return None
        self.note(
            DiagnosticCode.UNIT_IN_CELL,
            "info",
            f"{key}: the amount is printed with its unit, {quoted(token.text)}; it is read as "
            f"printed, in {unit}",
            token,
            key=key,
            printed=token.text,
        )
        return number

    @staticmethod
    def _too_long(digits: str) -> bool:
        whole, _, fraction = digits.partition(".")
        return len(whole) > MAX_DIGITS or len(fraction) > FEE_PLACES

    def cut_at_end(self, cell: Cell) -> bool:
        return cell.type == "NUMBER" and cell.span.end >= self.source_length

    def read_row(
        self,
        cells: Sequence[Cell],
        keys: Sequence[str],
        placement: Placement,
        *,
        decimal_keys: frozenset[str] = frozenset(),
    ) -> tuple[list[CellValue], list[Span | None], list[Placement | None]]:
        """The values, spans and placements of one row's cells (``placement`` for each number
        read); a last number the input may have cut is dropped unless the row's identity
        keeps it (``_kept_by_identity``)."""
        values = [self.value(t, k, decimal=k in decimal_keys) for t, k in zip(cells, keys, strict=True)]
        spans: list[Span | None] = [
            t.span if v is not None else None for t, v in zip(cells, values, strict=True)
        ]
        placed: list[Placement | None] = [placement if v is not None else None for v in values]
        last = cells[-1]
        if self.cut_at_end(last) and values[-1] is not None:
            if str(last) == "0" and keys[-1] not in decimal_keys:
                pass  # a count of 0 cannot have gone on: '05' is not a count
            elif _kept_by_identity(keys[-1], values, self.template):
                placed[-1] = "kept_by_identity"
            else:
                self.note(
                    DiagnosticCode.CUT_NUMBER,
                    "warning",
                    f"{keys[-1]}: the input ends inside or right after {quoted(last.text)}; "
                    "it may have been cut, so it is not read",
                    last,
                    key=keys[-1],
                )
                values[-1] = None
                spans[-1] = None
                placed[-1] = None
        return values, spans, placed

    # ------------------------------------------------------------------ rows in order

    def assign(
        self,
        table: str,
        prefix: str,
        order: Sequence[str],
        widths: dict[str, int],
        rows: dict[str, RowRead],
        cells: dict[str, list[Cell]],
    ) -> dict[str, list[Cell]]:
        """Row key -> its cells, for the rows whose cells can be told apart."""
        cells = {
            key: self.units_as_text(run, widths[key], f"{prefix}.{key}") if key in self.money_rows else run
            for key, run in cells.items()
        }
        slotted = delimited_rows(self.text, widths, rows, cells, self.money_rows)
        found = [k for k in order if k in rows]
        out: dict[str, list[Cell]] = {}
        run_together: dict[str, list[Cell]] = {}  # rows whose digits ran together
        for i, key in enumerate(found):
            run = cells[key]
            nxt = order.index(found[i + 1]) if i + 1 < len(found) else len(order)
            gap = list(order[order.index(key) + 1 : nxt])
            width = widths[key]
            counted = rows[key].counted_cells
            if counted:
                what = f"{table}: row {self.label_of(key)!r}"
                self.overflow(what, f"{prefix}.{key}", len(run) + counted, rows[key].label)
                continue
            if len(run) == width:
                out[key] = run
                continue
            if key in slotted:  # its empty cells are delimited: they are blank cells
                out[key] = slotted[key]
                continue
            label = rows[key].label
            if gap and self.by_row_order(table, prefix, key, gap, widths, run, label, out):
                continue
            evidence = self.run_together(run, width, rows[key].items)
            if evidence is not None:
                run_together[key] = run
                if evidence == "sums":
                    self.only_by_sums.add(f"{prefix}.{key}")
                continue
            self.note(
                DiagnosticCode.CELL_COUNT,
                "warning",
                f"{table}: row {self.label_of(key)!r} has {len(run)} numbers, the format has {width}; "
                "the row is not read",
                label,
                key=f"{prefix}.{key}",
                count=len(run),
            )
        if run_together:
            out.update(self.split_runs(table, prefix, widths, rows, out, run_together))
        for key in order:
            if key not in rows and key not in out:
                self.note(
                    DiagnosticCode.ROW_MISSING,
                    "warning",
                    f"{table}: row {self.label_of(key)!r} was not found",
                    key=f"{prefix}.{key}",
                    expected=(self.label_of(key),),
                )
        return out

    def by_row_order(
        self,
        table: str,
        prefix: str,
        key: str,
        gap: Sequence[str],
        widths: dict[str, int],
        run: list[Cell],
        label: Token | None,
        out: dict[str, list[Cell]],
    ) -> bool:
        """Whether the numbers after ``key``'s label are exactly enough for it and the rows
        after it whose labels were not found (``gap``); then they are placed in ``out`` in
        mandated row order."""
        expected_total = widths[key]
        taken = [key]
        for g in gap:
            expected_total += widths[g]
            taken.append(g)
            if len(run) == expected_total:
                break
        if len(run) != expected_total:
            return False
        position = 0
        for k in taken:
            out[k] = run[position : position + widths[k]]
            position += widths[k]
        missing = [self.label_of(k) for k in taken[1:]]
        self.by_order.update(f"{prefix}.{k}" for k in taken[1:])
        self.note(
            DiagnosticCode.ROWS_BY_ORDER,
            "warning",
            f"{table}: the labels {missing} were not found before their numbers; "
            f"the {len(run)} numbers after {self.label_of(key)!r} were read in mandated row order",
            label,
            key=f"{prefix}.{key}",
            expected=missing,
        )
        for k in taken[1:]:
            self.note(
                DiagnosticCode.LABEL_MISSING,
                "warning",
                f"{table}: the label of row {self.label_of(k)!r} is not printed; its numbers "
                "were placed by the mandated row order",
                label,
                key=f"{prefix}.{k}",
                expected=(self.label_of(k),),
            )
        return True

    def placement(self, table: str, row: str) -> Placement:
        """How the numbers of a row of 表二 or 表三 were placed: by its label, in order, or
        split from digits that ran together."""
        key = f"{table}.{row}"
        return (
            "row_order"
            if key in self.by_order
            else "digits_split"
            if key in self.split_from_digits
            else "row"
        )

    # ------------------------------------------------------------------ digits run together

    def run_together(self, run: Sequence[Cell], width: int, items: Sequence[Token | Cell]) -> str | None:
        """Whether a row with fewer numbers than cells printed its digits run together, and on
        what evidence its splits may be read: ``"digits"`` when one of its numbers cannot be a
        count alone (``05``), is longer than a row's cells are (more than 4 digits), or is the
        whole row (``101``); ``"sums"`` when its numbers could also be whole counts with cells
        dropped (``200 500 7``): then only a split its sums decide is read. ``None``: not digits
        run together (too few digits, not plain digits, cut at the end, or digits touching
        text, which may be some of its digits)."""
        if (
            not 0 < len(run) < width
            or any(not isinstance(item, Cell) and item.type == GLUED for item in items)
            or not _plain_digits(run)
            or sum(len(cell.text) for cell in run) < width
            or self.cut_at_end(run[-1])
        ):
            return None
        certain = len(run) == 1 or any(
            len(cell.text) > _SQUASHED_AFTER or (cell.text[0] == "0" and len(cell.text) > 1) for cell in run
        )
        return "digits" if certain else "sums"

    def split_runs(
        self,
        table: str,
        prefix: str,
        widths: dict[str, int],
        rows: dict[str, RowRead],
        read: dict[str, list[Cell]],
        run_together: dict[str, list[Cell]],
    ) -> dict[str, list[Cell]]:
        """The cells of the rows whose digits ran together, where the table's evidence decides
        them (``digit_runs.solve``); the rows read with their separators are evidence too."""
        identities = [i for i in self.template.identities if i.table == prefix]
        columns = [str(c.key) for c in self.template.table(prefix).rows[0].columns] if identities else []
        printed = [
            RowDigits(key, tuple(c.text for c in run), widths[key])
            for key, run in read.items()
            if _plain_digits(run)
        ]
        printed += [
            RowDigits(key, tuple(c.text for c in run), widths[key]) for key, run in run_together.items()
        ]
        solution = solve(printed, identities, columns)
        labels = {key: repr(self.label_of(key)) for key in run_together}
        anchors = {key: rows[key].label for key in run_together}
        return self.split_cells(table, prefix, solution, run_together, labels, anchors)

    def split_cells(
        self,
        table: str,
        prefix: str,
        solution: Solution,
        run_together: dict[str, list[Cell]],
        labels: dict[str, str],
        anchors: dict[str, Token | None] | None = None,
    ) -> dict[str, list[Cell]]:
        """Each row's cells from ``solution``: a decided one as its number and where it stands,
        an undecided one as a cell that is not read; with the diagnostics that say how."""
        for note in solution.notes:
            self.note(DiagnosticCode.DIGITS_RUN_TOGETHER, "warning", f"{table}: {note}")
        out: dict[str, list[Cell]] = {}
        for key, run in run_together.items():
            row_key = f"{prefix}.{key}" if prefix != "t4" else "t4"
            printed = " ".join(cell.text for cell in run)
            cells = solution.cells.get(key)
            if row_key in self.only_by_sums and key not in solution.summed:
                self.note(
                    DiagnosticCode.CELL_COUNT,
                    "warning",
                    f"{table}: {labels[key]} has {len(run)} numbers, fewer than its cells; they may be "
                    "whole numbers with cells dropped, or digits run together that no sum splits; the "
                    "row is not read",
                    (anchors or {}).get(key) or _run_span(run),
                    key=row_key,
                    count=len(run),
                )
                continue
            if cells is None or all(cell is None for cell in cells):
                self._undecided(table, row_key, labels[key], printed, solution.open_rows.get(key, ()), run)
                continue
            self.split_from_digits.add(row_key)
            out[key] = _split_cells(run, cells, solution.open_rows.get(key, ()))
            evidence = solution.evidence.get(key, "digits")
            if row_key in self.only_by_sums and evidence == "digits":  # read only because its sums held
                evidence = "identities" if solution.used_identities else "sums"
            rules = self._split_rules(prefix, evidence)
            shown = "|".join("?" if cell is None else str(cell) for cell in cells)
            self.note(
                DiagnosticCode.DIGITS_SPLIT,
                "warning",
                f"{table}: {labels[key]} printed its digits run together ({quoted(printed)}); they were "
                f"read as {shown}, {_EVIDENCE[evidence]}",
                _run_span(run),
                key=row_key,
                expected=rules,
                printed=printed if len(printed) <= _MOST_PRINTED else None,
            )
            if None in cells:
                self._undecided(table, row_key, labels[key], printed, solution.open_rows.get(key, ()), run)
        return out

    def _split_rules(self, prefix: str, evidence: str) -> tuple[str, ...]:
        """The rules whose sums chose a split (so they cannot check it)."""
        if evidence == "digits":
            return ()
        rules = [i.rule for i in self.template.identities if i.table == prefix and i.along == "row"]
        if evidence == "identities":
            rules += [i.rule for i in self.template.identities if i.table == prefix and i.along == "column"]
        return tuple(dict.fromkeys(rules))

    def _undecided(
        self,
        table: str,
        row_key: str,
        label: str,
        printed: str,
        readings: Sequence[tuple[int, ...]],
        run: Sequence[Cell],
    ) -> None:
        shown = ["|".join(map(str, reading)) for reading in readings]
        if shown:
            why = (
                f"{len(shown)}{'+' if len(shown) >= MAX_SOLUTIONS else ''} readings fit the evidence "
                f"({', '.join(shown[:_MOST_LISTED])}{', …' if len(shown) > _MOST_LISTED else ''}); "
                "the cells they disagree on are not read"
            )
        else:
            why = "no reading fits the evidence; the row is not read"
        self.note(
            DiagnosticCode.DIGITS_RUN_TOGETHER,
            "warning",
            f"{table}: {label} printed its digits run together ({quoted(printed)}): {why}",
            _run_span(run),
            key=row_key,
            expected=shown,
            printed=printed if len(printed) <= _MOST_PRINTED else None,
            count=len(run),
        )

    def overflow(self, what: str, key: str, count: int, anchor: Token | None) -> None:
        """A row with more junk than any row of the format holds is not read: its numbers were
        counted, not placed."""
        self.note(
            DiagnosticCode.CELL_COUNT,
            "warning",
            f"{what} has {count:,} numbers among more than {MOST_PIECES} pieces of text that "
            "are not labels; it is not read",
            anchor,
            key=key,
            count=count,
        )

    # ------------------------------------------------------------------ the tables

    def missing(self, key: str, where: str = "", anchor: Token | None = None) -> None:
        table = self.template.table(key)
        message = f"{table.number} ({table.title}) was not found{where}"
        self.note(DiagnosticCode.TABLE_MISSING, "warning", message, anchor, key=key)

    def table2_2019(self, rows: dict[str, RowRead]) -> ActiveDisclosure2019:
        """表二 of the 2019 format: each row as wide as its columns, read like any other row."""
        if not rows:
            self.missing("t2")
            return ActiveDisclosure2019()
        table = self.template.table("t2")
        cells = {}
        for key, row in rows.items():
            self.check_label(row, f"t2.{key}")
            cells[key] = self.split(row, table.number)
        widths = {row.key: len(row.columns) for row in table.rows}
        runs = self.assign(table.number, "t2", table.row_keys, widths, rows, cells)
        built: dict[str, Any] = {}
        for spec in table.rows:
            if spec.key not in runs:
                continue
            keys = spec.cell_keys("t2")
            # The procurement amount is money: a decimal, as the 2021 fee is.
            decimal_keys = frozenset(k for k in keys if k.endswith(".amount"))
            values, spans, placed = self.read_row(
                runs[spec.key], keys, self.placement("t2", spec.key), decimal_keys=decimal_keys
            )
            cls = ActiveDisclosure2019.row_type(spec.key)
            names = [str(column.key) for column in spec.columns]
            built[spec.key] = cls(**dict(zip(names, values, strict=True)), spans=spans, placed=placed)
        return ActiveDisclosure2019(**built)

    def table2(self, rows: dict[str, RowRead]) -> ActiveDisclosure:
        if not rows:
            self.missing("t2")
            return ActiveDisclosure()
        widths = {row.key: len(row.columns) for row in self.template.table("t2").rows}
        cells = {}
        for key, row in rows.items():
            self.check_label(row, f"t2.{key}")
            cells[key] = self.split(row, "表二")
        runs = self.assign("表二", "t2", T2_ROWS, widths, rows, cells)
        documents: dict[str, DocumentCounts] = {}
        for key in ("regulations", "normative_documents"):
            if key in runs:
                keys = [f"t2.{key}.{f}" for f in DocumentCounts.FIELDS]
                values, spans, placed = self.read_row(runs[key], keys, self.placement("t2", key))
                documents[key] = _build(DocumentCounts, DocumentCounts.FIELDS, values, spans, placed)
        singles: dict[str, CellValue] = {}
        single_spans: list[Span | None] = []
        single_placed: list[Placement | None] = []
        for key in ActiveDisclosure.SINGLE_FIELDS:
            if key in runs:
                values, spans, placed = self.read_row(
                    runs[key],
                    [f"t2.{key}"],
                    self.placement("t2", key),
                    decimal_keys=frozenset({"t2.fees_10k_yuan"}),
                )
                singles[key] = values[0]
                single_spans.append(spans[0])
                single_placed.append(placed[0])
            else:
                single_spans.append(None)
                single_placed.append(None)
        fields: dict[str, Any] = {**documents, **singles}
        return ActiveDisclosure(**fields, spans=single_spans, placed=single_placed)

    def table3(self, rows: dict[str, RowRead], extras: list[RowRead]) -> Applications:
        for extra in extras:
            stray = [t for t in extra.items if isinstance(t, Cell)]
            table = "表二" if extra.rule == "lead" else "表三"
            self.split(
                RowRead(
                    extra.rule,
                    extra.label,
                    tuple(t for t in extra.items if not isinstance(t, Cell)),
                    extra.counted_noise,
                ),
                table,
            )
            if stray or extra.counted_cells:
                where = repr(str(extra.label)) if extra.label is not None else "the start of the table"
                self.note(
                    DiagnosticCode.STRAY_NUMBERS,
                    "warning",
                    f"{table}: {len(stray) + extra.counted_cells:,} numbers after {where} belong to no "
                    "row of the format and are not read",
                    stray[0] if stray else extra.label,
                )
        if not rows:
            self.missing("t3")
            return Applications()
        cells = {}
        for key, row in rows.items():
            self.check_label(row, f"t3.{key}")
            cells[key] = self.split(row, "表三")
        row_keys = self.template.table("t3").row_keys
        runs = self.assign("表三", "t3", row_keys, dict.fromkeys(row_keys, 7), rows, cells)
        built: dict[str, ApplicantCounts] = {}
        for key, run in runs.items():
            keys = [f"t3.{key}.{c}" for c in T3_COLUMNS]
            values, spans, placed = self.read_row(run, keys, self.placement("t3", key))
            built[key] = _build(ApplicantCounts, T3_COLUMNS, values, spans, placed)
        rows_built: dict[str, Any] = built
        return Applications(**rows_built)

    def table4(self, row: RowRead | None) -> ReviewLitigation:
        if row is None:
            self.missing("t4")
            return ReviewLitigation()
        runs: list[list[Cell]] = [[]]
        noise: list[Token] = []
        # The header text before each run of numbers (see interleaved).
        headers_before: list[list[Token]] = [
            [row.label] if row.label is not None and row.label.type == "H4_TABLE_START" else []
        ]
        for token in row.items:
            if isinstance(token, Cell):
                runs[-1].append(token)
            else:
                if token.type in NOISE_TYPES:
                    noise.append(token)
                if runs[-1]:
                    runs.append([])
                    headers_before.append([])
                if token.type == "H4_BLOCK":
                    headers_before[-1].append(token)
        self.split(RowRead(row.rule, row.label, tuple(noise), row.counted_noise), "表四")
        runs = [r for r in runs if r]
        if row.counted_cells:
            self.overflow("表四", "t4", sum(len(r) for r in runs) + row.counted_cells, row.label)
            return ReviewLitigation()
        headers = any(not isinstance(t, Cell) and t.type.startswith("H4") for t in row.items)
        if not runs and not headers and row.label is not None and row.label.type == "S_HEADING_4":
            # The heading and nothing after it: the table itself is not there.
            self.missing("t4", " under its heading", row.label)
            return ReviewLitigation()
        anchor = row.label
        if runs and len(runs[-1]) == 15:
            if len(runs) > 1:
                stray = sum(len(r) for r in runs[:-1])
                self.note(
                    DiagnosticCode.STRAY_NUMBERS,
                    "warning",
                    f"表四: {stray} numbers before the table's 15 are not read",
                    runs[0][0],
                )
            return self.table4_of(runs[-1], "row")
        return self.table4_from_runs(runs, headers_before, anchor, row.items)

    def table4_from_runs(
        self,
        runs: list[list[Cell]],
        headers_before: list[list[Token]],
        anchor: Token | None,
        glued_text: Sequence[Token | Cell] = (),
    ) -> ReviewLitigation:
        """表四 from runs of numbers that are not one clean run of 15: a delimited row with
        blank cells, or numbers interleaved with the header; else not read, and why."""
        total = sum(len(r) for r in runs)
        if 0 < total < 15 and (slotted := delimited_line(self.text, [c for r in runs for c in r], 15)):
            return self.table4_of(slotted, "row")  # its empty cells are delimited: blank cells
        placed = self.place_interleaved(runs, headers_before[: len(runs)]) if total == 15 else None
        if placed is not None:
            return placed
        evidence = self.run_together(runs[0], 15, glued_text) if len(runs) == 1 else None
        if evidence is not None:
            if evidence == "sums":
                self.only_by_sums.add("t4")
            return self.table4_split(runs[0])
        if total == 15:
            self.note(
                DiagnosticCode.CELLS_INTERLEAVED,
                "warning",
                "表四: its 15 numbers are interleaved with header text, so their columns cannot be "
                "told apart; the table is not read",
                runs[0][0],
                key="t4",
                count=total,
            )
        else:
            squashed = 0 < total < 15 and any(len(c.text) > 4 for r in runs for c in r)
            self.note(
                DiagnosticCode.DIGITS_RUN_TOGETHER if squashed else DiagnosticCode.CELL_COUNT,
                "warning",
                f"表四: found {total} numbers, the format has 15 in one row; the table is not read"
                + (" (digits may have run together without separators)" if squashed else ""),
                runs[0][0] if runs else anchor,
                key="t4",
                count=total,
            )
        return ReviewLitigation()

    def table4_split(self, run: list[Cell]) -> ReviewLitigation:
        """表四 from its 15 numbers run together: each group's four results add up to its
        总计 (T4_SUM), so its groups are found one after the other."""
        identities = [
            Identity(
                i.rule, "t4", "row", tuple(f"{g}.{c}" for c in i.left), tuple(f"{g}.{c}" for c in i.right)
            )
            for g in T4_GROUPS
            for i in self.template.identities
            if i.table == "t4"
        ]
        columns = [key.removeprefix("t4.") for key in T4_KEYS]
        solution = solve([RowDigits("t4", tuple(c.text for c in run), 15)], identities, columns)
        cells = self.split_cells("表四", "t4", solution, {"t4": run}, {"t4": "its row"})
        if "t4" not in cells:
            return ReviewLitigation()
        return self.table4_of(cells["t4"], "digits_split")

    def place_interleaved(
        self, runs: list[list[Cell]], headers_before: list[list[Token]]
    ) -> ReviewLitigation | None:
        """表四 from runs of numbers interleaved with its header, when only one placement of
        them fits (`interleaved`); ``None`` otherwise."""
        cells = [c for run in runs for c in run]
        if any(c.type != "NUMBER" or not c.text.isdigit() or len(c.text) > MAX_DIGITS for c in cells):
            return None
        starts = [_first_group_heading(tokens) for tokens in headers_before]
        columns = place_runs([[int(c.text) for c in run] for run in runs], starts)
        if columns is None:
            return None
        in_text_order = [c for run in runs for c in run]
        by_column = sorted(zip(columns, in_text_order, strict=True), key=lambda placed: placed[0])
        self.note(
            DiagnosticCode.CELLS_PLACED_BY_SUMS,
            "warning",
            "表四: its 15 numbers are interleaved with header text; they are placed by the group "
            "headings before them and by each group's sum (维持+纠正+其他+尚未审结=总计), the only "
            "placement that fits, so the sum rule cannot check this table",
            runs[0][0],
            key="t4",
        )
        return self.table4_of([cell for _, cell in by_column], "sums")

    def table4_of(self, cells: Sequence[Cell], placement: Placement) -> ReviewLitigation:
        """表四 from its 15 cells in column order, each placed as ``placement`` says."""
        values, spans, placed = self.read_row(cells, T4_KEYS, placement)
        groups = {
            group: _build(
                CaseOutcomes,
                T4_COLUMNS,
                values[5 * i : 5 * i + 5],
                spans[5 * i : 5 * i + 5],
                placed[5 * i : 5 * i + 5],
            )
            for i, group in enumerate(T4_GROUPS)
        }
        by_group: dict[str, Any] = groups
        return ReviewLitigation(**by_group)


_GROUP_HEADINGS = ("H_REVIEW", "H_DIRECT", "H_AFTER_REVIEW")  # in T4_GROUPS order


def _first_group_heading(tokens: Sequence[Token]) -> int | None:
    """The index in T4_GROUPS of the first group heading in ``tokens``, if there is one."""
    for token in tokens:
        found = [
            (match.start(), group)
            for group, name in enumerate(_GROUP_HEADINGS)
            if (match := terminal_regex(name).search(str(token)))
        ]
        if found:
            return min(found)[1]
    return None


class TableTransformer(Transformer[Token, Any]):
    """Parse tree of the table region -> (ActiveDisclosure, Applications, ReviewLitigation, diagnostics)."""

    def __init__(self, source_length: int, text: str = "", template: Format = FORMAT_2021) -> None:
        super().__init__(visit_tokens=False)
        self.source_length = source_length
        self.text = text  # the cleaned text the tree was parsed from: where cells are delimited
        self.template = template
        self.money_rows = template.money_rows()

    def __default__(self, data: Any, children: list[Any], meta: Any) -> RowRead:
        if data == "lead":
            return RowRead("lead", None, *expand(children))
        return RowRead(str(data), children[0], *expand(children[1:], money=data in self.money_rows))

    def start(
        self, children: list[RowRead]
    ) -> tuple[ActiveDisclosure | ActiveDisclosure2019, Applications, ReviewLitigation, list[Diagnostic]]:
        assembler = _Assembler(self.source_length, self.text, self.template)
        t2_rows = self.template.table("t2").row_keys
        t3_rows = self.template.table("t3").row_keys
        t2: dict[str, RowRead] = {}
        t3: dict[str, RowRead] = {}
        t3_extras: list[RowRead] = []
        t4: RowRead | None = None
        for row in children:
            if row.rule in t2_rows:
                t2[row.rule] = row
            elif row.rule in t3_rows:
                t3[row.rule] = row
            elif row.rule == "review_litigation":
                t4 = row
            else:
                t3_extras.append(row)
        table2 = assembler.table2_2019(t2) if self.template.name == "2019" else assembler.table2(t2)
        tables = (table2, assembler.table3(t3, t3_extras), assembler.table4(t4))
        return (*tables, assembler.all_diagnostics())
