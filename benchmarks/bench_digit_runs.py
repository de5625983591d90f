"""How fast and how far gov_disclosure reads reports whose digits ran together (crawler text).

    python benchmarks/bench_digit_runs.py [--reports N] [--seed S]

N consistent reports are generated (``testing.folders.consistent_values``) and written as plain
text three ways: with separators, with every separator of the rows' numbers removed, and with
a random half of them removed (``Layout.run_together``). Each text is parsed three times warm
and its best time kept; the figures are per report:

- parse time with separators and squashed (median and worst), and what squashing adds;
- cells recovered on consistent reports (share of all 200, and of those squashed), and cells
  read otherwise than printed (must be 0);
- reports with one cell of 表三 or 表四 changed (their own arithmetic wrong): how often a cell
  was read otherwise than printed, and whether each such text is also, character for character,
  the squashed text of a consistent report;
- hostile tables: every row of a squashed report replaced by a long run of digits;
- an adversarial input: a 10 MB run of digits in a table row, parsed whole.

Output is plain text, to paste into a note.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("gov_disclosure") is None:  # not installed: the working tree's src
    sys.path.insert(0, str(REPO / "src"))

import gov_disclosure as gd  # noqa: E402 - after the path is set
from gov_disclosure.model import T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS  # noqa: E402
from gov_disclosure.testing.folders import consistent_values  # noqa: E402
from gov_disclosure.testing.strategies import Layout, report_of, write  # noqa: E402

ARITHMETIC = {"T3_IDENTITY", "T3_TOTAL_ROW", "T3_TOTAL_COL", "T4_SUM"}
SUMMED = [f"t3.{r}.{c}" for r in T3_ROWS for c in T3_COLUMNS] + [
    f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS
]


def _timed(text: str, runs: int = 3) -> tuple[float, gd.Report]:
    """The best of ``runs`` parses of ``text``, in ms (a report's own cost, not the machine's
    hiccups), and the report."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        report = gd.parse(text)
        best = min(best, (time.perf_counter() - started) * 1000)
    return best, report


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, worst {max(values):.1f} ms"


def consistent(count: int, rng: random.Random) -> None:
    plain: list[float] = []
    times: dict[str, list[float]] = {"all": [], "some": []}
    read = {"all": 0, "some": 0}
    split = {"all": 0, "some": 0}
    wrong = {"all": 0, "some": 0}
    for seed in range(count):
        values = consistent_values(rng)
        report = report_of(values)
        ms, _ = _timed(write(report, Layout()))
        plain.append(ms)
        for mode in ("all", "some"):
            ms, parsed = _timed(write(report, Layout(run_together=mode, run_together_seed=seed)))
            times[mode].append(ms)
            cells = parsed.cells()
            read[mode] += sum(v is not None for v in cells.values())
            wrong[mode] += sum(v is not None and v != values[k] for k, v in cells.items())
            split[mode] += sum(p == "digits_split" for p in parsed.cell_placements().values())
    total = count * len(gd.CELL_KEYS)
    print(f"{count} consistent reports, best of 3 warm parses each:")
    print(f"  with separators:              {_ms(plain)}")
    for mode, what in (("all", "every separator removed"), ("some", "half the separators removed")):
        extra = statistics.median(times[mode]) - statistics.median(plain)
        print(f"  {what + ':':<30}{_ms(times[mode])} (median {extra:+.1f} ms)")
        print(
            f"    cells read {read[mode]:,}/{total:,} ({read[mode] / total:.2%}), of them split from "
            f"digits {split[mode]:,}; read otherwise than printed: {wrong[mode]}"
        )


def changed(count: int, rng: random.Random) -> None:
    otherwise = indistinguishable = reports_otherwise = 0
    for seed in range(count):
        values = consistent_values(rng)
        key = rng.choice(SUMMED)
        values[key] += rng.randint(1, 9)
        layout = Layout(run_together=rng.choice(["all", "some"]), run_together_seed=seed)
        text = write(report_of(values), layout)
        got = gd.parse(text).cells()
        differ = [k for k, v in got.items() if v is not None and v != values[k]]
        if not differ:
            continue
        reports_otherwise += 1
        otherwise += len(differ)
        other: dict[str, Any] = {k: (values[k] if v is None else v) for k, v in got.items()}
        same_text = write(report_of(other), layout) == text
        sums_hold = not [f for f in report_of(other).validate().errors if f.rule in ARITHMETIC]
        indistinguishable += same_text and sums_hold
    print(f"{count} reports with one cell of 表三 or 表四 changed, every or half the separators removed:")
    print(
        f"  read otherwise than printed: {otherwise} cells in {reports_otherwise} reports; of those "
        f"reports, {indistinguishable} are the text of a consistent report, character for character"
    )


def hostile_table(rng: random.Random) -> None:
    text = write(report_of(consistent_values(rng)), Layout(run_together="all"))
    times = []
    for digits in ("1" * 20, "1" * 40, "1" * 95, "10" * 30, "1234567890" * 8):
        hostile = re.sub(r"(?<=[\u4e00-\u9fff）)”])[0-9]{7,}", digits, text)
        ms, _ = _timed(hostile, runs=1)
        times.append(ms)
    print(f"every row a hostile run (20 to 95 ones, '1010…', '1234…'): {_ms(times)}")


def adversarial() -> None:
    text = "三、收到和处理政府信息公开申请情况\n（一）予以公开" + "7" * 10_000_000 + "\n"
    ms, parsed = _timed(text, runs=1)
    read = sum(v is not None for v in parsed.cells().values())
    print(f"10 MB run of digits in a 表三 row: {ms:.0f} ms, {read} cells read")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    gd.parse(write(report_of(consistent_values(random.Random(0))), Layout(run_together="all")))  # warm
    consistent(args.reports, random.Random(args.seed))
    changed(args.reports * 3, random.Random(args.seed + 1))
    hostile_table(random.Random(args.seed + 2))
    adversarial()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
