"""Parse time against input size: is it linear, and does 10 MB finish in seconds?

    python benchmarks/bench_scale.py [--largest MB]

Feeds 10 KB, 100 KB, 1 MB and 10 MB of three kinds of input: real reports repeated (the seeds
of ../shared/corpus, or the bundled example), random CJK text after a section heading (so the
table grammar reads all of it), and pathological runs of digits and separators. Prints seconds,
seconds per MB, and the cost ratio of each 10x step (linear would be 10x).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import gov_disclosure as gd

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
HEADING = "二、主动公开政府信息情况\n"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def real_reports(size: int) -> str:
    files = sorted(SEEDS.glob("*.txt")) or [REPO / "examples" / "report_2024.txt"]
    return _repeat("\n".join(p.read_text(encoding="utf-8") for p in files), size)


def random_cjk(size: int) -> str:
    rng = random.Random(size)
    unit = "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(100_000))
    return HEADING + _repeat(unit, size)


def digits_and_separators(size: int) -> str:
    rng = random.Random(size)
    unit = "".join(rng.choice(["7", "12", "0", "\t", " | ", "\n", "3,456", "-", "/"]) for _ in range(50_000))
    return HEADING + _repeat(unit, size)


KINDS: dict[str, Callable[[int], str]] = {
    "real reports repeated": real_reports,
    "random CJK text": random_cjk,
    "digits and separators": digits_and_separators,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--largest", type=float, default=10, help="the largest input, in MB (default 10)")
    args = parser.parse_args()
    gd.parse("warm up the parser")
    sizes = [10_000, 100_000, 1_000_000, 10_000_000]
    sizes = [s for s in sizes if s <= args.largest * 1_000_000]
    for kind, make in KINDS.items():
        previous = None
        for size in sizes:
            text = make(size)
            start = time.perf_counter()
            gd.parse(text)
            seconds = time.perf_counter() - start
            ratio = f"  x{seconds / previous:.1f} for 10x input" if previous else ""
            per_mb = seconds / (size / 1e6)
            print(f"{kind:24s} {size / 1e6:7.2f} MB  {seconds:7.3f} s  {per_mb:6.2f} s/MB{ratio}")
            previous = seconds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
