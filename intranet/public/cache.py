"""Public pages rendered once and served from memory, in front of Flask.

A parent's request for a school's page or plan is the busiest request the intranet gets and the
least personal one: anonymous, no query string, the same bytes for everybody who reads the same
language on the same day. The first such request goes through Flask as usual; its page is kept
here (plain and gzip-compressed) with the freshness stamp it was rendered under (freshness.py). The
next ones are answered from memory, with the same headers Flask gave, an ETag and a 304 for a
browser that has the page already. The stamp is read with one indexed query at most once a second
per process, and at once after this process committed a change (freshness.py).

Everything else goes straight to Flask: other pages, other methods, any query string (`?lang=`
sets the session's language there), a signed-in reader, a session holding anything but a language
choice, or a page Flask did not answer with a plain 200.
"""

import gzip
import threading
import time
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from http import HTTPStatus
from zoneinfo import ZoneInfo

from flask import Flask, current_app, request
from werkzeug.datastructures import LanguageAccept
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_accept_header, parse_cookie

from ..extensions import db
from ..i18n import choose_language
from . import freshness

CACHED_ENDPOINTS = frozenset({"public.school_page", "public.plan"})
ENVIRON_KEY = "intranet.public_cache"
# What a reader's session may hold for the cached page to be theirs: a language choice, and what
# Flask-WTF or Flask keep for any visitor.
ANONYMOUS_SESSION_KEYS = frozenset({"lang", "csrf_token", "_permanent"})
OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class SchoolLanguages:
    offered: tuple[str, ...]
    default: str | None
    stamp: int | None


@dataclass(frozen=True)
class KnownStamp:
    value: int | None
    read_at: float  # the cache's clock
    committed_here: int  # freshness.changes_committed_here() when it was read


@dataclass(frozen=True)
class Page:
    stamp: int | None
    day: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    gzipped: bytes


def page_rendered_for_cache(*, offered: tuple[str, ...], default: str | None, lang: str) -> None:
    """Called by a cached view: what the page depended on besides the stamp. Nothing is kept for a
    signed-in reader (their pages carry their name and menu)."""
    info = request.environ.get(ENVIRON_KEY)
    if info is not None:
        info["page"] = {"offered": offered, "default": default, "lang": lang}


