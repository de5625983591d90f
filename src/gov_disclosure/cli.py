"""The ``gov-disclosure`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .display import report_summary
from .errors import GovDisclosureError, InputError, ParseError
from .model import Report
from .parsing.pipeline import parse
from .serialization import cells_csv, json_schema, records_csv, to_json
from .sources import MAX_BYTES, read_stream

if TYPE_CHECKING:
    from .batch.job import BatchOutputs, BatchSummary

# Exit codes: 0 read (check: and no error), 1 a strict-mode deviation (check: errors found),
# 2 input that cannot be read at all (check: or that is not an annual report).
EXIT_OK, EXIT_DEVIATION, EXIT_UNREADABLE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it

FILE_HELP = "the report: a file, or - for standard input (see below)"
# What every command that reads a report accepts and refuses; sources/ decides, this says it.
INPUTS_HELP = f"""\
input:
  FILE is read as
    text            .txt, .md or any other name, in UTF-8 (with or without a BOM),
                    GB18030/GBK, or UTF-16/UTF-32 with a BOM
    an HTML page    .html, .htm, .xhtml, .shtml, .jhtml, or text that starts like a page
                    (<!DOCTYPE html>, <html>, <head>, <body>, <meta>, <title>), in the
                    charset of its bytes; needs: pip install "gov-disclosure[html]"
    a PDF           by its bytes (%PDF-), tables rebuilt from the page's ruling lines;
                    needs: pip install "gov-disclosure[pdf]"
    a DOCX          by its bytes (a ZIP holding word/document.xml), merged cells resolved;
                    needs: pip install "gov-disclosure[docx]"
    -               standard input, any of the above
  refused (exit 2): a scanned PDF (no text layer: OCR it first), an encrypted PDF; DOC,
  WPS, RTF, ODT, XLS(X), ET and OFD files (the message says how to convert them); other
  binary data (images, archives, NUL bytes), bytes in none of the encodings above, a path
  that is not a regular file (a directory, named pipe or device), more than
  {MAX_BYTES // 2**20} MiB
"""
PARSE_EXIT_HELP = """\
exit status:
  0  the report was read (what could not be read is in its diagnostics)
  1  --strict: the report deviates from the format (one message on standard error)
  2  the input cannot be read (one line on standard error)
"""
CHECK_EXIT_HELP = """\
exit status:
  0  no errors (warnings may have been printed)
  1  errors found
  2  the input cannot be read, or is not an annual report at all (one line on
     standard error: 不是政府信息公开工作年度报告: FILE / not an annual report: FILE)
"""
NOT_A_REPORT = {"zh": "不是政府信息公开工作年度报告: {}", "en": "not an annual report: {}"}


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: one per core), got {text!r}")
    return jobs


def _read_stdin() -> bytes:
    """Standard input, at most the input limit: ``parse - < /dev/zero`` stops there."""
    if sys.stdin is None:  # started with standard input closed
        raise InputError("standard input: is closed")
    try:
        return read_stream(sys.stdin.buffer, "standard input", max_bytes=MAX_BYTES)
    except OSError as error:
        raise InputError(f"standard input: cannot be read ({error.strerror or error})") from None


def _read(file: str, *, strict: bool = False) -> Report:
    """The report named on the command line; ``-`` is standard input."""
    if file != "-":
        return parse(Path(file), strict=strict)
    data = _read_stdin()
    try:
        return parse(data, strict=strict)
    except InputError as error:  # say which input it was: the messages of bytes name none
        raise InputError(f"standard input: {error}", reason=error.reason) from None


def _cmd_parse(args: argparse.Namespace) -> int:
    report = _read(args.file, strict=args.strict)
    if args.format == "json":
        sys.stdout.write(to_json(report) + "\n")
    elif args.format == "cells":
        sys.stdout.write(cells_csv(report))
    elif args.format == "csv":
        sys.stdout.write(records_csv(report))
    elif args.format in ("markdown", "html"):
        sys.stdout.write(report.render(args.format))
    else:
        sys.stdout.write(report_summary(report))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _shown_name(file: str) -> str:
    """A file named on the command line, on one printable line."""
    if file == "-":
        return "standard input"
    return file if file.isprintable() else repr(file)


def _not_a_report(report: Report) -> bool:
    return any(d.code == "not-a-report" for d in report.diagnostics)


def _cmd_check(args: argparse.Namespace) -> int:
    report = _read(args.file)
    previous = _read(args.previous) if args.previous else None
    # A text that is no annual report gets one line, not a finding for each missing part.
    for file, read in ((args.file, report), (args.previous, previous)):
        if read is not None and _not_a_report(read):
            print(NOT_A_REPORT[args.lang].format(_shown_name(file)), file=sys.stderr)
            return EXIT_UNREADABLE
    # The cross-year rules (and whether the two years can be compared) are validation's.
    result = report.validate(previous=previous)
    if args.format == "json":
        from .serialization import findings_json

        sys.stdout.write(findings_json(result) + "\n")
    else:
        for finding in result:
            sys.stdout.write(finding.line(args.lang) + "\n")
        sys.stdout.write(result.summary(args.lang) + "\n")
    return EXIT_OK if result.ok else EXIT_DEVIATION


BATCH_HELP = """\
tables (by extension: .csv, .jsonl or .parquet; Parquet needs the parquet extra):
  --out         one row per report per cell: report_id (the path), path, sha256,
                file_kind, format, title, agency, year, table, row, column, key, value,
                amount_10k_yuan, label_zh, line, column_no, placed_by
  --failures    one row per file that gave no report: report_id, sha256, reason, message
                (default: OUT's name with .failures before the extension)
  --findings    one row per finding of validation, the cross-year rules' too (same agency,
                consecutive years): report_id, compared_with, rule, severity, table, row,
                column, section, place_zh, expected, actual, line, message_zh, message_en
  Each table is written beside its path and moved into place when complete.

exit status:
  0    every file was read (those that gave no report are in the failures table); no
       file at all gives tables with their columns and no rows
  2    a table that cannot be written
  130  interrupted (Ctrl-C): what was done is written; run again with --resume
"""


def _default_failures(out: str) -> str:
    path = Path(out)
    return str(path.with_name(f"{path.stem}.failures{path.suffix}"))


class _BatchRefused(Exception):
    """A batch that cannot start or cannot write its tables: one line, exit status 2."""


def _batch_outputs(args: argparse.Namespace) -> BatchOutputs:
    from .batch.job import BatchOutputs
    from .batch.writers import TableFormatError, table_kind

    outputs = BatchOutputs(args.out, args.failures or _default_failures(args.out), args.findings)
    tables = outputs.paths()
    try:
        for table in tables:
            table_kind(table)
    except TableFormatError as error:
        raise _BatchRefused(str(error)) from None
    if len({str(Path(p).absolute()) for p in tables}) < len(tables):
        raise _BatchRefused("--out, --failures and --findings must be different files")
    return outputs


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import report_files
    from .batch.job import run_batch
    from .batch.parallel import WorkersCannotStart
    from .batch.progress import progress_for
    from .batch.writers import TableFormatError

    try:
        outputs = _batch_outputs(args)
        found = report_files(args.inputs, exclude=outputs.paths())
        for pattern in found.unmatched:  # said, and the run goes on: its tables may be empty
            print(f"gov-disclosure: {_shown_name(pattern)}: matches no file", file=sys.stderr)
        progress = progress_for(sys.stderr, quiet=args.quiet)
        summary = run_batch(found.paths, outputs, jobs=args.jobs, resume=args.resume, progress=progress)
    except (_BatchRefused, TableFormatError, WorkersCannotStart, ImportError) as error:
        print(f"gov-disclosure: batch: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as error:
        where = _shown_name(str(error.filename or ""))
        print(
            f"gov-disclosure: batch: {where}: cannot be written ({error.strerror or error})", file=sys.stderr
        )
        return EXIT_UNREADABLE
    if summary.interrupted:
        done = summary.reports + summary.failed
        print(
            f"gov-disclosure: interrupted: {done:,} files written to the tables; run again with "
            "--resume to go on",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if not args.quiet:
        print(_batch_summary(summary, outputs, found.hidden), file=sys.stderr)
    return EXIT_OK


def _batch_summary(summary: BatchSummary, outputs: BatchOutputs, hidden: int) -> str:
    read = summary.reports + summary.failed
    rate = read / summary.seconds if summary.seconds > 0 else 0.0
    parts = [f"{summary.files:,} files: {summary.reports:,} reports read, {summary.failed:,} failed"]
    if summary.skipped:
        parts.append(f"{summary.skipped:,} already in {outputs.cells}")
    if outputs.findings is not None:
        parts.append(f"{summary.findings:,} findings ({summary.cross_year_pairs:,} cross-year pairs)")
    if hidden:
        parts.append(f"{hidden:,} hidden files left out")
    return "; ".join(parts) + f"; {summary.seconds:.1f} s, {rate:.1f} files/s -> {outputs.cells}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gov-disclosure",
        description="Read 政府信息公开工作年度报告 (the 国办公开办函〔2021〕30号 format).",
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser(
        "parse",
        help="parse one report and print it",
        description="Parse one report and print it.",
        epilog=INPUTS_HELP + "\n" + PARSE_EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parse_cmd.add_argument("file", metavar="FILE", help=FILE_HELP)
    parse_cmd.add_argument(
        "--format",
        choices=("summary", "json", "cells", "csv", "markdown", "html"),
        default="summary",
        help="summary (default): the three tables as text; json: the whole report; "
        "cells: CSV key,value,placed_by of the 200 cells; csv: one line per cell with its table, row, "
        "column, label and position; markdown, html: the report in the mandated layout",
    )
    parse_cmd.add_argument(
        "--strict", action="store_true", help="fail at the first deviation from the format"
    )
    parse_cmd.set_defaults(run=_cmd_parse)

    check_cmd = commands.add_parser(
        "check",
        help="validate one report: every rule of the format, one line per finding",
        description="Validate one report against every rule of the format: one line per "
        "finding, then a summary.",
        epilog=INPUTS_HELP + "\n" + CHECK_EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check_cmd.add_argument("file", metavar="FILE", help=FILE_HELP)
    check_cmd.add_argument(
        "--previous",
        metavar="FILE",
        help="last year's report of the same agency, read as FILE is: adds the cross-year rules",
    )
    check_cmd.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): one line per finding, then a summary; json: the findings as JSON",
    )
    check_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages")
    check_cmd.set_defaults(run=_cmd_check)

    batch_cmd = commands.add_parser(
        "batch",
        help="read many reports (folders, glob patterns, files) into tables, in parallel",
        description="Read every report named into one table of cells, one of findings and "
        "one of the files that gave no report. A folder is read with every file under it "
        '(hidden ones left out); quote a glob pattern ("crawl/**/*.html") so that the '
        "shell leaves it for this command.",
        epilog=BATCH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    batch_cmd.add_argument("inputs", metavar="INPUT", nargs="+", help="a folder, a glob pattern or a file")
    batch_cmd.add_argument("--out", required=True, metavar="FILE", help="the cells table")
    batch_cmd.add_argument(
        "--findings", metavar="FILE", help="the findings table (validation runs only with it)"
    )
    batch_cmd.add_argument("--failures", metavar="FILE", help="the table of files that gave no report")
    batch_cmd.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes (0: one per core; default 1)",
    )
    batch_cmd.add_argument(
        "--resume",
        action="store_true",
        help="skip the files already in the tables (same path, same SHA-256) and keep their rows",
    )
    batch_cmd.add_argument("--quiet", "-q", action="store_true", help="no progress and no summary")
    batch_cmd.set_defaults(run=_cmd_batch)

    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of the JSON form")
    schema_cmd.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except ParseError as error:
        print(f"gov-disclosure: {args.file}: {error}", file=sys.stderr)
        return EXIT_DEVIATION
    except InputError as error:
        # One line, whatever a file name holds: scripts read the first line of stderr.
        print(f"gov-disclosure: {' '.join(str(error).splitlines())}", file=sys.stderr)
        return EXIT_UNREADABLE
    except GovDisclosureError as error:  # pragma: no cover - every error above is more specific
        print(f"gov-disclosure: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # `gov-disclosure parse x | head`
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
