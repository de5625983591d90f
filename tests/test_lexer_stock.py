"""Our contextual lexer against lark's own: the same reports, cell for cell.

``parsing.contextual_lexer.ContextualLexer`` keeps lark's semantics (only the terminals the parser state
accepts, tried in lark's order) by construction, and reads lark internals to do it. This test
does not take that on trust: it builds the table parser a second time with lark's stock
``lexer="contextual"`` from the same widened grammar, parses the corpus and generated
layouts with each, and asserts equal Reports: cells, spans, placements and diagnostics.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import lark.lexer
import pytest
from hypothesis import given, settings
from lark import Lark

import gov_disclosure as gd
from gov_disclosure.formats import FORMATS
from gov_disclosure.parsing import pipeline
from gov_disclosure.parsing.grammar import _TABLE_PARSER_OPTIONS, DEFAULT_FORMAT, widened_grammar
from gov_disclosure.testing import strategies as gds

from .corpus import CORPUS
from .profiles import examples


@functools.cache
def _stock_parser(format_name: str = DEFAULT_FORMAT) -> Lark:
    # With interegular installed (for the strict test below), lark checks each of its ~200
    # state lexers for regex collisions, logging what it finds: ten seconds of the build and no
    # part of how it lexes. Built as without interegular; the strict test is that check.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lark.lexer, "has_interegular", False)
        return Lark(widened_grammar(format_name), parser="lalr", lexer="contextual", **_TABLE_PARSER_OPTIONS)


def _with_stock_lexer(source: str | bytes, monkeypatch: pytest.MonkeyPatch) -> gd.Report:
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "table_parser", _stock_parser)
        return gd.parse(source)


def _corpus_sources() -> Iterator[Path]:
    if CORPUS.is_dir():
        yield from sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".txt", ".md", ".html"))


def test_the_stock_parser_is_lark_s_own() -> None:
    from lark.lexer import ContextualLexer as LarkContextualLexer

    from gov_disclosure.parsing.contextual_lexer import ContextualLexer

    lexer = _stock_parser().parser.lexer
    assert type(lexer) is LarkContextualLexer and not isinstance(lexer, ContextualLexer)


def test_the_corpus_is_there() -> None:
    assert len(list(_corpus_sources())) >= 30, f"the corpus is read from {CORPUS}"


@pytest.mark.parametrize("source", list(_corpus_sources()), ids=lambda p: p.name)
def test_corpus_reads_the_same_with_lark_s_own_lexer(source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = source.read_bytes()
    assert gd.parse(data) == _with_stock_lexer(data, monkeypatch)


@settings(max_examples=examples(30), deadline=None)
@given(gds.rendered_reports(consistent=False))
def test_generated_layouts_read_the_same_with_lark_s_own_lexer(pair: tuple[gd.Report, str]) -> None:
    _, text = pair
    with pytest.MonkeyPatch.context() as patch:
        ours = gd.parse(text)
        patch.setattr(pipeline, "table_parser", _stock_parser)
        stock = gd.parse(text)
    assert ours == stock


@pytest.mark.slow
@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_the_widened_grammar_has_no_terminal_collisions_lark_can_find(format_name: str) -> None:
    # lark's strict mode refuses a grammar whose terminals can match the same text where the
    # parser cannot tell them apart (regex collisions, checked with interegular).
    pytest.importorskip("interegular")
    Lark(
        widened_grammar(format_name), parser="lalr", lexer="contextual", strict=True, **_TABLE_PARSER_OPTIONS
    )
