"""Which format a report's tables are in, from the words only that format prints."""

from __future__ import annotations

import re

from .template import Format
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021


def _signal_pattern(word: str) -> str:
    """A format's signal word with separators allowed between its characters."""
    return r"[ \t\n|]*".join(re.escape(char) + ("?" if char in "()" else "") for char in word)


# The 2019 format (国办公开办函〔2019〕60号) is known by its signal words in the table region.
_FORMAT_2019 = re.compile("|".join(_signal_pattern(word) for word in FORMAT_2019.signals))


def detect(text: str, start: int = 0, end: int | None = None) -> tuple[Format, re.Match[str] | None]:
    """The format of the tables in ``text[start:end]``: the 2019 one where a word only it prints
    stands there (the match says which and where), else the 2021 one, the format in force."""
    match = _FORMAT_2019.search(text, start, len(text) if end is None else end)
    return (FORMAT_2019, match) if match else (FORMAT_2021, None)
