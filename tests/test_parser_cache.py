"""The parser cache: a file planted at the cache name can make a parse slower, never run code.

Every test runs in its own ``XDG_CACHE_HOME`` and clears ``table_parser``'s functools cache, so
the parser is really looked up in (and written to) the temporary cache folder.

Building the parser takes half a second, and most tests here make the cache refuse a file and
rebuild: ``lark.Lark()`` itself is built once per module (``_one_build``) and each rebuild
reuses it, while the cache's own work (refusing, writing, loading) runs for real in every
test. ``test_the_next_build_loads_what_the_first_saved`` and the child processes build for real.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import lark
import pytest
from lark.lexer import Lexer

import gov_disclosure as gd
from gov_disclosure.parsing import grammar as grammar_module
from gov_disclosure.parsing import parser_cache
from gov_disclosure.parsing.contextual_lexer import ContextualLexer
from gov_disclosure.parsing.parser_cache import MAX_CACHE_BYTES, CacheOutcome

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "report_2024.txt"
NO_CACHE = "GOV_DISCLOSURE_NO_CACHE"
OTHER_UID = 65534  # nobody

# A child process: parses the example and prints the report and what the cache did.
_CHILD = """\
import json, sys
import gov_disclosure as gd
from gov_disclosure.parsing import parser_cache
if "--wait" in sys.argv:
    print("ready", flush=True)
    sys.stdin.readline()
report = gd.parse(open(sys.argv[1], "rb").read())
outcome = parser_cache.last_outcome()
print(json.dumps({"report": report.to_json(), "loaded": outcome.loaded, "saved": outcome.saved}))
"""


_REAL_BUILD = parser_cache._build


@pytest.fixture(scope="module", autouse=True)
def _one_build() -> Iterator[None]:
    """``parser_cache._build`` builds each parser once in this module; a rebuild reuses it."""
    built: dict[tuple[str, type[Lexer], str], lark.Lark] = {}

    def build(grammar: str, lexer: type[Lexer], options: Mapping[str, object]) -> lark.Lark:
        key = (grammar, lexer, repr(sorted(options.items())))
        if key not in built:
            built[key] = _REAL_BUILD(grammar, lexer, options)
        return built[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parser_cache, "_build", build)
        yield


@pytest.fixture(scope="module")
def reference() -> gd.Report:
    """The example report as a parser built without any cache reads it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(NO_CACHE, "1")
        grammar_module.table_parser.cache_clear()
        report = gd.parse(EXAMPLE.read_bytes())
        assert _outcome().reason == f"disabled by {NO_CACHE}"
    grammar_module.table_parser.cache_clear()
    # The README's figures: the reference is itself right.
    assert report.applications.new_received.total == 21
    assert report.cells()["t3.unable_not_held.natural_person"] == 5
    return report


