"""Loading a format's grammar (``grammars/report_2021.lark`` joined with
``grammars/report_tables.lark``) and widening its labels into tolerant terminals.

The grammar keeps every label as the literal the format prints. ``widened_grammar`` rewrites
each literal into a regex that also accepts what real reports print instead: cell separators
between characters (labels broken across lines or cells), missing or varied punctuation,
Arabic or Chinese enumerators, and long row labels cut short. (Rewriting the text rather than
lark's ``edit_terminals`` hook lets header blocks be composed of widened labels, and keeps
lark's grammar cache exact.)
"""

from __future__ import annotations

import functools
import re

from lark import Lark

from .contextual_lexer import ContextualLexer
from .noise import normalize

GRAMMAR_PACKAGE = "gov_disclosure"
DEFAULT_FORMAT = "2021"

# What may stand between two characters of a label: the separators the grammar ignores.
# Possessive: no label character is a separator, so giving separators back can never help a
# match, and two optional runs side by side (``一SEP、?SEP本``) would otherwise try every split
# of a long run of spaces (quadratic).
SEP = r"[ \t\n|]*+"

# Priorities: any label beats the cell and noise terminals (2, 3, 1 in the grammar).
LABEL_PRIORITY = 4

# Row labels this long (in characters that are not punctuation) may be cut short, down to
# their first _MIN_PREFIX characters: PDF extraction and page stores cut long labels.
_TRUNCATABLE = 10
_MIN_PREFIX = 6

_CN_DIGITS = "一二三四五六七八九十"

# Punctuation inside labels: each may be missing or printed as one of its variants.
_PUNCTUATION = {
    "(": r"\(",
    ")": r"\)",
    "、": r"[、,.]",
    ",": r"[,、]",
    ":": r"[:]",
    ";": r"[;]",
    ".": r"[.、]",
    "“": "[\"“”'‘’]",
    "”": "[\"“”'‘’]",
}

_ENUMERATOR = re.compile(
    r"^(?:\((?P<paren>[一二三四五六七八九十]+)\)|(?P<cn>[一二三四五六七八九十]+)、|(?P<ar>[0-9]+)[.、])"
)


def _enumerator_pattern(match: re.Match[str], *, arabic_too: bool) -> str:
    if match.group("paren"):
        digit = re.escape(match.group("paren"))
        return rf"\(?{SEP}{digit}{SEP}\)?"
    if match.group("cn"):
        cn = match.group("cn")
        # A section heading is known by its title whatever its numeral: a report that inserts
        # a section (五、信息处理费收取情况) renumbers the later ones (六、存在的主要问题…).
        if arabic_too:  # an Arabic numeral only with its mark: '5' alone may be a cell
            return rf"(?:[{_CN_DIGITS}]{{1,3}}{SEP}[、.,]?|[1-9][0-9]?{SEP}[、.,])"
        return rf"{cn}{SEP}[、.,]?"
    return rf"{re.escape(match.group('ar'))}{SEP}[.、]?"


def _char_pattern(char: str) -> str:
    if char in _PUNCTUATION:
        return _PUNCTUATION[char] + "?"
    return re.escape(char)


def _body_pattern(body: str, *, truncatable: bool, year_after_benian: bool) -> str:
    pieces = [_char_pattern(c) for c in body]
    if year_after_benian and body.startswith("本年"):
        # 本年(2023)制发件数
        pieces.insert(2, rf"(?:\(?{SEP}[0-9]{{4}}{SEP}年?{SEP}\)?)?")
    significant = [i for i, c in enumerate(body) if c not in _PUNCTUATION]
    if not truncatable or len(significant) < _TRUNCATABLE:
        return SEP.join(pieces)
    # Keep the first _MIN_PREFIX significant characters; everything after may be cut.
    cut = significant[_MIN_PREFIX - 1] + 1 + (2 if year_after_benian else 0)
    head = SEP.join(pieces[:cut])
    tail = ""
    for piece in reversed(pieces[cut:]):
        tail = f"(?:{SEP}{piece}{tail})?"
    return head + tail


def label_pattern(name: str, literal: str, *, whole: bool = False) -> str:
    """The tolerant regex for one label literal of the grammar; ``whole``: never cut short."""
    text = normalize(literal)
    kind = name[:2]
    match = _ENUMERATOR.match(text)
    enumerator = ""
    body = text
    if match:
        body = text[match.end() :]
        enumerator = _enumerator_pattern(match, arabic_too=kind == "S_")
    body_regex = _body_pattern(body, truncatable=kind == "L_" and not whole, year_after_benian=kind == "H_")
    if not enumerator:
        return body_regex
    significant = sum(c not in _PUNCTUATION for c in body)
    if significant < 3:
        # '3.其他' and '（七）总计' are only themselves with their enumerator.
        return f"{enumerator}{SEP}{body_regex}"
    return f"(?:{enumerator}{SEP})?{body_regex}"


