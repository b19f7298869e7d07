"""Anonymous public URLs rendered once per change and language, and served from memory, in front of Flask.

A parent's request for the front door, a school's page, plan, annual wheel, calendar feed, plan PDF or
poster is the busiest request the intranet gets and the least personal one: anonymous, no query
string, the same bytes for everybody who reads the same language on the same day. The first such
request goes through Flask as usual; its answer is kept (pages.py) with the freshness stamp it was
made under (freshness.py). The next ones are answered from memory, with the same headers Flask gave,
an ETag and a 304 for a browser that has the copy already. The stamp is read with one indexed query at
most once a second per process, and at once after this process committed a change (freshness.py).

What goes to Flask is bounded (gate.py): a render that is not in the cache takes one of the host's
few render slots, or is answered 503 with Retry-After; so is an anonymous request for these URLs with
a query string (a search on the front door, `?lang=`), which is never kept.

Everything else goes straight to Flask: other pages, other methods, a signed-in reader, a session
holding anything but a language choice, and a page Flask did not answer with a plain 200 is not kept.

What the cache reads of a request, and nothing more (a page depends on nothing else: its absolute links
come from PUBLIC_BASE_URL, never from the Host, and a foreign Host is refused in front of the cache):
- the method, the path and whether there is a query string: which page, and whether it may be kept
  (readers.py);
- the Cookie header: a remember-me cookie's presence, and the session, opened by Flask's own session
  interface (readers.py): an anonymous reader's choice of language;
- Accept-Language: with that choice and the school's languages, the page's language, decided by the
  one rule Flask's locale selector asks too (i18n.choose_language);
- Accept-Encoding (gzip or not) and If-None-Match (304) when it answers from memory.
What a page depended on besides the stamp is told by the view through renders.py, not the request.
"""

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime
from http import HTTPStatus
from pathlib import Path

from flask import Flask, current_app

from ..db import OSLO
from ..extensions import db
from ..i18n import choose_language
from . import renders
from .gate import Busy, RenderGate
from .pages import MemoryPages, Page, SharedDocuments, cache_folder
from .priority import at_low_priority
from .readers import AnonymousReaders, Reader
from .stamps import StampReader

RETRY_AFTER_SECONDS = 2


@dataclass(frozen=True)
class SchoolLanguages:
    offered: tuple[str, ...]
    default: str | None
    stamp: int | None