class PublicPageCache:
    def __init__(self, app: Flask, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app
        self.pages: OrderedDict[tuple, Page] = OrderedDict()  # the least recently read first
        self.max_pages = app.config.get("PUBLIC_CACHE_PAGES", 300)
        self.schools: dict[str, SchoolLanguages] = {}
        self.lock = threading.Lock()
        self.stamp_seconds = app.config.get("PUBLIC_CACHE_STAMP_SECONDS", 1.0)
        self.clock = time.monotonic
        self._known: KnownStamp | None = None
        self._serializer = None
        with app.app_context():  # the app's engine, whatever a later app context puts in its place
            self._engine = db.engine
        self._adapter = app.url_map.bind(app.config.get("SERVER_NAME") or "localhost")
        self._connections = threading.local()

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.schools.clear()
            self._known = None

    # ------------------------------------------------------------------ the request

    def __call__(self, environ, start_response):
        request_key = self._cacheable_request(environ)
        if request_key is None:
            return self.wsgi_app(environ, start_response)
        endpoint, slug, session_lang = request_key
        try:
            stamp = self._stamp()
        except Exception:  # noqa: BLE001 - the database is unreachable: Flask answers (503) as for any page
            return self.wsgi_app(environ, start_response)
        day = datetime.now(OSLO).date().isoformat()
        school = self.schools.get(slug)
        if school is not None and school.stamp == stamp:
            lang = self._language(environ, school, session_lang)
            key = self._page_key(environ, endpoint, slug, lang)
            page = self.pages.get(key)
            if page is not None and page.stamp == stamp and page.day == day:
                self._touch(key)
                return self._serve(environ, start_response, page)
        return self._render_and_keep(environ, start_response, endpoint, slug, stamp, day)

    def _cacheable_request(self, environ) -> tuple[str, str, str | None] | None:
        """(endpoint, school slug, language chosen in the session) for a request this cache may
        answer, else None."""
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING"):
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
        return endpoint, slug, session_lang

    @lru_cache(maxsize=4096)  # noqa: B019 - one cache for the app's life, like the app
    def _route(self, path: str) -> tuple[str, str] | None:
        """(endpoint, slug) when `path` is one of the cached pages."""
        try:
            endpoint, args = self._adapter.match(path, "GET")
        except HTTPException:
            return None
        return (endpoint, args["slug"]) if endpoint in CACHED_ENDPOINTS else None

    def _session_serializer(self):
        if self._serializer is None:
            self._serializer = self.app.session_interface.get_signing_serializer(self.app)
        return self._serializer

    def _stamp(self) -> int | None:
        """The stamp as last read, if that was less than `stamp_seconds` ago and this process has
        committed no new one since; else read afresh."""
        now, here = self.clock(), freshness.changes_committed_here()
        known = self._known
        if known is not None and known.committed_here == here and now - known.read_at < self.stamp_seconds:
            return known.value
        known = self._known = KnownStamp(self._stamp_from_database(), now, here)
        return known.value

    def _stamp_from_database(self) -> int | None:
        """The stamp, read on a connection of this thread's own that commits every statement (so
        it never sits in a transaction, and sees each commit at once). A connection the database
        dropped is replaced once; a second failure is the database's and goes up to the caller."""
        try:
            return self._read_stamp()
        except Exception:  # noqa: BLE001 - any driver's "connection is gone"
            self._forget_connection()
            return self._read_stamp()

    def _read_stamp(self) -> int | None:
        connection = getattr(self._connections, "dbapi", None)
        if connection is None:
            connection = self._connections.dbapi = self._open_connection()
        cursor = connection.cursor()
        try:
            cursor.execute(freshness.READ.text)
            row = cursor.fetchone()
        finally:
            cursor.close()
        return row[0] if row else None

    def _open_connection(self):
        pooled = self._engine.raw_connection()
        driver = pooled.driver_connection
        pooled.detach()  # ours for as long as the process lives, not the pool's
        if self._engine.dialect.name == "sqlite":
            driver.isolation_level = None
        else:
            driver.autocommit = True
        return driver

    def _forget_connection(self) -> None:
        connection = getattr(self._connections, "dbapi", None)
        self._connections.dbapi = None
        if connection is not None:
            with suppress(Exception):  # it is gone already
                connection.close()

    def _language(self, environ, school: SchoolLanguages, session_lang: str | None) -> str:
        return _language_for(
            school.offered,
            school.default,
            self.app.config["BABEL_DEFAULT_LOCALE"],
            session_lang,
            environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        )

    @staticmethod
    def _page_key(environ, endpoint: str, slug: str, lang: str) -> tuple:
        # Links in a page may be absolute (the QR code, the plan's address): they follow the host.
        return endpoint, slug, lang, environ.get("HTTP_HOST", ""), environ.get("wsgi.url_scheme", "http")

    # ------------------------------------------------------------------ a page from Flask

    def _render_and_keep(self, environ, start_response, endpoint, slug, stamp, day):
        environ[ENVIRON_KEY] = info = {}
        answer = {}

        def capture(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return lambda data: chunks.append(data)

        chunks: list[bytes] = []
        iterable = self.wsgi_app(environ, capture)
        try:
            chunks.extend(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        body = b"".join(chunks)
        headers = answer["headers"]
        page_info = info.get("page")
        keep = (
            page_info is not None
            and answer["status"].startswith("200")
            and any(name.lower() == "etag" for name, _ in headers)
            and not any(name.lower() == "set-cookie" for name, _ in headers)
        )
        if not keep:
            start_response(answer["status"], headers)
            return [body]
        page = self._keep(environ, endpoint, slug, stamp, day, headers, body, page_info)
        return self._serve(environ, start_response, page)

    def _keep(self, environ, endpoint, slug, stamp, day, headers, body, page_info) -> Page:
        kept_headers = tuple(
            (name, value)
            for name, value in headers
            if name.lower() not in ("content-length", "etag", "vary", "content-encoding")
        )
        etag = next(value for name, value in headers if name.lower() == "etag")
        page = Page(
            stamp=stamp,
            day=day,
            headers=kept_headers + (("Vary", "Cookie, Accept-Language, Accept-Encoding"),),
            body=body,
            etag=etag,
            gzipped=gzip.compress(body, compresslevel=9, mtime=0),
        )
        with self.lock:
            self.schools[slug] = SchoolLanguages(tuple(page_info["offered"]), page_info["default"], stamp)
            self.pages[self._page_key(environ, endpoint, slug, page_info["lang"])] = page
            while len(self.pages) > self.max_pages:
                self.pages.popitem(last=False)
        return page

    def _touch(self, key: tuple) -> None:
        with self.lock:
            if key in self.pages:
                self.pages.move_to_end(key)

    # ------------------------------------------------------------------ answering from memory

    @staticmethod
    def _serve(environ, start_response, page: Page):
        gzip_ok = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        etag = page.etag[:-1] + '-gz"' if gzip_ok else page.etag
        headers = [*page.headers, ("ETag", etag)]
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            not_modified = {"content-type", "content-language"}
            headers = [(n, v) for n, v in headers if n.lower() not in not_modified]
            start_response(f"304 {HTTPStatus.NOT_MODIFIED.phrase}", headers)
            return []
        body = page.gzipped if gzip_ok else page.body
        if gzip_ok:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        start_response(f"200 {HTTPStatus.OK.phrase}", headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


@lru_cache(maxsize=2048)
def _language_for(offered, default, site_default, session_lang, accept_language: str) -> str:
    """choose_language for a reader without an account; browsers send few distinct headers."""
    return choose_language(
        offered,
        explicit=session_lang,
        preferred=None,
        accept=parse_accept_header(accept_language or None, LanguageAccept),
        school_default=default,
        site_default=site_default,
    )


def configure_public_cache(app: Flask) -> None:
    cache = PublicPageCache(app, app.wsgi_app)
    app.wsgi_app = cache
    app.extensions["public_cache"] = cache


def public_cache() -> PublicPageCache:
    return current_app.extensions["public_cache"]
