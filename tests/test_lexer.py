"""The contextual lexer's junk stretches (``parsing.contextual_lexer.JunkRun``) change cost, never results.

Once a parser state has lexed a few junk tokens, the lexer matches a whole stretch of junk
with one regex and shifts it as one token, which the transformer splits back into the tokens
the lexer would have made one by one. Every report here is parsed both ways and must come
out equal: cells, spans, diagnostics and all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token

import gov_disclosure as gd
from gov_disclosure.parsing.contextual_lexer import ContextualLexer, JunkRun
from gov_disclosure.parsing.grammar import table_parser
from gov_disclosure.parsing.noise import normalize
from gov_disclosure.testing import strategies as gds
from gov_disclosure.testing.hostile import SHAPES, Shape

from .corpus import CORPUS
from .profiles import examples

LABEL_PIECES = [
    "二、主动公开政府信息情况\n",
    "三、收到和处理政府信息公开申请情况\n",
    "四、政府信息公开行政复议、行政诉讼情况\n",
    "规章",
    "行政许可",
    "行政事业性收费",
    "（一）予以公开",
    "1.属于国家秘密",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "结果维持",
    "总计",
    "本年制发件数",
]
JUNK_PIECES = [
    "1",
    "12",
    "3,456",
    "0.5",
    "/",
    "-",
    "—",
    "无",
    "1.",
    "2、",
    "x",
    "(",
    "一、",
    "。",
    "注",
    "页",
]
SEPARATORS = ["", " ", "\t", "\n", " | ", "\u3000"]


def _lexer() -> ContextualLexer:
    lexer = table_parser().parser.lexer
    assert isinstance(lexer, ContextualLexer)
    return lexer


def _both_ways(source: str | bytes) -> tuple[gd.Report, gd.Report]:
    lexer = _lexer()
    try:
        lexer.batching = True
        batched = gd.parse(source)
        lexer.batching = False
        one_by_one = gd.parse(source)
    finally:
        lexer.batching = True
    return batched, one_by_one


def _tokens_of(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Token]:
    """The tokens the table grammar's parser is fed for ``text``, as the lexer gave them."""
    lexer = _lexer()
    lex = lexer.lex
    seen: list[Token] = []

    def recording(lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        for token in lex(lexer_state, parser_state):
            seen.append(token)
            yield token

    monkeypatch.setattr(lexer, "lex", recording)
    table_parser().parse(text, start="start")
    return seen


def _corpus_sources() -> Iterator[Path]:
    if CORPUS.is_dir():
        yield from sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".txt", ".md", ".html"))


@pytest.mark.parametrize("source", list(_corpus_sources()), ids=lambda p: p.name)
def test_corpus_reads_the_same_both_ways(source: Path) -> None:
    batched, one_by_one = _both_ways(source.read_bytes())
    assert batched == one_by_one


TEXT_SHAPES = [shape for shape in SHAPES if not shape.prefix.startswith("<")]


@pytest.mark.parametrize("shape", TEXT_SHAPES, ids=[s.name for s in TEXT_SHAPES])
def test_hostile_shapes_read_the_same_both_ways(shape: Shape) -> None:
    text = shape.make(3_000)
    batched, one_by_one = _both_ways(text)
    assert batched == one_by_one


def test_a_long_row_of_junk_is_one_token(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "二、主动公开政府信息情况\n规章 " + "x 1 (2 " * 200 + "\n行政许可\t5\n"
    tokens = _tokens_of(normalize(text), monkeypatch)
    runs = [t for t in tokens if isinstance(t, JunkRun)]
    assert runs, "the junk after 规章 should be lexed as stretches"
    assert len(tokens) < 60
    assert gd.parse(text).active_disclosure.licensing == 5


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(LABEL_PIECES + JUNK_PIECES * 3),
            st.sampled_from(SEPARATORS),
        ),
        max_size=200,
    )
)
def test_generated_junk_reads_the_same_both_ways(pieces: list[tuple[str, str]]) -> None:
    text = "二、主动公开政府信息情况\n" + "".join(piece + sep for piece, sep in pieces)
    batched, one_by_one = _both_ways(text)
    assert batched == one_by_one


@settings(max_examples=examples(50), deadline=None)
@given(gds.rendered_reports(), st.lists(st.sampled_from(JUNK_PIECES), min_size=20, max_size=60), st.data())
def test_reports_with_junk_read_the_same_both_ways(
    pair: tuple[gd.Report, str], junk: list[str], data: st.DataObject
) -> None:
    _, text = pair
    at = data.draw(st.integers(0, len(text)))
    text = text[:at] + " ".join(junk) + text[at:]
    batched, one_by_one = _both_ways(text)
    assert batched == one_by_one
