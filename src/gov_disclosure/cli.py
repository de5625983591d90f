"""The ``gov-disclosure`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from ._parse import parse
from .errors import GovDisclosureError, InputError, ParseError
from .model import Report
from .serialization import cells_csv, to_json

# Exit codes: 0 read (check: and no error), 1 a strict-mode deviation (check: errors found),
# 2 input that cannot be read at all.
EXIT_OK, EXIT_DEVIATION, EXIT_UNREADABLE = 0, 1, 2


def _summary(report: Report) -> str:
    lines = [
        f"title:   {report.title or '-'}",
        f"agency:  {report.agency or '-'}",
        f"year:    {report.year or '-'}",
        f"format:  {report.format}",
        "sections: " + (" ".join(str(s.number) for s in report.sections) or "-"),
    ]
    cells = report.cells()
    read = sum(v is not None for v in cells.values())
    lines.append(f"cells:   {read}/{len(cells)} read")

    def show(value: object) -> str:
        return "-" if value is None else str(value)

    t2 = report.active_disclosure
    lines.append("表二 主动公开政府信息情况")
    for name, docs in (("规章", t2.regulations), ("行政规范性文件", t2.normative_documents)):
        lines.append(
            f"  {name}: 制发 {show(docs.issued)}  废止 {show(docs.repealed)}  现行有效 {show(docs.in_force)}"
        )
    lines.append(
        f"  行政许可 {show(t2.licensing)}  行政处罚 {show(t2.punishment)}  行政强制 {show(t2.coercion)}"
        f"  收费(万元) {show(t2.fees_10k_yuan)}"
    )
    lines.append(
        "表三 收到和处理政府信息公开申请情况 (自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计)"
    )
    for name, row in report.applications.rows():
        lines.append(f"  {name:36s} " + " ".join(f"{show(v):>5s}" for v in row.values()))
    lines.append("表四 行政复议、行政诉讼 (维持 纠正 其他 尚未审结 总计)")
    t4 = report.review_litigation
    for name, group in (
        ("review", t4.review),
        ("litigation_direct", t4.litigation_direct),
        ("litigation_after_review", t4.litigation_after_review),
    ):
        lines.append(f"  {name:24s} " + " ".join(f"{show(v):>5s}" for v in group.values()))
    notable = [d for d in report.diagnostics if d.severity != "info"]
    if notable:
        lines.append(f"diagnostics ({len(notable)}):")
        lines += [f"  {d}" for d in notable]
    return "\n".join(lines) + "\n"


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


def _cmd_parse(args: argparse.Namespace) -> int:
    source: bytes | Path = _read_stdin() if args.file == "-" else Path(args.file)
    report = parse(source, strict=args.strict)
    if args.format == "json":
        sys.stdout.write(to_json(report) + "\n")
    elif args.format == "cells":
        sys.stdout.write(cells_csv(report))
    else:
        sys.stdout.write(_summary(report))
    return EXIT_OK


def _read(file: str) -> Report:
    return parse(_read_stdin() if file == "-" else Path(file))


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
    parse_cmd.add_argument("file", help="a .txt or .md report, or - for standard input")
    parse_cmd.add_argument(
        "--format",
        choices=("summary", "json", "cells"),
        default="summary",
        help="summary (default): the three tables as text; json: the whole report; "
        "cells: CSV key,value of the 200 cells",
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
    check_cmd.add_argument("file", help="a .txt or .md report, or - for standard input")
    check_cmd.add_argument("--previous", metavar="FILE", help="last year's report of the same agency")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    check_cmd.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages")
    check_cmd.set_defaults(run=_cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except ParseError as error:
        print(f"gov-disclosure: {args.file}: {error}", file=sys.stderr)
        return EXIT_DEVIATION
    except InputError as error:
        print(f"gov-disclosure: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except GovDisclosureError as error:  # pragma: no cover - every error above is more specific
        print(f"gov-disclosure: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # `gov-disclosure parse x | head`
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
