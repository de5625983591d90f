"""Hostile input shapes: text that once made a parser of reports slow, at any size.

    from gov_disclosure.testing import hostile

    for shape in hostile.SHAPES:
        text = shape.make(100_000)     # about 100 KB of it
        shape.run(text)                # what the shape exercises: parse, and validate if it says so

Each shape is one way input can be hostile by accident or on purpose: a run of one separator,
a label fragment repeated, digits, a label cut short before a long run of spaces, markup
that a tolerant HTML parser could take quadratic time on. The library's own scaling test and
``benchmarks/bench_scale.py`` run all of them; a pipeline built on the library can feed them to
its own code the same way. Needs nothing beyond the library (HTML shapes need its ``html``
extra to be parsed, as every HTML input does).
"""

from __future__ import annotations

import attrs

__all__ = ["SHAPES", "Shape", "by_name"]

# What precedes a shape, so that the part of the parser it is aimed at reads all of it.
TABLES = "二、主动公开政府信息情况\n"  # the table grammar reads from here on
TABLE_3 = "三、收到和处理政府信息公开申请情况\n"
TABLE_4 = "四、政府信息公开行政复议、行政诉讼情况\n"
SECTION_1 = "一、总体情况\n"  # validation reads the numbers this section states


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@attrs.frozen
class Shape:
    """A named kind of hostile input and how to make ``size`` characters of it."""

    name: str
    prefix: str
    unit: str
    suffix: str = ""
    validate: bool = False  # whether the shape is aimed at ``Report.validate()``

    def make(self, size: int) -> str:
        return self.prefix + _repeat(self.unit, size) + self.suffix

    def run(self, text: str) -> object:
        """Parse ``text`` (and validate it, for a shape aimed at validation). A clear error is
        an answer too: it is returned, not raised."""
        import gov_disclosure as gd

        try:
            report = gd.parse(text)
        except gd.GovDisclosureError as error:
            return error
        return report.validate() if self.validate else report


def _shapes() -> tuple[Shape, ...]:
    shapes = [
        # Runs of each separator and space character, alone and where tables are read.
        Shape("spaces then a letter", "", " ", "x"),
        Shape("a line break then spaces", "\n", " "),
        Shape("spaces in section 一", SECTION_1, " ", "x", validate=True),
        Shape("blank lines with spaces in section 一", SECTION_1, " \n \t\n", validate=True),
        Shape("ideographic spaces", TABLES, "\u3000"),
        Shape("tabs", TABLES, "\t"),
        Shape("pipes", TABLES, "|"),
        Shape("line breaks", TABLES, "\n"),
        Shape("markdown rule then spaces", "|---|", " ", "x"),
        Shape("page-number line then spaces", "第 3 页", " ", "x"),
        Shape("unclosed bookmarks", "", "[bookmark:"),
        Shape("site chrome words", TABLES, "发布时间 "),
        # A label cut short before a long run of spaces (what a cap on the region left).
        Shape("enumerator 一 then spaces", TABLES + "一", " ", "x"),
        Shape("enumerator 1 then spaces", TABLES + "1", " ", "x"),
        Shape("(一 then spaces", TABLES + "(一", " ", "x"),
        Shape("header label then spaces", TABLES + "本年", " ", "x"),
        Shape("section-heading words then spaces", "存在的主要问题及改进情况", " ", "x"),
        # Label fragments repeated: every character may start a label.
        Shape("一、 repeated", TABLES, "一、"),
        Shape("行政复议 repeated", TABLES, "行政复议"),
        Shape("行政复议 repeated before the tables", "", "行政复议"),
        Shape("行政复议 repeated in 表四", TABLE_4, "行政复议"),
        Shape("行政复议 repeated in section 一", SECTION_1, "行政复议", validate=True),
        Shape("(一) repeated", TABLES, "(一)"),
        Shape("（一） repeated", TABLES, "（一）"),
        Shape("open brackets", TABLES, "("),
        Shape("第二十条 repeated", TABLES, "第二十条"),
        Shape("本年 repeated", TABLES, "本年"),
        Shape("予以公开 repeated", TABLE_3, "予以公开"),
        Shape("1.属于 repeated", TABLE_3, "1.属于"),
        Shape("结果维持 repeated", TABLE_4, "结果维持"),
        Shape("三、 repeated", TABLES, "三、"),
        Shape("四、政府 repeated", TABLES, "四、政府"),
        Shape("a row repeated", TABLES, "规章\t1\t"),
        Shape("full stops", TABLES, "。"),
        Shape("letters", TABLES, "x"),
        # Digits: one number, cells, numbers glued to punctuation, stated counts.
        Shape("one long number", TABLES, "1"),
        Shape("digits and spaces", TABLES, "1 "),
        Shape("five-digit cells", TABLES, "12345 "),
        Shape("digits and commas", TABLES, "1,"),
        Shape("digits and points", TABLES, "1."),
        # Digits run together (crawler text): runs into enumerators, rows of long runs to split.
        Shape("digits run into enumerators", TABLE_3, "1111112."),
        Shape("squashed rows repeated", TABLE_3, "（一）予以公开" + "1" * 40),
        Shape("a squashed 表四 repeated", TABLE_4, "总计" + "1" * 30),
        Shape("dashes", TABLES, "-"),
        Shape("years", TABLES, "2024年"),
        Shape("digits in section 一", SECTION_1, "1", "\n" + TABLES, validate=True),
        Shape("digits and commas in section 一", SECTION_1, "1,", validate=True),
        Shape("numbered lines in section 一", SECTION_1, "\n1", validate=True),
        Shape("stated counts in section 一", SECTION_1, "收到申请1件，", validate=True),
        # Markup an HTML parser may be slow on (read as HTML because it starts like a page).
        Shape("unclosed tags", "<html><body>", "<a"),
        Shape("processing instructions", "<html><body>", "<?"),
        Shape("unclosed comments", "<html><body>", "<!--"),
        Shape("nested divs", "<html><body>", "<div>"),
        Shape("unclosed cells", "<html><body><table><tr>", "<td>1"),
    ]
    return tuple(shapes)


SHAPES: tuple[Shape, ...] = _shapes()


def by_name(name: str) -> Shape:
    """The shape called ``name``."""
    for shape in SHAPES:
        if shape.name == name:
            return shape
    raise KeyError(name)
