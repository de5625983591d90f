"""The gov-disclosure command: its formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.cli import main

from .layouts import consistent_cells, distinct_cells, render


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(render(distinct_cells()), encoding="utf-8")
    return path


def test_cells_format_is_the_200_keys_in_order(report_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(report_file), "--format", "cells"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["key", "value"]
    assert [r[0] for r in rows[1:]] == list(gd.CELL_KEYS)
    values = dict(rows[1:])
    assert values["t2.fees_10k_yuan"] == "12.5"
    assert values["t3.new_received.total"] == str(distinct_cells()["t3.new_received.total"])


def test_cells_format_leaves_unread_cells_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    path.write_text(render(distinct_cells()).replace("行政许可\t1006", "行政许可\t/"), encoding="utf-8")
    assert main(["parse", str(path), "--format", "cells"]) == 0
    assert dict(csv.reader(io.StringIO(capsys.readouterr().out)))["t2.licensing"] == ""


def test_json_format_round_trips(report_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(report_file), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "某某市某某局" in out  # Chinese kept readable
    data = json.loads(out)
    assert data["schema_version"] == 2
    assert gd.Report.from_dict(data) == gd.parse(report_file)


def test_summary_shows_the_tables(report_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(report_file)]) == 0
    out = capsys.readouterr().out
    assert "表三" in out and "new_received" in out and "200/200" in out


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x80\x80\x80")
    assert main(["parse", str(path)]) == 2
    assert "GB18030" in capsys.readouterr().err
    assert main(["parse", str(tmp_path / "missing.txt")]) == 2


def test_strict_deviation_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.txt"
    path.write_text(render(distinct_cells()).replace("行政处罚\t", "行政处罚★\t"), encoding="utf-8")
    assert main(["parse", str(path), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "line " in err and "★" in err


def test_stdin_and_console_script(report_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gov_disclosure", "parse", "-", "--format", "cells"],
        input=report_file.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert result.stdout.decode().count("\n") == 201


def test_check_prints_findings_and_exits_1_on_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = consistent_cells(random.Random(1))
    key = "t3.carried_forward.natural_person"
    path = tmp_path / "r.txt"
    path.write_text(render({**values, key: int(values[key]) + 1}), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("错误 表三 自然人列：一+二=") for line in out)
    assert out[-1].startswith("错误 ")
    assert main(["check", str(path), "--lang", "en"]) == 1
    assert "errors" in capsys.readouterr().out.splitlines()[-1]


def test_check_exits_0_without_errors_and_2_on_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(render(consistent_cells(random.Random(2))), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "错误 0 项，警告 0 项，无法核对 0 项"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x80\x80")
    assert main(["check", str(bad)]) == 2


def test_check_json_and_previous(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = consistent_cells(random.Random(3))
    this_year = tmp_path / "2024.txt"
    this_year.write_text(render(values), encoding="utf-8")
    last = {**values, "t3.carried_forward.total": int(values["t3.carried_over.total"]) + 7}
    last_year = tmp_path / "2023.txt"
    last_year.write_text(render(last).replace("2024年", "2023年"), encoding="utf-8")
    assert main(["check", str(this_year), "--previous", str(last_year), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    carry = [f for f in data["findings"] if f["rule"] == "XY_CARRY"]
    assert data["ok"] is False and carry
    assert {f["column"] for f in carry} >= {"total"}
    assert "上一年度" in carry[0]["message_zh"]
