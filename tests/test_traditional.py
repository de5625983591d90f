"""Reports in traditional characters parse as their simplified originals.

Mirror sites serve reports converted to traditional characters. ``noise.normalize`` maps them
back, one character to one, with ``parsing/traditional.py`` (generated from OpenCC's
TSCharacters by ``scripts/generate_traditional_table.py``). The conversions to traditional
characters here are OpenCC's own, phrase by phrase, as a mirror site's would be.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Protocol

import pytest
from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure.formats import FORMATS, detect
from gov_disclosure.parsing import (
    cells,
    delimited,
    grammar,
    labels,
    noise,
    pipeline,
    regions,
    sections,
    transform,
)
from gov_disclosure.parsing.traditional import OPENCC_VERSION, TRADITIONAL_TO_SIMPLIFIED
from gov_disclosure.sources.html import decode_page
from gov_disclosure.testing import strategies as gds

from .corpus import CORPUS, TEXT_SUFFIXES, source_of, truth_files
from .profiles import examples

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "scripts" / "generate_traditional_table.py"
MODULE = REPO / "src" / "gov_disclosure" / "parsing" / "traditional.py"

HAVE_OPENCC = importlib.util.find_spec("opencc") is not None
needs_opencc = pytest.mark.skipif(
    not HAVE_OPENCC,
    reason="the opencc package is not installed (it is in the 'test' extra: pip install -e '.[test]')",
)
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@functools.cache
def _converter(config: str) -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC(config)
    return converter


def to_traditional(text: str) -> str:
    """``text`` in traditional characters, converted phrase by phrase as a mirror site does."""
    return _converter("s2t").convert(text)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


# ----------------------------------------------------------------------------- the corpus


def _corpus_sources() -> list[Path]:
    """Every corpus source in text, Markdown or HTML that has a truth file."""
    found = []
    for truth in truth_files():
        source = source_of(truth)
        if source is not None and source.suffix in (*TEXT_SUFFIXES, ".html"):
            found.append(source)
    return found


SOURCES = _corpus_sources()


def _summary(report: gd.Report) -> tuple[object, ...]:
    """What must not depend on the characters a report is printed in. (Not the diagnostics: a
    label printed 反覆 is a variant until the format knows that spelling; see NOT_YET_READ.)"""
    return (report.cells(), [s.number for s in report.sections], report.format, report.year)


@needs_opencc
@needs_corpus
@pytest.mark.parametrize("source", SOURCES, ids=[f"{p.parent.name}/{p.name}" for p in SOURCES])
def test_a_corpus_report_in_traditional_characters_parses_as_the_original(source: Path) -> None:
    original = gd.parse(source)
    if source.suffix == ".html":
        text = decode_page(source.read_bytes(), str(source)).text
        traditional = to_traditional(text)
        converted = gd.parse(traditional)  # a str that is a page is read as one
    else:
        text = source.read_text(encoding="utf-8")
        traditional = to_traditional(text)
        converted = gd.parse(traditional.encode("utf-8"))  # bytes: never taken for a path
    assert traditional != text
    assert _summary(converted) == _summary(original)
    # Validation charges the same rules at the same places (messages quote what was printed).
    assert _charged(converted) == _charged(original)
    # What the report printed stays printed: sections show the source's own characters.
    assert [s.heading for s in converted.sections] == [to_traditional(s.heading) for s in original.sections]


def _charged(report: gd.Report) -> list[tuple[object, ...]]:
    # LABEL_VARIANT aside: a converter may choose another spelling of a word (反复 -> 反覆),
    # which the report then prints, and which is reported as the variant it is.
    findings = report.validate().findings
    return [
        (f.rule, f.severity, f.table, f.row, f.column, f.section)
        for f in findings
        if f.rule != "LABEL_VARIANT"
    ]


def test_the_corpus_has_sources_to_convert() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repo")
    assert len(SOURCES) >= 19
    assert any(p.suffix == ".html" for p in SOURCES)


TRADITIONAL_EXAMPLE = CORPUS / "real" / "2024_xingguo_liangcunzhen_traditional.txt"


@needs_corpus
def test_the_traditional_corpus_example_finds_its_section_as_printed() -> None:
    # A mirror site's copy, cut short in section 一; its title and heading stay as printed.
    report = gd.parse(TRADITIONAL_EXAMPLE)
    assert [(s.number, s.heading) for s in report.sections] == [(1, "一、總體情況")]
    assert report.sections[0].text.startswith("2024年,我鎮嚴格按照")
    assert report.title == "興國縣良村鎮2024年政府信息公開工作年度報告"
    assert report.year == 2024
    missing = [d.expected for d in report.diagnostics if d.code == "section-missing"]
    assert [name for names in missing for name in names] == [sections.SECTION_NAMES[n] for n in range(2, 7)]


@needs_opencc
@needs_corpus
def test_the_traditional_corpus_example_parses_as_its_simplified_version() -> None:
    text = TRADITIONAL_EXAMPLE.read_text(encoding="utf-8")
    simplified = to_simplified(text)
    assert simplified != text
    traditional, converted = gd.parse(text.encode("utf-8")), gd.parse(simplified.encode("utf-8"))
    assert _summary(traditional) == _summary(converted)
    assert [d.code for d in traditional.diagnostics] == [d.code for d in converted.diagnostics]


# ----------------------------------------------------------------------------- generated reports


@needs_opencc
@settings(max_examples=examples(50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gds.reports(), gds.layouts())
def test_a_generated_report_in_traditional_characters_reads_back(
    report: gd.Report, layout: gds.Layout
) -> None:
    text = to_traditional(gds.write(report, layout))
    assert gd.parse(text).cells() == report.cells()


# ----------------------------------------------------------------------------- the table


def test_the_table_maps_one_character_to_another() -> None:
    assert len(TRADITIONAL_TO_SIMPLIFIED) > 3000
    assert all(len(t) == len(s) == 1 and t != s for t, s in TRADITIONAL_TO_SIMPLIFIED.items())
    for traditional, simplified in {"報": "报", "開": "开", "請": "请", "縣": "县", "後": "后"}.items():
        assert TRADITIONAL_TO_SIMPLIFIED[traditional] == simplified


def test_normalize_maps_traditional_characters_and_keeps_length() -> None:
    # 𨊰 (→䢀) is beyond the BMP: left as it is, as no label holds such a character.
    text = "興國縣２０２４年政府資訊公開，申請𨊰"
    assert TRADITIONAL_TO_SIMPLIFIED["𨊰"] == "䢀"
    assert noise.normalize(text) == "兴国县2024年政府资讯公开,申请𨊰"
    # A text long enough to be taken in chunks, and dense enough for str.translate.
    long = text * 2000
    assert noise.normalize(long) == noise.normalize(text) * 2000
    assert len(noise.normalize(long)) == len(long)


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_traditional_table", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_opencc
def test_the_committed_table_is_what_the_script_generates() -> None:
    if not GENERATOR.is_file():
        pytest.skip(f"{GENERATOR.name} is not in this tree (an sdist holds no scripts/)")
    generator = _load_generator()
    version = generator.opencc_version()
    generated: dict[str, str] = generator.table()
    differ = sorted(set(generated.items()) ^ set(TRADITIONAL_TO_SIMPLIFIED.items()))
    assert not differ, (
        f"traditional.py (OpenCC {OPENCC_VERSION}) differs from OpenCC {version}'s TSCharacters "
        f"in {len(differ)} pairs, e.g. {differ[:10]}: run scripts/generate_traditional_table.py"
    )
    assert MODULE.read_text(encoding="utf-8") == generator.module_text(generated, version)


# ----------------------------------------------------------------------------- the words matched


def _grammar_files() -> Iterator[str]:
    for path in (files("gov_disclosure") / "grammars").iterdir():
        if path.name.endswith(".lark"):
            yield path.read_text(encoding="utf-8")


def _template_words() -> set[str]:
    """Every word a format prints and the parser looks for: labels and their other spellings,
    section headings, table titles, the words that tell a format."""
    words = set(sections.SECTION_NAMES.values())
    for form in FORMATS.values():
        for label in form.labels():
            words |= {label.text, *label.aliases}
        words |= {f"{t.number}{t.title}" for t in form.tables}
        words |= set(form.signals)
    return words


def _normalised_text_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """The module-level patterns of the modules that search normalised text."""
    for module in (pipeline, regions, sections, noise, transform, cells, labels, delimited, grammar, detect):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{module.__name__}.{name}", value


def test_no_character_of_a_label_heading_or_template_word_is_mapped() -> None:
    # The mapping runs on the report's text only; a label written with a character it maps
    # would never be met again.
    words = {*_template_words(), *_grammar_files()}
    mapped = {
        c: TRADITIONAL_TO_SIMPLIFIED[c] for word in words for c in word if c in TRADITIONAL_TO_SIMPLIFIED
    }
    assert not mapped
    assert noise.normalize("".join(sorted(words))) == "".join(sorted(words)).translate(noise._HALF_WIDTH)


def test_patterns_on_normalised_text_spell_the_simplified_form_of_any_traditional_one() -> None:
    # 政府(?:信息|資訊|资讯)公[开開] is fine; 公開 alone would never match normalised text.
    patterns = dict(_normalised_text_patterns())
    assert sum(bool(re.search("[\u4e00-\u9fff]", p.pattern)) for p in patterns.values()) > 10
    unmatchable = {
        name: [c for c in pattern.pattern if TRADITIONAL_TO_SIMPLIFIED.get(c, c) not in pattern.pattern]
        for name, pattern in patterns.items()
    }
    assert not {name: chars for name, chars in unmatchable.items() if chars}


# OpenCC writes 反复 as 反覆, and 覆 is a simplified character too (覆盖), so no character
# table maps it back: the format lists 反覆 among the label's spellings. Nothing is left unread.
NOT_YET_READ: dict[str, str] = {}


@needs_opencc
def test_every_template_word_in_traditional_characters_is_read_as_itself() -> None:
    spellings = {word: {word} for word in _template_words()}
    for form in FORMATS.values():
        for label in form.labels():
            spellings[label.text] |= set(label.aliases)
    unread = {}
    for word, accepted in sorted(spellings.items()):
        traditional = to_traditional(word)
        if noise.normalize(traditional) not in {noise.normalize(a) for a in accepted}:
            unread[word] = traditional
    assert unread == NOT_YET_READ
    assert sum(to_traditional(word) != word for word in spellings) > 50
