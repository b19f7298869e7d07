"""Markdown to safe HTML: markdown-it-py renders (raw HTML off), nh3 sanitises anyway."""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str | None) -> Markup:
    """Render Markdown written by users; scripts, event handlers and javascript: links never survive.

    Headings shift down by one level (# becomes h2) so a section's own title stays the h2 above them.
    """
    if not text:
        return Markup("")
    html = _markdown.render(text)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def plain_text(text: str | None) -> str:
    """Markdown as readable plain text lines, for diffs."""
    return (text or "").strip()
