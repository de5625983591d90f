"""Many reports at once: ``parse_many``, ``to_frame``, the ``batch`` command and its tables,
``--resume``, Ctrl-C, worker crashes, the cross-year pairs, and ``gov_disclosure.dask``."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure import cli
from gov_disclosure.batch import CELL_COLUMNS, FAILURE_COLUMNS, FINDING_COLUMNS, job, report_files
from gov_disclosure.batch.job import BatchOutputs, run_batch
from gov_disclosure.batch.parallel import Workers
from gov_disclosure.batch.progress import Lines, progress_for
from gov_disclosure.batch.tables import Row, cell_rows
from gov_disclosure.batch.writers import TableFormatError, open_table, read_rows
from gov_disclosure.testing.folders import FolderFile, write_report_folder

from .corpus import CORPUS
from .crashing import crash_on_three, crashed

pandas = pytest.importorskip("pandas")

CORPUS_INPUTS = [CORPUS / "seeds", CORPUS / "real", CORPUS / "derived"]
FORMATS = ("csv", "jsonl", "parquet")
# A whole batch in each format: CSV in the quick loop, the other two in the full suite.
BATCH_FORMATS = ["csv", *(pytest.param(kind, marks=pytest.mark.slow) for kind in FORMATS[1:])]


@pytest.fixture(scope="module")
def corpus_files() -> tuple[str, ...]:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found: {CORPUS}")
    return report_files(CORPUS_INPUTS).paths


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[FolderFile]]:
    """60 generated files in every format, broken ones among them."""
    root = tmp_path_factory.mktemp("crawl")
    return root, write_report_folder(root, 60, seed=7, broken_every=10)


def _outputs(where: Path, kind: str, *, findings: bool = True) -> BatchOutputs:
    return BatchOutputs(
        str(where / f"cells.{kind}"),
        str(where / f"failures.{kind}"),
        str(where / f"findings.{kind}") if findings else None,
    )


def _tables(outputs: BatchOutputs) -> dict[str, list[Row]]:
    tables = {
        "cells": list(read_rows(outputs.cells, CELL_COLUMNS)),
        "failures": list(read_rows(outputs.failures, FAILURE_COLUMNS)),
    }
    if outputs.findings is not None:
        tables["findings"] = list(read_rows(outputs.findings, FINDING_COLUMNS))
    return tables


def _expected_cell_rows(files: list[FolderFile]) -> list[Row]:
    rows: list[Row] = []
    for file in files:
        if file.report is not None:
            rows += cell_rows(gd.parse(file.path), str(file.path))
    return rows


# --- parse_many and to_frame -------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_parse_many_gives_each_file_its_report_or_why_not_in_order(
    folder: tuple[Path, list[FolderFile]], jobs: int
) -> None:
    _, files = folder
    items = list(gd.parse_many([f.path for f in files], jobs=jobs))
    assert [item.path for item in items] == [str(f.path) for f in files]
    for file, item in zip(files, items, strict=True):
        if file.report is None:
            assert isinstance(item, gd.Failed) and item.reason == file.reason, item
            assert item.message.startswith(str(file.path))
        else:
            assert isinstance(item, gd.Parsed), item
            assert item.report.cells() == file.report.cells()
            assert (item.report.agency, item.report.year) == (file.report.agency, file.report.year)
            assert item.report.source is not None and item.report.source.path == str(file.path)


def test_parse_many_over_the_corpus_agrees_with_parse(corpus_files: tuple[str, ...]) -> None:
    for item in gd.parse_many(corpus_files, jobs=2):
        if isinstance(item, gd.Parsed):
            assert item.report == gd.parse(item.path)
            continue
        try:
            report = gd.parse(item.path)
        except gd.InputError as error:  # the comparison PDF: refused by its reader
            assert error.reason == item.reason
        else:
            assert item.reason == "not-a-report"
            assert any(d.code == "not-a-report" for d in report.diagnostics)
    reasons = Counter(i.reason for i in gd.parse_many(corpus_files) if isinstance(i, gd.Failed))
    # The truth files and SOURCES.tsv are no reports; the comparison PDF prints two.
    assert set(reasons) == {"not-a-report"}


def test_parse_many_stops_its_workers_when_the_caller_stops_early(
    folder: tuple[Path, list[FolderFile]],
) -> None:
    _, files = folder
    items = gd.parse_many([f.path for f in files], jobs=2)
    first = next(items)
    assert first.path == str(files[0].path)
    items.close()  # no hang, no worker left behind


def test_to_frame_labels_rows_by_report_and_has_its_columns_when_empty(
    folder: tuple[Path, list[FolderFile]],
) -> None:
    _, files = folder
    frame = gd.to_frame(gd.parse_many([f.path for f in files]))
    assert list(frame.columns) == [c.name for c in CELL_COLUMNS]
    assert {c.name: str(frame[c.name].dtype) for c in CELL_COLUMNS} == {
        c.name: c.pandas_dtype for c in CELL_COLUMNS
    }
    readable = [f for f in files if f.report is not None]
    assert len(frame) == 200 * len(readable)
    assert list(frame["report_id"].unique()) == [str(f.path) for f in readable]
    kinds = frame.drop_duplicates("report_id")["file_kind"]
    assert set(kinds) == {"text", "html", "docx", "pdf"}
    empty = gd.to_frame([])
    assert list(empty.columns) == list(frame.columns) and len(empty) == 0
    assert dict(empty.dtypes) == dict(frame.dtypes)


def test_to_frame_of_reports_built_in_code_numbers_them() -> None:
    built = gd.Report()
    frame = gd.to_frame([built, built])
    assert list(frame["report_id"].unique()) == ["#0", "#1"]
    text = (Path(__file__).parent.parent / "examples" / "report_2024.txt").read_text(encoding="utf-8")
    parsed = gd.parse(text)
    assert parsed.source is not None
    assert gd.to_frame([parsed])["report_id"].iloc[0] == f"sha256:{parsed.source.sha256}"


# --- the tables -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FORMATS)
def test_every_table_format_reads_back_the_rows_written(tmp_path: Path, kind: str) -> None:
    rows = [
        ("a.txt", None, "r", "e", None, "x", None, 3, "表二", None, "1.5", 7, "中文，逗号", "en\n2"),
        ("b.txt", "a.txt", "r", "w", "t3", "granted", "total", None, None, "", None, None, None, None),
    ]
    path = str(tmp_path / f"findings.{kind}")
    with open_table(path, FINDING_COLUMNS) as table:
        table.write(rows)
    back = list(read_rows(path, FINDING_COLUMNS))
    assert back[0] == rows[0]
    # CSV has no null: an empty string reads back as missing.
    assert back[1] == (rows[1] if kind != "csv" else (*rows[1][:9], None, *rows[1][10:]))


def test_parquet_tables_carry_their_types_and_meanings(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = str(tmp_path / "cells.parquet")
    with open_table(path, CELL_COLUMNS):
        pass  # no rows: still a table with its columns
    schema = pq.read_schema(path)
    assert schema.names == [c.name for c in CELL_COLUMNS]
    arrow_names = {"string": "string", "int64": "int64", "float64": "double"}
    assert {f.name: str(f.type) for f in schema} == {c.name: arrow_names[c.type] for c in CELL_COLUMNS}
    value = next(c for c in CELL_COLUMNS if c.name == "value")
    assert schema.field("value").metadata == {b"meaning": value.meaning.encode()}


def test_a_table_is_never_left_half_written(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    path.write_text("the earlier table\n", encoding="utf-8")
    with pytest.raises(RuntimeError), open_table(str(path), CELL_COLUMNS) as table:
        table.write([("x",) + (None,) * (len(CELL_COLUMNS) - 1)])
        raise RuntimeError("the run failed")
    assert path.read_text(encoding="utf-8") == "the earlier table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cells.csv"]  # no partial file left


def test_a_table_that_is_not_this_kind_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "cells.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TableFormatError, match="is not a table of this kind"):
        list(read_rows(str(other), CELL_COLUMNS))
    with pytest.raises(TableFormatError, match=r"use one of \.csv"):
        open_table(str(tmp_path / "cells.xlsx"), CELL_COLUMNS)


# --- the batch: rows, failures, findings, resume, interruption --------------------------------


@pytest.mark.parametrize("kind", BATCH_FORMATS)
def test_a_batch_writes_each_report_its_cells_each_failure_its_reason(
    folder: tuple[Path, list[FolderFile]], tmp_path: Path, kind: str
) -> None:
    root, files = folder
    outputs = _outputs(tmp_path, kind)
    summary = run_batch(report_files([root]).paths, outputs, jobs=2)
    broken = [f for f in files if f.report is None]
    assert (summary.reports, summary.failed, summary.interrupted) == (
        len(files) - len(broken),
        len(broken),
        False,
    )
    tables = _tables(outputs)
    by_path = {str(f.path): f for f in files}
    assert sorted(tables["cells"]) == sorted(_expected_cell_rows(files))
    assert {row[0]: row[2] for row in tables["failures"]} == {str(f.path): f.reason for f in broken}
    # Findings: each report's own, then the cross-year pairs of each agency's consecutive years.
    own = [row for row in tables["findings"] if row[1] is None]
    expected_own = Counter(
        path for path, file in by_path.items() if file.report is not None for _ in gd.parse(path).validate()
    )
    assert Counter(row[0] for row in own) == expected_own
    assert summary.findings == len(tables["findings"])


def test_the_batch_finds_the_cross_year_pairs(tmp_path: Path) -> None:
    files = write_report_folder(tmp_path / "crawl", 9, seed=2, mix=(("txt", 1.0),), broken_every=0)
    outputs = _outputs(tmp_path, "csv")
    summary = run_batch(report_files([tmp_path / "crawl"]).paths, outputs)
    cross = [row for row in _tables(outputs)["findings"] if row[1] is not None]
    expected = []
    # Three agencies, 2022-2024 each: the pairs (2023, 2022) and (2024, 2023) of each.
    for earlier, later in itertools.pairwise(files):
        assert earlier.report is not None and later.report is not None
        if later.report.agency == earlier.report.agency:
            for finding in gd.parse(later.path).validate(previous=gd.parse(earlier.path)):
                if finding.rule.startswith("XY"):
                    expected.append((str(later.path), str(earlier.path), finding.rule, finding.message_en))
    assert summary.cross_year_pairs == 6
    assert sorted((r[0], r[1], r[2], r[13]) for r in cross) == sorted(expected)
    assert expected  # the carry-over numbers were drawn apart: the rule has something to say


def test_two_reports_of_one_agency_and_year_make_no_pair(tmp_path: Path) -> None:
    files = write_report_folder(tmp_path / "crawl", 3, seed=2, mix=(("txt", 1.0),), broken_every=0)
    twin = files[1].path.with_name("twin.txt")
    twin.write_bytes(files[1].path.read_bytes())  # 2023 twice: which one to compare is not known
    summary = run_batch(report_files([tmp_path / "crawl"]).paths, _outputs(tmp_path, "csv"))
    assert summary.cross_year_pairs == 0


@pytest.mark.parametrize("kind", BATCH_FORMATS)
def test_resume_skips_what_is_done_and_reads_what_changed(
    folder: tuple[Path, list[FolderFile]], tmp_path: Path, kind: str
) -> None:
    root, _ = folder
    paths = report_files([root]).paths
    whole = _outputs(tmp_path / "whole", kind)
    (tmp_path / "whole").mkdir()
    run_batch(paths, whole)
    part = _outputs(tmp_path, kind)
    first = run_batch(paths[:25], part)
    assert first.reports + first.failed == 25
    again = run_batch(paths, part, resume=True)
    assert (again.skipped, again.reports + again.failed) == (25, len(paths) - 25)
    resumed, complete = _tables(part), _tables(whole)
    for name in ("cells", "failures", "findings"):
        assert sorted(resumed[name], key=repr) == sorted(complete[name], key=repr), name
    # Nothing left to do: every file is skipped, the tables stay as they are.
    still = run_batch(paths, part, resume=True)
    assert (still.skipped, still.reports, still.failed) == (len(paths), 0, 0)
    assert sorted(_tables(part)["cells"]) == sorted(complete["cells"])


def test_resume_reads_a_file_again_when_its_bytes_changed(tmp_path: Path) -> None:
    files = write_report_folder(tmp_path / "crawl", 4, seed=5, mix=(("txt", 1.0),), broken_every=0)
    paths = report_files([tmp_path / "crawl"]).paths
    outputs = _outputs(tmp_path, "jsonl")
    run_batch(paths, outputs)
    changed = files[0].path
    changed.write_text(changed.read_text(encoding="utf-8").replace("规章\t", "规章\t9"), encoding="utf-8")
    summary = run_batch(paths, outputs, resume=True)
    assert (summary.skipped, summary.reports) == (3, 1)
    cells = _tables(outputs)["cells"]
    assert len(cells) == 800  # the old rows of the changed file are gone, its new ones in
    assert sorted(cells) == sorted(row for p in paths for row in cell_rows(gd.parse(p), p))


def test_resume_reads_again_a_file_that_failed_for_a_reason_of_the_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_report_folder(tmp_path / "crawl", 2, seed=3, mix=(("txt", 1.0),), broken_every=0)
    paths = report_files([tmp_path / "crawl"]).paths
    outputs = _outputs(tmp_path, "csv")

    def no_extra(path: str, max_bytes: int) -> gd.Failed:
        return gd.Failed(path, "needs-extra", f"{path}: reading it needs an extra", "0" * 64)

    monkeypatch.setattr(job, "read_one", no_extra)
    first = run_batch(paths, outputs)
    assert (first.reports, first.failed) == (0, 2)
    monkeypatch.undo()  # the extra is installed now
    again = run_batch(paths, outputs, resume=True)
    assert (again.skipped, again.reports, again.failed) == (0, 2, 0)
    assert _tables(outputs)["failures"] == []


def test_a_script_whose_workers_cannot_start_is_told_why(tmp_path: Path) -> None:
    # A script piped to python (no file the workers could import it from): every worker dies as
    # it starts, which no file caused; the error says so instead of failing every file.
    files = write_report_folder(tmp_path, 2, seed=3, mix=(("txt", 1.0),), broken_every=0)
    script = f"import gov_disclosure as gd\nlist(gd.parse_many({[str(f.path) for f in files]!r}, jobs=2))\n"
    result = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1
    assert "WorkersCannotStart: worker processes die as they start" in result.stderr


class _StopAfter(Lines):
    """A progress display that presses Ctrl-C after ``files`` files."""

    def __init__(self, files: int) -> None:
        super().__init__(io.StringIO())
        self.files = files

    def advance(self, count: int = 1) -> None:
        super().advance(count)
        if self.done == self.files:
            raise KeyboardInterrupt


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_writes_what_was_done_whole_and_resume_goes_on(
    folder: tuple[Path, list[FolderFile]], tmp_path: Path, jobs: int
) -> None:
    root, _ = folder
    paths = report_files([root]).paths
    outputs = _outputs(tmp_path, "parquet")
    summary = run_batch(paths, outputs, jobs=jobs, progress=_StopAfter(12))
    assert summary.interrupted and summary.reports + summary.failed == 12
    tables = _tables(outputs)
    per_report = Counter(row[0] for row in tables["cells"])
    assert set(per_report.values()) == {200}  # no report is in the table in part
    assert len(per_report) + len(tables["failures"]) == 12
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    rest = run_batch(paths, outputs, jobs=jobs, resume=True)
    assert (rest.skipped, rest.reports + rest.failed, rest.interrupted) == (12, len(paths) - 12, False)
    assert len({row[0] for row in _tables(outputs)["cells"]}) == sum(1 for f in folder[1] if f.report)


def test_a_worker_that_dies_costs_only_its_own_item() -> None:
    with Workers(2) as workers:
        results = list(workers.map(crash_on_three, range(12), chunk_size=2, on_crash=crashed))
    assert results == [0, 10, 20, -3, *(i * 10 for i in range(4, 12))]


# --- the command ----------------------------------------------------------------------------


def _batch(*args: str) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = cli.main(["batch", *args])
    return code, stderr.getvalue()


def test_the_batch_command_over_the_corpus(corpus_files: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    code, err = _batch(
        *map(str, CORPUS_INPUTS), "--out", str(out), "--findings", str(tmp_path / "f.csv"), "-j", "2"
    )
    assert code == 0, err
    outputs = BatchOutputs(str(out), str(tmp_path / "cells.failures.csv"), str(tmp_path / "f.csv"))
    tables = _tables(outputs)
    read = [p for p in corpus_files if p not in {row[0] for row in tables["failures"]}]
    assert sorted(tables["cells"]) == sorted(row for p in read for row in cell_rows(gd.parse(p), p))
    assert f"{len(corpus_files):,} files: {len(read):,} reports read" in err
    assert out.read_bytes().startswith(b"\xef\xbb\xbfreport_id,")  # Excel reads the BOM as UTF-8


@pytest.mark.parametrize("kind", FORMATS)
def test_no_file_gives_tables_with_their_columns_and_no_rows(tmp_path: Path, kind: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    outputs = _outputs(tmp_path, kind)
    code, err = _batch(
        str(empty), str(empty / "*.html"), "--out", outputs.cells, "--findings", str(outputs.findings)
    )
    assert code == 0 and "matches no file" in err and "0 files: 0 reports read" in err
    assert _tables(
        BatchOutputs(outputs.cells, str(tmp_path / f"cells.failures.{kind}"), outputs.findings)
    ) == {
        "cells": [],
        "failures": [],
        "findings": [],
    }
    if kind != "jsonl":  # a JSON Lines table of no rows is an empty file: no line names a column
        frame = pandas.read_parquet(outputs.cells) if kind == "parquet" else pandas.read_csv(outputs.cells)
        assert list(frame.columns) == [c.name for c in CELL_COLUMNS] and frame.empty


def test_the_batch_command_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    code, err = _batch("x.txt", "--out", str(tmp_path / "c.xlsx"))
    assert code == 2 and "use one of .csv" in err
    code, err = _batch("x.txt", "--out", str(tmp_path / "c.csv"), "--failures", str(tmp_path / "c.csv"))
    assert code == 2 and "different files" in err
    code, err = _batch("x.txt", "--out", str(tmp_path / "no" / "c.csv"))
    assert code == 2 and "c.csv: cannot be written" in err


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"gov-disclosure\[parquet\]"):
        gd.to_parquet([gd.Report()], tmp_path / "cells.parquet")
    code, err = _batch(str(tmp_path), "--out", str(tmp_path / "cells.parquet"))
    assert code == 2 and "Parquet output needs pyarrow" in err
    assert not list(tmp_path.iterdir())  # nothing written, not even a partial file


def test_a_folder_batch_leaves_out_hidden_files_and_its_own_tables(tmp_path: Path) -> None:
    write_report_folder(tmp_path, 3, seed=1, mix=(("txt", 1.0),), broken_every=0)
    (tmp_path / ".DS_Store").write_bytes(b"\0\1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: main\n", encoding="utf-8")
    code, err = _batch(str(tmp_path), "--out", str(tmp_path / "cells.csv"))
    assert code == 0 and "3 files: 3 reports read, 0 failed" in err and "2 hidden files left out" in err
    code, err = _batch(str(tmp_path), "--out", str(tmp_path / "cells.csv"), "--resume")
    assert code == 0 and "3 already in" in err  # its own tables, now in the folder, are not read


def test_nothing_in_a_folder_is_left_out_without_a_word(tmp_path: Path) -> None:
    write_report_folder(tmp_path, 1, seed=1, mix=(("txt", 1.0),), broken_every=0)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    outputs = _outputs(tmp_path / "out", "csv")
    (tmp_path / "out").mkdir()
    summary = run_batch(report_files([tmp_path]).paths, outputs)
    reasons = {Path(row[0]).name: row[2] for row in _tables(outputs)["failures"]}
    assert reasons == {"pipe": "not-a-file", "gone": "no-such-file"}  # said, never waited on
    assert (summary.reports, summary.failed) == (1, 2)


def test_progress_is_a_line_every_few_seconds_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    progress = Lines(stream, every=0.0)
    progress.start(4)
    progress.advance()
    progress.close()
    assert stream.getvalue().startswith("1/4 files, ")
    assert "files/s" in stream.getvalue() and "left" in stream.getvalue()
    assert progress_for(stream, quiet=True).__class__.__name__ == "Silent"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pytest.importorskip("tqdm")
    assert progress_for(Terminal()).__class__.__name__ == "Bar"
    monkeypatch.setitem(sys.modules, "tqdm", None)
    assert isinstance(progress_for(Terminal()), Lines)  # no tqdm: lines on a terminal too


@pytest.mark.slow
def test_ctrl_c_on_the_command_leaves_valid_tables(tmp_path: Path) -> None:
    big = tmp_path / "crawl"
    files = write_report_folder(big, 400, seed=11, mix=(("txt", 0.8), ("html", 0.2)), broken_every=40)
    out = tmp_path / "cells.csv"
    command = [sys.executable, "-m", "gov_disclosure.cli", "batch", str(big), "--out", str(out), "-j", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    partial = [tmp_path / f".cells.csv.{process.pid}.partial"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (partial[0].exists() and partial[0].stat().st_size > 50_000):
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "--resume" in err and "Traceback" not in err
    outputs = BatchOutputs(str(out), str(tmp_path / "cells.failures.csv"))
    tables = _tables(outputs)
    per_report = Counter(row[0] for row in tables["cells"])
    assert per_report and set(per_report.values()) == {200}
    done = len(per_report) + len(tables["failures"])
    assert 0 < done < len(files)
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done:,} already in" in resumed.stderr
    final = _tables(outputs)
    assert len({row[0] for row in final["cells"]}) + len(final["failures"]) == len(files)


@pytest.mark.slow
def test_a_thousand_files_in_mixed_formats_with_broken_ones(tmp_path: Path) -> None:
    files = write_report_folder(tmp_path / "crawl", 1_000, seed=1000)
    outputs = _outputs(tmp_path, "parquet")
    summary = run_batch(report_files([tmp_path / "crawl"]).paths, outputs, jobs=2)
    broken = [f for f in files if f.report is None]
    assert (summary.reports, summary.failed) == (1_000 - len(broken), len(broken))
    frame = pandas.read_parquet(outputs.cells)
    by_path = {str(f.path): f for f in files}
    for report_id, group in frame.groupby("report_id", sort=False):
        report = by_path[str(report_id)].report
        assert report is not None
        values = dict(
            zip(group["key"], group["value"].astype(object).where(group["value"].notna(), None), strict=True)
        )
        expected = {k: (None if k == "t2.fees_10k_yuan" else v) for k, v in report.cells().items()}
        assert values == expected, report_id
        assert group["agency"].iloc[0] == report.agency and group["year"].iloc[0] == report.year
    failures = pandas.read_parquet(outputs.failures)
    assert dict(zip(failures["report_id"], failures["reason"], strict=True)) == {
        str(f.path): f.reason for f in broken
    }


# --- Dask -----------------------------------------------------------------------------------


def test_the_dask_frames_are_the_local_ones(folder: tuple[Path, list[FolderFile]]) -> None:
    pytest.importorskip("dask.dataframe")
    import gov_disclosure.dask as gdd

    root, files = folder
    bag = gdd.read_reports(str(root), files_per_partition=7)
    assert bag.npartitions == -(-len(files) // 7)
    cells = gdd.to_dataframe(bag).compute(scheduler="sync").reset_index(drop=True)
    local = gd.to_frame(gd.parse_many(report_files([root]).paths))
    pandas.testing.assert_frame_equal(cells, local)
    failures = gdd.failures_dataframe(bag).compute(scheduler="sync")
    assert dict(zip(failures["report_id"], failures["reason"], strict=True)) == {
        str(f.path): f.reason for f in files if f.report is None
    }
    findings = gdd.findings_dataframe(bag).compute(scheduler="sync")
    assert len(findings) == sum(len(gd.parse(f.path).validate()) for f in files if f.report is not None)


@pytest.mark.slow
def test_the_dask_frames_with_worker_processes(folder: tuple[Path, list[FolderFile]]) -> None:
    pytest.importorskip("dask.dataframe")
    import gov_disclosure.dask as gdd

    root, _ = folder
    cells = gdd.to_dataframe(gdd.read_reports(str(root), files_per_partition=16))
    computed = cells.compute(scheduler="processes").reset_index(drop=True)
    pandas.testing.assert_frame_equal(computed, gd.to_frame(gd.parse_many(report_files([root]).paths)))
