"""HTML pages (a report as published on a government site) to report text.

Cells of a table become tab-separated, rows and block elements become lines; scripts, styles
and comments are dropped. Python's own ``html.parser`` is enough for this: it is a tolerant,
event-driven parser, and a report page needs nothing beyond its text and its table cells.

Spans of a report read from HTML refer to this extracted text (``Report`` keeps no copy of
the page), not to offsets in the HTML.
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "blockquote",
        "pre",
        "hr",
        "dl",
        "dt",
        "dd",
        "form",
    }
)
_CELLS = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _CELLS:
            self.parts.append("\t")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _CELLS:
            self.parts.append("\t")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            # Line breaks inside a cell are layout, not content: the cell stays one cell.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def html_to_text(page: str) -> str:
    """The text of an HTML page, with its table cells tab-separated and one row a line."""
    extractor = _TextExtractor()
    extractor.feed(page)
    extractor.close()
    title = "".join(extractor.title).strip()
    body = "".join(extractor.parts)
    lines = [line.strip(" \t\u3000\xa0") for line in body.split("\n")]
    text = "\n".join(line for line in lines if line)
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    # A page that closes its <html> was not cut: its text ends where a line ends. (A page cut
    # mid-cell keeps its last number at the very end, where the parser treats it as cut.)
    return text + "\n" if page.rstrip().lower().endswith("</html>") else text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and head[:1] == "<")
