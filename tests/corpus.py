"""Where the shared corpus is, and its truth files read as the cell keys of cells.md."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from gov_disclosure.model import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TEXT_SUFFIXES = (".txt", ".md")


def truth_files() -> list[Path]:
    return sorted(CORPUS.glob("*/*.truth.json")) if CORPUS.is_dir() else []


def source_of(truth: Path) -> Path | None:
    stem = truth.name[: -len(".truth.json")]
    for path in sorted(truth.parent.glob(stem + ".*")):
        if path.suffix != ".json":
            return path
    return None


def text_sources() -> list[Path]:
    """Every corpus source in a plain-text format, with or without a truth file."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*/*") if p.suffix in TEXT_SUFFIXES)


def truth_cells(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the whole truth document, its numbers as cell key -> value)."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    cells: dict[str, Any] = {}
    for doc in ("regulations", "normative_documents"):
        for column in ("issued", "repealed", "in_force"):
            cells[f"t2.{doc}.{column}"] = truth["t2"][doc][column]
    for key in ("licensing", "punishment", "coercion", "fees_10k_yuan"):
        cells[f"t2.{key}"] = truth["t2"][key]
    for row in T3_ROWS:
        values = truth["t3"].get(row) or [None] * 7
        cells.update({f"t3.{row}.{c}": v for c, v in zip(T3_COLUMNS, values, strict=True)})
    for group in T4_GROUPS:
        values = truth["t4"].get(group) or [None] * 5
        cells.update({f"t4.{group}.{c}": v for c, v in zip(T4_COLUMNS, values, strict=True)})
    return truth, cells


def same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return Decimal(str(got)) == Decimal(str(want))
