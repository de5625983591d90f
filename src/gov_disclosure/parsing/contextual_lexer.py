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

Junk (cells, numbers, blanks, stray enumerators and noise) is also where hostile input costs
most: a megabyte of ``一、`` or ``(`` is half a million tokens, and every token shifted through
lark's parser costs microseconds. Inside a row every junk terminal leads back to the same
candidates, so once a parser state has lexed a few junk tokens, a whole stretch of junk is
matched by one regex (``_JunkStretch``) and shifted as one ``JunkRun`` token, which the
transformer splits back into exactly the tokens the lexer would have made one by one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer, LexerState, TerminalDef, Token

_NOISE = "NOISE"
# The grammar's junk terminals: what a row holds besides labels and header blocks.
JUNK_TERMINALS = frozenset({"CELLS", "NUMBER", "BLANK", "NOISE", "ITEM_NO"})
_SEPARATORS = " \t\n|"
# Junk tokens a parser state lexes one by one before it matches junk a stretch at a time: a
# report's rows rarely have more, so the stretch pattern is compiled only for hostile input.
_BATCH_AFTER = 8
# Times junk wins at a character where a label could start, in one state, before the labels
# that could start there join the state's junk pattern: a page of ``(`` would otherwise try
# each label at each one, in Python.
_HOT_AFTER = 32
_Match = Callable[[str, int, int], "re.Match[str] | None"]  # (text, pos, endpos)

# Cap on the characters a first-character set may list; a class like [^0-9] is "any".
_MAX_FIRST = 4096
_POSSESSIVE_GROUPS_WORK = sys.version_info >= (3, 11, 5)


def first_characters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or ``None`` when it could be
    (nearly) anything. A superset is always safe: it only decides which patterns to try."""
    from re import _parser as sre

    try:
        parsed = sre.parse(pattern, flags)
    except re.error:  # pragma: no cover - lark compiled the same pattern already
        return None

    def first(items: Any) -> tuple[set[str] | None, bool]:  # noqa: PLR0911, PLR0912 - one case per regex op
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


class JunkRun(Token):
    """Consecutive junk tokens lexed in one parser state and shifted as one token.

    ``pieces()`` splits the text back into ``(terminal, start, end)`` in the order the lexer
    would have matched them one by one (``start`` and ``end`` are offsets in the source).
    """

    __slots__ = ("limit", "source", "splitter")
    source: str  # the whole text lexed: look-arounds at a piece's edges see what the lexer saw
    limit: int  # where the lexer stopped reading it
    splitter: re.Pattern[str]

    def pieces(self) -> Iterator[tuple[str, int, int]]:
        start, end = self.start_pos or 0, self.end_pos or 0
        for found in self.splitter.finditer(self.source, start, self.limit):
            if found.start() >= end:
                return
            name = found.lastgroup
            if name is not None and name != "SEPARATOR":
                # A noise run may read on into the label that ended the stretch.
                yield name, found.start(), min(found.end(), end)


class _JunkStretch:
    """How far junk runs from a position, in one parser state.

    ``pattern`` matches junk tokens and separators for as long as no other terminal of the
    state could start: at a character where none can (one not in ``stops``) junk is taken at
    once; at a stop character met often inside junk (``hot``), junk is taken where none of the
    terminals that can start there matches, all of them tried as one pattern inside the regex;
    at any other stop character the pattern stops, and the lexer tries the candidates there.
    """

    def __init__(
        self, junk: Callable[[frozenset[str], bool], str], stops: frozenset[str], flags: int
    ) -> None:
        self.junk = junk  # the junk terminals as one alternation: (stops, one noise character)
        self.stops = stops
        self.flags = flags
        self.hot: dict[str, str] = {}  # stop character -> the other terminals starting there
        self.hits: dict[str, int] = {}
        self.pattern = self._compile()

    def _compile(self) -> re.Pattern[str]:
        stops = "".join(sorted(self.stops))
        guard = f"(?![{re.escape(stops)}])" if stops else ""
        branches = [f"[{re.escape(_SEPARATORS)}]++", f"{guard}(?:{self.junk(self.stops, False)})"]
        single = self.junk(self.stops, True)
        branches += [f"(?={re.escape(c)})(?!{others})(?:{single})" for c, others in sorted(self.hot.items())]
        # Possessive: nothing follows the repeat, so giving back could never help, and a
        # greedy repeat of a group keeps state for every repetition (1.5 GB for 8 MB of junk).
        # Before 3.11.5 a possessive repeat of a group reads past a negative look-ahead in it
        # (CPython gh-100061, gh-106052): there, greedy, which is right but costs memory.
        repeat = "*+" if _POSSESSIVE_GROUPS_WORK else "*"
        return re.compile("(?:" + "|".join(branches) + ")" + repeat, self.flags)

    def met(self, char: str, others: Callable[[str], str | None]) -> None:
        """The stretch stopped at ``char`` and junk won there. After ``_HOT_AFTER`` times, the
        terminals that could have started there (``others(char)``, ``None`` when they cannot
        be one pattern) join the pattern, with those of every stop character met a quarter as
        often: each change recompiles the pattern, so they come in few steps."""
        hits = self.hits[char] = self.hits.get(char, 0) + 1
        if hits != _HOT_AFTER:
            return
        added = False
        for stop, count in self.hits.items():
            if stop not in self.hot and count >= _HOT_AFTER // 4 and (union := others(stop)) is not None:
                self.hot[stop] = union
                added = True
        if added:
            self.pattern = self._compile()


class ContextualLexer(Lexer):
    """Contextual lexing over per-terminal compiled patterns (see the module docstring)."""

    __future_interface__ = 2

    def __init__(self, conf: LexerConf) -> None:
        terminals = sorted(conf.terminals, key=_order)
        flags = conf.g_regex_flags
        self._flags = flags
        self._regexp = {t.name: t.pattern.to_regexp() for t in terminals}
        self._match: dict[str, _Match] = {
            name: re.compile(regexp, flags).match for name, regexp in self._regexp.items()
        }
        self._rank = {t.name: rank for rank, t in enumerate(terminals)}
        self._first = {name: first_characters(regexp, flags) for name, regexp in self._regexp.items()}
        self._ignore = tuple(self._match[name] for name in conf.ignore)
        self._candidates: dict[int, tuple[tuple[str, _Match], ...]] = {}
        self._by_char: dict[tuple[int, str], tuple[tuple[str, _Match], ...]] = {}
        self._noise_runs: dict[int, re.Pattern[str] | None] = {}
        self._stretches: dict[int, _JunkStretch | None] = {}
        junk = [t.name for t in terminals if t.name in JUNK_TERMINALS]
        # The splitter: the junk terminals in the lexer's own order, separators skipped, noise
        # as runs (adjacent noise tokens are one stretch of text that is not a label).
        self._junk_order = tuple(junk)
        self.splitter = re.compile(
            "|".join(
                [f"(?P<SEPARATOR>[{re.escape(_SEPARATORS)}]++)"]
                + [f"(?P<{name}>{self._junk_regexp(name, frozenset())})" for name in junk]
            ),
            flags,
        )
        self.batching = True  # off only in the tests that compare both ways

    def _junk_regexp(self, name: str, stops: frozenset[str]) -> str:
        if name != _NOISE:
            return self._regexp[name]
        # NOISE is one character in the grammar; a run of it, stopped where another terminal
        # of the state could start, is the same run of NOISE tokens.
        excluded = "".join(sorted(set(_SEPARATORS + "0123456789") | stops))
        return "[^" + re.escape(excluded) + "]++"

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

    def _stops(self, parser_state: Any) -> frozenset[str] | None:
        """Where a terminal other than junk could start, or ``None`` for anywhere."""
        stops: set[str] = set()
        for name, _ in self._state_candidates(parser_state):
            if name in JUNK_TERMINALS:
                continue
            chars = self._first[name]
            if chars is None:
                return None
            stops |= chars
        # Separators are skipped before any terminal is tried, so nothing starts at one.
        return frozenset(stops - set(_SEPARATORS))

    def _noise_run_pattern(self, parser_state: Any) -> re.Pattern[str] | None:
        # The characters at which some other candidate of this state could start end a run.
        stops = self._stops(parser_state)
        if stops is None:
            return None  # some candidate could start anywhere: no run can be skipped
        return re.compile(self._junk_regexp(_NOISE, stops))

    def _stretch(self, parser_state: Any) -> _JunkStretch | None:
        state = parser_state.position
        if state in self._stretches:
            return self._stretches[state]
        stops = self._stops(parser_state)
        found = None
        accepted = {name for name, _ in self._state_candidates(parser_state)}
        if stops is not None and accepted >= JUNK_TERMINALS:
            found = _JunkStretch(self._junk_alternation, stops, self._flags)
        self._stretches[state] = found
        return found

    def _junk_alternation(self, stops: frozenset[str], single_noise: bool) -> str:
        """The junk terminals in the lexer's order; noise as a run that ``stops`` end, or as one
        character."""
        noise = "[^" + re.escape(_SEPARATORS + "0123456789") + "]" if single_noise else None
        return "|".join(
            noise if name == _NOISE and noise else self._junk_regexp(name, stops) for name in self._junk_order
        )

    def _junk_end(self, text: str, pos: int, end: int, parser_state: Any, stretch: _JunkStretch) -> int:
        """Where the junk that starts at ``pos`` ends: the stretch pattern runs to a character
        where another terminal could start; there the state's candidates are tried in order,
        and the stretch goes on only if junk still wins."""
        while True:
            found = stretch.pattern.match(text, pos, end)
            pos = found.end() if found else pos
            if pos >= end:
                return end
            char = text[pos]
            candidates = self._char_candidates(parser_state, char)
            for name, match in candidates:
                if won := match(text, pos, end):
                    if name not in JUNK_TERMINALS:
                        return pos
                    pos = won.end() if name != _NOISE else pos + 1
                    stretch.met(char, lambda c: self._others(self._char_candidates(parser_state, c)))
                    break
            else:
                return pos  # nothing matches: the lexer reports it there

    def _others(self, candidates: tuple[tuple[str, _Match], ...]) -> str | None:
        """The candidates other than junk as one pattern, when all come before junk in the
        lexer's order (so that any of them matching means junk does not win there)."""
        rank = self._rank.__getitem__
        others = [name for name, _ in candidates if name not in JUNK_TERMINALS]
        junk = [name for name, _ in candidates if name in JUNK_TERMINALS]
        if not others or (junk and max(map(rank, others)) > min(map(rank, junk))):
            return None
        return "|".join(f"(?:{self._regexp[name]})" for name in others)

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        text_slice = lexer_state.text
        text, end = text_slice.text, text_slice.end
        counter = lexer_state.line_ctr
        ignore = self._ignore
        junk_seen: dict[int, int] = {}
        while counter.char_pos < end:
            pos = counter.char_pos
            skipped = False
            for match in ignore:
                found = match(text, pos, end)
                if found:
                    counter.feed(found.group(0))
                    skipped = True
                    break
            if skipped:
                continue
            for name, match in self._char_candidates(parser_state, text[pos]):
                found = match(text, pos, end)
                if found:
                    token = self._token(name, found, text, pos, end, parser_state, counter, junk_seen)
                    counter.feed(token)
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

    def _token(
        self,
        name: str,
        found: re.Match[str],
        text: str,
        pos: int,
        end: int,
        parser_state: Any,
        counter: Any,
        junk_seen: dict[int, int],
    ) -> Token:
        if name not in JUNK_TERMINALS:
            return Token(name, found.group(0), pos, counter.line, counter.column)
        stop = found.end() if name != _NOISE else self._noise_end(text, pos + 1, end, parser_state)
        state = parser_state.position
        seen = junk_seen[state] = junk_seen.get(state, 0) + 1
        if self.batching and seen > _BATCH_AFTER and (stretch := self._stretch(parser_state)):
            last = self._junk_end(text, stop, end, parser_state, stretch)
            while last > stop and text[last - 1] in _SEPARATORS:
                last -= 1  # trailing separators are the ignore rule's
            if last > stop:
                run = JunkRun(name, text[pos:last], pos, counter.line, counter.column)
                run.source = text
                run.limit = end
                run.splitter = self.splitter
                return run
        return Token(name, text[pos:stop], pos, counter.line, counter.column)
