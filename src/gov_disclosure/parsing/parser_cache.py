"""A cache of built LALR parsers that a planted file can at worst make slower, never run code.

Building the table parser takes about 200 ms (lark's LALR analysis of the widened grammar), so
the built parser is kept between processes in ``$XDG_CACHE_HOME/gov_disclosure/`` (or
``~/.cache/gov_disclosure/``). lark's own ``cache=`` option unpickles the file before it checks
anything; this module never unpickles. The file is::

    <sha256 of the key: format version, lark and Python versions, lexer, options, grammar>\\n
    <sha256 of the payload>\\n
    <payload: lark's ``memo_serialize`` data as JSON, tuples and int-keyed dicts marked>

and is used only when every check passes, in this order: caching is on; the folder is an
absolute path, a real directory (not a symlink), owned by this user and not writable by group or
others; the file, opened with ``O_NOFOLLOW | O_NONBLOCK`` relative to that folder, is a regular
file owned by this user, not writable by group or others, and at most ``MAX_CACHE_BYTES``; its
first line is the key's hash (compared before anything else is read); its second line is the
hash of the rest. Only then is the rest decoded, by ``json`` (which builds dicts, lists, strings
and numbers and nothing else); its lark options must be the caller's and plain data (the ones
lark takes from the caller at load, a postlex or a transformer say, are never stored); and it
is handed to lark, whose deserializer instantiates only the classes named in each lark class's
``__serialize_namespace__`` (lark's pattern, terminal, rule and configuration classes). The one
class the data cannot name, the custom lexer, is supplied by the caller in place of a fixed
marker. Any failure anywhere means the parser is built afresh, never an error for the user.

A parser built afresh is written to a new ``O_EXCL`` file (mode 0600) in the same folder and
moved into place with ``os.replace``, so a concurrent reader sees the old file or the new one,
never a torn one, and a symlink planted at the cache name is replaced, never followed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import sys
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any, Final, NamedTuple

import lark
from lark import Lark
from lark.grammar import Rule
from lark.lark import _LOAD_ALLOWED_OPTIONS
from lark.lexer import Lexer, TerminalDef

__all__ = ["MAX_CACHE_BYTES", "CacheOutcome", "cache_file", "cached_lalr_parser", "last_outcome"]

logger = logging.getLogger(__name__)

# Part of the key: bump it when the file layout or the payload encoding changes.
FORMAT_VERSION: Final = 1

# Today's table parser is about 0.6 MB; a file above this bound is refused unread, which bounds
# the memory a planted or runaway file can make the decoder use.
MAX_CACHE_BYTES: Final = 8 * 1024 * 1024

NO_CACHE_VARIABLE: Final = "GOV_DISCLOSURE_NO_CACHE"
FOLDER_NAME: Final = "gov_disclosure"

# JSON has no tuples and only string keys: each is a one-key object with one of these keys.
# The encoder refuses data holding a real one-key dict with such a key, so decoding is exact.
_TUPLE: Final = "("
_INT_KEYS: Final = "#"  # [[key, value], ...]
# An int-keyed dict of pairs (each LALR state's actions: token -> (shift or reduce, target)) as
# one flat list [key, first, second, ...]: a third fewer bytes and far fewer JSON objects than
# a marked tuple per action, which makes decoding about a third faster.
_INT_KEYED_PAIRS: Final = "#("
_MARKERS: Final = frozenset((_TUPLE, _INT_KEYS, _INT_KEYED_PAIRS))

# What the serialized options and lexer configuration hold in place of the lexer class.
_LEXER_MARKER: Final = "<custom lexer>"

# Options lark takes from the caller when loading rather than from the data (lark's
# _LOAD_ALLOWED_OPTIONS): never stored, so the file cannot set a postlex, transformer,
# callbacks, tree class or plugins.
_CALLER_OPTIONS: Final = frozenset(_LOAD_ALLOWED_OPTIONS)

_HASH_LINE_BYTES: Final = 64 + 1  # hex sha256 and its newline


class CacheOutcome(NamedTuple):
    """What the last ``cached_lalr_parser`` call did with the cache (for tests and debugging).
    (A NamedTuple: an attrs class costs 3 ms more to define, on every first parse.)"""

    path: Path | None  # the cache file; None when caching is off or there is no usable folder
    loaded: bool  # the parser was read from the file
    saved: bool  # a parser built here was written to the file for the next process
    reason: str  # why it was not loaded, or "" when it was


_last_outcome: CacheOutcome | None = None


def last_outcome() -> CacheOutcome | None:
    """The outcome of this process's last ``cached_lalr_parser`` call, or None before any."""
    return _last_outcome