class PublicPageCache:
    def __init__(self, app: Flask, wsgi_app):
        config = app.config
        self.app = app
        self.wsgi_app = wsgi_app
        self.memory = MemoryPages(config["PUBLIC_CACHE_PAGES"], config["PUBLIC_CACHE_BYTES"])
        self.schools: dict[str, SchoolLanguages] = {}
        with app.app_context():  # the app's engine, whatever a later app context puts in its place
            engine = db.engine
        self.stamps = StampReader(engine, config["PUBLIC_CACHE_STAMP_SECONDS"])
        folder = cache_folder(Path(config["PUBLIC_CACHE_DIR"] or Path(app.instance_path) / "public-cache"))
        scope = hashlib.sha256(engine.url.render_as_string(hide_password=False).encode()).hexdigest()[:16]
        self.shared = SharedDocuments(folder / "documents", scope, config["PUBLIC_CACHE_FILES"])
        self.gate = RenderGate(
            folder,
            pdf_slots=config["PUBLIC_RENDER_PDF_SLOTS"],
            page_slots=config["PUBLIC_RENDER_PAGE_SLOTS"],
            max_waiting=config["PUBLIC_RENDER_WAITING"],
            wait_seconds=config["PUBLIC_RENDER_WAIT_SECONDS"],
        )
        self.readers = AnonymousReaders(app)
        self._busy_pages: dict[str, tuple[str, list, bytes]] = {}

    def clear(self) -> None:
        self.memory.clear()
        self.shared.clear()
        self.schools.clear()
        self.stamps.known = None

    def close(self) -> None:
        self.stamps.close()

    # ------------------------------------------------------------------ the request

    def __call__(self, environ, start_response):
        reader = self.readers.find(environ)
        if reader is None:
            return self.wsgi_app(environ, start_response)
        if not reader.keepable:
            return self._bounded(environ, start_response, reader)
        try:
            stamp = self.stamps.stamp()
        except Exception:  # noqa: BLE001 - the database is unreachable: Flask answers (503) as for any page
            return self.wsgi_app(environ, start_response)
        day = datetime.now(OSLO).date().isoformat()
        key = self._page_key(environ, reader, stamp, day)
        page = self._find(key, reader, stamp, day)
        if page is not None:
            return self._serve(environ, start_response, page)
        in_flight = key or (reader, environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        try:
            if self.gate.wait_for_same(in_flight):  # this process rendered it meanwhile
                key = key or self._page_key(environ, reader, stamp, day)
                page = self._find(key, reader, stamp, day)
                if page is not None:
                    return self._serve(environ, start_response, page)
            with self.gate.rendering(in_flight, reader.kind):
                made = at_low_priority("page", self._call_flask, environ)
            return self._keep_and_serve(environ, start_response, reader, stamp, day, made)
        except Busy:
            return self._busy(environ, start_response, reader)

    def _language(self, offered: tuple[str, ...], default: str | None, reader: Reader, environ) -> str:
        """The reader's language, as Flask would choose it for this request (no `?lang=`, no account)."""
        return choose_language(
            offered,
            explicit=None,
            chosen=reader.session_lang,
            preferred=None,
            accept_language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
            school_default=default,
            site_default=self.app.config["BABEL_DEFAULT_LOCALE"],
        )

    def _page_key(self, environ, reader: Reader, stamp, day) -> tuple | None:
        """(endpoint, slug, language), once the school's languages under this stamp are known (from a
        page made here, or from a document another worker shared)."""
        school = self.schools.get(reader.slug)
        if school is None or school.stamp != stamp:
            shared = self.shared.load(("languages", reader.slug), stamp, day)
            if shared is not None:
                school = self._know_school(reader.slug, shared[0], stamp)
        if school is None or school.stamp != stamp:
            return None
        return reader.endpoint, reader.slug, self._language(school.offered, school.default, reader, environ)

    def _know_school(self, slug: str, languages: dict | renders.PageLanguages, stamp) -> SchoolLanguages:
        if isinstance(languages, dict):  # as another worker shared it
            languages = renders.PageLanguages(tuple(languages["offered"]), languages["default"], languages["lang"])
        school = self.schools[slug] = SchoolLanguages(languages.offered, languages.default, stamp)
        return school

    def _find(self, key: tuple | None, reader: Reader, stamp, day) -> Page | None:
        if key is None:
            return None
        page = self.memory.get(key, stamp, day)
        if page is None:
            shared = self.shared.load(key, stamp, day)
            if shared is not None:
                info, body = shared
                headers = [tuple(pair) for pair in info["headers"]]
                page = Page.made(stamp, day, headers, body, info["etag"], compress=reader.kind != "pdf")
                self.memory.put(key, page)
        return page

    # ------------------------------------------------------------------ Flask's answer, bounded

    def _flask_answer(self, environ) -> tuple[str, list, bytes]:
        answer, chunks = {}, []

        def capture(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            return chunks.append

        iterable = self.wsgi_app(environ, capture)
        try:
            chunks.extend(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        return answer["status"], answer["headers"], b"".join(chunks)

    def _bounded(self, environ, start_response, reader: Reader):
        """Flask's answer, not kept, made in a render slot."""
        try:
            with self.gate.slots[reader.kind].taken():
                status, headers, body, _ = at_low_priority("page", self._call_flask, environ)
        except Busy:
            return self._busy(environ, start_response, reader)
        start_response(status, headers)
        return [body]

    def _busy(self, environ, start_response, reader: Reader):
        """503 with Retry-After and the error page in the reader's language: made by Flask once per
        language and then answered from memory (a flood of refusals must cost next to nothing)."""
        lang = self._language(tuple(self.app.config["PUBLIC_LANGUAGES"]), None, reader, environ)
        known = None if environ.get("QUERY_STRING") else self._busy_pages.get(lang)
        if known is None:
            with renders.render(busy=True):
                known = self._flask_answer(environ)
            plain_get = environ.get("REQUEST_METHOD") == "GET"  # a HEAD's answer has no body to keep
            if plain_get and not any(name.lower() == "set-cookie" for name, _ in known[1]):
                self._busy_pages[lang] = known
        status, headers, body = known
        start_response(status, [*headers, ("Retry-After", str(RETRY_AFTER_SECONDS))])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def _call_flask(self, environ) -> tuple[str, list, bytes, renders.PageLanguages | None]:
        """Flask's whole answer (status, headers, body) and what a cached view said it depended on;
        made while the caller holds its render slot."""
        with renders.render() as made:
            status, headers, body = self._flask_answer(environ)
        return status, headers, body, made.languages

    def _keep_and_serve(self, environ, start_response, reader: Reader, stamp, day, made):
        status, headers, body, languages = made
        keep = (
            languages is not None
            and status.startswith("200")
            and any(name.lower() == "etag" for name, _ in headers)
            and not any(name.lower() == "set-cookie" for name, _ in headers)
        )
        if not keep:
            start_response(status, headers)
            return [body]
        page = self._keep(reader, stamp, day, headers, body, languages)
        return self._serve(environ, start_response, page)

    def _keep(self, reader: Reader, stamp, day, headers, body, languages: renders.PageLanguages) -> Page:
        kept_headers = [
            (name, value)
            for name, value in headers
            if name.lower() not in ("content-length", "etag", "vary", "content-encoding")
        ]
        kept_headers.append(("Vary", "Cookie, Accept-Language, Accept-Encoding"))
        etag = next(value for name, value in headers if name.lower() == "etag")
        pdf = reader.kind == "pdf"
        page = Page.made(stamp, day, kept_headers, body, etag, compress=not pdf)
        self._know_school(reader.slug, languages, stamp)
        key = (reader.endpoint, reader.slug, languages.lang)
        self.memory.put(key, page)
        self.shared.save(key, stamp, day, {"headers": kept_headers, "etag": etag}, body)
        self.shared.save(("languages", reader.slug), stamp, day, asdict(languages), b"")
        return page

    # ------------------------------------------------------------------ answering from memory

    @staticmethod
    def _serve(environ, start_response, page: Page):
        gzip_ok = page.gzipped is not None and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        etag = page.etag[:-1] + '-gz"' if gzip_ok else page.etag
        headers = [*page.headers, ("ETag", etag)]
        if etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            not_modified = {"content-type", "content-language", "content-disposition"}
            headers = [(n, v) for n, v in headers if n.lower() not in not_modified]
            start_response(f"304 {HTTPStatus.NOT_MODIFIED.phrase}", headers)
            return []
        body = page.gzipped if gzip_ok else page.body
        if gzip_ok:
            headers.append(("Content-Encoding", "gzip"))
        headers.append(("Content-Length", str(len(body))))
        start_response(f"200 {HTTPStatus.OK.phrase}", headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def configure_public_cache(app: Flask) -> None:
    cache = PublicPageCache(app, app.wsgi_app)
    app.wsgi_app = cache
    app.extensions["public_cache"] = cache
    app.before_request_funcs.setdefault(None, []).insert(0, renders.refuse_when_busy)


def public_cache() -> PublicPageCache:
    return current_app.extensions["public_cache"]
