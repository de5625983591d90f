"""How a report shows itself: a text summary (terminal, CLI) and HTML for Jupyter.

The HTML draws 表二, 表三 and 表四 as the official template draws them (merged header cells,
the 勾稽 note), marks the cells that validation finds wrong, and lists the findings below.
Both forms mark every number the parser placed by inference rather than read from its own
labelled row (``*``, with a legend saying how), and list the tables the format does not have
(``Report.extra_tables``), which are kept aside. Everything taken from the document is
escaped, and the findings and extra tables shown are capped.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from .model import (
    PLACEMENT_MEANINGS,
    CellValue,
    ExtraTable,
    Placement,
    Report,
    cell_text,
)
from .render import html_tables
from .validation.findings import Finding

__all__ = ["report_html", "report_summary"]

MAX_FINDINGS = 50
MAX_EXTRA_TABLES = 20
MAX_EXTRA_NUMBERS = 50
INFERRED_MARK = "*"
_CLIP = 80  # characters of a heading, label or number shown: they come from the document


def _show(value: CellValue) -> str:
    return cell_text(value, "-")


def _inferred(report: Report) -> dict[str, Placement]:
    """The cells whose number was placed by inference (any placement but "row"), and how."""
    return {key: placed for key, placed in report._all_placements() if placed is not None and placed != "row"}


def _clip(text: str) -> str:
    """Document text on one line, cut short: a heading may hold line breaks, or a megabyte."""
    flat = " ".join(text[: _CLIP * 4].split())
    return flat if len(flat) <= _CLIP else flat[: _CLIP - 1] + "…"


def _legend(inferred: dict[str, Placement]) -> list[tuple[str, int, str]]:
    """(placement, how many cells, what it means), in the order of PLACEMENTS."""
    counts: Counter[str] = Counter(inferred.values())
    return [(name, counts[name], meaning) for name, meaning in PLACEMENT_MEANINGS.items() if counts[name]]


def _cells(count: int) -> str:
    return f"{count} cell" if count == 1 else f"{count} cells"


def _numbers_shown(table: ExtraTable) -> str:
    shown = " ".join(_clip(number) for number in table.numbers[:MAX_EXTRA_NUMBERS])
    more = len(table.numbers) - MAX_EXTRA_NUMBERS
    return (shown or "-") + (f" … ({more} more)" if more > 0 else "")


def report_summary(report: Report) -> str:
    """A readable summary of the report: metadata, the three tables, which numbers were placed
    by inference, the tables the format does not have, and what was not read."""
    inferred = _inferred(report)
    # A mark's place is kept beside every cell only when some cell has one, so that columns
    # stay aligned; a report read entirely from its rows shows as it always did.
    unmarked = " " if inferred else ""

    def mark(key: str) -> str:
        return INFERRED_MARK if key in inferred else unmarked

    def cell(key: str, value: CellValue) -> str:
        return _show(value) + mark(key)

    def column(key: str, value: CellValue) -> str:
        return f"{_show(value):>5s}{mark(key)}"

    lines = [
        f"title:   {report.title or '-'}",
        f"agency:  {report.agency or '-'}",
        f"year:    {report.year or '-'}",
        f"format:  {report.format}",
        "sections: " + (" ".join(str(s.number) for s in report.sections) or "-"),
    ]
    cells = report.cells()
    read = f"cells:   {sum(v is not None for v in cells.values())}/{len(cells)} read"
    lines.append(read + (f", {len(inferred)} placed by inference ({INFERRED_MARK})" if inferred else ""))
    values = report.cells()
    template = report.template
    t2 = template.table("t2")
    lines.append(t2.name)
    singles: list[str] = []
    for row in t2.rows:
        keys = row.cell_keys(t2.key)
        if len(row.columns) == 1:
            singles.append(
                f"{row.columns[0].abbreviation or row.label.text} {cell(keys[0], values.get(keys[0]))}"
            )
            continue
        shown = (f"{c.abbreviation} {cell(k, values.get(k))}" for c, k in zip(row.columns, keys, strict=True))
        lines.append(f"  {row.label.text}: {'  '.join(shown)}".rstrip())
    if singles:
        lines.append(f"  {'  '.join(singles)}".rstrip())
    for table, width in ((template.table("t3"), 36), (template.table("t4"), 24)):
        abbreviations = " ".join(c.abbreviation for c in table.rows[0].columns)
        lines.append(f"{table.name} ({abbreviations})")
        for row in table.rows:
            shown = (column(k, values.get(k)) for k in row.cell_keys(table.key))
            lines.append(f"  {row.key:{width}s} {' '.join(shown)}".rstrip())
    if inferred:
        lines.append(f"{INFERRED_MARK} placed by inference, not read from its own labelled row:")
        lines += [f"  {name} ({_cells(count)}): {meaning}" for name, count, meaning in _legend(inferred)]
    lines += _extra_tables_text(report.extra_tables)
    notable = [d for d in report.diagnostics if d.severity != "info"]
    if notable:
        lines.append(f"diagnostics ({len(notable)}):")
        lines += [f"  {d}" for d in notable]
    return "\n".join(lines) + "\n"


def _extra_tables_text(tables: tuple[ExtraTable, ...]) -> list[str]:
    if not tables:
        return []
    lines = [f"tables not in the format, kept aside (not among the cells): {len(tables)}"]
    lines += [
        f"  {_clip(table.heading) or '-'}: {_numbers_shown(table)}" for table in tables[:MAX_EXTRA_TABLES]
    ]
    if len(tables) > MAX_EXTRA_TABLES:
        lines.append(f"  … {len(tables) - MAX_EXTRA_TABLES} more")
    return lines


_STYLE = (
    "<style>.gd-report table{border-collapse:collapse;margin:0.5em 0}"
    ".gd-report td,.gd-report th{border:1px solid #999;padding:2px 6px;font-size:90%}"
    ".gd-report td.n{text-align:right}.gd-report .inferred{background:#fdf3d0}"
    ".gd-report .bad{background:#f8d0d0}.gd-report .none{color:#999}"
    ".gd-report .legend,.gd-report .labels{color:#555;font-size:90%}</style>"
)


class _Marks:
    """Which cells the errors point at."""

    def __init__(self, findings: list[Finding]) -> None:
        self.cells: set[tuple[str, str | None, str | None]] = set()
        for f in findings:
            if f.severity == "error" and f.table:
                self.cells.add((f.table, f.row, f.column))

    def bad(self, table: str, row: str, column: str | None) -> bool:
        return bool({(table, row, column), (table, None, column), (table, row, None)} & self.cells)


# A number cell as render.html_tables writes it: class "n" first, its text escaped (no "<").
_NUMBER_CELL = re.compile(r'<td class="(n(?: [a-z]+)*)"([^>]*)>([^<]*)</td>')


def _mark_inferred(parts: list[str], placements: list[Placement | None]) -> list[str] | None:
    """``parts`` with each inferred cell marked (class ``inferred``, a title saying how, and
    ``<sup>*</sup>``), or None when the tables do not hold exactly one number cell per cell
    key: the marks would then land on the wrong cells."""
    # html_tables writes the number cells in the order of cells().
    if sum(len(_NUMBER_CELL.findall(part)) for part in parts) != len(placements):
        return None
    order = iter(placements)

    def mark(match: re.Match[str]) -> str:
        placed = next(order)
        if placed is None or placed == "row":
            return match.group()
        classes, rest, text = match.groups()
        title = html.escape(f"placed by {placed}: {PLACEMENT_MEANINGS[placed]}")
        return f'<td class="{classes} inferred" title="{title}"{rest}>{text}<sup>{INFERRED_MARK}</sup></td>'

    return [_NUMBER_CELL.sub(mark, part) for part in parts]


def report_html(report: Report) -> str:
    """The report as an HTML fragment: title, the three tables, how inferred numbers were
    placed, the tables the format does not have, and the findings."""
    findings = list(report.validate())
    marks = _Marks(findings)
    title = html.escape(report.title or "政府信息公开工作年度报告")
    parts = [_STYLE, '<div class="gd-report">', f"<h3>{title}</h3>"]
    tables = list(html_tables(report, marks.bad, blank="-"))
    inferred = _inferred(report)
    marked = _mark_inferred(tables, [placed for _, placed in report._all_placements()]) if inferred else None
    parts += marked if marked is not None else tables
    if inferred:
        parts.append(_legend_html(inferred, listed=marked is None))
    parts += _extra_tables_html(report.extra_tables)
    shown = [f for f in findings if f.severity in ("error", "warning")]
    if shown:
        parts.append("<ul>")
        parts += [f"<li>{html.escape(f.line('zh'))}</li>" for f in shown[:MAX_FINDINGS]]
        if len(shown) > MAX_FINDINGS:
            parts.append(f"<li>… {len(shown) - MAX_FINDINGS} more</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


def _legend_html(inferred: dict[str, Placement], *, listed: bool) -> str:
    """The legend of the marks; with ``listed``, the cells themselves, for tables not marked."""
    items = []
    for name, count, meaning in _legend(inferred):
        cells = ""
        if listed:
            cells = ": " + ", ".join(key for key, placed in inferred.items() if placed == name)
        items.append(f"<li><code>{name}</code> ({_cells(count)}{cells}): {html.escape(meaning)}</li>")
    return (
        f'<div class="legend"><sup>{INFERRED_MARK}</sup> placed by inference, not read from its '
        f"own labelled row:<ul>{''.join(items)}</ul></div>"
    )


def _extra_tables_html(shown: tuple[ExtraTable, ...]) -> list[str]:
    if not shown:
        return []
    parts = ["<h4>Tables not in the format (kept aside, not among the cells)</h4>", "<ul>"]
    for table in shown[:MAX_EXTRA_TABLES]:
        labels = " / ".join(_clip(label) for label in table.labels[:MAX_EXTRA_NUMBERS])
        parts.append(
            f"<li><b>{html.escape(_clip(table.heading) or '-')}</b>: {html.escape(_numbers_shown(table))}"
            + (f'<br><span class="labels">{html.escape(labels)}</span>' if labels else "")
            + "</li>"
        )
    if len(shown) > MAX_EXTRA_TABLES:
        parts.append(f"<li>… {len(shown) - MAX_EXTRA_TABLES} more</li>")
    parts.append("</ul>")
    return parts
