"""Which requests the public pages' cache answers: an anonymous GET or HEAD of a public URL.

Of the request it reads the method, the path, whether there is a query string, and the Cookie header
(whether it names a remember-me cookie, and the session, which Flask's own session interface opens from
a request made of that header alone).
"""

from dataclasses import dataclass
from functools import lru_cache

from flask import Flask
from werkzeug.exceptions import HTTPException

# endpoint → the render slots it takes (gate.py)
PUBLIC_ENDPOINTS = {
    "public.front_door": "page",
    "public.school_page": "page",
    "public.plan": "page",
    "public_calendar.public_wheel": "page",
    "public_calendar.public_feed": "page",
    "public.plan_pdf": "pdf",
    "public.poster": "pdf",
}
FRONT_DOOR = ""  # the "school slug" the front door's languages are kept under
# What a reader's session may hold for the cached page to be theirs: a language choice, and the marks
# Flask-WTF, Flask and Flask-Login leave in any visitor's session (Flask-Login's session protection
# marks a session it did not make `_fresh: False`, a language choice's included).
ANONYMOUS_SESSION_KEYS = frozenset({"lang", "csrf_token", "_permanent", "_fresh"})


@dataclass(frozen=True)
class Reader:
    """An anonymous request for one of the public URLs."""

    endpoint: str
    slug: str
    session_lang: str | None
    keepable: bool  # a GET without a query string: its answer may be kept for the next readers

    @property
    def kind(self) -> str:
        return PUBLIC_ENDPOINTS[self.endpoint]


class AnonymousReaders:
    def __init__(self, app: Flask):
        self.app = app
        self._adapter = app.url_map.bind(app.config.get("SERVER_NAME") or "localhost")

    def find(self, environ) -> Reader | None:
        """The request as a Reader when it is an anonymous GET or HEAD of a public URL, else None."""
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return None
        found = self._route(environ.get("PATH_INFO", ""))
        if found is None:
            return None
        session_lang = None
        cookie = environ.get("HTTP_COOKIE")
        if cookie:  # no Cookie header, no session: nothing to open
            session = self._anonymous_session(cookie)
            if session is None:
                return None
            session_lang = session.get("lang")
        keepable = method == "GET" and not environ.get("QUERY_STRING")
        return Reader(*found, session_lang, keepable)

    def _anonymous_session(self, cookie: str):
        """The session the Cookie header carries, opened by Flask's session interface as Flask would
        open it (a cookie it cannot read is an empty session), when it is an anonymous reader's; None
        for a signed-in reader or a session holding anything but a language choice."""
        app = self.app
        request = app.request_class({"HTTP_COOKIE": cookie})
        if app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies:
            return None
        session = app.session_interface.open_session(app, request)
        if session is None or set(session) - ANONYMOUS_SESSION_KEYS:
            return None
        return session

    @lru_cache(maxsize=4096)  # noqa: B019 - one cache for the app's life, like the app
    def _route(self, path: str) -> tuple[str, str] | None:
        """(endpoint, slug) when `path` is one of the public URLs."""
        try:
            endpoint, args = self._adapter.match(path, "GET")
        except HTTPException:
            return None
        return (endpoint, args.get("slug", FRONT_DOOR)) if endpoint in PUBLIC_ENDPOINTS else None
