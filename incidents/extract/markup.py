"""An uploaded article (plain text or a saved web page) as text to extract from.

Pure. HTML is read, never rendered: only its text survives, one paragraph per line
(the extractor treats each line as a paragraph), without scripts, styles or markup.
"""

import re
from html.parser import HTMLParser

from incidents.formats.decode import decode

# Elements whose content is code or markup, not article text. Not <head>: pages often
# leave it unclosed, and skipping it would then drop the whole article.
_SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}
# Elements that end a paragraph: inline ones (a, b, span...) must not split a sentence.
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_HTML_HINT = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|br)\b", re.I)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # open skipped elements, innermost last

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED and tag not in _VOID:
            self.skipping.append(tag)
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skipping:
            # Malformed pages close elements out of order: close up to the matching one.
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one block (paragraph, heading, item) per line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def article_text(data: bytes, *, name: str = "the file") -> str:
    """The text of an uploaded .txt or .html file; DecodeError if it is not readable text."""
    text, _encoding = decode(data, name=name)
    if name.lower().endswith((".html", ".htm")) or looks_like_html(text):
        return html_to_text(text)
    return text