def mandated_labels(format_name: str = DEFAULT_FORMAT) -> dict[str, str]:
    """Terminal name -> the label as the format prints it (from the grammar file; the format
    module says the same, ``tests/test_formats.py`` checks it)."""
    return dict(_literal_labels(format_name))


@functools.cache
def label_aliases(format_name: str = DEFAULT_FORMAT) -> dict[str, tuple[str, ...]]:
    """Terminal name -> other spellings reports print for its label, from the format."""
    from ..formats import format_named

    terminals = format_named(format_name).terminals()
    return {name: label.aliases for name, label in terminals.items() if label.aliases}


_LABEL_DEFINITION = re.compile(r'^([LGHS]_[A-Z0-9_]+)(\.[0-9]+)?[ \t]*:[ \t]*"([^"]*)"[ \t]*$', re.MULTILINE)


@functools.cache
def _literal_labels(format_name: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, literal) for name, _, literal in _LABEL_DEFINITION.findall(_grammar_text(format_name))
    )


def _label_regex(name: str, literal: str, format_name: str) -> str:
    """The tolerant regex of a label terminal: its literal and its aliases, widened."""
    spellings = (literal, *label_aliases(format_name).get(name, ()))
    patterns = [label_pattern(name, text) for text in spellings]
    if len(spellings) > 1 and name.startswith("L_"):
        # Alternatives are tried in order: a spelling cut short ('…大量反' of 反复) must not win
        # over another spelling printed whole ('…大量反覆申请'), so every whole one comes first.
        patterns = [label_pattern(name, text, whole=True) for text in spellings] + patterns
    return patterns[0] if len(patterns) == 1 else "(?:" + "|".join(patterns) + ")"


def _widen(match: re.Match[str], format_name: str) -> str:
    name, priority, literal = match.groups()
    regex = _label_regex(name, literal, format_name)
    if not priority and not name.startswith("H_"):
        priority = f".{LABEL_PRIORITY}"
    return f"{name}{priority or ''}: /{regex.replace('/', chr(92) + '/')}/"


@functools.cache
def widened_grammar(format_name: str = DEFAULT_FORMAT) -> str:
    """The grammar with every label literal replaced by its tolerant regex.

    Done on the grammar text, before lark reads it, so that header blocks composed of labels
    are composed of the widened labels, and so that lark's cache, keyed on the grammar text,
    can never serve a parser built from other patterns.
    """
    return _LABEL_DEFINITION.sub(lambda match: _widen(match, format_name), _grammar_text(format_name))


@functools.cache
def _grammar_text(format_name: str = DEFAULT_FORMAT) -> str:
    from importlib.resources import files

    from ..formats import format_named

    folder = files(GRAMMAR_PACKAGE) / "grammars"
    parts = format_named(format_name).grammar_files
    return "\n".join((folder / part).read_text(encoding="utf-8") for part in parts)


# How the table parser is built (besides the grammar and the lexer); the cache key covers it.
_TABLE_PARSER_OPTIONS: dict[str, object] = {
    "start": ["start", "sections"],
    "propagate_positions": False,
    "maybe_placeholders": False,
}


@functools.cache
def table_parser(format_name: str = DEFAULT_FORMAT) -> Lark:
    """The LALR parser of the three tables, built once per process: read from the parser
    cache when an earlier process left a valid entry, else built and saved there (see
    ``parser_cache``: the cache holds plain data, never a pickle)."""
    from .parser_cache import cached_lalr_parser

    return cached_lalr_parser(widened_grammar(format_name), ContextualLexer, **_TABLE_PARSER_OPTIONS)


def _cache_file(format_name: str = DEFAULT_FORMAT) -> str | None:
    """Where ``table_parser`` keeps the built parser between processes, or None when caching
    is off (GOV_DISCLOSURE_NO_CACHE=1) or there is no absolute cache folder. The key hashed
    into the name covers the widened grammar, so an entry can never be stale."""
    from .parser_cache import cache_file

    path = cache_file(widened_grammar(format_name), ContextualLexer, **_TABLE_PARSER_OPTIONS)
    return None if path is None else str(path)


@functools.cache
def terminal_regex(name: str, format_name: str = DEFAULT_FORMAT) -> re.Pattern[str]:
    """The compiled tolerant regex of one label terminal, as the grammar widens it; also of
    those lark inlines into larger terminals (H_DIRECT into H4_BLOCK)."""
    return re.compile(_label_regex(name, mandated_labels(format_name)[name], format_name))
