"""Markdown to safe HTML: markdown-it-py renders (raw HTML off), nh3 sanitises anyway."""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..contacts.phone_text import link_phones_in_html

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
    "h5",
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

    Headings in the text sit below the section's own h2 title: # and ## become h3, ### becomes h4.
    """
    if not text:
        return Markup("")
    html = _markdown.render(text)
    for level, new in ((4, 5), (3, 4), (2, 3), (1, 3)):
        html = html.replace(f"<h{level}>", f"<h{new}>").replace(f"</h{level}>", f"</h{new}>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return link_phones_in_html(clean)  # sanitised by nh3 just above; phone numbers become tel: links
