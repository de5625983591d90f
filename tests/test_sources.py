"""Input handling through ``gd.parse``: text, paths, bytes in every supported encoding, and
the inputs that must be refused with a clear ``InputError``."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import pickle
import random
import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import gov_disclosure as gd
from gov_disclosure.sources import read as read_source
from gov_disclosure.sources import read_stream, str_is_path

from .corpus import CORPUS

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
def test_a_broken_pdf_path_is_an_error_naming_it(tmp_path: Path, as_str: bool) -> None:
    pytest.importorskip("pypdfium2")
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 ...")
    message = _input_error(str(path) if as_str else path)
    assert message.startswith(f"{path}: is a PDF file pdfium cannot open")


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
    # Nothing of a report is there: one diagnostic says so, not six missing sections.
    assert [(d.code, d.severity) for d in report.diagnostics] == [("not-a-report", "error")]
    with pytest.raises(gd.ParseError, match="not a 政府信息公开工作年度报告"):
        gd.parse(source, strict=True)


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


# --- which str is a path ----------------------------------------------------------------------


def test_str_that_ends_like_a_file_name_but_names_nothing() -> None:
    # Was read as report text: an empty report, no error.
    assert _input_error("reports/24971296.jhtml") == "reports/24971296.jhtml: no such file"
    assert _input_error("年报.PDF2024") == "年报.PDF2024: no such file"


def test_str_naming_a_directory(tmp_path: Path) -> None:
    assert _input_error(str(tmp_path)) == f"{tmp_path}: is a directory, not a regular file"


def test_str_naming_a_file_without_extension(tmp_path: Path, seed_text: str, seed_cells: Cells) -> None:
    path = tmp_path / "report"
    path.write_text(seed_text, encoding="utf-8")
    assert gd.parse(str(path)).cells() == seed_cells


def test_path_like_is_always_a_path(tmp_path: Path) -> None:
    assert _input_error(tmp_path / "report") == f"{tmp_path / 'report'}: no such file"


@pytest.mark.parametrize(
    "text",
    [
        "一、总体情况。本机关2024年收到申请3件，详见附件.docx\n",  # a line break: text
        "x" * 300 + ".txt",  # a last component longer than any file name
        "一、总体情况 " * 700 + "见www.example.gov.cn",  # 4096 characters or more
        "2024年度报告/一、总体情况/二、主动公开（详见第3页）",  # slashes, no extension, nothing there
    ],
    ids=["line break", "long name", "long text", "slashes"],
)
def test_str_that_is_not_a_path_is_text(text: str) -> None:
    assert isinstance(gd.parse(text), gd.Report)


def test_one_line_web_dump_stays_text() -> None:
    # Real web dumps put a whole report on one line (corpus: 2024_jiashan_dayunzhen.txt).
    path = CORPUS / "real" / "2024_jiashan_dayunzhen.txt"
    if not path.is_file():
        pytest.skip(f"corpus not found: {path}")
    text = path.read_text(encoding="utf-8")
    assert "\n" not in text.strip()
    report = gd.parse(text)
    assert report.year == 2024
    assert report.preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    # And one that happens to be short and full of dots and slashes.
    line = "大云镇2024年政府信息公开工作年度报告。一、总体情况：收到申请1件/办结1件，见www.jiashan.gov.cn。"
    assert isinstance(gd.parse(line), gd.Report)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a\x00b.txt", "'a\\x00b.txt': is not a valid file name (it contains a NUL character)"),
        (
            "\ud800.txt",
            "'\\ud800.txt': is not a valid file name ('\\ud800' cannot be encoded for the file system)",
        ),
        (Path("a\x00b.txt"), "'a\\x00b.txt': is not a valid file name (it contains a NUL character)"),
    ],
    ids=["nul", "surrogate", "Path with nul"],
)
def test_invalid_file_names(source: str | Path, message: str) -> None:
    # Were ValueError and UnicodeEncodeError from the os module.
    assert _input_error(source) == message


def test_symlinks(tmp_path: Path, seed_text: str, seed_cells: Cells) -> None:
    target = tmp_path / "report.txt"
    target.write_text(seed_text, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert gd.parse(str(tmp_path / "link.txt")).cells() == seed_cells
    assert _input_error(str(tmp_path / "dangling.txt")) == f"{tmp_path / 'dangling.txt'}: no such file"


# --- only regular files, never blocking; at most the limit read --------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _parse_in_thread(source: object, fifo: Path | None = None) -> BaseException | object:
    """``gd.parse(source)``'s exception or result; a hang fails the test instead of hanging it."""
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(gd.parse(source))  # type: ignore[arg-type]
        except BaseException as error:  # handed back to the test
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=20)
    if thread.is_alive() and fifo is not None:
        # Give the blocked reader a writer and an end of file, so that the thread ends.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=5)
        pytest.fail(f"gd.parse({source!r}) blocked on a named pipe")
    assert not thread.is_alive()
    return outcome[0]


