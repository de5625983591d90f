"""The ``gov-disclosure`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from ._parse import parse
from .display import report_summary
from .errors import GovDisclosureError, InputError, ParseError
from .model import Report
from .serialization import cells_csv, json_schema, records_csv, to_json
from .sources import MAX_BYTES, read_stream

# Exit codes: 0 read (check: and no error), 1 a strict-mode deviation (check: errors found),
# 2 input that cannot be read at all.
EXIT_OK, EXIT_DEVIATION, EXIT_UNREADABLE = 0, 1, 2


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
        raise InputError(f"standard input: {error}") from None


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


def _cmd_check(args: argparse.Namespace) -> int:
    report = _read(args.file)
    previous = _read(args.previous) if args.previous else None
    result = report.validate(previous=previous)
    if args.format == "json":
        from .serialization import findings_json

        sys.stdout.write(findings_json(result) + "\n")
    else:
        for finding in result:
            sys.stdout.write(finding.line(args.lang) + "\n")
        sys.stdout.write(result.summary(args.lang) + "\n")
    return EXIT_OK if result.ok else EXIT_DEVIATION


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gov-disclosure",
        description="Read 政府信息公开工作年度报告 (the 国办公开办函〔2021〕30号 format).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse_cmd = commands.add_parser("parse", help="parse one report and print it")
    parse_cmd.add_argument("file", help="a report file (.txt, .md, .html), or - for standard input")
    parse_cmd.add_argument(
        "--format",
        choices=("summary", "json", "cells", "csv", "markdown", "html"),
        default="summary",
        help="summary (default): the three tables as text; json: the whole report; "
        "cells: CSV key,value of the 200 cells; csv: one line per cell with its table, row, "
        "column, label and position; markdown, html: the report in the mandated layout",
    )
    parse_cmd.add_argument(
        "--strict", action="store_true", help="fail at the first deviation from the format"
    )
    parse_cmd.set_defaults(run=_cmd_parse)

    check_cmd = commands.add_parser(
        "check",
        help="validate one report: every rule of the format, one line per finding",
        description="Exit status: 0 no error, 1 errors found, 2 the input could not be read.",
    )
    check_cmd.add_argument("file", help="a report file (.txt, .md, .html), or - for standard input")
    check_cmd.add_argument("--previous", metavar="FILE", help="last year's report of the same agency")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    check_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages")
    check_cmd.set_defaults(run=_cmd_check)

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
