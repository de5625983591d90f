"""The example scripts and the notebook run as a new user would run them."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str, cwd: Path) -> str:
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_parse_report(tmp_path: Path) -> None:
    out = run(str(EXAMPLES / "parse_report.py"), cwd=tmp_path)
    assert "示例县示例局 2024: format 2021" in out
    assert "新收申请 21, 上年结转 1, 办结 20" in out


def test_check_folder(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x80\x80\x80")
    (tmp_path / "good.txt").write_text(
        (EXAMPLES / "report_2024.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = run(str(EXAMPLES / "check_folder.py"), str(tmp_path), str(tmp_path / "f.csv"), cwd=tmp_path)
    assert out.startswith("0 errors")
    with (tmp_path / "f.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["rule"] for r in rows] == ["UNREADABLE"]


@pytest.mark.slow
def test_tour_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    notebook = nbformat.read(EXAMPLES / "tour.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("text/html" in o.get("data", {}) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
