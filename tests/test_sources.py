"""Input handling through ``gd.parse``: text, paths, bytes in every supported encoding, and
the inputs that must be refused with a clear ``InputError``."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

import pytest

import gov_disclosure as gd

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = CORPUS / "seeds" / "000_7f28f313131cbcb8.txt"

Cells = dict[str, object]


@pytest.fixture(scope="module", autouse=True)
def _warm_parser() -> None:
    # Build the (cached) table parser once, outside any single test's time.
    gd.parse("")


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"corpus not found: {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_cells(seed_text: str) -> Cells:
    return dict(gd.parse(seed_text).cells())


# --- the same report, however it is passed ---------------------------------------------------

ENCODERS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "gbk": lambda text: text.encode("gbk"),
    "utf-16-le with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
}


def test_seed_text_has_cells(seed_cells: Cells) -> None:
    assert len(seed_cells) == len(gd.CELL_KEYS) == 200
    assert list(seed_cells) == list(gd.CELL_KEYS)
    # The seed is a full report: a comparison of all-None dicts would prove nothing.
    assert sum(value is not None for value in seed_cells.values()) > 100


@pytest.mark.parametrize("encoding", list(ENCODERS))
def test_bytes_in_each_encoding_give_the_same_cells(encoding: str, seed_text: str, seed_cells: Cells) -> None:
    data = ENCODERS[encoding](seed_text)
    assert gd.parse(data).cells() == seed_cells


def test_encodings_really_differ(seed_text: str) -> None:
    # Guard against a test that passes because the encoders produced the same bytes. GBK is a
    # subset of GB18030, so for text that GBK can encode the two give identical bytes.
    encoded = {name: encode(seed_text) for name, encode in ENCODERS.items()}
    assert encoded["gbk"] == encoded["gb18030"]
    del encoded["gbk"]
    assert len(set(encoded.values())) == len(encoded)


def test_path_object(seed_cells: Cells) -> None:
    assert gd.parse(SEED).cells() == seed_cells


def test_str_path(seed_cells: Cells) -> None:
    assert gd.parse(str(SEED)).cells() == seed_cells


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le with BOM"])
def test_file_in_other_encodings(encoding: str, seed_text: str, seed_cells: Cells, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(ENCODERS[encoding](seed_text))
    assert gd.parse(path).cells() == seed_cells
    assert gd.parse(str(path)).cells() == seed_cells


# --- refused input: InputError that says what is wrong --------------------------------------


def _input_error(source: object, max_bytes: int | None = None) -> str:
    with pytest.raises(gd.InputError) as info:
        if max_bytes is None:
            gd.parse(source)  # type: ignore[arg-type]
        else:
            gd.parse(source, max_bytes=max_bytes)  # type: ignore[arg-type]
    assert isinstance(info.value, gd.GovDisclosureError)
    assert isinstance(info.value, ValueError)
    return str(info.value)


def test_invalid_bytes() -> None:
    # 0x80 is not a valid first byte in UTF-8, nor in GB18030.
    message = _input_error(b"\x80\x80\x80")
    assert "UTF-8" in message
    assert "GB18030" in message


def test_nul_bytes() -> None:
    message = _input_error("报告\x00正文".encode())
    assert "NUL" in message


def test_utf16_without_bom_is_refused_as_nul_bytes() -> None:
    message = _input_error("一、总体情况".encode("utf-16-le"))
    assert "NUL" in message
    assert "byte-order mark" in message


def test_invalid_utf16_after_bom() -> None:
    # A lone high surrogate (D800) at the end: not valid UTF-16.
    message = _input_error(codecs.BOM_UTF16_LE + b"\x00\xd8")
    assert "utf-16-le" in message
    assert "byte-order mark" in message


def test_pdf_signature() -> None:
    message = _input_error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "PDF" in message


def test_zip_signature() -> None:
    message = _input_error(b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"\x00" * 20)
    assert "ZIP" in message


def test_pdf_signature_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n")
    message = _input_error(path)
    assert "PDF" in message
    assert str(path) in message


def test_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "no-such-report.txt"
    message = _input_error(path)
    assert "no such file" in message
    assert str(path) in message


def test_directory(tmp_path: Path) -> None:
    message = _input_error(tmp_path)
    assert "directory" in message
    assert str(tmp_path) in message


@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str"])
def test_pdf_path_is_not_read_yet(tmp_path: Path, as_str: bool) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 ...")
    message = _input_error(str(path) if as_str else path)
    assert "PDF" in message
    assert "not read yet" in message


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_file_is_read_as_its_text(tmp_path: Path, suffix: str) -> None:
    rows = "".join(
        f"<tr><td>{label}</td><td>{n}</td></tr>" for label, n in (("行政许可", 7), ("行政处罚", 8))
    )
    page = (
        "<!DOCTYPE html><html><head><title>某局2024年政府信息公开工作年度报告_某网站</title>"
        "<script>var x = 1;</script></head><body><h2>二、主动公开政府信息情况</h2>"
        f"<table>{rows}</table></body></html>"
    )
    path = tmp_path / f"report{suffix}"
    path.write_text(page, encoding="utf-8")
    report = gd.parse(path)
    assert (report.active_disclosure.licensing, report.active_disclosure.punishment) == (7, 8)
    assert report.title == "某局2024年政府信息公开工作年度报告"
    assert gd.parse(page).cells() == report.cells()


def test_bytes_over_max_bytes() -> None:
    message = _input_error(b"a" * 101, max_bytes=100)
    assert "more than the limit" in message
    assert "100" in message


def test_text_over_max_bytes() -> None:
    message = _input_error("一" * 101, max_bytes=100)
    assert "more than the limit" in message


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"a" * 101)
    message = _input_error(path, max_bytes=100)
    assert "more than the limit" in message
    assert str(path) in message


def test_input_at_max_bytes_is_read() -> None:
    report = gd.parse(b"a" * 100, max_bytes=100)
    assert isinstance(report, gd.Report)


@pytest.mark.parametrize("source", [42, None, 1.5, ["一、总体情况"]], ids=repr)
def test_not_text_bytes_or_path(source: object) -> None:
    message = _input_error(source)
    assert type(source).__name__ in message
    assert "text, bytes or a path" in message


# --- odd text: a Report, never an exception ---------------------------------------------------


def _garbage(seed: int, length: int) -> str:
    rng = random.Random(seed)
    alphabet = [chr(c) for c in range(0x4E00, 0x9FA6)] + list("0123456789") * 200
    alphabet += [" ", "\n", "\t", "|", "、", "（", "）", "。"] * 100
    return "".join(rng.choice(alphabet) for _ in range(length))


@pytest.mark.parametrize("seed", range(5))
def test_garbage_text(seed: int) -> None:
    report = gd.parse(_garbage(seed, 5000))
    assert isinstance(report, gd.Report)
    assert len(report.cells()) == 200
    assert all(isinstance(d, gd.Diagnostic) for d in report.diagnostics)


@pytest.mark.parametrize(
    "source",
    ["一、总体情况 " * 40, "a" * 300, "/" * 5000, "本年新收政府信息公开申请数量 12 " * 100],
    ids=["cjk-280", "ascii-300", "slashes-5000", "label-row-1600"],
)
def test_one_line_text_is_text(source: str) -> None:
    # Text without a newline is checked for being a path first; a line longer than a file
    # name may be (255 bytes) must still be read as text, not raise OSError.
    report = gd.parse(source)
    assert isinstance(report, gd.Report)


@pytest.mark.parametrize("source", ["", b"", "\n\n  \n", "\ufeff"], ids=repr)
def test_empty(source: str | bytes) -> None:
    report = gd.parse(source)
    assert isinstance(report, gd.Report)
    assert all(value is None for value in report.cells().values())
    codes = {d.code for d in report.diagnostics}
    assert "tables-missing" in codes


def test_truncated_report(seed_text: str, seed_cells: Cells) -> None:
    half = seed_text[: len(seed_text) // 2]
    report = gd.parse(half)
    assert isinstance(report, gd.Report)
    cells = report.cells()
    assert set(cells) == set(seed_cells)
    for key, value in cells.items():
        if value is not None:
            assert value == seed_cells[key], key


def test_truncated_bytes(seed_text: str, seed_cells: Cells) -> None:
    # Cut the UTF-8 bytes on a character boundary (cutting inside a character is undecodable).
    data = seed_text.encode("utf-8")
    cut = len(data) // 2
    while cut and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    cells = gd.parse(data[:cut]).cells()
    for key, value in cells.items():
        if value is not None:
            assert value == seed_cells[key], key


def test_a_huge_table_region_is_read_only_in_part() -> None:
    text = "二、主动公开政府信息情况\n" + "1 2 | 3\n" * 100_000
    report = gd.parse(text)
    notes = [d for d in report.diagnostics if d.code == "tables-region-too-large"]
    assert notes and "KB" in notes[0].message
    assert all(v is None for v in report.cells().values())
