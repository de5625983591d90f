"""Parse one report and print what a researcher copies by hand today.

python examples/parse_report.py [REPORT]        (default: the bundled example report)
"""

from __future__ import annotations

import sys
from pathlib import Path

import gov_disclosure as gd


def main(path: Path) -> None:
    report = gd.parse(path)
    print(f"{report.agency} {report.year}: format {report.format}")
    t3 = report.applications
    print(
        f"新收申请 {t3.new_received.total}, 上年结转 {t3.carried_over.total}, 办结 {t3.total_processed.total}"
    )
    print(f"行政复议 {report.review_litigation.review.total}")
    for key, value in report.cells().items():
        if value:
            print(f"  {key} = {value}")
    for diagnostic in report.diagnostics:
        print(f"  note: {diagnostic}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("report_2024.txt"))
