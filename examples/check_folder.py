"""Validate every report in a folder, as an evaluator does, and write one CSV line per finding.

    python examples/check_folder.py FOLDER [OUT.csv]

A file that cannot be read is listed with the reason and the run goes on.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import gov_disclosure as gd

# The files gd.parse reads by name: text, and HTML pages (pip install "gov-disclosure[html]").
SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml", ".shtml", ".jhtml")


def main(folder: Path, out: Path) -> int:
    errors = read = unreadable = 0
    files = sorted(p for p in folder.iterdir() if p.is_file())
    reports = [p for p in files if p.suffix.lower() in SUFFIXES]
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "rule", "severity", "place", "message"])
        for path in reports:
            try:
                result = gd.parse(path).validate()
            except gd.InputError as error:
                unreadable += 1
                writer.writerow([path.name, "UNREADABLE", "error", "", str(error)])
                continue
            read += 1
            errors += len(result.errors)
            for finding in result:
                writer.writerow(
                    [path.name, finding.rule, finding.severity, finding.place_zh, finding.message_zh]
                )
    skipped = len(files) - len(reports)
    print(
        f"{errors} errors in {read} reports read; {unreadable} files unreadable, "
        f"{skipped} other files skipped; findings in {out}"
    )
    return 0


if __name__ == "__main__":
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("findings.csv")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent, target))
