"""The source snippet under a ParseError: the line, and a caret under the column."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.errors import source_snippet


def width_of(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def terminal_columns(line: str) -> list[int]:
    """The column each character of ``line`` starts at in a terminal: wide characters take
    two columns, a tab moves to the next multiple of eight."""
    starts, column = [], 0
    for char in line:
        starts.append(column)
        column = (column // 8 + 1) * 8 if char == "\t" else column + width_of(char)
    return [*starts, column]


def char_above_caret(snippet: str) -> str:
    """The character of the snippet's first line that a terminal shows over its caret ("" when
    the caret is past the end of the line)."""
    shown, caret_line = snippet.split("\n")
    assert caret_line.endswith("^") and not caret_line[:-1].strip(" \t")
    caret = terminal_columns(caret_line)[-2]
    starts = terminal_columns(shown)
    return next((char for char, start in zip(shown, starts, strict=False) if start == caret), "")


def test_a_short_line_is_shown_whole_as_before() -> None:
    text = "标题\n行政处罚★ 86\n"
    # The format strict mode has always shown: two spaces, the line, a caret under column 5.
    assert source_snippet(text, 2, 5) == "  行政处罚★ 86\n  " + " " * 8 + "^"
    assert source_snippet("abc\r\ndef\r\n", 1, 2) == "  abc\n   ^"


def test_wide_characters_count_two_columns() -> None:
    snippet = source_snippet("（一）予以公开 7 x", 1, 6)
    assert snippet.split("\n")[1] == "  " + " " * 10 + "^"
    assert char_above_caret(snippet) == "公"


def test_a_column_past_the_end_puts_the_caret_after_the_line() -> None:
    assert source_snippet("规章 1", 1, 40) == "  规章 1\n  " + " " * 6 + "^"
    assert source_snippet("", 1, 1) == "  \n  ^"


def test_tabs_before_the_caret_are_repeated_so_the_caret_stays_under_its_column() -> None:
    snippet = source_snippet("规章\t1\t0\t12", 1, 8)
    assert snippet.split("\n")[1] == "  " + "    \t \t \t^"
    assert char_above_caret(snippet) == "1"
    assert terminal_columns(snippet.split("\n")[1])[-2] == terminal_columns(snippet.split("\n")[0])[9]


def test_a_line_the_text_does_not_have_gives_no_snippet() -> None:
    assert source_snippet("one\ntwo", 3, 1) == ""
    assert source_snippet("one\ntwo", 0, 1) == ""


def test_a_long_line_is_shown_as_a_window_around_the_column() -> None:
    line = "".join(f"{i % 10}" for i in range(1000))
    snippet = source_snippet(line, 1, 500, width=40)
    shown = snippet.split("\n")[0]
    assert shown.startswith("  …") and shown.endswith("…")
    assert 38 <= width_of(shown) - 4 <= 40  # the window, without indent and ellipses
    assert char_above_caret(snippet) == line[499]
    start = source_snippet(line, 1, 3, width=40).split("\n")[0]
    assert start.startswith("  012") and start.endswith("…")
    end = source_snippet(line, 1, 1000, width=40).split("\n")[0]
    assert end.startswith("  …") and end.endswith("789")


def test_a_megabyte_on_one_line_gives_a_short_snippet_fast() -> None:
    text = "信息公开" * 250_000 + "★" + "abc" * 100_000
    began = time.perf_counter()
    snippet = source_snippet(text, 1, 1_000_001)
    took = time.perf_counter() - began
    assert len(snippet) < 200 and char_above_caret(snippet) == "★"
    assert width_of(snippet.split("\n")[0]) <= 2 + 60 + 2
    assert took < 0.5, f"{took:.3f}s"


def test_a_line_far_down_a_text_of_many_lines_is_found() -> None:
    text = "".join(f"{i}\n" for i in range(300_000))
    assert source_snippet(text, 250_001, 1) == "  250000\n  ^"
    assert source_snippet(text, 300_001, 1) == "  \n  ^"  # after the last line break
    assert source_snippet(text, 300_002, 1) == ""


@given(
    st.text(st.sampled_from("ab 1\t中文（）★"), max_size=300),
    st.integers(1, 320),
    st.integers(8, 80),
)
def test_the_caret_stands_under_the_column_and_the_window_fits(line: str, column: int, width: int) -> None:
    snippet = source_snippet(f"before\n{line}\nafter", 2, column, width=width)
    shown = snippet.split("\n")[0][2:].removeprefix("…").removesuffix("…")
    assert width_of(shown) <= width
    assert shown in line
    expected = line[column - 1] if column <= len(line) else ""
    assert char_above_caret(snippet) == expected
