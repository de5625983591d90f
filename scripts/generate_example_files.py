"""Write ``examples/report_2024.pdf`` and ``examples/report_2024.docx``: the bundled example
report as the PDF and Word files agencies publish, in the noise real ones have.

    python scripts/generate_example_files.py            # rewrite both files
    python scripts/generate_example_files.py --check    # exit 1 when one is out of date

Both are written by the test writers (``gov_disclosure.testing.pdf_file`` and ``docx_file``;
the ``test`` extra has what they need) from ``examples/report_2024.txt``: the PDF with labels
wrapped in narrow columns, 三、本年度办理结果 one character a line, 表三 broken over two pages
with its header rows repeated, a running header and page numbers; the DOCX with wrapped labels
and 表三 split in two. The bytes are the same on every run. ``tests/test_examples.py`` checks
that the committed files are what this script writes, and that they read back to the text's
cells.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "report_2024.txt"


def example_files() -> dict[Path, bytes]:
    import gov_disclosure as gd
    from gov_disclosure.testing.docx_file import DocxLayout, docx_bytes
    from gov_disclosure.testing.pdf_file import PdfLayout, pdf_bytes

    report = gd.parse(EXAMPLE)
    pdf = PdfLayout(
        wrap_labels=True,
        vertical_results_label=True,
        page_break_in="table3",
        page_break_row=12,
        repeat_header=True,
        page_numbers="dash",
        running_header=report.agency,
    )
    docx = DocxLayout(wrap_labels=True, split_table3_at=12, repeat_header=True)
    return {
        EXAMPLE.with_suffix(".pdf"): pdf_bytes(report, pdf),
        EXAMPLE.with_suffix(".docx"): docx_bytes(report, docx),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed file differs")
    args = parser.parse_args(argv)
    stale = []
    for path, data in example_files().items():
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(REPO)} ({len(data):,} bytes)")
    if stale:
        print(f"out of date: {', '.join(stale)}; run scripts/generate_example_files.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
