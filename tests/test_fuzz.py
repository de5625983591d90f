"""Property-based fuzzing through the public strategies: every layout, no crash, no invented number."""

from __future__ import annotations

import contextlib
import functools
import os
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

import gov_disclosure as gd
from gov_disclosure.parsing.grammar import _grammar_text, mandated_labels
from gov_disclosure.parsing.noise import normalize
from gov_disclosure.sources import str_is_path
from gov_disclosure.testing import strategies as gds

from . import mutation_fuzz
from .corpus import text_sources
from .profiles import examples

# The profile (default, ci, long) decides how many examples; an explicit count is a base count
# that the profile scales (tests/profiles.py), so HYPOTHESIS_PROFILE=long deepens every property.


@given(gds.reports(), gds.layouts())
def test_parse_reads_back_every_layout(report: gd.Report, layout: gds.Layout) -> None:
    assert gd.parse(gds.write(report, layout)).cells() == report.cells()


@given(gds.reports(consistent=False), gds.layouts())
def test_blank_and_wrong_cells_read_back_as_printed(report: gd.Report, layout: gds.Layout) -> None:
    assert gd.parse(gds.write(report, layout)).cells() == report.cells()


@given(gds.rendered_reports())
def test_consistent_reports_validate(pair: tuple[gd.Report, str]) -> None:
    _, text = pair
    assert gd.parse(text).validate().ok


@given(
    gds.reports(),
    st.sampled_from([k for k in gd.CELL_KEYS if k.startswith(("t3.", "t4."))]),
    st.integers(1, 9),
)
def test_each_injected_inconsistency_is_an_error(report: gd.Report, key: str, delta: int) -> None:
    values: dict[str, object] = dict(report.cells())
    values[key] = int(values[key]) + delta  # type: ignore[call-overload]
    changed = gds.report_of(values)
    assert not changed.validate().ok


@settings(max_examples=examples(200))
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    if str_is_path(text):
        # A one-line str that names a file or ends like a file name is a path (README).
        with contextlib.suppress(gd.InputError):
            gd.parse(text)
        return
    gd.parse(text)
    with contextlib.suppress(gd.ParseError):
        gd.parse(text, strict=True)


def _mutations(text: str, rng: random.Random) -> list[str]:
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(6):
        copy = list(lines)
        i = rng.randrange(len(copy))
        action = rng.choice(["delete", "duplicate", "swap", "junk"])
        if action == "delete":
            del copy[i]
        elif action == "duplicate":
            copy.insert(i, copy[i])
        elif action == "swap" and i + 1 < len(copy):
            copy[i], copy[i + 1] = copy[i + 1], copy[i]
        else:
            copy.insert(i, rng.choice(["- 3 -\n", "第 2 页 共 5 页\n", "★无关文字★\n", "12345\n"]))
        out.append("".join(copy))
    cut = rng.randrange(len(text))
    out.append(text[:cut])
    return out


@pytest.mark.parametrize("source", text_sources(), ids=[p.name for p in text_sources()])
def test_mutated_corpus_files_invent_no_number(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    rng = random.Random(source.name)
    for mutated in _mutations(text, rng):
        report = gd.parse(mutated)
        normalized = normalize(mutated)
        spans = report.cell_spans()
        for key, value in report.cells().items():
            span = spans[key]
            if value is None:
                continue
            assert span is not None
            assert Decimal(normalized[span.start : span.end].replace(",", "")) == value, key


@functools.cache
def _explicit_terminals() -> dict[str, st.SearchStrategy[str]]:
    # Labels as printed (generating from their widened regexes is very slow), each with a
    # separator after it so that neighbouring terminals never merge.
    labels = mandated_labels()
    used = {t.name for t in _plain_grammar().terminals}
    explicit: dict[str, st.SearchStrategy[str]] = {
        name: st.just(literal + "\t") for name, literal in labels.items() if name in used
    }
    headers = [literal for name, literal in labels.items() if name.startswith("H_")]
    for block in ("H2_BLOCK", "H3_BLOCK", "H4_BLOCK"):
        explicit[block] = st.lists(st.sampled_from(headers), min_size=1, max_size=4).map(
            lambda cells: "\t".join(cells) + "\n"
        )
    explicit["H4_TABLE_START"] = st.just("行政复议\t行政诉讼\n")
    explicit["CELLS"] = st.lists(st.integers(0, 10**6), min_size=1, max_size=16).map(
        lambda ns: "\t".join(map(str, ns)) + "\n"
    )
    explicit["NUMBER"] = st.integers(0, 10**9).map(lambda n: f"{n}\t")
    explicit["NOISE"] = st.characters(codec="utf-8", exclude_categories=["Cs", "Nd", "Zs", "Cc"]).map(
        lambda c: c + " "
    )
    return explicit


@functools.cache
def _plain_grammar() -> Lark:
    # from_lark generates from the grammar alone (no lexer), so the grammar as written serves:
    # labels are drawn as printed (_explicit_terminals) whatever their widened regexes accept,
    # and hypothesis building strategies for every widened regex took half a minute.
    return Lark(_grammar_text(), parser="lalr", start="start")


# A smoke fuzzer over the grammar's own structure: 10 examples scaled by the profile (each takes
# a good part of a second), or as many as FROM_LARK_EXAMPLES says.
_FROM_LARK_EXAMPLES = os.environ.get("FROM_LARK_EXAMPLES")


@settings(
    max_examples=int(_FROM_LARK_EXAMPLES) if _FROM_LARK_EXAMPLES else examples(10),
    suppress_health_check=list(HealthCheck),
    deadline=None,
)
@given(st.data())
def test_grammar_generated_text_never_raises(data: st.DataObject) -> None:
    text = data.draw(from_lark(_plain_grammar(), start="start", explicit=_explicit_terminals()))
    # As bytes: a one-line str that looks like a path ('/') is a path (README, "Input").
    report = gd.parse(text.encode())
    assert list(report.cells()) == list(gd.CELL_KEYS)
    with contextlib.suppress(gd.ParseError):
        gd.parse(text.encode(), strict=True)


_FUZZ_SOURCES = mutation_fuzz.sources()


@pytest.mark.skipif(not _FUZZ_SOURCES, reason="corpus not found")
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FUZZ_SOURCES or [Path()]), st.randoms(use_true_random=False))
def test_mutated_corpus_files_give_our_errors_or_sound_reports(source: Path, rng: random.Random) -> None:
    mutation_fuzz.check(mutation_fuzz.mutate(source.read_bytes(), rng))
