"""How the gov-disclosure command reads its input: standard input within the limit, only
regular files, and every unreadable input one line on stderr with exit status 2."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gov_disclosure.cli import EXIT_UNREADABLE, main
from gov_disclosure.sources import MAX_BYTES

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


class _Zeros(io.RawIOBase):
    """``/dev/zero`` that counts how much was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        view = memoryview(buffer)  # type: ignore[arg-type]
        view[:] = bytes(len(view))
        self.given += len(view)
        return len(view)


class _Stdin:
    def __init__(self, buffer: io.BufferedReader) -> None:
        self.buffer = buffer


def _one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_endless_stdin_stops_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    zeros = _Zeros()
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BufferedReader(zeros)))
    assert main(["parse", "-"]) == EXIT_UNREADABLE
    line = _one_line_error(capsys.readouterr().err)
    assert line == f"gov-disclosure: standard input: more than the limit of {MAX_BYTES:,} bytes"
    assert zeros.given <= MAX_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_dev_zero_on_stdin_of_the_command(tmp_path: Path) -> None:
    # `gov-disclosure parse - < /dev/zero` printed a MemoryError traceback. The zeros come from
    # a writer that stops at four times the limit, so that a regression fails, not the machine.
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "gov_disclosure", "parse", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    pipe = process.stdin
    assert pipe is not None
    written = 0

    def write_zeros() -> None:
        nonlocal written
        chunk = bytes(1024 * 1024)
        try:
            while written < 4 * MAX_BYTES:
                pipe.write(chunk)
                written += len(chunk)
            pipe.close()
        except OSError:  # the command stopped reading (a broken pipe): expected
            pass

    writer = threading.Thread(target=write_zeros, daemon=True)
    writer.start()
    try:
        process.wait(timeout=120)
    finally:
        process.kill()
        writer.join(timeout=10)
        with contextlib.suppress(OSError):  # flushing into the broken pipe
            pipe.close()
    assert process.returncode == EXIT_UNREADABLE
    line = _one_line_error(stderr_path.read_text(encoding="utf-8"))
    assert line == f"gov-disclosure: standard input: more than the limit of {MAX_BYTES:,} bytes"
    # The command read the limit and a little, then stopped: the pipe broke well before the end.
    assert written < 2 * MAX_BYTES


@needs_fifo
@pytest.mark.parametrize("command", ["parse", "check"])
def test_named_pipe_argument_is_refused_without_blocking(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gov_disclosure", command, str(fifo)],
            capture_output=True,
            timeout=60,  # a regression blocks on the pipe: fail, do not hang
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"gov-disclosure {command} blocked on a named pipe")
    assert result.returncode == EXIT_UNREADABLE
    line = _one_line_error(result.stderr.decode())
    assert line == f"gov-disclosure: {fifo}: is a named pipe, not a regular file"


def test_device_argument_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert main(["parse", "/dev/zero"]) == EXIT_UNREADABLE
    line = _one_line_error(capsys.readouterr().err)
    assert line == "gov-disclosure: /dev/zero: is a character device, not a regular file"


def test_undecodable_stdin_names_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BufferedReader(io.BytesIO(b"\x80\x80\x80"))))
    assert main(["parse", "-"]) == EXIT_UNREADABLE
    line = _one_line_error(capsys.readouterr().err)
    assert line.startswith("gov-disclosure: standard input: is neither UTF-8")


def test_closed_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["parse", "-"]) == EXIT_UNREADABLE
    assert _one_line_error(capsys.readouterr().err) == "gov-disclosure: standard input: is closed"


def test_file_name_with_a_line_break_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "年报\n2024.txt"
    assert main(["check", str(path)]) == EXIT_UNREADABLE
    line = _one_line_error(capsys.readouterr().err)
    assert line.endswith("年报\\n2024.txt': no such file")  # shown quoted, the break escaped


def test_html_on_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = (
        "<!-- saved from url=(0042)http://www.example.gov.cn/ -->\n<html><head><title>某局2024年报告</title>"
        "<body><h2>二、主动公开政府信息情况</h2><table><tr><td>行政<span>许可</span></td><td>7</td></tr>"
        "<tr><td>行政处罚</td><td>8</td></tr></table></body></html>"
    ).encode("gb18030")
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BufferedReader(io.BytesIO(page))))
    assert main(["parse", "-", "--format", "cells"]) == 0
    cells = {key: value for key, value, _ in csv.reader(io.StringIO(capsys.readouterr().out))}
    assert (cells["t2.licensing"], cells["t2.punishment"]) == ("7", "8")
