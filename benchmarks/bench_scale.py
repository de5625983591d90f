"""Parse time against input size: is it linear, and does any input cost more than 2 s per MB?

    python benchmarks/bench_scale.py [--largest MB] [--hostile-largest MB] [--only TEXT]

Feeds growing inputs of two families and prints, per size, seconds, seconds per MB and the
cost ratio of each 10x step (linear would be about 10x):

- bulk text, 10 KB to 10 MB: real reports repeated (the seeds of ../shared/corpus, or the
  bundled example), random CJK text after a section heading (so the table grammar reads all of
  it), and runs of digits and separators;
- every hostile shape of ``gov_disclosure.testing.hostile`` (runs of separators, label
  fragments, digits, labels cut before long runs of spaces, malformed HTML), 10 KB to 1 MB,
  parsed (and validated, for the shapes aimed at validation). A shape over 2 s/MB is flagged.

Text past the first 512 KB between sections 二 and 五 is not read for tables, so the cost of a
shape per MB falls once it passes that size.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import gov_disclosure as gd
from gov_disclosure.testing.hostile import SHAPES

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"
HEADING = "二、主动公开政府信息情况\n"
MOST_SECONDS_PER_MB = 2.0


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


BULK: dict[str, Callable[[int], str]] = {
    "real reports repeated": real_reports,
    "random CJK text": random_cjk,
    "digits and separators": digits_and_separators,
}


def _sizes(largest_mb: float) -> list[int]:
    return [s for s in (10_000, 100_000, 1_000_000, 10_000_000) if s <= largest_mb * 1_000_000]


def _row(name: str, size: int, seconds: float, previous: float | None) -> str:
    per_mb = seconds / (size / 1e6)
    ratio = f"  x{seconds / previous:5.1f} for 10x input" if previous else " " * 22
    flag = "  OVER 2 s/MB" if per_mb > MOST_SECONDS_PER_MB and size >= 100_000 else ""
    return f"{name[:40]:40s} {size / 1e6:6.2f} MB {seconds:8.3f} s {per_mb:6.2f} s/MB{ratio}{flag}"


def _time(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--largest", type=float, default=10, help="largest bulk input, MB (default 10)")
    parser.add_argument(
        "--hostile-largest", type=float, default=1, help="largest hostile input, MB (default 1)"
    )
    parser.add_argument("--only", default="", help="run only the kinds and shapes whose name has this")
    args = parser.parse_args()
    gd.parse(HEADING + "规章\t1\t2\t3\n")  # build the parser outside any timing
    worst: tuple[float, str] = (0.0, "")
    for kind, make in BULK.items():
        if args.only not in kind:
            continue
        previous = None
        for size in _sizes(args.largest):
            text = make(size)
            seconds = _time(lambda text=text: gd.parse(text))  # type: ignore[misc]
            print(_row(kind, size, seconds, previous), flush=True)
            previous = seconds
    for shape in SHAPES:
        if args.only not in shape.name:
            continue
        previous = None
        for size in _sizes(args.hostile_largest):
            text = shape.make(size)
            seconds = _time(lambda text=text, shape=shape: shape.run(text))  # type: ignore[misc]
            print(_row(shape.name, size, seconds, previous), flush=True)
            if size >= 100_000:
                worst = max(worst, (seconds / (size / 1e6), f"{shape.name} at {size / 1e6:g} MB"))
            previous = seconds
    if worst[1]:
        print(f"\nslowest hostile shape (inputs of 0.1 MB and more): {worst[0]:.2f} s/MB, {worst[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
