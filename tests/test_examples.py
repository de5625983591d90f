"""The example scripts and the notebook run as a new user would run them."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gov_disclosure as gd

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str, cwd: Path, code: int = 0) -> str:
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == code, result.stderr
    return result.stdout + result.stderr


def test_parse_report(tmp_path: Path) -> None:
    out = run(str(EXAMPLES / "parse_report.py"), cwd=tmp_path)
    assert "示例县示例局 2024: format 2021" in out
    assert "新收申请 21, 上年结转 1, 办结 20" in out


def test_check_folder(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\x80\x80\x80")
    (folder / "good.TXT").write_text(
        (EXAMPLES / "report_2024.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "page.shtml").write_text(
        gd.parse(EXAMPLES / "report_2024.txt").render("html"), encoding="utf-8"
    )
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    out = run(str(EXAMPLES / "check_folder.py"), str(folder), str(tmp_path / "f.csv"), cwd=tmp_path)
    # Every file is read or said to give no report: none is skipped by its name.
    assert out.startswith("2 reports read, 2 files gave none")
    with (tmp_path / "f.failures.csv").open(encoding="utf-8-sig") as handle:
        failures = {Path(r["report_id"]).name: r["reason"] for r in csv.DictReader(handle)}
    assert failures == {"bad.txt": "unreadable", "notes.docx": "unreadable"}
    with (tmp_path / "f.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {Path(r["report_id"]).name for r in rows} <= {"good.TXT", "page.shtml"}
    missing = run(str(EXAMPLES / "check_folder.py"), str(tmp_path / "nowhere"), cwd=tmp_path, code=2)
    assert "not a folder" in missing


@pytest.mark.slow
def test_tour_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    notebook = nbformat.read(EXAMPLES / "tour.ipynb", as_version=4)
    # One more cell, run only here: what the plot drew, for the checks below.
    notebook.cells.append(nbformat.v4.new_code_cell(PLOT_PROBE))
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("text/html" in o.get("data", {}) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)

    # Under load the kernel may send the probe's line to stdout in more than one piece.
    printed = [o["text"] for o in notebook.cells[-1].outputs if o.get("output_type") == "stream"]
    probe = json.loads("".join(printed))
    title = probe["title"]
    assert "Unable-to-provide rate" in title and "(四)无法提供 / (七)总计" in title
    assert f"{probe['agencies'][0]}, " in title if len(probe["agencies"]) == 1 else "agencies, " in title
    assert str(min(probe["years"])) in title and str(max(probe["years"])) in title
    # A rate that is None is marked unknown, never drawn as a bar of 0.
    known = [rate for rate in probe["rates"] if rate is not None]
    assert probe["bar_heights"] == pytest.approx(known)
    assert probe["unknown_marks"] == probe["rates"].count(None)
    assert probe["tick_labels"] == probe["names"]


PLOT_PROBE = """\
import json
print(json.dumps({
    "title": ax.get_title(),
    "bar_heights": [bar.get_height() for bar in ax.patches],
    "unknown_marks": [t.get_text() for t in ax.texts].count("unknown"),
    "rates": [r.metrics().unable_rate for r in reports],
    "agencies": sorted({r.agency for r in reports}),
    "years": sorted({r.year for r in reports}),
    "names": [f"{r.agency} {r.year}" for r in reports],
    "tick_labels": [t.get_text() for t in ax.get_xticklabels()],
}, ensure_ascii=False))
"""


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_example_files_read_to_the_example_s_cells(suffix: str) -> None:
    pytest.importorskip("pypdfium2" if suffix == ".pdf" else "docx")
    assert (
        gd.parse(EXAMPLES / f"report_2024{suffix}").cells() == gd.parse(EXAMPLES / "report_2024.txt").cells()
    )


def test_the_example_files_are_what_the_script_writes() -> None:
    pytest.importorskip("reportlab")
    pytest.importorskip("docx")
    script = EXAMPLES.parent / "scripts" / "generate_example_files.py"
    spec = importlib.util.spec_from_file_location("generate_example_files", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, data in module.example_files().items():
        assert path.read_bytes() == data, f"{path.name} is out of date: run scripts/generate_example_files.py"
