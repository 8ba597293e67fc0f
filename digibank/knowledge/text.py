"""A tiny, safe "markdown-like" format for guide texts.

Writers get paragraphs, lists ("- item" or "1. item"), **bold** and plain web links.
Everything is HTML-escaped *first*, and the few tags are added afterwards around escaped
text, so no HTML a writer types can ever reach the page as markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
# Only http(s) links; the text is already escaped, so quotes cannot break the attribute.
_LINK = re.compile(r"(?<![\w/=&;])(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)])")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _inline(line: str) -> str:
    text = escape(line)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _LINK.sub(r'<a href="\1" rel="noopener noreferrer">\1</a>', text)


def _block(lines: list[str]) -> str:
    if all(_BULLET.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_BULLET.match(line)[1])}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    if all(_NUMBERED.match(line) for line in lines):
        items = "".join(f"<li>{_inline(_NUMBERED.match(line)[1])}</li>" for line in lines)
        return f"<ol>{items}</ol>"
    return "<p>" + "<br>".join(_inline(line) for line in lines) + "</p>"


def render(text: str) -> SafeString:
    """Guide text to HTML: escaped, with paragraphs, lists, bold and links only."""
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return mark_safe("".join(_block(b) for b in blocks))  # noqa: S308 - escaped above