@needs_fifo
@pytest.mark.parametrize("as_str", [False, True], ids=["Path", "str"])
def test_named_pipe_is_refused_without_blocking(tmp_path: Path, as_str: bool) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    outcome = _parse_in_thread(str(fifo) if as_str else fifo, fifo)
    assert isinstance(outcome, gd.InputError)
    assert str(outcome) == f"{fifo}: is a named pipe, not a regular file"


@needs_fifo
def test_pipe_swapped_in_after_stat_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # stat() said regular file, then the name became a pipe: the open must not block, and the
    # open descriptor is what is checked.
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.txt"
    regular.write_text("一、总体情况\n", encoding="utf-8")
    real_stat = Path.stat

    def stat_as_if_regular(self: Path, **kwargs: bool) -> os.stat_result:
        return real_stat(regular if self == fifo else self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_as_if_regular)
    outcome = _parse_in_thread(fifo, fifo)
    assert isinstance(outcome, gd.InputError)
    assert str(outcome) == f"{fifo}: is a named pipe, not a regular file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    # /dev/zero was read until MemoryError.
    for source in (device, Path(device)):
        assert _input_error(source) == f"{device}: is a character device, not a regular file"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_socket_is_refused() -> None:
    with tempfile.TemporaryDirectory() as folder:  # short: socket paths are limited to ~100 bytes
        path = Path(folder) / "s.txt"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            assert _input_error(path) == f"{path}: is a socket, not a regular file"


def test_file_that_grows_past_the_limit_while_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # stat() saw 10 bytes; by the time it is read the file holds more than the limit.
    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 10)
    real_stat = Path.stat
    small = real_stat(path)
    path.write_bytes(b"a" * 1000)
    monkeypatch.setattr(Path, "stat", lambda self, **kw: small if self == path else real_stat(self, **kw))
    assert _input_error(path, max_bytes=100) == f"{path}: more than the limit of 100 bytes"


