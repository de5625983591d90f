"""Validate every report in a folder, as an evaluator does, and write one CSV line per finding.

    python examples/check_folder.py FOLDER [OUT.csv]

A file that cannot be read is listed with the reason and the run goes on.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import gov_disclosure as gd


def main(folder: Path, out: Path) -> int:
    errors = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "rule", "severity", "place", "message"])
        for path in sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html")):
            try:
                result = gd.parse(path).validate()
            except gd.InputError as error:
                writer.writerow([path.name, "UNREADABLE", "error", "", str(error)])
                continue
            errors += len(result.errors)
            for finding in result:
                writer.writerow(
                    [path.name, finding.rule, finding.severity, finding.place_zh, finding.message_zh]
                )
    print(f"{errors} errors; findings in {out}")
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("findings.csv")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent, target))
