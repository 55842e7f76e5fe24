"""HTML pages reduced to their visible text (part of the reading stage)."""

from __future__ import annotations

import html.parser


#: Elements whose content is never visible text.
HTML_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
#: Elements that start a new line of text.
HTML_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer "
    "blockquote pre title dd dt hr figcaption".split()
)


class _TextExtractor(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HTML_INVISIBLE:
            self.hidden += 1
        elif tag in HTML_BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in HTML_BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HTML_INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in HTML_BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Reduce an HTML page to its visible text, one block a line.

    The ``<title>`` is kept as the first line (it is usually the headline).

    >>> html_to_text("<html><head><title>T</title><style>p{}</style></head>"
    ...              "<body><p>项目<b>建设</b></p><script>x()</script><p>二</p></body></html>")
    'T\\n项目建设\\n二'
    """
    title = _html_title(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    body = [line for line in lines if line]
    if title and (not body or body[0] != title):
        body.insert(0, title)
    return "\n".join(body)


def _html_title(markup: str) -> str | None:
    lower = markup.lower()
    start = lower.find("<title")
    if start < 0:
        return None
    start = lower.find(">", start)
    end = lower.find("</title>", start)
    if start < 0 or end < 0:
        return None
    parser = _TextExtractor()
    parser.feed(markup[start + 1 : end])
    parser.close()
    return " ".join("".join(parser.parts).split()) or None
