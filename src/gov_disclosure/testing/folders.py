"""A folder of generated reports, as a crawl leaves them: mixed formats, several years of each
agency, and broken files among them. For the batch tests and the batch benchmark.

    files = write_report_folder(Path("crawl"), 1_000, seed=1)
    files[0].path, files[0].report      # what was written, and the report it holds
    files[7].reason                     # a broken file: the reason a batch must record

Every report satisfies the format's sums (``consistent_values``); agencies have reports for
three consecutive years, so that a batch finds cross-year pairs (their carry-over numbers are
drawn independently, so most pairs differ: the cross-year rule has findings to make).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from ..batch.items import FailureReason
from ..formats import FORMAT_2021
from ..model import CELL_KEYS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, Report
from .docx_file import DocxLayout
from .pdf_file import PdfLayout
from .strategies import Layout, report_of, write

__all__ = ["FolderFile", "consistent_values", "write_report_folder"]

_PLACES = [
    "青山县",
    "白水县",
    "东平县",
    "西林县",
    "南溪县",
    "北岭县",
    "长宁县",
    "永和县",
    "安平县",
    "清河县",
    "石门县",
    "云龙县",
    "金山区",
    "玉泉区",
    "龙湖区",
    "凤鸣区",
    "桃源县",
    "梅江区",
    "松溪县",
    "柳城县",
    "鹤山市",
    "兰陵县",
    "泰和县",
    "丰宁县",
    "新安县",
    "宁远县",
    "临泉县",
    "平川区",
    "河东区",
    "江北区",
]
_ORGANS = [
    "人民政府",
    "教育局",
    "财政局",
    "民政局",
    "司法局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "应急管理局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
]
_YEARS = (2022, 2023, 2024)
# What a crawl holds besides reports, and the reason a batch must give for each.
_BROKEN: tuple[tuple[str, FailureReason], ...] = (
    ("notice.txt", "not-a-report"),
    ("garbage.txt", "unreadable"),
    ("old.doc", "unsupported-format"),
    ("cut.pdf", "unreadable"),
    ("cut.docx", "unreadable"),
    ("empty.html", "not-a-report"),
)
# Shares of the formats among the reports: text, HTML, DOCX, PDF.
DEFAULT_MIX = (("txt", 0.55), ("html", 0.25), ("docx", 0.1), ("pdf", 0.1))


@attrs.frozen
class FolderFile:
    """A file written: the report it holds, or (a broken file) the reason it gives none."""

    path: Path
    report: Report | None = None
    reason: FailureReason | None = None


def consistent_values(rng: random.Random) -> dict[str, int | Decimal]:
    """Values for the 200 cells that satisfy every arithmetic rule of the format."""
    values: dict[str, int | Decimal] = {}
    for doc in ("regulations", "normative_documents"):
        for column in ("issued", "repealed", "in_force"):
            values[f"t2.{doc}.{column}"] = rng.randrange(0, 40)
    for key in ("licensing", "punishment", "coercion"):
        values[f"t2.{key}"] = rng.randrange(0, 2000)
    values["t2.fees_10k_yuan"] = Decimal(rng.randrange(0, 100_000)) / 100
    outcome_rows = FORMAT_2021.identity("T3_TOTAL_ROW").left
    for column in T3_COLUMNS[:6]:
        for row in outcome_rows:
            values[f"t3.{row}.{column}"] = rng.choice((0, 0, 0, 1, 2, 5))
        processed = sum(int(values[f"t3.{row}.{column}"]) for row in outcome_rows)
        forward = rng.randrange(0, 3)
        carried = rng.randrange(0, processed + forward + 1)
        values[f"t3.total_processed.{column}"] = processed
        values[f"t3.carried_forward.{column}"] = forward
        values[f"t3.carried_over.{column}"] = carried
        values[f"t3.new_received.{column}"] = processed + forward - carried
    for row in T3_ROWS:
        values[f"t3.{row}.total"] = sum(int(values[f"t3.{row}.{c}"]) for c in T3_COLUMNS[:6])
    for group in T4_GROUPS:
        parts = [rng.randrange(0, 4) for _ in range(4)]
        for column, part in zip(T4_COLUMNS[:4], parts, strict=True):
            values[f"t4.{group}.{column}"] = part
        values[f"t4.{group}.total"] = sum(parts)
    return {key: values[key] for key in CELL_KEYS}


def _agency(index: int) -> str:
    place, organ = divmod(index, len(_ORGANS))
    return f"{_PLACES[place % len(_PLACES)]}{_ORGANS[organ]}"


def _mix_kind(rng: random.Random, mix: Sequence[tuple[str, float]]) -> str:
    kinds, weights = zip(*mix, strict=True)
    return str(rng.choices(kinds, weights)[0])


def _report(rng: random.Random, agency: str, year: int) -> Report:
    report = report_of(dict(consistent_values(rng)), year=year)
    return attrs.evolve(report, title=f"{agency}{year}年政府信息公开工作年度报告", agency=agency)


def _file_bytes(report: Report, kind: str) -> bytes:
    if kind == "txt":
        return write(report, Layout()).encode("utf-8")
    if kind == "html":
        return write(report, Layout(html=True)).encode("utf-8")
    if kind == "docx":
        return write(report, DocxLayout())
    return write(report, PdfLayout())


def _broken_bytes(name: str, rng: random.Random, sample: Report) -> bytes:
    if name == "notice.txt":
        return "关于开展2024年度政府信息公开工作考核的通知\n各单位：请于1月31日前报送年度报告。\n".encode()
    if name == "garbage.txt":
        return bytes(rng.randrange(256) for _ in range(2048)) + b"\0"
    if name == "old.doc":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)
    if name == "cut.pdf":
        data = write(sample, PdfLayout())
        return data[: len(data) // 3]
    if name == "cut.docx":
        data = write(sample, DocxLayout())
        return data[: len(data) // 3]
    return "<html><head><title>404</title></head><body><p>页面不存在</p></body></html>".encode()


def write_report_folder(
    folder: Path,
    count: int,
    *,
    seed: int = 0,
    mix: Sequence[tuple[str, float]] = DEFAULT_MIX,
    broken_every: int = 20,
) -> list[FolderFile]:
    """Write ``count`` files into ``folder`` (created; subfolders by year) and say what each
    holds: reports in the formats of ``mix``, three consecutive years of each agency, and every
    ``broken_every``-th file a broken one (0: none)."""
    rng = random.Random(seed)
    files: list[FolderFile] = []
    for index in range(count):
        agency, year = _agency(index // len(_YEARS)), _YEARS[index % len(_YEARS)]
        subfolder = folder / str(year)
        subfolder.mkdir(parents=True, exist_ok=True)
        report = _report(rng, agency, year)
        if broken_every and index % broken_every == broken_every - 1:
            name, reason = _BROKEN[(index // broken_every) % len(_BROKEN)]
            path = subfolder / f"{index:05d}_{name}"
            path.write_bytes(_broken_bytes(name, rng, report))
            files.append(FolderFile(path, reason=reason))
            continue
        kind = _mix_kind(rng, mix)
        path = subfolder / f"{index:05d}.{kind}"
        path.write_bytes(_file_bytes(report, kind))
        files.append(FolderFile(path, report=report))
    return files