class _Refused(Exception):
    """The cache cannot be used; the message says why."""


def cached_lalr_parser(grammar: str, lexer: type[Lexer], **options: object) -> Lark:
    """``Lark(grammar, parser="lalr", lexer=lexer, **options)``, read from the cache when a
    valid entry exists, otherwise built and saved for the next process. Nothing about the
    cache can make this fail: a cache that cannot be used only costs the build."""
    global _last_outcome  # noqa: PLW0603 - one record per process, read by last_outcome()
    key = _key_digest(grammar, lexer, options)
    path = _cache_path(key)
    if path is None:
        _last_outcome = CacheOutcome(None, loaded=False, saved=False, reason=_why_no_path())
        return _build(grammar, lexer, options)
    header = key.encode("ascii") + b"\n"
    try:
        folder_fd = _open_folder(path.parent)
    except Exception as error:  # also ValueError: a NUL byte in XDG_CACHE_HOME or HOME
        reason = _reason(error, "cache folder unusable")
        _last_outcome = CacheOutcome(path, loaded=False, saved=False, reason=reason)
        logger.debug("parser cache not used: %s", reason)
        return _build(grammar, lexer, options)
    try:
        try:
            parser = _load(folder_fd, path.name, header, lexer, options)
        except Exception as error:  # any failure at all means rebuild, never an error
            reason = _reason(error, "cache file unreadable")
        else:
            _last_outcome = CacheOutcome(path, loaded=True, saved=False, reason="")
            return parser
        logger.debug("parser cache %s not loaded: %s", path, reason)
        parser = _build(grammar, lexer, options)
        try:
            _save(folder_fd, path.name, header, parser, lexer)
        except Exception as error:
            logger.debug("parser cache %s not written: %r", path, error)
            saved = False
        else:
            saved = True
        _last_outcome = CacheOutcome(path, loaded=False, saved=saved, reason=reason)
        return parser
    finally:
        os.close(folder_fd)


def _reason(error: Exception, what: str) -> str:
    return str(error) if isinstance(error, _Refused) else f"{what}: {error!r}"[:300]


def cache_file(grammar: str, lexer: type[Lexer], **options: object) -> Path | None:
    """Where ``cached_lalr_parser`` keeps this parser, or None when caching is off or no
    absolute cache folder is known. (Whether the folder is safe to use is checked on use.)"""
    return _cache_path(_key_digest(grammar, lexer, options))


def _build(grammar: str, lexer: type[Lexer], options: Mapping[str, object]) -> Lark:
    return Lark(grammar, parser="lalr", lexer=lexer, **options)


