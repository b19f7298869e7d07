"""Which requests the public pages' cache answers: an anonymous GET or HEAD of a public URL."""

from dataclasses import dataclass
from functools import lru_cache

from flask import Flask
from werkzeug.datastructures import LanguageAccept
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_accept_header, parse_cookie

from ..i18n import choose_language

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
# What a reader's session may hold for the cached page to be theirs: a language choice, and what
# Flask-WTF or Flask keep for any visitor.
ANONYMOUS_SESSION_KEYS = frozenset({"lang", "csrf_token", "_permanent"})


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
        self._serializer = None
        self._adapter = app.url_map.bind(app.config.get("SERVER_NAME") or "localhost")

    def find(self, environ) -> Reader | None:
        """The request as a Reader when it is an anonymous GET or HEAD of a public URL, else None."""
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return None
        found = self._route(environ.get("PATH_INFO", ""))
        if found is None:
            return None
        endpoint, slug = found
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        if self.app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in cookies:
            return None
        session_lang = None
        raw = cookies.get(self.app.config["SESSION_COOKIE_NAME"])
        if raw:
            try:
                session = self._session_serializer().loads(
                    raw, max_age=int(self.app.permanent_session_lifetime.total_seconds())
                )
            except Exception:  # noqa: BLE001 - a cookie we cannot read: let Flask deal with it
                return None
            if not isinstance(session, dict) or set(session) - ANONYMOUS_SESSION_KEYS:
                return None
            session_lang = session.get("lang")
        keepable = method == "GET" and not environ.get("QUERY_STRING")
        return Reader(endpoint, slug, session_lang, keepable)

    @lru_cache(maxsize=4096)  # noqa: B019 - one cache for the app's life, like the app
    def _route(self, path: str) -> tuple[str, str] | None:
        """(endpoint, slug) when `path` is one of the public URLs."""
        try:
            endpoint, args = self._adapter.match(path, "GET")
        except HTTPException:
            return None
        return (endpoint, args.get("slug", FRONT_DOOR)) if endpoint in PUBLIC_ENDPOINTS else None

    def _session_serializer(self):
        if self._serializer is None:
            self._serializer = self.app.session_interface.get_signing_serializer(self.app)
        return self._serializer


@lru_cache(maxsize=2048)
def language_for(offered, default, site_default, session_lang, accept_language: str) -> str:
    """choose_language for a reader without an account; browsers send few distinct headers."""
    return choose_language(
        offered,
        explicit=session_lang,
        preferred=None,
        accept=parse_accept_header(accept_language or None, LanguageAccept),
        school_default=default,
        site_default=site_default,
    )
