"""Labels as the transformer compares them: which label terminal each row rule reads, a label
squashed to its characters, and whether a stray piece of text is a broken-off piece of one."""

from __future__ import annotations

import functools
import re

from ..formats import format_named
from .grammar import DEFAULT_FORMAT, _grammar_text
from .noise import normalize


@functools.cache
def row_terminals(format_name: str = DEFAULT_FORMAT) -> dict[str, str]:
    """Row rule name (a cell-key row) -> its label terminal, read from the grammar."""
    rows = re.findall(r"^([a-z0-9_]+): _row[234]\{([LGSH]_[A-Z0-9_]+)\}", _grammar_text(format_name), re.M)
    return dict(rows)


_PUNCT = re.compile(r"[()（）、,，.．:：;；“”\"'‘’\s|]")
_ENUM = re.compile(r"^(?:[(（]?[一二三四五六七八九十]+[)）]?[、.]?|[0-9]+[.、]?)")


def in_order(wanted: str, text: str) -> bool:
    """Whether the characters of ``wanted`` occur in ``text`` in order (others between)."""
    rest = iter(text)
    return all(char in rest for char in wanted)


@functools.lru_cache(maxsize=4096)
def squash(label: str) -> str:
    return _PUNCT.sub("", _ENUM.sub("", label.strip()))


FRAGMENT_PIECES = 8  # noise tokens in a run that may still be one piece of a label


@functools.cache
def _label_texts(format_name: str) -> tuple[str, ...]:
    """Every label and heading of the format (with its other spellings), punctuation and
    enumerators removed: what a broken-off piece of a label is a part of."""
    labels = format_named(format_name).labels()
    texts = {squash(normalize(text)) for label in labels for text in (label.text, *label.aliases)}
    return tuple(sorted(t for t in texts if t))


def is_label_fragment(text: str, format_name: str = DEFAULT_FORMAT) -> bool:
    """Whether ``text`` (noise in a table) is a piece of a label of the format ('商业企' of
    商业企业, '形,不计其他情形)' of 表三's (二), '年' of a vertical 三、本年度办理结果): PDF text
    breaks labels, and prints merged cells one character per line."""
    piece = squash(text)
    return bool(piece) and any(piece in label for label in _label_texts(format_name))