@pytest.fixture(scope="module")
def valid_entry(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A cache file as ``table_parser()`` saves it, built once for the module's tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        patch.delenv(NO_CACHE, raising=False)
        path = _make_valid_cache_by_parsing()
        grammar_module.table_parser.cache_clear()
        return path.read_bytes()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty XDG_CACHE_HOME; table_parser() forgets the parser it built before."""
    home = tmp_path / "xdg-cache"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(NO_CACHE, raising=False)
    grammar_module.table_parser.cache_clear()
    yield home
    grammar_module.table_parser.cache_clear()


def _outcome() -> CacheOutcome:
    outcome = parser_cache.last_outcome()
    assert outcome is not None
    return outcome


def _cache_path() -> Path:
    found = grammar_module._cache_file()
    assert found is not None
    return Path(found)


def _parse_fresh() -> tuple[gd.Report, CacheOutcome]:
    """Parse the example with a parser looked up afresh in the cache."""
    grammar_module.table_parser.cache_clear()
    report = gd.parse(EXAMPLE.read_bytes())
    return report, _outcome()


def _make_valid_cache_by_parsing() -> Path:
    _, outcome = _parse_fresh()
    assert outcome.saved, outcome
    path = _cache_path()
    assert path.is_file()
    return path


def _make_valid_cache(entry: bytes) -> Path:
    """``entry`` (``valid_entry``) at the cache name, as a save lays it: folder 0700, file 0600."""
    path = _cache_path()
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.parent.chmod(0o700)
    path.write_bytes(entry)
    path.chmod(0o600)
    return path


def _assert_rebuilt_and_saved(reference: gd.Report, *, saved: bool = True) -> CacheOutcome:
    report, outcome = _parse_fresh()
    assert report == reference
    assert not outcome.loaded, outcome
    assert outcome.saved == saved, outcome
    if saved:  # what was saved is used by the next process
        report, again = _parse_fresh()
        assert again.loaded, again
        assert report == reference
    return outcome


def _header_and_payload(path: Path) -> tuple[bytes, bytes]:
    content = path.read_bytes()
    header, _, rest = content.partition(b"\n")
    _, _, payload = rest.partition(b"\n")
    return header + b"\n", payload


def _write_entry(path: Path, header: bytes, payload: bytes) -> None:
    """A cache file with the right header and a correct hash of ``payload``: only what comes
    after the hash lines can refuse it."""
    path.write_bytes(header + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
    path.chmod(0o600)


def _code_running_pickle(marker: Path) -> bytes:
    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.mkdir, (str(marker),)

    return pickle.dumps(Payload())


# -- it is a cache ------------------------------------------------------------------------------


def test_the_next_build_loads_what_the_first_saved(
    cache_home: Path, valid_entry: bytes, reference: gd.Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parser_cache, "_build", _REAL_BUILD)  # a parser built afresh, saved
    report, first = _parse_fresh()
    assert (first.loaded, first.saved, first.reason) == (False, True, "no cache file yet")
    assert report == reference
    path = _cache_path()
    assert first.path == path
    assert path.parent == cache_home / "gov_disclosure"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left behind
    # The other tests lay valid_entry at the cache name: what a save writes, under the same key.
    assert path.read_bytes().partition(b"\n")[0] == valid_entry.partition(b"\n")[0]
    report, second = _parse_fresh()
    assert (second.loaded, second.saved, second.reason) == (True, False, "")
    assert report == reference


def test_a_second_process_loads_from_the_cache(
    cache_home: Path, valid_entry: bytes, reference: gd.Report
) -> None:
    # This process saved valid_entry; another one loads it (the eight processes below save, and
    # this one loads what they saved).
    _make_valid_cache(valid_entry)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    child: dict[str, object] = json.loads(done.stdout)
    assert (child["loaded"], child["saved"]) == (True, False)
    assert isinstance(child["report"], str)
    assert gd.Report.from_json(child["report"]) == reference


def test_the_cache_file_is_plain_json_well_under_the_size_bound(cache_home: Path, valid_entry: bytes) -> None:
    path = _make_valid_cache(valid_entry)
    header, payload = _header_and_payload(path)
    assert len(header) == 65
    stored = json.loads(payload)  # decodable without the library's hook: nothing but data
    assert set(stored) == {"data", "memo"}
    assert "pickle" not in payload.decode("utf-8")
    # A grammar that grew past a quarter of the bound should raise the bound, not silently stop
    # the cache from working.
    assert path.stat().st_size < MAX_CACHE_BYTES / 4


def test_no_cache_variable_turns_caching_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_CACHE, "1")
    assert grammar_module._cache_file() is None
    _, outcome = _parse_fresh()
    assert outcome == CacheOutcome(None, loaded=False, saved=False, reason=f"disabled by {NO_CACHE}")
    assert list(cache_home.iterdir()) == []
    monkeypatch.setenv(NO_CACHE, "0")
    _, outcome = _parse_fresh()
    assert outcome.saved


# -- planted files never run code ---------------------------------------------------------------


def test_the_planted_pickle_would_run_code(tmp_path: Path) -> None:
    # The payload of the next test is live: unpickled, it creates its marker.
    marker = tmp_path / "proof"
    pickle.loads(_code_running_pickle(marker))  # running it is the point of this test
    assert marker.is_dir()


@pytest.mark.parametrize("layout", ["bare pickle", "lark's layout", "right header and hash"])
def test_a_planted_pickle_never_runs(
    cache_home: Path, valid_entry: bytes, tmp_path: Path, reference: gd.Report, layout: str
) -> None:
    marker = tmp_path / "code-ran"
    planted = _code_running_pickle(marker)
    path = _make_valid_cache(valid_entry)
    if layout == "bare pickle":
        path.write_bytes(planted)
    elif layout == "lark's layout":  # lark 1.3: a hash line, then pickles
        path.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(set()) + planted)
    else:  # the key is no secret (the grammar is public): the right header, the pickle's hash
        header, _ = _header_and_payload(path)
        _write_entry(path, header, planted)
    path.chmod(0o600)
    # lark's own file name and layout beside it: never opened at all.
    (path.parent / path.name.replace(".json", ".lark")).write_bytes(b"0" * 64 + b"\n" + planted)
    outcome = _assert_rebuilt_and_saved(reference)
    assert not marker.exists()
    assert outcome.path == path
    # Refused at the header line, or (header and hash right) by the JSON decoder: never unpickled.
    expected = UNREADABLE if layout == "right header and hash" else "built for another grammar"
    assert expected in outcome.reason


# -- the folder and the file must be the user's own ---------------------------------------------


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_cache_folder_others_can_write_is_not_used(
    cache_home: Path, valid_entry: bytes, reference: gd.Report, mode: int
) -> None:
    path = _make_valid_cache(valid_entry)
    before = path.read_bytes()
    path.parent.chmod(mode)
    report, outcome = _parse_fresh()
    assert report == reference
    assert (outcome.loaded, outcome.saved) == (False, False)
    assert f"writable by group or others (mode {mode:04o})" in outcome.reason
    assert path.read_bytes() == before


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.chown to another uid needs root"
)
def test_a_cache_folder_of_another_user_is_not_used(
    cache_home: Path, valid_entry: bytes, reference: gd.Report
) -> None:
    path = _make_valid_cache(valid_entry)
    os.chown(path.parent, OTHER_UID, -1)
    report, outcome = _parse_fresh()
    assert report == reference
    assert (outcome.loaded, outcome.saved) == (False, False)
    assert f"owned by uid {OTHER_UID}" in outcome.reason


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.chown to another uid needs root"
)
def test_a_cache_file_of_another_user_is_not_loaded(
    cache_home: Path, valid_entry: bytes, reference: gd.Report
) -> None:
    path = _make_valid_cache(valid_entry)
    os.chown(path, OTHER_UID, -1)
    outcome = _assert_rebuilt_and_saved(reference)
    assert f"cache file is owned by uid {OTHER_UID}" in outcome.reason
    assert path.stat().st_uid == os.getuid()


def test_a_cache_file_others_can_write_is_not_loaded(
    cache_home: Path, valid_entry: bytes, reference: gd.Report
) -> None:
    path = _make_valid_cache(valid_entry)
    path.chmod(0o666)
    outcome = _assert_rebuilt_and_saved(reference)
    assert "cache file is writable by group or others (mode 0666)" in outcome.reason
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_symlinked_cache_folder_is_not_used(
    cache_home: Path, valid_entry: bytes, tmp_path: Path, reference: gd.Report
) -> None:
    path = _make_valid_cache(valid_entry)
    elsewhere = tmp_path / "elsewhere"
    path.parent.rename(elsewhere)
    path.parent.symlink_to(elsewhere, target_is_directory=True)
    report, outcome = _parse_fresh()
    assert report == reference
    assert (outcome.loaded, outcome.saved) == (False, False)
    assert "cannot be opened as a real directory" in outcome.reason


@pytest.mark.parametrize("target", ["victim", "valid cache elsewhere"])
def test_a_symlink_at_the_cache_name_is_replaced_never_followed(
    cache_home: Path, valid_entry: bytes, tmp_path: Path, reference: gd.Report, target: str
) -> None:
    if target == "victim":
        pointed = tmp_path / "victim.txt"
        pointed.write_text("precious\n", encoding="utf-8")
        path = _cache_path()
        path.parent.mkdir(mode=0o700)
    else:
        path = _make_valid_cache(valid_entry)
        pointed = tmp_path / "copy.json"
        pointed.write_bytes(path.read_bytes())
        pointed.chmod(0o600)
        path.unlink()
    before = pointed.read_bytes()
    path.symlink_to(pointed)
    outcome = _assert_rebuilt_and_saved(reference)
    assert "without following links" in outcome.reason
    assert pointed.read_bytes() == before
    assert not path.is_symlink()
    assert path.is_file()


def test_a_relative_xdg_cache_home_is_ignored(
    cache_home: Path,
    valid_entry: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reference: gd.Report,
) -> None:
    # A valid cache inside an "extracted tarball", where a relative XDG_CACHE_HOME would find it.
    valid = _make_valid_cache(valid_entry)
    extracted = tmp_path / "extracted"
    (extracted / "cache" / "gov_disclosure").mkdir(parents=True, mode=0o700)
    planted = extracted / "cache" / "gov_disclosure" / valid.name
    planted.write_bytes(valid.read_bytes())
    planted.chmod(0o600)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(extracted)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    path = _cache_path()
    assert path == home / ".cache" / "gov_disclosure" / valid.name
    report, outcome = _parse_fresh()
    assert report == reference
    assert (outcome.loaded, outcome.saved, outcome.path) == (False, True, path)
    assert path.is_file()


def test_no_absolute_folder_means_no_cache(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: gd.Report
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "relative-home")
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    assert grammar_module._cache_file() is None
    report, outcome = _parse_fresh()
    assert report == reference
    assert (outcome.path, outcome.loaded, outcome.saved) == (None, False, False)
    assert "no absolute cache folder" in outcome.reason
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xdg-cache"]


def test_a_cache_folder_that_cannot_be_made_costs_time_only(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch, reference: gd.Report
) -> None:
    blocker = cache_home / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "below"))
    report, outcome = _parse_fresh()
    assert report == reference
    assert (outcome.loaded, outcome.saved) == (False, False)
    assert outcome.reason.startswith("cache folder unusable: NotADirectoryError")


# -- anything wrong with the file means a rebuild -----------------------------------------------


def _truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _garbage_after_right_header(path: Path) -> None:
    header, _ = _header_and_payload(path)
    path.write_bytes(header + os.urandom(4096))


def _garbage_with_its_hash(path: Path) -> None:
    header, _ = _header_and_payload(path)
    _write_entry(path, header, bytes(range(256)) * 16)


def _huge(path: Path) -> None:
    # Sparse: the size check must refuse it before anything is read.
    os.truncate(path, MAX_CACHE_BYTES + 1024)


def _deeply_nested(path: Path) -> None:
    header, _ = _header_and_payload(path)
    _write_entry(path, header, b"[" * 200_000 + b"]" * 200_000)


def _deeply_nested_tuples(path: Path) -> None:
    header, _ = _header_and_payload(path)
    _write_entry(path, header, b'{"(":' * 100_000 + b"[]" + b"}" * 100_000)


def _not_utf8(path: Path) -> None:
    header, _ = _header_and_payload(path)
    _write_entry(path, header, b'{"data": "\xff\xfe\xfd"}')


def _not_a_parser(path: Path) -> None:
    header, _ = _header_and_payload(path)
    _write_entry(path, header, b'{"data": {}, "memo": {}}')


def _edit_payload(old: bytes, new: bytes) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        header, payload = _header_and_payload(path)
        assert old in payload, old
        _write_entry(path, header, payload.replace(old, new, 1))

    return edit


def _other_header(path: Path) -> None:
    _, payload = _header_and_payload(path)
    _write_entry(path, b"f" * 64 + b"\n", payload)


def _edit_stored(edit: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    """A change to the decoded payload, stored again with a correct hash."""

    def damage(path: Path) -> None:
        header, payload = _header_and_payload(path)
        stored = json.loads(payload, object_hook=parser_cache._decode_object)
        edit(stored)
        _write_entry(path, header, json.dumps(parser_cache._encode(stored)).encode("utf-8"))

    return damage


def _first_regex_pattern(stored: dict[str, Any]) -> dict[str, Any]:
    for entry in stored["memo"].values():
        if entry.get("__type__") == "TerminalDef" and entry["pattern"]["__type__"] == "PatternRE":
            pattern: dict[str, Any] = entry["pattern"]
            return pattern
    raise AssertionError("no regex terminal in the cache")


def _break_a_regex(stored: dict[str, Any]) -> None:
    _first_regex_pattern(stored)["value"] = "("


def _other_options_start(stored: dict[str, Any]) -> None:
    stored["data"]["options"]["start"] = ["sections"]


def _other_parser_start(stored: dict[str, Any]) -> None:
    stored["data"]["parser"]["parser_conf"]["start"] = ["sections"]


def _wrong_field_type(stored: dict[str, Any]) -> None:
    stored["data"]["parser"]["parser"]["states"] = ["not", "a", "table"]


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path, 0o600)


def _stale_hash_line(path: Path) -> None:
    # Valid JSON of a parser, but not what the hash line says: the file was not written whole.
    header, payload = _header_and_payload(path)
    path.write_bytes(header + b"0" * 64 + b"\n" + payload)


TORN = "torn or altered"
UNREADABLE = "cache file unreadable: "

# Each damage, and the words the reason for not loading the file must contain.
DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "torn": (_truncate_half, TORN),
    "empty": (_empty, "built for another grammar"),
    "a stale hash line": (_stale_hash_line, TORN),
    "garbage after the right header": (_garbage_after_right_header, TORN),
    "garbage with its hash": (_garbage_with_its_hash, UNREADABLE),
    "huge": (_huge, f"larger than {MAX_CACHE_BYTES} bytes"),
    "deeply nested lists": (_deeply_nested, "RecursionError"),
    "deeply nested tuples": (_deeply_nested_tuples, "RecursionError"),
    "not UTF-8": (_not_utf8, UNREADABLE),
    "JSON that is not a parser": (_not_a_parser, UNREADABLE),
    "another grammar or lark version": (_other_header, "built for another grammar, lark, Python or format"),
    # lark's deserializer looks '__type__' up in each class's namespace: nothing else resolves.
    "a class lark does not list": (
        _edit_payload(b'"__type__":"PatternRE"', b'"__type__":"Lark"'),
        "KeyError('Lark')",
    ),
    "a dotted name": (
        _edit_payload(b'"__type__":"PatternRE"', b'"__type__":"os.system"'),
        "KeyError('os.system')",
    ),
    "another lexer": (
        _edit_payload(b'"lexer_type":"<custom lexer>"', b'"lexer_type":"contextual"'),
        "names another lexer",
    ),
    "a caller-only option": (
        _edit_payload(b'"strict":false', b'"strict":false,"postlex":"os.system"'),
        "only the caller may set",
    ),
    "a non-plain option": (_edit_payload(b'"strict":false', b'"strict":{"a":1}'), "is not plain data"),
    "another start option": (_edit_stored(_other_options_start), "another 'start' option"),
    "another start in the parser": (_edit_stored(_other_parser_start), "other start rules"),
    "a field of the wrong type": (_edit_stored(_wrong_field_type), UNREADABLE),
    "a broken regex": (_edit_stored(_break_a_regex), UNREADABLE),
    "a dangling memo reference": (_edit_payload(b'{"@":0}', b'{"@":999999}'), "KeyError(999999)"),
    "a FIFO": (_fifo, "not a regular file"),
}


# Each case saves and loads the whole parser (a third of a second): 22 of them are slow.
@pytest.mark.slow
@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_a_damaged_cache_file_is_rebuilt(
    cache_home: Path, valid_entry: bytes, reference: gd.Report, damage: str
) -> None:
    path = _make_valid_cache(valid_entry)
    spoil, reason = DAMAGE[damage]
    spoil(path)
    outcome = _assert_rebuilt_and_saved(reference)
    assert reason in outcome.reason
    assert stat.S_ISREG(path.lstat().st_mode)


def test_a_directory_at_the_cache_name_costs_time_only(
    cache_home: Path, valid_entry: bytes, reference: gd.Report
) -> None:
    path = _make_valid_cache(valid_entry)
    path.unlink()
    path.mkdir()
    outcome = _assert_rebuilt_and_saved(reference, saved=False)
    assert outcome.reason == "cache file is not a regular file"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # the temporary was removed


def test_the_key_covers_grammar_lark_version_and_options(monkeypatch: pytest.MonkeyPatch) -> None:
    grammar = grammar_module.widened_grammar()
    options = dict(grammar_module._TABLE_PARSER_OPTIONS)
    key = parser_cache._key_digest(grammar, ContextualLexer, options)
    assert parser_cache._key_digest(grammar + "\n", ContextualLexer, options) != key
    assert parser_cache._key_digest(grammar, ContextualLexer, {**options, "start": ["start"]}) != key
    monkeypatch.setattr(lark, "__version__", "0.0.0")
    assert parser_cache._key_digest(grammar, ContextualLexer, options) != key
    monkeypatch.undo()
    monkeypatch.setattr(parser_cache, "FORMAT_VERSION", parser_cache.FORMAT_VERSION + 1)
    assert parser_cache._key_digest(grammar, ContextualLexer, options) != key


def test_a_cache_of_another_lark_version_is_not_loaded(
    cache_home: Path, valid_entry: bytes, monkeypatch: pytest.MonkeyPatch, reference: gd.Report
) -> None:
    path = _make_valid_cache(valid_entry)
    monkeypatch.setattr(lark, "__version__", "0.0.0")
    other = _cache_path()
    assert other != path
    other.write_bytes(path.read_bytes())  # the other version's file, at this version's name
    other.chmod(0o600)
    outcome = _assert_rebuilt_and_saved(reference)
    assert outcome.reason == "cache file was built for another grammar, lark, Python or format"


# -- many processes at once ---------------------------------------------------------------------


@pytest.mark.slow  # eight interpreters each build the parser: seconds on two cores
def test_eight_processes_starting_at_once_all_parse_and_leave_a_valid_cache(
    cache_home: Path, reference: gd.Report
) -> None:
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(EXAMPLE), "--wait"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    try:
        for child in children:  # every one imported the library: now release them together
            assert child.stdout is not None
            ready = child.stdout.readline()
            assert ready == "ready\n", f"a child did not start: {ready!r}"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.communicate()
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert gd.Report.from_json(json.loads(out)["report"]) == reference
    path = _cache_path()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    report, outcome = _parse_fresh()
    assert outcome.loaded, outcome
    assert report == reference


# -- the encoding -------------------------------------------------------------------------------


def test_the_encoding_round_trips_tuples_and_int_keys() -> None:
    data = {
        "states": {0: {3: (0, 5), 4: (1, {"@": 2})}, 17: {}},
        "int keys, not all pairs": {1: (0, 1), 2: (0, 1, 2), 3: [0, 1]},
        "tuple in list": [(), ("a", None, True, 1.5)],
        "token": lark.Token("NAME", "value"),
        "empty": {},
    }
    text = json.dumps(parser_cache._encode(data))
    decoded = json.loads(text, object_hook=parser_cache._decode_object)
    assert decoded == data
    assert type(decoded["states"][0][3]) is tuple
    assert type(decoded["token"]) is str
    assert '"#(": [3, 0, 5, 4, 1, {"@": 2}]' in text  # the actions of a state: one flat list


@pytest.mark.parametrize(
    "value",
    [{"(": [1]}, {"#": []}, {"#(": []}, {1: "a", "b": 2}, {True: 1}, ContextualLexer, {1, 2}, b"bytes"],
    ids=[
        "tuple marker",
        "int-keys marker",
        "pairs marker",
        "mixed keys",
        "bool key",
        "a class",
        "a set",
        "bytes",
    ],
)
def test_the_encoder_refuses_what_it_cannot_decode_exactly(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        parser_cache._encode({"x": value})


@pytest.mark.parametrize(
    "text",
    [
        '{"(": 1}',
        '{"#": {"1": 2}}',
        '{"#": [[1]]}',
        '{"#": [["1", 2]]}',
        '{"#": [[1.0, 2]]}',
        '{"#(": [1, 2]}',
        '{"#(": [1, 2, 3, "4", 5, 6]}',
        '{"#(": {"1": [2, 3]}}',
    ],
)
def test_the_decoder_refuses_malformed_markers(text: str) -> None:
    with pytest.raises(ValueError, match="must be encoded"):
        json.loads(text, object_hook=parser_cache._decode_object)
