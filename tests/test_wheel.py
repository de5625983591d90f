"""The built wheel carries the grammar and works when installed in a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import gov_disclosure as gd

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEED = CORPUS / "seeds" / "000_7f28f313131cbcb8.txt"

REQUIRED_MEMBERS = (
    "gov_disclosure/grammars/report_2021.lark",
    "gov_disclosure/grammars/report_2019.lark",
    "gov_disclosure/grammars/report_tables.lark",
    "gov_disclosure/py.typed",
)

# Run by the fresh venv's python: where the package was imported from, then the two numbers.
SCRIPT = """\
import sys
import tomllib
import gov_disclosure as gd

report = gd.parse(sys.argv[1])
print(gd.__file__)
print(report.applications.new_received.total)
print(sum(value is not None for value in report.cells().values()))
"""


def _env() -> dict[str, str]:
    """The environment of the subprocesses, without anything that would import the repo's src."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def _run(args: list[str], *, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


def _tail(result: subprocess.CompletedProcess[str], lines: int = 30) -> str:
    output = (result.stdout + "\n" + result.stderr).strip().splitlines()
    return "\n".join(output[-lines:])


def _index_unreachable(cwd: Path) -> str | None:
    """Why the package index cannot be reached, or None when it can."""
    try:
        result = _run(
            [sys.executable, "-m", "pip", "index", "versions", "lark", "--retries", "1", "--timeout", "15"],
            cwd=cwd,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return "pip timed out asking the package index for lark"
    if result.returncode != 0:
        return "pip could not ask the package index for lark:\n" + _tail(result, 5)
    return None


def _venv_python(venv: Path) -> Path:
    if sys.platform == "win32":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


@pytest.mark.slow
def test_wheel_installs_and_parses(tmp_path: Path) -> None:
    if not SEED.is_file():
        pytest.skip(f"corpus not found: {SEED}")
    reason = _index_unreachable(tmp_path)
    if reason is not None:
        pytest.skip(reason)

    # Build the wheel from the working tree.
    dist = tmp_path / "dist"
    built = _run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)], cwd=REPO, timeout=600
    )
    assert built.returncode == 0, f"python -m build --wheel failed:\n{_tail(built)}"
    wheels = sorted(dist.glob("*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {dist}, found {wheels}"
    wheel = wheels[0]

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        licenses = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        shipped_license = archive.read(licenses[0]).decode() if licenses else ""
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    missing = [member for member in REQUIRED_MEMBERS if member not in names]
    assert not missing, f"{wheel.name} lacks {missing}; it holds: {sorted(names)}"
    # The licence travels with the wheel (PEP 639), the text the repository holds.
    assert shipped_license == (REPO / "LICENSE").read_text(encoding="utf-8"), sorted(names)
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata

    # Install it in a fresh virtual environment; lark, attrs and cattrs come from the index.
    # The venv gets no pip of its own (installing one took most of this test's time): this
    # pip installs into it (--python), and the package sees only what the install put there.
    venv = tmp_path / "venv"
    created = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, timeout=300)
    assert created.returncode == 0, f"python -m venv failed:\n{_tail(created)}"
    python = _venv_python(venv)
    pip = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    installed = _run(
        [*pip, "install", "--quiet", str(wheel)],
        cwd=tmp_path,
        timeout=600,
    )
    assert installed.returncode == 0, f"pip install {wheel.name} failed:\n{_tail(installed)}"

    # -I: isolated mode, so neither the working directory nor PYTHON* variables reach sys.path.
    ran = _run([str(python), "-I", "-c", SCRIPT, str(SEED)], cwd=tmp_path, timeout=300)
    assert ran.returncode == 0, f"the installed package failed to parse the seed:\n{_tail(ran)}"
    module_file, total, non_none = ran.stdout.strip().splitlines()

    assert Path(module_file).resolve().is_relative_to(venv.resolve()), (
        f"gov_disclosure was imported from {module_file}, not from the fresh venv"
    )
    report = gd.parse(SEED)
    expected_non_none = sum(value is not None for value in report.cells().values())
    assert total == str(report.applications.new_received.total)
    assert int(non_none) == expected_non_none
    assert expected_non_none > 0


def test_license_file_is_the_licence_pyproject_names() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    text = " ".join((REPO / "LICENSE").read_text(encoding="utf-8").split())
    assert text.startswith("MIT License Copyright (c) ")
    # The MIT licence's grant and its warranty disclaimer, word for word (as SPDX has them).
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert "The above copyright notice and this permission notice shall be included in all copies" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text
