"""A TrueType font for the PDFs the tests write, made here so that no machine needs one.

A PDF whose Chinese font is not embedded (reportlab's built-in ``STSong-Light``) reads
differently on every machine: where no Chinese font is installed, pdfium has no glyph boxes
for its characters and drops a text object of one Chinese character (a label wrapped a
character a line vanishes). So the test PDFs embed a font, and the font is built here with
fontTools: every character the reports use (ASCII, Latin-1, general and CJK punctuation,
full-width forms, the CJK Unified Ideographs) mapped to a plain box, full width for CJK and
half width for the rest, a box from the descent to the ascent. What pdfium reads back, a
character's code and box, is exact; what it looks like is not the point. The font is built
once a process (under a second) and is the same bytes every time, so a PDF written with it is
too.
"""

from __future__ import annotations

import functools
import io

__all__ = ["CHARACTER_RANGES", "FONT_NAME", "font_bytes", "registered_font"]

FONT_NAME = "GovDisclosureTestCJK"
CHARACTER_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1
    (0x2000, 0x206F),  # general punctuation: “ ” ‘ ’ — …
    (0x2100, 0x218F),  # letterlike forms and number forms
    (0x2460, 0x24FF),  # enclosed numbers ①
    (0x3000, 0x303F),  # CJK punctuation: 、 。 〔 〕 「 」
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xFF00, 0xFFEF),  # full-width forms: （ ） ， ： ０-９
)
_UNITS = 1000
_ASCENT, _DESCENT = 880, -120
_WIDE_FROM = 0x2E80  # CJK and full-width characters are a full em wide
# A fixed creation date (1 January 2024, in the font's own epoch of 1904): the same bytes always.
_CREATED = 3_786_825_600


@functools.cache
def font_bytes() -> bytes:
    """The font, as a TrueType file."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    codes = [code for first, last in CHARACTER_RANGES for code in range(first, last + 1)]
    names = {code: f"uni{code:04X}" for code in codes}
    builder = FontBuilder(_UNITS, isTTF=True)
    builder.setupGlyphOrder([".notdef", *names.values()])
    builder.setupCharacterMap(names)
    # From the descent to the ascent: pdfium's loose box of a character is the font's box,
    # and a real CJK font's is about an em high, as this one's is.
    pen = TTGlyphPen(None)
    pen.moveTo((50, _DESCENT))
    pen.lineTo((50, _ASCENT))
    pen.lineTo((450, _ASCENT))
    pen.lineTo((450, _DESCENT))
    pen.closePath()
    box = pen.glyph()
    builder.setupGlyf(dict.fromkeys((".notdef", *names.values()), box))
    widths = {names[code]: (_UNITS if code >= _WIDE_FROM else _UNITS // 2, 0) for code in codes}
    builder.setupHorizontalMetrics({".notdef": (_UNITS // 2, 0), **widths})
    builder.setupHorizontalHeader(ascent=_ASCENT, descent=_DESCENT)
    builder.setupNameTable({"familyName": FONT_NAME, "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=_ASCENT, sTypoDescender=_DESCENT, usWinAscent=_ASCENT, usWinDescent=-_DESCENT
    )
    builder.setupPost()
    builder.updateHead(created=_CREATED, modified=_CREATED)
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


@functools.cache
def registered_font() -> str:
    """Registers the font with reportlab (once a process) and returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, io.BytesIO(font_bytes())))
    return FONT_NAME