def _key_digest(grammar: str, lexer: type[Lexer], options: Mapping[str, object]) -> str:
    """The hash every cache entry is keyed on: a change to any part means a rebuild."""
    key = json.dumps(
        [
            FORMAT_VERSION,
            lark.__version__,
            sys.implementation.name,
            list(sys.version_info[:2]),
            f"{lexer.__module__}.{lexer.__qualname__}",
            repr(sorted(options.items())),
            grammar,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _cache_folder() -> Path | None:
    if os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0"):
        return None
    # The XDG base directory spec: a relative XDG_CACHE_HOME is invalid and must be ignored
    # (it would resolve against whatever folder the process runs in, an extracted archive say).
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        base = Path(xdg)
    else:
        try:
            base = Path.home() / ".cache"
        except (RuntimeError, KeyError, OSError):  # no home directory to be found
            return None
        if not base.is_absolute():  # HOME set to a relative path: the same problem
            return None
    return base / FOLDER_NAME


def _platform_supported() -> bool:
    # Owner checks and folder-relative opens are what make the cache safe; without them, no cache.
    return hasattr(os, "getuid") and hasattr(os, "O_NOFOLLOW") and os.open in os.supports_dir_fd


def _cache_path(key: str) -> Path | None:
    if not _platform_supported():
        return None
    folder = _cache_folder()
    return None if folder is None else folder / f"parser-{key[:16]}.json"


def _why_no_path() -> str:
    if os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0"):
        return f"disabled by {NO_CACHE_VARIABLE}"
    if not _platform_supported():
        return "this platform cannot open files relative to a folder without following links"
    return "no absolute cache folder (XDG_CACHE_HOME relative or unset, and no home directory)"


def _open_folder(folder: Path) -> int:
    """A descriptor of the cache folder, created if missing, once it is checked to be the
    user's own: every later open and rename is relative to it, so the folder checked is the
    folder used even if its path is swapped meanwhile."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        raise _Refused(f"cache folder {folder} cannot be opened as a real directory: {error}") from None
    try:
        info = os.fstat(folder_fd)
        if not stat.S_ISDIR(info.st_mode):  # pragma: no cover - O_DIRECTORY already ensures it
            raise _Refused(f"cache folder {folder} is not a directory")
        if info.st_uid != os.getuid():
            raise _Refused(f"cache folder {folder} is owned by uid {info.st_uid}, not this user")
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise _Refused(
                f"cache folder {folder} is writable by group or others "
                f"(mode {stat.S_IMODE(info.st_mode):04o})"
            )
    except BaseException:
        os.close(folder_fd)
        raise
    return folder_fd


def _read_entry(folder_fd: int, name: str, header: bytes) -> bytes:
    """The payload of the cache file, after the file and both hash lines are checked."""
    try:
        # O_NONBLOCK: a FIFO planted at the name must not hang the open.
        file_fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder_fd)
    except FileNotFoundError:
        raise _Refused("no cache file yet") from None
    except OSError as error:  # ELOOP: a symlink at the name
        raise _Refused(f"cache file cannot be opened without following links: {error}") from None
    try:
        info = os.fstat(file_fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("cache file is not a regular file")
        if info.st_uid != os.getuid():
            raise _Refused(f"cache file is owned by uid {info.st_uid}, not this user")
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise _Refused(
                f"cache file is writable by group or others (mode {stat.S_IMODE(info.st_mode):04o})"
            )
        if info.st_size > MAX_CACHE_BYTES:
            raise _Refused(f"cache file is larger than {MAX_CACHE_BYTES} bytes")
        if _read_up_to(file_fd, len(header)) != header:
            raise _Refused("cache file was built for another grammar, lark, Python or format")
        payload_hash = _read_up_to(file_fd, _HASH_LINE_BYTES)
        payload = _read_up_to(file_fd, MAX_CACHE_BYTES + 1)
    finally:
        os.close(file_fd)
    if len(payload) > MAX_CACHE_BYTES:  # it grew after the fstat
        raise _Refused(f"cache file is larger than {MAX_CACHE_BYTES} bytes")
    if payload_hash != hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n":
        raise _Refused("cache file is torn or altered (its content does not match its hash)")
    return payload


def _read_up_to(file_fd: int, size: int) -> bytes:
    """The next ``size`` bytes, fewer only at the end of the file."""
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(file_fd, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _load(
    folder_fd: int, name: str, header: bytes, lexer: type[Lexer], options: Mapping[str, object]
) -> Lark:
    payload = _read_entry(folder_fd, name, header)
    stored = json.loads(payload, object_hook=_decode_object)
    if type(stored) is not dict or set(stored) != {"data", "memo"}:
        raise _Refused("cache payload is not a serialized parser")
    data, memo = stored["data"], stored["memo"]
    if type(data) is not dict or type(memo) is not dict or "grammar" in data:
        raise _Refused("cache payload is not a serialized parser")
    data["options"] = _checked_options(data["options"], lexer, options)
    # A start rule lark does not know fails at parse time, not here: check it here.
    if data["parser"]["parser_conf"]["start"] != data["options"]["start"]:
        raise _Refused("cache payload's parser has other start rules than its options")
    lexer_conf = data["parser"]["lexer_conf"]
    if lexer_conf["lexer_type"] != _LEXER_MARKER:
        raise _Refused("cache payload names another lexer")
    lexer_conf["lexer_type"] = lexer
    caller_options = {option: value for option, value in options.items() if option in _CALLER_OPTIONS}
    parser: Lark = Lark._load_from_dict(data, memo, **caller_options)  # type: ignore[no-untyped-call]
    return parser


def _checked_options(stored: object, lexer: type[Lexer], options: Mapping[str, object]) -> dict[str, Any]:
    """The stored lark options with the lexer class put back, once they are checked to be the
    ones this parser is built with and plain data."""
    if type(stored) is not dict:
        raise _Refused("cache payload has no options")
    if stored.keys() & _CALLER_OPTIONS:
        raise _Refused("cache payload sets options that only the caller may set")
    if stored.get("lexer") != _LEXER_MARKER or stored.get("parser") != "lalr":
        raise _Refused("cache payload was built with another parser or lexer")
    for name, value in options.items():
        if name not in _CALLER_OPTIONS and stored.get(name) != value:
            raise _Refused(f"cache payload was built with another {name!r} option")
    for name, value in stored.items():
        if not _is_plain_option(value):
            raise _Refused(f"cache payload option {name!r} is not plain data")
    return {**stored, "lexer": lexer}


def _is_plain_option(value: object) -> bool:
    if value is None or type(value) in (bool, int, str):
        return True
    if type(value) is list:
        return all(type(item) is str for item in value)
    return type(value) is dict and not value


def _save(folder_fd: int, name: str, header: bytes, parser: Lark, lexer: type[Lexer]) -> None:
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    # memo_serialize hands back the parser's live options dict: build new dicts, never edit it.
    options = {key: value for key, value in data["options"].items() if key not in _CALLER_OPTIONS}
    if options.get("lexer") is not lexer or data["parser"]["lexer_conf"]["lexer_type"] is not lexer:
        raise ValueError("the parser was not built with the expected lexer")
    options["lexer"] = _LEXER_MARKER
    lexer_conf = {**data["parser"]["lexer_conf"], "lexer_type": _LEXER_MARKER}
    data = {**data, "options": options, "parser": {**data["parser"], "lexer_conf": lexer_conf}}
    payload = json.dumps(
        _encode({"data": data, "memo": memo}), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
    if len(payload) > MAX_CACHE_BYTES:
        raise ValueError(f"the serialized parser is larger than {MAX_CACHE_BYTES} bytes")
    content = header + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
    temporary = f".{name}.{os.getpid()}.{os.urandom(8).hex()}.tmp"
    file_fd = os.open(
        temporary,
        os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
        0o600,
        dir_fd=folder_fd,
    )
    try:
        with open(file_fd, "wb", closefd=False) as file:
            file.write(content)
    finally:
        os.close(file_fd)
    try:
        # Swaps the directory entry: whatever was at the name (a symlink included) is replaced,
        # never written through, and readers see the old file or this one whole.
        os.replace(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary, dir_fd=folder_fd)
        raise


def _encode(value: object) -> object:
    """lark's serialized data as JSON-ready values; raises on anything else (then no cache)."""
    if isinstance(value, str):
        return str(value)  # lark's Token is a str subclass
    if value is None or type(value) in (bool, int, float):
        return value
    if type(value) is list:
        return [_encode(item) for item in value]
    if type(value) is tuple:
        return {_TUPLE: [_encode(item) for item in value]}
    if type(value) is dict:
        return _encode_dict(value)
    raise TypeError(f"cannot store a {type(value).__name__} in the parser cache")


def _encode_dict(value: dict[Any, Any]) -> object:
    if all(isinstance(key, str) for key in value):
        if len(value) == 1 and next(iter(value)) in _MARKERS:
            raise ValueError(f"a dict with the single key {next(iter(value))!r} cannot be encoded")
        return {str(key): _encode(item) for key, item in value.items()}
    if all(type(key) is int for key in value):
        if all(type(item) is tuple and len(item) == 2 for item in value.values()):
            flat: list[object] = []
            for key, (first, second) in value.items():
                flat += (key, _encode(first), _encode(second))
            return {_INT_KEYED_PAIRS: flat}
        return {_INT_KEYS: [[key, _encode(item)] for key, item in value.items()]}
    raise TypeError("cannot store a dict with keys of mixed or other types in the parser cache")


def _decode_object(found: dict[str, Any]) -> object:
    if len(found) != 1:
        return found
    if _INT_KEYED_PAIRS in found:
        flat = found[_INT_KEYED_PAIRS]
        if type(flat) is not list or len(flat) % 3:
            raise ValueError("an int-keyed dict of pairs must be encoded as a flat list of triples")
        keys = flat[0::3]
        if any(type(key) is not int for key in keys):
            raise ValueError("an int-keyed dict of pairs must be encoded with int keys")
        return dict(zip(keys, zip(flat[1::3], flat[2::3], strict=True), strict=True))
    if _TUPLE in found:
        items = found[_TUPLE]
        if type(items) is not list:
            raise ValueError("a tuple must be encoded as a list")
        return tuple(items)
    if _INT_KEYS in found:
        pairs = found[_INT_KEYS]
        if type(pairs) is not list:
            raise ValueError("an int-keyed dict must be encoded as a list of pairs")
        decoded: dict[int, object] = {}
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not int:
                raise ValueError("an int-keyed dict must be encoded as [int, value] pairs")
            decoded[pair[0]] = pair[1]
        return decoded
    return found
