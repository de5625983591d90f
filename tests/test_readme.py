"""The README's examples run as written, and its commands are ones the command accepts.

The ```python blocks share one namespace, run in the README's order: the README reads as one
session (the Data and Validation blocks go on with the ``report`` the first block parsed), so
a block is run as a reader runs it after the ones above it. Each block is its own test, which
first runs any earlier block not yet run, so one block can be run alone (``-k``).

A comment after an expression that is itself a Python value (``report.year  # 2024``) is what
the README claims the expression gives, and is checked; prose comments are not.

Blocks run in a folder of their own that holds what the README refers to:
``examples/report_2024.txt`` and its ``.pdf`` and ``.docx`` (bundled) and ``last_year.txt``
(a reader's own file; here the example made into its agency's 2023 report).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib.util
import io
import re
import shlex
import shutil
import tokenize
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import settings

import gov_disclosure as gd
from gov_disclosure.cli import build_parser

from .profiles import examples

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
EXAMPLE = REPO / "examples" / "report_2024.txt"

# What a block needs beyond the test dependencies, known by what it calls.
EXTRAS = {"to_pandas": "pandas", "to_frame": "pandas", "to_parquet": "pyarrow", "gov_disclosure.dask": "dask"}
# Blocks that take long on purpose (a megabyte of each hostile shape, about 15 s in all).
SLOW = ("hostile.SHAPES",)


class Block(NamedTuple):
    line: int  # where its code starts in README.md
    language: str
    code: str


def readme_blocks() -> list[Block]:
    blocks = []
    fence = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
    text = README.read_text(encoding="utf-8")
    for match in fence.finditer(text):
        line = text.count("\n", 0, match.start()) + 2
        blocks.append(Block(line, match.group(1), match.group(2)))
    return blocks


BLOCKS = readme_blocks()
PYTHON = [b for b in BLOCKS if b.language == "python"]
SHELL = [b for b in BLOCKS if b.language in ("sh", "console", "bash", "shell")]


def missing_modules(block: Block) -> list[str]:
    needed = {module for call, module in EXTRAS.items() if call in block.code}
    return sorted(m for m in needed if importlib.util.find_spec(m) is None)


def last_year_text() -> str:
    """The example report made into the same agency's report of 2023: this year's carried-over
    applications are what it carried forward, and this year's documents in force are its own
    plus this year's issued, less repealed."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("2024年", "2023年")
    for old, new in (
        ("收到政府信息公开申请21件", "收到政府信息公开申请20件"),
        ("结转下年度继续办理2件", "结转下年度继续办理1件"),
        ("规章\t1\t0\t12", "规章\t1\t0\t11"),
        ("行政规范性文件\t8\t3\t41", "行政规范性文件\t8\t3\t36"),
        (
            "一、本年新收政府信息公开申请数量\t18\t2\t0\t0\t1\t0\t21",
            "一、本年新收政府信息公开申请数量\t17\t2\t0\t0\t1\t0\t20",
        ),
        ("四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


class Session:
    """One reader working through the README: one namespace, one working folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.namespace: dict[str, Any] = {"__name__": "readme"}
        self.ran: set[int] = set()

    def run(self, index: int) -> None:
        block = PYTHON[index]
        with contextlib.chdir(self.folder), contextlib.redirect_stdout(io.StringIO()):
            before = set(self.namespace)
            for statement, claimed in _statements(block):
                code = ast.unparse(statement)
                if claimed is None:
                    exec(
                        compile(statement_module(statement), f"README.md:{block.line}", "exec"),
                        self.namespace,
                    )
                    continue
                got = eval(code, self.namespace)  # an expression whose value the README states
                assert got == claimed, (
                    f"README.md:{block.line}: {code} gives {got!r}, README says {claimed!r}"
                )
            # A block that defines property tests (the strategies block): run them, on fewer
            # examples than hypothesis' 100 (the suite's own properties run the same strategies),
            # scaled by the profile like every pinned count.
            for name in sorted(set(self.namespace) - before):
                test: Callable[[], None] = self.namespace[name]
                if name.startswith("test_") and callable(test):
                    settings(max_examples=examples(10), deadline=None)(test)()
        self.ran.add(index)


def statement_module(statement: ast.stmt) -> ast.Module:
    return ast.Module(body=[statement], type_ignores=[])


def _comments(code: str) -> dict[int, str]:
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return {t.start[0]: t.string[1:].strip() for t in tokens if t.type == tokenize.COMMENT}


def _claimed_value(comment: str) -> tuple[bool, object]:
    """(True, value) when the comment is a Python value, as in ``# (2024, '示例县示例局')``."""
    try:
        return True, eval(comment, {"__builtins__": {}, "Decimal": Decimal, "True": True, "False": False})
    except Exception:  # prose: '# a path, the text itself, or bytes'
        return False, None


def _statements(block: Block) -> Iterator[tuple[ast.stmt, object]]:
    """Each top-level statement of the block, with the value its comment claims (or None)."""
    comments = _comments(block.code)
    for statement in ast.parse(block.code).body:
        comment = comments.get(statement.end_lineno or statement.lineno)
        is_value, claimed = _claimed_value(comment) if comment else (False, None)
        printing = (
            isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name)
            and statement.value.func.id == "print"
        )
        yield statement, (claimed if isinstance(statement, ast.Expr) and is_value and not printing else None)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    folder = tmp_path_factory.mktemp("readme")
    (folder / "examples").mkdir()
    for bundled in (EXAMPLE, EXAMPLE.with_suffix(".pdf"), EXAMPLE.with_suffix(".docx")):
        shutil.copy(bundled, folder / "examples" / bundled.name)
    (folder / "last_year.txt").write_text(last_year_text(), encoding="utf-8")
    return Session(folder)


def test_the_readme_has_the_blocks_these_tests_run() -> None:
    assert len(PYTHON) >= 5 and len(SHELL) >= 4
    assert any("gd.parse(" in b.code for b in PYTHON)


def test_last_year_fixture_is_the_example_agency_s_report_of_2023() -> None:
    last = gd.parse(last_year_text())
    this = gd.parse(EXAMPLE)
    assert (last.year, last.agency) == (2023, this.agency)
    assert last.validate().ok
    cross_year = [f for f in this.validate(previous=last) if f.rule.startswith("XY_")]
    assert cross_year == [], [f.line() for f in cross_year]


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(i, marks=[pytest.mark.slow] if any(s in b.code for s in SLOW) else [])
        for i, b in enumerate(PYTHON)
    ],
    ids=[f"line{b.line}" for b in PYTHON],
)
def test_python_block_runs(session: Session, index: int) -> None:
    missing = missing_modules(PYTHON[index])
    if missing:
        pytest.skip(f"README.md:{PYTHON[index].line} needs {', '.join(missing)}, not installed")
    for earlier in range(index):
        if earlier not in session.ran and not missing_modules(PYTHON[earlier]):
            try:
                session.run(earlier)
            except Exception as error:  # say which block broke: this one depends on it
                pytest.fail(f"README.md:{PYTHON[earlier].line}, run before this block, fails: {error!r}")
    session.run(index)