class _Endless(io.RawIOBase):
    """An endless stream of report-like bytes that counts what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        view[:] = b"1" * len(view)
        self.given += len(view)
        return len(view)


def test_read_stream_reads_at_most_the_limit_plus_one() -> None:
    stream = _Endless()
    with pytest.raises(gd.InputError, match=r"^<stream>: more than the limit of 5,000,000 bytes$"):
        read_stream(io.BufferedReader(stream), "<stream>", max_bytes=5_000_000)
    # BufferedReader may read ahead one buffer; never the whole stream, nor all of memory.
    assert stream.given <= 5_000_001 + io.DEFAULT_BUFFER_SIZE


def test_read_stream_at_the_limit() -> None:
    data = read_stream(io.BytesIO(b"x" * 100), "<stream>", max_bytes=100)
    assert data == b"x" * 100


def test_limits_are_bytes_for_bytes_and_characters_for_str(tmp_path: Path) -> None:
    text = "一" * 100  # 100 characters, 300 bytes in UTF-8
    assert isinstance(gd.parse(text, max_bytes=100), gd.Report)
    assert "more than the limit" in _input_error(text.encode("utf-8"), max_bytes=100)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    assert "more than the limit" in _input_error(path, max_bytes=100)
    assert "more than the limit" in _input_error(bytearray(101), max_bytes=100)
    assert "more than the limit" in _input_error(memoryview(bytes(101)), max_bytes=100)


@pytest.mark.parametrize(
    ("text", "is_path"),
    [
        ("a.txt", True),
        ("reports/24971296.jhtml", True),
        ("年报.PDF2024", True),
        ("x.7z", True),
        ("0.5", False),  # a number, not a file name
        ("收费0.5", False),
        ("v1.2.3", False),
        (".bashrc", False),  # no name before the dot, and nothing there
        ("a.123456789", False),  # an extension of 9
        ("一、总体情况", False),
        ("", False),
        ("a.txt\n", False),
        ("a.txt\r", False),
    ],
)
def test_str_is_path(text: str, is_path: bool) -> None:
    assert str_is_path(text) is is_path


def test_str_naming_something_is_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert not str_is_path("一、总体情况")
    Path("一、总体情况").write_text("二、主动公开政府信息情况\n", encoding="utf-8")
    assert str_is_path("一、总体情况")
    assert gd.parse("一、总体情况").section(2) is not None
    # Bytes are never a path: the way to pass any text as text.
    assert gd.parse("一、总体情况".encode()).section(2) is None


def test_big5_is_read_as_big5_not_as_gb18030_mojibake() -> None:
    # Mirror sites publish reports in traditional characters as Big5; its bytes are valid
    # GB18030 too, as mojibake.
    path = CORPUS / "real" / "2024_xingguo_liangcunzhen_traditional.txt"
    if not path.is_file():
        pytest.skip(f"corpus not found: {path}")
    text = path.read_text(encoding="utf-8")
    data = text.encode("big5")
    data.decode("gb18030")  # the trap: this succeeds
    source = read_source(data)
    assert (source.encoding, source.text) == ("big5", text)
    assert gd.parse(data) == gd.parse(text.encode("utf-8"))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*/*.txt")), ids=lambda p: p.name)
def test_gb18030_reports_stay_gb18030(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        data = text.encode("gb18030")
    except UnicodeEncodeError:
        pytest.skip("not encodable")
    if data.isascii():
        pytest.skip("ASCII: UTF-8 decides")
    source = read_source(data)
    assert source.text == text
    assert source.encoding == ("utf-8" if _is_utf8(data) else "gb18030")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_bytes_that_are_no_chinese_encoding_say_so() -> None:
    with pytest.raises(gd.InputError, match=r"neither UTF-8 .* nor GB18030 nor Big5"):
        gd.parse(b"\x80\x80\x80")


# --- where a report came from (Report.source) and why an input was refused (InputError.reason)

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("report_2024.txt", "text"), ("report_2024.pdf", "pdf"), ("report_2024.docx", "docx")],
)
def test_a_report_read_from_a_file_knows_its_path_hash_and_reader(name: str, kind: str) -> None:
    path = EXAMPLES / name
    report = gd.parse(path)
    assert report.source == gd.ReportSource(
        str(path),
        hashlib.sha256(path.read_bytes()).hexdigest(),
        kind,  # type: ignore[arg-type]
    )
    assert report.source.id == str(path)
    from_bytes = gd.parse(path.read_bytes())
    assert from_bytes.source == gd.ReportSource(None, report.source.sha256, kind)  # type: ignore[arg-type]
    assert from_bytes.source.id == f"sha256:{report.source.sha256}"


def test_text_and_html_text_are_hashed_as_utf8(seed_text: str) -> None:
    digest = hashlib.sha256(seed_text.encode("utf-8")).hexdigest()
    assert gd.parse(seed_text).source == gd.ReportSource(None, digest, "text")
    page = "<html><body><p>" + seed_text.replace("\n", "</p><p>") + "</p></body></html>"
    source = gd.parse(page).source
    assert source is not None and source.kind == "html"
    assert source.sha256 == hashlib.sha256(page.encode("utf-8")).hexdigest()


def test_the_source_is_not_part_of_what_a_report_is_but_survives_json(seed_text: str) -> None:
    by_text = gd.parse(seed_text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_text(seed_text, encoding="utf-8")
        by_path = gd.parse(path)
    assert by_path == by_text  # the same report, read from two places
    back = gd.Report.from_json(by_path.to_json())
    assert back.source == by_path.source
    assert "source" not in gd.Report().to_dict()  # left out where None, as schema 5 wrote it


def test_a_source_with_a_malformed_hash_is_refused() -> None:
    with pytest.raises(gd.InvalidFieldError, match="64 lowercase hex digits"):
        gd.ReportSource("a.txt", "ABC", "text")


def test_refusals_say_why_in_a_word(tmp_path: Path) -> None:
    def reason(source: object, **options: Any) -> str:
        with pytest.raises(gd.InputError) as caught:
            gd.parse(source, **options)  # type: ignore[arg-type]
        return caught.value.reason

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    word = tmp_path / "old.doc"
    word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert reason(tmp_path / "missing.txt") == "no-such-file"
    assert reason(tmp_path) == "not-a-file"
    assert reason(big, max_bytes=1000) == "too-large"
    assert reason(b"x" * 2000, max_bytes=1000) == "too-large"
    assert reason(word) == "unsupported-format"
    assert reason(b"\x89PNG\r\n\x1a\n" + bytes(range(256))) == "unreadable"


def test_the_reason_crosses_process_boundaries() -> None:
    error = gd.InputError("x.pdf: scanned", reason="scanned")
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.reason) == ("x.pdf: scanned", "scanned")
