"""What the public pages' cache (cache.py) and a public view tell each other while Flask makes a page.

The cache calls Flask inside `render()`, which holds a `Render` in a context variable for the length of
that one call (its thread, its request); outside such a call there is none, and the functions below do
nothing. The view says what the page depended on besides the freshness stamp (`page_depends_on`): the
languages it offered, the school's default and the language it was made in; the cache keeps the page
only when it did. The cache says when every render slot is taken (`busy`): Flask then answers with its
503 page instead of making the one asked for.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from flask import abort


@dataclass(frozen=True)
class PageLanguages:
    """What a kept page depended on besides the stamp: the cache finds the language of the next
    reader's copy from these, as Flask would choose it (i18n.choose_language)."""

    offered: tuple[str, ...]
    default: str | None  # the school's default language; None on the front door
    lang: str  # the language the page is in


@dataclass
class Render:
    busy: bool = False
    languages: PageLanguages | None = None  # set by a view whose page the cache may keep


_current: ContextVar[Render | None] = ContextVar("public_render", default=None)


@contextmanager
def render(*, busy: bool = False) -> Iterator[Render]:
    """Flask makes a page for the cache within the block; the Render then holds what the view said."""
    made = Render(busy)
    token = _current.set(made)
    try:
        yield made
    finally:
        _current.reset(token)


def page_depends_on(*, offered: tuple[str, ...], default: str | None, lang: str) -> None:
    """Called by a public view whose page may be kept for the next anonymous readers of its language."""
    made = _current.get()
    if made is not None:
        made.languages = PageLanguages(tuple(offered), default, lang)


def refuse_when_busy() -> None:
    """First of Flask's before-request steps: the cache found every render slot taken, so Flask answers
    with its 503 page (in the reader's language) and makes nothing else."""
    made = _current.get()
    if made is not None and made.busy:
        abort(503)
