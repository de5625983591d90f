"""Mutation fuzzing over every corpus file: only our own errors, and every cell at its span.

Each input is a real report (``../shared/corpus``: text, Markdown, HTML, in every layout there)
mutated the ways real files and attackers damage them: bytes flipped, inserted or deleted,
lines repeated, dropped or swapped, junk and digit runs spliced in, the file cut short. The
library must either read it, or refuse it with a ``GovDisclosureError``; a report it reads
must hold no number that is not printed at its cell's span, and must validate and serialise
without an exception.

``tests/test_fuzz.py`` runs it through hypothesis (``HYPOTHESIS_PROFILE=long`` for 5,000
examples). For a long run against the clock:

    python -m tests.mutation_fuzz --minutes 10
"""

from __future__ import annotations

import argparse
import random
import time
import traceback
from collections import Counter
from decimal import Decimal
from pathlib import Path

import gov_disclosure as gd
from gov_disclosure.parsing.noise import normalize
from gov_disclosure.sources import read

from .corpus import CORPUS

SUFFIXES = (".txt", ".md", ".html")
SPLICES = (
    b"\t",
    b"\n",
    b" | ",
    b"0",
    b"12345",
    b"9" * 40,
    b"1,",
    b"3.",
    "一、".encode(),
    "（一）".encode(),
    "行政复议".encode(),
    "本年（2023）".encode(),
    "第 3 页".encode(),
    "。".encode(),
    "\u3000".encode(),
    b"<td>",
    b"</tr>",
    b"<!--",
    b"<sup>1</sup>",
    b"\xff\xfe",
    b"\xe4\xb8",
    b"\x00",
)


def _decodes(piece: bytes) -> bool:
    try:
        piece.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return piece != b"\x00"


def sources() -> list[Path]:
    """Every corpus file in a format the library reads."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*/*") if p.suffix in SUFFIXES)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` damaged in one to eight ways: most often as text, so that it still decodes
    and reaches the parser; otherwise as bytes, which may leave it undecodable."""
    if rng.random() < 0.7:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return _mutate_text(text, rng).encode("utf-8", "surrogatepass")
    return _mutate_bytes(data, rng)


TEXT_SPLICES = tuple(s.decode("utf-8") for s in SPLICES if _decodes(s))


def _mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(6)
        if kind == 0:  # replace a character
            text = (
                text[:at]
                + chr(rng.choice((rng.randrange(32, 0x3000), rng.randrange(0x4E00, 0x9FFF))))
                + text[at + 1 :]
            )
        elif kind == 1:  # delete a stretch
            text = text[:at] + text[at + rng.randint(1, 64) :]
        elif kind == 2:  # splice in junk, sometimes a long run of it
            text = text[:at] + rng.choice(TEXT_SPLICES) * rng.choice((1, 1, 2, 50, 2_000)) + text[at:]
        elif kind == 3:  # cut short
            text = text[:at]
        else:  # move a stretch elsewhere
            length = rng.randint(1, 400)
            piece = text[at : at + length]
            text = text[:at] + text[at + length :]
            to = rng.randrange(len(text) + 1)
            text = text[:to] + piece + text[to:]
    return text


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not out:
            out += rng.choice(SPLICES)
            continue
        at = rng.randrange(len(out))
        kind = rng.randrange(8)
        if kind == 0:  # flip a byte
            out[at] = rng.randrange(256)
        elif kind == 1:  # delete a stretch
            del out[at : at + rng.randint(1, 64)]
        elif kind == 2:  # splice in junk, sometimes a long run of it
            out[at:at] = rng.choice(SPLICES) * rng.choice((1, 1, 2, 50, 2_000))
        elif kind == 3:  # cut the file short
            del out[at:]
        else:  # line edits: repeat, drop or swap lines
            lines = bytes(out).split(b"\n")
            i = rng.randrange(len(lines))
            j = rng.randrange(len(lines))
            if kind == 4:
                lines.insert(i, lines[j])
            elif kind == 5:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            out = bytearray(b"\n".join(lines))
    return bytes(out)


def check(data: bytes) -> str:
    """Parse ``data``; raise AssertionError on anything but a sound report or our own error.
    Returns what happened: ``"refused"`` or ``"read"``."""
    try:
        report = gd.parse(data)
    except gd.GovDisclosureError:
        return "refused"
    text = normalize(read(data).text)
    spans = report.cell_spans()
    for key, value in report.cells().items():
        if value is None:
            continue
        span = spans[key]
        assert span is not None, key
        printed = text[span.start : span.end].replace(",", "")
        assert Decimal(printed) == value, (key, printed, value)
    report.validate()
    assert gd.Report.from_json(report.to_json()) == report
    report.render("text")
    return "read"


def main() -> int:
    parser = argparse.ArgumentParser(description="Mutation-fuzz gov_disclosure over the corpus.")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = [(p, p.read_bytes()) for p in sources()]
    if not files:
        print(f"no corpus at {CORPUS}")
        return 2
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    failures = 0
    deadline = time.monotonic() + args.minutes * 60
    while time.monotonic() < deadline:
        path, original = rng.choice(files)
        data = mutate(original, rng)
        try:
            outcomes[f"{path.suffix} {check(data)}"] += 1
        except Exception:  # what the fuzzer is looking for: report it and go on
            failures += 1
            name = f"fuzz-failure-{failures}{path.suffix}"
            Path(name).write_bytes(data)
            print(f"FAILURE on a mutation of {path.name}, kept as {name}:")
            traceback.print_exc()
    total = sum(outcomes.values())
    print(f"{total:,} mutated inputs in {args.minutes:g} minutes from {len(files)} corpus files:")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count:,}")
    print(f"failures: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
