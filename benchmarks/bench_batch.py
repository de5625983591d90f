"""How fast ``gov-disclosure batch`` reads a folder with 1 and 2 jobs, and how much memory it
takes for ten times as many files.

    python benchmarks/bench_batch.py [--files N] [--runs R] [--scale K] [--folder DIR]

1. N reports (default 1,000) are written by ``gov_disclosure.testing.folders`` in a crawl's mix
   of formats (text, HTML pages, DOCX, PDF), with one broken file in 20; with ``--folder`` they
   are written there once and reused.
2. The command runs on them (``--findings`` too, so validation and the cross-year pairs are
   timed) R times with ``-j 1`` and with ``-j 2``, alternately, in fresh processes: wall time,
   start-up included, for a CSV and a Parquet cells table. Reported: median and best files/s,
   and the speed-up of 2 jobs (median against median, best against best).
3. The folder is linked K times (default 10) into one of N x K files and read with ``-j 2`` to
   Parquet; the resident memory of the main process, of the largest worker, and of all of them
   together is sampled every 50 ms (psutil), at N and at N x K files.

Output is plain text, to paste into a note.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else src
    return env


def _command(folder: Path, out: Path, kind: str, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gov_disclosure.cli",
        "batch",
        str(folder),
        "--out",
        str(out / f"cells.{kind}"),
        "--findings",
        str(out / f"findings.{kind}"),
        "-j",
        str(jobs),
        "-q",
    ]


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=_env())
    return time.perf_counter() - started


def _memory(command: list[str]) -> tuple[float, float, float, float]:
    """Wall time, and peak resident MB of the main process, its largest worker, all together."""
    import psutil

    started = time.perf_counter()
    process = psutil.Popen(command, env=_env())
    main = worker = total = 0
    while process.poll() is None:
        try:
            found = [process, *process.children(recursive=True)]
            sizes = {p.pid: p.memory_info().rss for p in found}
        except psutil.Error:
            continue
        main = max(main, sizes.get(process.pid, 0))
        worker = max([worker, *(size for pid, size in sizes.items() if pid != process.pid)])
        total = max(total, sum(sizes.values()))
        time.sleep(0.05)
    if process.returncode != 0:
        raise SystemExit(f"batch failed: {process.returncode}")
    mb = 2**20
    return time.perf_counter() - started, main / mb, worker / mb, total / mb


def _square_sum(n: int) -> int:
    return sum(i * i % 7 for i in range(n))


def _machine_speedup(runs: int) -> list[float]:
    """What 2 processes gain over 1 on this machine for pure arithmetic, with nothing to send:
    the ceiling for the batch's speed-up (a VM's cores are often not two whole cores)."""
    from concurrent.futures import ProcessPoolExecutor

    gains = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(8):
            _square_sum(2_000_000)
        one = time.perf_counter() - started
        with ProcessPoolExecutor(2) as pool:
            pool.submit(_square_sum, 1).result()  # started
            started = time.perf_counter()
            list(pool.map(_square_sum, [2_000_000] * 8))
            two = time.perf_counter() - started
        gains.append(one / two)
    return gains


def _linked(folder: Path, scale: int, into: Path) -> int:
    """``folder`` linked ``scale`` times under ``into`` (copied where links cannot be made)."""
    count = 0
    for copy in range(scale):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            target = into / f"copy{copy}" / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1_000, help="reports written (default 1,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each setting (default 5)")
    parser.add_argument("--scale", type=int, default=10, help="copies for the memory run (default 10)")
    parser.add_argument("--folder", type=Path, help="write the reports here once, and reuse them")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from gov_disclosure.testing.folders import write_report_folder

    with tempfile.TemporaryDirectory(prefix="bench_batch_") as scratch:
        work = Path(scratch)
        folder = args.folder or work / "reports"
        if not (folder.is_dir() and any(folder.rglob("*.txt"))):
            started = time.perf_counter()
            files = write_report_folder(folder, args.files, seed=1)
            kinds = Counter(f.path.suffix if f.report else "broken" for f in files)
            print(f"wrote {len(files):,} files in {time.perf_counter() - started:.1f} s: {dict(kinds)}")
        count = sum(1 for p in folder.rglob("*") if p.is_file())
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, {count:,} files in {folder}")
        print()
        print("table    jobs  median s  best s  files/s (median, best)")
        for kind in ("csv", "parquet"):
            times: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(args.runs):
                for jobs in (1, 2):
                    out = work / f"out_{kind}_{jobs}"
                    out.mkdir(exist_ok=True)
                    times[jobs].append(_timed(_command(folder, out, kind, jobs)))
            for jobs in (1, 2):
                median, best = statistics.median(times[jobs]), min(times[jobs])
                rates = f"{count / median:7.1f}, {count / best:.1f}"
                print(f"{kind:8} {jobs:4}  {median:8.2f}  {best:6.2f}  {rates}")
            speedup = statistics.median(times[1]) / statistics.median(times[2])
            best_speedup = min(times[1]) / min(times[2])
            print(f"{kind:8} 2 jobs against 1: {speedup:.2f}x (median), {best_speedup:.2f}x (best)")
        gains = _machine_speedup(args.runs)
        print(
            f"the machine: 2 processes against 1 on arithmetic alone: {statistics.median(gains):.2f}x "
            f"(median; {min(gains):.2f}-{max(gains):.2f})"
        )
        print()
        many = work / "many"
        total_files = _linked(folder, args.scale, many)
        print("memory, -j 2, Parquet with findings: files  wall s  main MB  largest worker MB  all MB")
        for run, (source, files_count) in enumerate(((folder, count), (many, total_files))):
            out = work / f"memory_{run}"
            out.mkdir()
            wall, main_mb, worker_mb, total_mb = _memory(_command(source, out, "parquet", 2))
            print(f"{files_count:>41,}  {wall:6.1f}  {main_mb:7.0f}  {worker_mb:17.0f}  {total_mb:6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
