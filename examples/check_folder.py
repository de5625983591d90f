"""Validate every report under a folder, as an evaluator does: one CSV line per finding, the
cross-year rules included, and the files that gave no report with the reason.

    python examples/check_folder.py FOLDER [FINDINGS.csv]

A thin use of the library's batch (the same as ``gov-disclosure batch FOLDER --out
cells.csv --findings FINDINGS.csv --jobs 0``): every file under the folder is read, in as
many processes as there are cores, and nothing is skipped without saying so.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gov_disclosure.batch import BatchOutputs, report_files, run_batch


def main(folder: Path, findings: Path) -> int:
    if not folder.is_dir():
        print(f"{folder}: not a folder", file=sys.stderr)
        return 2
    files = report_files([folder], exclude=[str(findings)])
    outputs = BatchOutputs(
        cells=str(findings.with_name(findings.stem + ".cells.csv")),
        failures=str(findings.with_name(findings.stem + ".failures.csv")),
        findings=str(findings),
    )
    summary = run_batch(files.paths, outputs, jobs=0)
    print(
        f"{summary.reports} reports read, {summary.failed} files gave none ({outputs.failures}); "
        f"{summary.findings} findings ({summary.cross_year_pairs} cross-year pairs) in {findings}"
    )
    return 130 if summary.interrupted else 0


if __name__ == "__main__":
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("findings.csv")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent, target))