def _commands(block: Block) -> Iterator[list[str]]:
    """Each ``gov-disclosure`` command of a shell block, as its arguments; a synopsis
    (``[--format text|json]``) gives one command per alternative."""
    for line in block.code.splitlines():
        for part in line.split("&&"):
            words = shlex.split(part, comments=True)
            if not words or not words[0].endswith("gov-disclosure"):
                continue
            words = words[1:]
            if "<" in words:  # standard input redirected from a file
                words = words[: words.index("<")]
            words = [w.strip("[]") for w in words]
            choices = max((w.count("|") + 1 for w in words), default=1)
            for choice in range(choices):
                yield [w.split("|")[min(choice, w.count("|"))] for w in words]


SHELL_COMMANDS = [(b, args) for b in SHELL for args in _commands(b)]


def test_the_readme_shows_every_command() -> None:
    shown = {args[0] for _, args in SHELL_COMMANDS if not args[0].startswith("-")}
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert shown == set(commands.choices) == {"parse", "check", "schema", "batch"}


def test_the_readme_gives_each_batch_table_s_columns_as_the_code_has_them() -> None:
    from gov_disclosure.batch import CELL_COLUMNS, FAILURE_COLUMNS, FINDING_COLUMNS

    table_row = r"^\| `(\w+)` \| (string|int64|float64) \| (.+) \|$"
    rows = re.findall(table_row, README.read_text(encoding="utf-8"), re.MULTILINE)
    written = [(c.name, c.type, c.meaning) for c in (*CELL_COLUMNS, *FINDING_COLUMNS, *FAILURE_COLUMNS)]
    assert rows == written


@pytest.mark.parametrize(
    ("block", "args"), SHELL_COMMANDS, ids=[f"line{b.line}:{' '.join(a)}" for b, a in SHELL_COMMANDS]
)
def test_shell_command_is_one_the_command_accepts(block: Block, args: list[str]) -> None:
    try:
        build_parser().parse_args(args)
    except SystemExit as stopped:
        if stopped.code == 0:  # an option that prints and exits, as -V does
            return
        pytest.fail(f"README.md:{block.line}: gov-disclosure {' '.join(args)} is refused ({stopped})")
