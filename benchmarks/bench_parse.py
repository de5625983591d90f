"""How long gov_disclosure takes to import, to build its parser, and to parse each corpus report.

    python benchmarks/bench_parse.py [--repeat N] [--runs R] [--corpus DIR]

Import time and parser build time are measured in fresh subprocesses (R runs, median reported;
interpreter start-up is not included). Parsing is measured in this process after the parser is
built: every ``.txt`` and ``.md`` file of the corpus (``seeds/`` and ``real/``) is parsed N times
from its bytes (so decoding is included, disk reads are not). "Full reports" are the seeds and
the real files whose name contains ``huaian_shi_pdftotext``; the other real files are excerpts,
fragments or odd formats. Output is plain text, to paste into a note.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_DIRS = ("seeds", "real")
SUFFIXES = (".txt", ".md")
FULL_REPORT_MARK = "huaian_shi_pdftotext"

# Run in a fresh interpreter: prints the import time and the parser build time, in seconds.
_COLD_SCRIPT = """\
import time
t0 = time.perf_counter()
import gov_disclosure
t1 = time.perf_counter()
from gov_disclosure.parsing import grammar
t2 = time.perf_counter()
grammar.table_parser()
t3 = time.perf_counter()
gov_disclosure.parse(open("examples/report_2024.txt", "rb").read())
t4 = time.perf_counter()
print(t1 - t0, t3 - t2, t4 - t3)
"""


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    try:
        import gov_disclosure  # noqa: F401
    except ImportError:
        # Not installed in this interpreter: use the working tree's src.
        src = str(REPO / "src")
        existing = env.get("PYTHONPATH")
        env["PYTHONPATH"] = src + os.pathsep + existing if existing else src
        sys.path.insert(0, src)
    return env


def cold_times(runs: int, env: dict[str, str]) -> tuple[list[float], list[float], list[float]]:
    """(import seconds, parser build seconds, first parse seconds), one of each per fresh subprocess."""
    imports: list[float] = []
    builds: list[float] = []
    firsts: list[float] = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", _COLD_SCRIPT],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"the timing subprocess failed:\n{result.stderr}")
        import_s, build_s, first_s = result.stdout.split()
        imports.append(float(import_s))
        builds.append(float(build_s))
        firsts.append(float(first_s))
    return imports, builds, firsts


def corpus_files(corpus: Path) -> list[Path]:
    files: list[Path] = []
    for sub in CORPUS_DIRS:
        folder = corpus / sub
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES)
    return files


def is_full_report(path: Path) -> bool:
    return path.parent.name == "seeds" or FULL_REPORT_MARK in path.name


def time_parse(data: bytes, repeat: int) -> list[float]:
    import gov_disclosure as gd

    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        gd.parse(data)
        times.append(time.perf_counter() - start)
    return times


def time_validate(data: bytes, repeat: int) -> list[float]:
    """Seconds to validate the parsed report (the parse itself not counted)."""
    import gov_disclosure as gd

    report = gd.parse(data)
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        report.validate()
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915 - reads its options and prints its table in one place
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=30, help="parses of each file (default 30)")
    parser.add_argument("--runs", type=int, default=5, help="fresh subprocesses for import/build (default 5)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"default {DEFAULT_CORPUS}")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.runs < 1:
        parser.error("--repeat and --runs must be at least 1")
    corpus: Path = args.corpus
    files = corpus_files(corpus)
    if not files:
        parser.error(f"no .txt or .md files under {corpus}/{{{','.join(CORPUS_DIRS)}}}")

    env = _subprocess_env()
    import gov_disclosure as gd
    from gov_disclosure.parsing import grammar

    print(
        f"gov_disclosure {gd.__version__}, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.machine()}, {platform.system()}"
    )
    imports, builds, firsts = cold_times(args.runs, env)
    print(f"import gov_disclosure: {statistics.median(imports) * 1000:.0f} ms (median of {args.runs})")
    print(f"parser build: {statistics.median(builds) * 1000:.0f} ms (median of {args.runs}, from the cache)")
    print(f"first parse in a fresh process: {statistics.median(firsts) * 1000:.1f} ms")
    print(f"import + parser build: {(statistics.median(imports) + statistics.median(builds)) * 1000:.0f} ms")
    _, uncached, _ = cold_times(args.runs, {**env, "GOV_DISCLOSURE_NO_CACHE": "1"})
    print(f"parser build without the cache: {statistics.median(uncached) * 1000:.0f} ms")

    grammar.table_parser()  # warm: build the cached parser before timing any parse
    print(f"parse, warm, {args.repeat} times each, median ms per file:")
    medians: dict[Path, float] = {}
    bests: dict[Path, float] = {}
    total_seconds = 0.0
    total_parses = 0
    width = max(len(f"{p.parent.name}/{p.name}") for p in files)
    for path in files:
        data = path.read_bytes()
        name = f"{path.parent.name}/{path.name}"
        try:
            times = time_parse(data, args.repeat)
        except gd.GovDisclosureError as error:
            print(f"  {name:<{width}}  {len(data) / 1024:7.1f} KiB  failed: {error}")
            continue
        medians[path] = statistics.median(times) * 1000
        bests[path] = min(times) * 1000
        total_seconds += sum(times)
        total_parses += len(times)
        mark = "  full" if is_full_report(path) else ""
        print(
            f"  {name:<{width}}  {len(data) / 1024:7.1f} KiB  {medians[path]:8.2f} ms"
            f"  (best {bests[path]:.2f}){mark}"
        )

    full = [ms for path, ms in medians.items() if is_full_report(path)]
    if full:
        per_report = statistics.median(full)
        print(
            f"median per full report: {per_report:.1f} ms ({1000 / per_report:.0f} reports/s on one core)"
            f" over {len(full)} full reports"
        )
        best = statistics.median(ms for path, ms in bests.items() if is_full_report(path))
        # A shared machine's other load shows in the median; the best run shows the code's cost.
        print(f"best run per full report (median over reports): {best:.1f} ms")
        validate_ms = [
            statistics.median(time_validate(p.read_bytes(), args.repeat)) * 1000
            for p in medians
            if is_full_report(p)
        ]
        per_validation = statistics.median(validate_ms)
        print(
            f"validate, median per full report: {per_validation:.2f} ms "
            f"({100 * per_validation / per_report:.0f}% of parsing it)"
        )
    else:
        print("median per full report: no full reports found")
    if medians:
        print(f"median per file, all files: {statistics.median(medians.values()):.1f} ms")
    total_bytes = sum(p.stat().st_size for p in medians)
    print(
        f"totals: {len(medians)} files ({len(full)} full reports, {total_bytes / 1024:.0f} KiB), "
        f"{total_parses} parses in {total_seconds:.2f} s"
    )
    failed = len(files) - len(medians)
    if failed:
        print(f"failed: {failed} files")
    print_source_formats(corpus, args.repeat)
    return 0


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def print_source_formats(corpus: Path, repeat: int) -> None:
    """Median ms per report read from each kind of file, reading and parsing included: the
    corpus PDF (6 pages) with pdfplumber's time on it beside ours, the corpus HTML pages, and
    the example report written as a DOCX and as a PDF by the test writers."""
    import gov_disclosure as gd

    print(f"parse from each kind of file, {repeat} times each, median ms per report (read + parse):")
    pdf = corpus / "real" / "2024_huaian_shi.pdf"
    if pdf.is_file():
        data = pdf.read_bytes()
        print(f"  PDF  {pdf.name} (6 pages):  {_median_ms(lambda: gd.parse(data), repeat):.1f} ms")
        try:
            import pdfplumber
        except ImportError:
            print("  PDF  pdfplumber, for reference: not installed")
        else:

            def plumber() -> None:
                with pdfplumber.open(pdf) as document:
                    for page in document.pages:
                        page.extract_words()
                        page.extract_tables()

            plumber_ms = _median_ms(plumber, max(1, repeat // 10))
            print(f"  PDF  pdfplumber words + tables, same file:  {plumber_ms:.0f} ms")
    pages = sorted(p for sub in CORPUS_DIRS for p in (corpus / sub).glob("*.html"))
    if pages:
        medians = [_median_ms(functools.partial(gd.parse, page.read_bytes()), repeat) for page in pages]
        print(f"  HTML {len(pages)} corpus pages:  {statistics.median(medians):.1f} ms (median over pages)")
    example = gd.parse(REPO / "examples" / "report_2024.txt")
    for name, module, writer in (("DOCX", "docx_file", "docx_bytes"), ("PDF ", "pdf_file", "pdf_bytes")):
        try:
            written = getattr(importlib.import_module(f"gov_disclosure.testing.{module}"), writer)(example)
        except ImportError as error:
            print(f"  {name} examples/report_2024.txt as written by testing.{module}: not run ({error})")
            continue
        ms = _median_ms(functools.partial(gd.parse, written), repeat)
        print(f"  {name} examples/report_2024.txt as written by testing.{module}:  {ms:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
