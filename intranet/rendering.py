"""One place decides whether a request gets a whole page or just the fragment htmx asked for."""

from flask import render_template

from .extensions import htmx


def render(view_template: str, fragment: str | None = None, status: int = 200, **context):
    """Render `view_template`; for an htmx request (not a boosted page load) render `fragment` instead.

    The page template includes the very same fragment, so both always agree.
    """
    if fragment and htmx and not htmx.boosted:
        return render_template(fragment, **context), status
    return render_template(view_template, **context), status
