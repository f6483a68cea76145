"""The text of an HTML mail part, for whatever reads a letter's words.

Web mail clients send many applications (and jurors' replies) as HTML only: the form as a
table, or one styled <div> per line. `html_to_text` turns it into plain text: blocks
and <br> become line breaks, table cells become tabs (so a table reads like a pasted one),
and a link shown as words ("my Instagram") keeps its address.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Only links a person can open become "text (link)"; mailto: and cid: stay out.
SCHEME = re.compile(r"https?://", re.IGNORECASE)

_HTML_BLOCKS = frozenset(
    {"p", "div", "tr", "li", "ul", "ol", "table", "tbody", "thead", "h1", "h2", "h3", "h4",
     "h5", "h6", "blockquote", "section", "article", "header", "footer", "pre", "hr", "dd",
     "dt", "dl", "form", "fieldset", "address", "center", "caption"}
)
_HTML_SKIPPED = frozenset({"style", "script", "head", "title", "template", "noscript"})


class _TextFromHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive unescaped in handle_data
        self.parts: list[str] = []
        self._skipping = 0
        self._anchors: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _HTML_BLOCKS:
            self.parts.append("\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self._anchors.append((len(self.parts), href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _HTML_BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_BLOCKS:
            self.parts.append("\n")
        elif tag == "a" and self._anchors:
            start, href = self._anchors.pop()
            shown = "".join(self.parts[start:])
            # A link typed as "my Instagram" keeps its address, or the address is lost.
            if SCHEME.match(href) and href not in shown:
                self.parts.append(f" {href}")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # HTML whitespace is not significant, but &nbsp; (U+00A0) is kept as typed.
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """The text of an HTML mail part: blocks and <br> as line breaks, table cells as tabs."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip(" ") for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line if line.strip() else "" for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
