"""A contextual lexer for the table grammar that compiles each terminal once.

Lexing is contextual exactly as with lark's ``lexer="contextual"``: at each position only the
terminals the LALR parser can accept in its current state are tried, in lark's own order
(priority, then longest possible match, then longest pattern, then name), and the first one
that matches wins.

What differs is the cost. lark compiles one union regex per distinct set of acceptable
terminals; because every row of the format is optional and every label is widened to tolerate
layout noise, this grammar has about 200 such sets, some 900,000 characters of regex, and
compiling them took a second on a process's first parse. Here each of the ~100 terminals is
compiled once, and a parser state's candidates are those compiled patterns, listed on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, LexerState, TerminalDef, Token

_NOISE = "NOISE"
_Match = Callable[[str, int], "re.Match[str] | None"]

# Cap on the characters a first-character set may list; a class like [^0-9] is "any".
_MAX_FIRST = 4096


def first_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or ``None`` when it could be
    (nearly) anything. A superset is always safe: it only decides which patterns to try."""
    from re import _parser as sre

    try:
        parsed = sre.parse(pattern, flags)
    except re.error:  # pragma: no cover - lark compiled the same pattern already
        return None

    def first(items: Any) -> tuple[set[str] | None, bool]:  # noqa: PLR0911 - one return per regex op
        """(first characters, whether ``items`` can match the empty string)."""
        chars: set[str] = set()
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                chars.add(chr(arg))
                return chars, False
            if name == "IN":
                for kind, value in arg:
                    kind_name = str(kind)
                    if kind_name == "LITERAL":
                        chars.add(chr(value))
                    elif kind_name == "RANGE" and value[1] - value[0] < _MAX_FIRST:
                        chars.update(chr(c) for c in range(value[0], value[1] + 1))
                    else:  # NEGATE, CATEGORY or a huge range
                        return None, False
                return chars, False
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                continue  # zero-width: ignoring it can only widen the set
            if name == "SUBPATTERN":
                inner, empty = first(arg[-1])
            elif name == "BRANCH":
                inner, empty = set(), False
                for branch in arg[1]:
                    got, branch_empty = first(branch)
                    if got is None:
                        return None, False
                    inner |= got
                    empty = empty or branch_empty
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                inner, empty = first(arg[2])
                empty = empty or arg[0] == 0
            else:  # ANY, NOT_LITERAL, GROUPREF, ...
                return None, False
            if inner is None:
                return None, False
            chars |= inner
            if not empty:
                return chars, False
        return chars, True

    found, _ = first(parsed.data)
    return frozenset(found) if found is not None else None


def _order(terminal: TerminalDef) -> tuple[int, int, int, str]:
    # lark's TraditionalLexer order: what a union regex would try first.
    return (-terminal.priority, -terminal.pattern.max_width, -len(terminal.pattern.value), terminal.name)


class ContextualLexer(Lexer):
    """Contextual lexing over per-terminal compiled patterns (see the module docstring)."""

    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        terminals = sorted(conf.terminals, key=_order)
        flags = conf.g_regex_flags
        self._match: dict[str, _Match] = {
            t.name: re.compile(t.pattern.to_regexp(), flags).match for t in terminals
        }
        self._rank = {t.name: rank for rank, t in enumerate(terminals)}
        self._first = {t.name: first_characters(t.pattern.to_regexp(), flags) for t in terminals}
        self._ignore = tuple(self._match[name] for name in conf.ignore)
        self._candidates: dict[int, tuple[tuple[str, _Match], ...]] = {}
        self._by_char: dict[tuple[int, str], tuple[tuple[str, _Match], ...]] = {}
        self._noise_runs: dict[int, re.Pattern[str] | None] = {}

    def _state_candidates(self, parser_state: Any) -> tuple[tuple[str, _Match], ...]:
        state = parser_state.position
        found = self._candidates.get(state)
        if found is None:
            accepts = parser_state.parse_conf.parse_table.states[state]
            names = sorted((n for n in accepts if n in self._match), key=self._rank.__getitem__)
            found = self._candidates[state] = tuple((n, self._match[n]) for n in names)
        return found

    def _char_candidates(self, parser_state: Any, char: str) -> tuple[tuple[str, _Match], ...]:
        # The state's candidates that can start with ``char``: usually one or two patterns.
        key = (parser_state.position, char)
        found = self._by_char.get(key)
        if found is None:
            first = self._first
            found = tuple(
                (name, match)
                for name, match in self._state_candidates(parser_state)
                if (chars := first[name]) is None or char in chars
            )
            if len(self._by_char) < 100_000:  # bounded: text of any alphabet cannot grow it forever
                self._by_char[key] = found
        return found

    def _noise_end(self, text: str, pos: int, end: int, parser_state: Any) -> int:
        # NOISE is one character in the grammar; a run of characters at which nothing but
        # NOISE could start is the same run of NOISE tokens, lexed as one (much faster on
        # long stretches of unrecognised text). Inside a row's junk the parser state, and
        # so the candidates, stay the same from one NOISE to the next.
        state = parser_state.position
        if state not in self._noise_runs:
            self._noise_runs[state] = self._noise_run_pattern(parser_state)
        run = self._noise_runs[state]
        if run is None:
            return pos
        found = run.match(text, pos, end)
        return found.end() if found else pos

    def _noise_run_pattern(self, parser_state: Any) -> re.Pattern[str] | None:
        # The characters at which some other candidate of this state could start end a run.
        stops: set[str] = set(" \t\n|0123456789")
        for name, _ in self._state_candidates(parser_state):
            if name == _NOISE:
                continue
            chars = self._first[name]
            if chars is None:
                return None  # some candidate could start anywhere: no run can be skipped
            stops |= chars
        return re.compile("[^" + "".join(re.escape(c) for c in sorted(stops)) + "]+")

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        text_slice = lexer_state.text
        text, end = text_slice.text, text_slice.end
        counter = lexer_state.line_ctr
        ignore = self._ignore
        while counter.char_pos < end:
            pos = counter.char_pos
            skipped = False
            for match in ignore:
                found = match(text, pos)
                if found:
                    counter.feed(found.group(0))
                    skipped = True
                    break
            if skipped:
                continue
            for name, match in self._char_candidates(parser_state, text[pos]):
                found = match(text, pos)
                if found:
                    value = found.group(0)
                    if name == _NOISE:
                        value = text[pos : self._noise_end(text, pos + 1, end, parser_state)]
                    token = Token(name, value, pos, counter.line, counter.column)
                    counter.feed(value)
                    token.end_line = counter.line
                    token.end_column = counter.column
                    token.end_pos = counter.char_pos
                    lexer_state.last_token = token
                    yield token
                    break
            else:
                allowed = {name for name, _ in self._state_candidates(parser_state)}
                raise UnexpectedCharacters(  # type: ignore[no-untyped-call]
                    text, pos, counter.line, counter.column, allowed=allowed, state=parser_state
                )
