"""From the parse tree of the table region to the three table objects and their diagnostics.

A row in the tree is its label and everything after it up to the next label. Which number
belongs to which column is decided here, from order alone:

- a row with exactly as many cells as the format has columns takes them in column order;
- when the labels of the rows after it were not found but its cells are exactly enough for
  it and those rows, the cells are read in mandated row order (PDF text that moved labels);
- any other count leaves the row ``None`` with a diagnostic: the parser never guesses which
  column an extra or a missing number belongs to;
- 表四's 15 numbers interleaved with its header (PDF reading order) are placed only when the
  evidence leaves a single placement (``_interleaved``).

A number that ends exactly where the input ends may have been cut (page stores truncate
reports); it is kept only when it cannot have continued (``0``) or when it is a row total
that equals the sum of the row's other cells.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple, TypeVar

import attrs
from lark import Token, Transformer

from ._grammar import SEP, _grammar_text, mandated_labels, terminal_regex
from ._interleaved import place_runs
from .model import (
    T2_ROWS,
    T3_COLUMNS,
    T3_ROWS,
    T4_COLUMNS,
    T4_GROUPS,
    ActiveDisclosure,
    ApplicantCounts,
    Applications,
    CaseOutcomes,
    CellValue,
    Diagnostic,
    DocumentCounts,
    ReviewLitigation,
    Severity,
    Span,
)

T2_WIDTHS = {"regulations": 3, "normative_documents": 3}
T4_KEYS = tuple(f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS)
CELL_TYPES = frozenset({"NUMBER", "BLANK"})
_CELL = re.compile(r"(?P<NUMBER>[0-9][0-9,.]*)|(?P<BLANK>[^ \t\n|]+)")


class Cell(NamedTuple):
    """One table cell as printed: a number or a blank marker, and where it stands."""

    type: str  # "NUMBER" or "BLANK", as the grammar's terminals
    text: str
    span: Span

    def __str__(self) -> str:
        return self.text


def _split_cells(run: Token) -> list[Cell]:
    """The cells of one CELLS token, each with its own position."""
    text = str(run)
    start, line, column = run.start_pos or 0, run.line or 1, run.column or 1
    cells = []
    at, line_start = line, -column + 1  # offset of the current line's start, relative to text
    previous = 0
    for match in _CELL.finditer(text):
        offset, end = match.span()
        newlines = text.count("\n", previous, offset)  # only since the last cell: linear
        if newlines:
            at += newlines
            line_start = text.rfind("\n", previous, offset) + 1
        previous = offset
        col = offset - line_start + 1
        span = Span(at, col, at, col + end - offset, start + offset, start + end)
        cells.append(Cell(match.lastgroup or "NUMBER", match.group(0), span))
    return cells


# No row of the format, nor a run of rows read by order, has more cells than this.
_MOST_CELLS = 25 * 7
_SEPARATOR_RUN = re.compile(r"[ \t\n|]+")


def _expand(items: Sequence[Token]) -> tuple[Token | Cell, ...]:
    out: list[Token | Cell] = []
    for token in items:
        if token.type == "CELLS":
            count = len(_SEPARATOR_RUN.split(str(token).strip(" \t\n|")))
            if count > _MOST_CELLS:
                # Too many to be any row: only their number matters, so they are not split
                # (a megabyte of digits would otherwise become half a million objects).
                out += [Cell("NUMBER", str(token)[:20], span_of(token))] * count
                continue
            out += _split_cells(token)
        elif token.type in CELL_TYPES:
            out.append(Cell(token.type, str(token), span_of(token)))
        else:
            out.append(token)
    return tuple(out)


NOISE_TYPES = frozenset({"NOISE", "ITEM_NO"})


def span_of(token: Token) -> Span:
    return Span(
        line=token.line or 0,
        column=token.column or 0,
        end_line=token.end_line or 0,
        end_column=token.end_column or 0,
        start=token.start_pos or 0,
        end=token.end_pos or 0,
    )


@functools.cache
def row_terminals() -> dict[str, str]:
    """Row rule name (a cell-key row) -> its label terminal, read from the grammar."""
    return dict(re.findall(r"^([a-z0-9_]+): _row[234]\{([LGSH]_[A-Z0-9_]+)\}", _grammar_text(), re.M))


_SEPARATORS = re.compile(SEP)
_PUNCT = re.compile(r"[()（）、,，.．:：;；“”\"'‘’\s|]")
_ENUM = re.compile(r"^(?:[(（]?[一二三四五六七八九十]+[)）]?[、.]?|[0-9]+[.、]?)")


def _in_order(wanted: str, text: str) -> bool:
    """Whether the characters of ``wanted`` occur in ``text`` in order (others between)."""
    rest = iter(text)
    return all(char in rest for char in wanted)


@functools.lru_cache(maxsize=4096)
def _squash(label: str) -> str:
    return _PUNCT.sub("", _ENUM.sub("", label.strip()))


@attrs.frozen
class RowRead:
    rule: str
    label: Token | None
    items: tuple[Token | Cell, ...]


_Row = TypeVar("_Row", DocumentCounts, ApplicantCounts, CaseOutcomes)


def _build(
    cls: type[_Row], names: Sequence[str], values: Sequence[CellValue], spans: Sequence[Span | None]
) -> _Row:
    fields: dict[str, Any] = dict(zip(names, values, strict=True))
    return cls(**fields, spans=spans)


class _Assembler:
    """Collects diagnostics while the three tables are assembled."""

    def __init__(self, source_length: int) -> None:
        self.source_length = source_length
        self.diagnostics: list[Diagnostic] = []
        self.labels = mandated_labels()

    def note(
        self,
        code: str,
        severity: Severity,
        message: str,
        token: Token | Cell | None = None,
        *,
        key: str | None = None,
        expected: Sequence[str] = (),
        printed: str | None = None,
        count: int | None = None,
    ) -> None:
        span = token.span if isinstance(token, Cell) else span_of(token) if token is not None else None
        self.diagnostics.append(
            Diagnostic(code, severity, message, span, key, tuple(expected), printed, count)
        )

    def label_of(self, rule: str) -> str:
        return self.labels[row_terminals()[rule]]

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
        return cells

    @staticmethod
    def _adjacent(a: Token, b: Token) -> bool:
        return (b.start_pos or 0) - (a.end_pos or 0) <= 2 and a.line == b.line

    def _noise(self, run: list[Token], table: str) -> None:
        text = "".join(str(t) for t in run)
        self.note(
            "unexpected-text",
            "warning",
            f"{table}: text that is not a label of the format was skipped: {text!r}",
            run[0],
        )

    def check_label(self, row: RowRead, key: str) -> None:
        if row.label is None:
            return
        mandated = self.label_of(row.rule)
        printed = _SEPARATORS.sub("", str(row.label))
        wanted = _squash(mandated)
        if _squash(printed) == wanted:
            return
        # PDF text wraps a long label around its numbers ('…只计这一情 447 7 … 形，不计其他情形）'):
        # the label is whole when the rest of it follows, in order, in the row's text.
        after = "".join(str(t) for t in row.items if not isinstance(t, Cell))
        if _in_order(wanted, _squash(printed + after)):
            return
        self.note(
            "label-variant",
            "warning",
            f"label {printed!r} read as the mandated {mandated!r}",
            row.label,
            key=key,
            expected=(mandated,),
            printed=printed,
        )

    # ------------------------------------------------------------------ values

    def value(self, token: Cell, key: str, *, decimal: bool) -> CellValue:
        text = token.text
        if token.type == "BLANK":
            self.note(
                "blank-cell", "warning", f"{key}: the cell holds {text!r}, not a number", token, key=key
            )
            return None
        digits = text.replace(",", "")
        if decimal:
            try:
                return Decimal(digits)
            except InvalidOperation:  # pragma: no cover - the NUMBER terminal excludes it
                return None
        if "." in digits:
            self.note(
                "not-integer",
                "warning",
                f"{key}: {text!r} is not a whole number of applications or cases",
                token,
                key=key,
            )
            return None
        return int(digits)

    def cut_at_end(self, cell: Cell) -> bool:
        return cell.type == "NUMBER" and cell.span.end >= self.source_length

    def read_row(
        self, cells: Sequence[Cell], keys: Sequence[str], *, decimal_keys: frozenset[str] = frozenset()
    ) -> tuple[list[CellValue], list[Span | None]]:
        values = [self.value(t, k, decimal=k in decimal_keys) for t, k in zip(cells, keys, strict=True)]
        spans: list[Span | None] = [
            t.span if v is not None else None for t, v in zip(cells, values, strict=True)
        ]
        last = cells[-1]
        if self.cut_at_end(last) and str(last) != "0":
            others = values[:-1]
            whole = (
                len(keys) > 1 and None not in others and values[-1] == sum(v for v in others if v is not None)
            )
            if not whole:
                self.note(
                    "cut-number",
                    "warning",
                    f"{keys[-1]}: the input ends inside or right after {str(last)!r}; "
                    "it may have been cut, so it is not read",
                    last,
                    key=keys[-1],
                )
                values[-1] = None
                spans[-1] = None
        return values, spans

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
        found = [k for k in order if k in rows]
        out: dict[str, list[Cell]] = {}
        for i, key in enumerate(found):
            run = cells[key]
            nxt = order.index(found[i + 1]) if i + 1 < len(found) else len(order)
            gap = list(order[order.index(key) + 1 : nxt])
            width = widths[key]
            if len(run) == width:
                out[key] = run
                continue
            label = rows[key].label
            expected_total = width
            taken = [key]
            for g in gap:
                expected_total += widths[g]
                taken.append(g)
                if len(run) == expected_total:
                    break
            if gap and len(run) == expected_total:
                position = 0
                for k in taken:
                    out[k] = run[position : position + widths[k]]
                    position += widths[k]
                missing = [self.label_of(k) for k in taken[1:]]
                self.note(
                    "rows-by-order",
                    "warning",
                    f"{table}: the labels {missing} were not found before their numbers; "
                    f"the {len(run)} numbers after {self.label_of(key)!r} were read in mandated row order",
                    label,
                    key=f"{prefix}.{key}",
                    expected=missing,
                )
                continue
            squashed = bool(run) and len(run) < width and any(len(str(t)) > 4 for t in run)
            hint = " (digits may have run together without separators)" if squashed else ""
            self.note(
                "digits-run-together" if squashed else "cell-count",
                "warning",
                f"{table}: row {self.label_of(key)!r} has {len(run)} numbers, the format has {width}; "
                f"the row is not read{hint}",
                label,
                key=f"{prefix}.{key}",
                count=len(run),
            )
        for key in order:
            if key not in rows and key not in out:
                self.note(
                    "row-missing",
                    "warning",
                    f"{table}: row {self.label_of(key)!r} was not found",
                    key=f"{prefix}.{key}",
                    expected=(self.label_of(key),),
                )
        return out

    # ------------------------------------------------------------------ the tables

    def table2(self, rows: dict[str, RowRead]) -> ActiveDisclosure:
        if not rows:
            self.note("table-missing", "warning", "表二 (主动公开政府信息情况) was not found", key="t2")
            return ActiveDisclosure()
        widths = {k: T2_WIDTHS.get(k, 1) for k in T2_ROWS}
        cells = {}
        for key, row in rows.items():
            self.check_label(row, f"t2.{key}")
            cells[key] = self.split(row, "表二")
        runs = self.assign("表二", "t2", T2_ROWS, widths, rows, cells)
        documents: dict[str, DocumentCounts] = {}
        for key in ("regulations", "normative_documents"):
            if key in runs:
                keys = [f"t2.{key}.{f}" for f in DocumentCounts.FIELDS]
                values, spans = self.read_row(runs[key], keys)
                documents[key] = _build(DocumentCounts, DocumentCounts.FIELDS, values, spans)
        singles: dict[str, CellValue] = {}
        single_spans: list[Span | None] = []
        for key in ActiveDisclosure.SINGLE_FIELDS:
            if key in runs:
                values, spans = self.read_row(
                    runs[key], [f"t2.{key}"], decimal_keys=frozenset({"t2.fees_10k_yuan"})
                )
                singles[key] = values[0]
                single_spans.append(spans[0])
            else:
                single_spans.append(None)
        fields: dict[str, Any] = {**documents, **singles}
        return ActiveDisclosure(**fields, spans=single_spans)

    def table3(self, rows: dict[str, RowRead], extras: list[RowRead]) -> Applications:
        for extra in extras:
            stray = [t for t in extra.items if isinstance(t, Cell)]
            table = "表二" if extra.rule == "lead" else "表三"
            self.split(
                RowRead(extra.rule, extra.label, tuple(t for t in extra.items if not isinstance(t, Cell))),
                table,
            )
            if stray:
                where = repr(str(extra.label)) if extra.label is not None else "the start of the table"
                self.note(
                    "stray-numbers",
                    "warning",
                    f"{table}: {len(stray)} numbers after {where} belong to no row of the format "
                    "and are not read",
                    stray[0],
                )
        if not rows:
            self.note(
                "table-missing", "warning", "表三 (收到和处理政府信息公开申请情况) was not found", key="t3"
            )
            return Applications()
        cells = {}
        for key, row in rows.items():
            self.check_label(row, f"t3.{key}")
            cells[key] = self.split(row, "表三")
        runs = self.assign("表三", "t3", T3_ROWS, dict.fromkeys(T3_ROWS, 7), rows, cells)
        built: dict[str, ApplicantCounts] = {}
        for key, run in runs.items():
            values, spans = self.read_row(run, [f"t3.{key}.{c}" for c in T3_COLUMNS])
            built[key] = _build(ApplicantCounts, T3_COLUMNS, values, spans)
        rows_built: dict[str, Any] = built
        return Applications(**rows_built)

    def table4(self, row: RowRead | None) -> ReviewLitigation:
        if row is None:
            self.note(
                "table-missing",
                "warning",
                "表四 (政府信息公开行政复议、行政诉讼情况) was not found",
                key="t4",
            )
            return ReviewLitigation()
        runs: list[list[Cell]] = [[]]
        noise: list[Token] = []
        # The header text before each run of numbers (see _interleaved).
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
        self.split(RowRead(row.rule, row.label, tuple(noise)), "表四")
        runs = [r for r in runs if r]
        headers = any(not isinstance(t, Cell) and t.type.startswith("H4") for t in row.items)
        if not runs and not headers and row.label is not None and row.label.type == "S_HEADING_4":
            # The heading and nothing after it: the table itself is not there.
            self.note(
                "table-missing",
                "warning",
                "表四 (政府信息公开行政复议、行政诉讼情况) was not found under its heading",
                row.label,
                key="t4",
            )
            return ReviewLitigation()
        anchor = row.label
        if runs and len(runs[-1]) == 15:
            if len(runs) > 1:
                stray = sum(len(r) for r in runs[:-1])
                self.note(
                    "stray-numbers",
                    "warning",
                    f"表四: {stray} numbers before the table's 15 are not read",
                    runs[0][0],
                )
            return self.table4_of(runs[-1])
        total = sum(len(r) for r in runs)
        placed = self.place_interleaved(runs, headers_before[: len(runs)]) if total == 15 else None
        if placed is not None:
            return placed
        if total == 15:
            self.note(
                "cells-interleaved",
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
                "digits-run-together" if squashed else "cell-count",
                "warning",
                f"表四: found {total} numbers, the format has 15 in one row; the table is not read"
                + (" (digits may have run together without separators)" if squashed else ""),
                runs[0][0] if runs else anchor,
                key="t4",
                count=total,
            )
        return ReviewLitigation()

    def place_interleaved(
        self, runs: list[list[Cell]], headers_before: list[list[Token]]
    ) -> ReviewLitigation | None:
        """表四 from runs of numbers interleaved with its header, when only one placement of
        them fits (`_interleaved`); ``None`` otherwise."""
        if any(c.type != "NUMBER" or not c.text.isdigit() for run in runs for c in run):
            return None
        starts = [_first_group_heading(tokens) for tokens in headers_before]
        columns = place_runs([[int(c.text) for c in run] for run in runs], starts)
        if columns is None:
            return None
        in_text_order = [c for run in runs for c in run]
        by_column = sorted(zip(columns, in_text_order, strict=True), key=lambda placed: placed[0])
        self.note(
            "cells-placed-by-sums",
            "warning",
            "表四: its 15 numbers are interleaved with header text; they are placed by the group "
            "headings before them and by each group's sum (维持+纠正+其他+尚未审结=总计), the only "
            "placement that fits, so the sum rule cannot check this table",
            runs[0][0],
            key="t4",
        )
        return self.table4_of([cell for _, cell in by_column])

    def table4_of(self, cells: Sequence[Cell]) -> ReviewLitigation:
        """表四 from its 15 cells in column order."""
        values, spans = self.read_row(cells, T4_KEYS)
        groups = {
            group: _build(CaseOutcomes, T4_COLUMNS, values[5 * i : 5 * i + 5], spans[5 * i : 5 * i + 5])
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

    def __init__(self, source_length: int) -> None:
        super().__init__(visit_tokens=False)
        self.source_length = source_length

    def __default__(self, data: Any, children: list[Any], meta: Any) -> RowRead:
        if data == "lead":
            return RowRead("lead", None, _expand(children))
        return RowRead(str(data), children[0], _expand(children[1:]))

    def start(
        self, children: list[RowRead]
    ) -> tuple[ActiveDisclosure, Applications, ReviewLitigation, list[Diagnostic]]:
        assembler = _Assembler(self.source_length)
        t2: dict[str, RowRead] = {}
        t3: dict[str, RowRead] = {}
        t3_extras: list[RowRead] = []
        t4: RowRead | None = None
        for row in children:
            if row.rule in T2_ROWS:
                t2[row.rule] = row
            elif row.rule in T3_ROWS:
                t3[row.rule] = row
            elif row.rule == "review_litigation":
                t4 = row
            else:
                t3_extras.append(row)
        tables = (assembler.table2(t2), assembler.table3(t3, t3_extras), assembler.table4(t4))
        return (*tables, assembler.diagnostics)
