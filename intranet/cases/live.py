"""The open case page's poll, answered in front of Flask while nothing changed.

Every 8 s each open case page asks `GET …/cases/<id>/changes?seen=<event id>` (changes.py). Almost always
nothing has changed, and Flask's signed-in path (session, sign-in, school, case, members, the policy) costs
far more than that answer. So when Flask has answered a poll (after its full check, "case.view" in
policy.py), this process remembers the session cookie the page will send next, with the poll's path, for
`GRANT_SECONDS`; the next polls with that cookie on that path are answered here: one indexed query on
case_event, and 304 when nothing a page shows happened after `seen`. Anything else goes to Flask: news,
another cookie or path, an old grant, another method, a request without htmx's header.

What this answers is only ever "nothing changed", never case content, and it writes nothing (a 304 is no
view). The same query checks that the page's sign-in session is still open, so a session ended anywhere
(signing out, a person removed or deactivated) is sent to Flask, and so to the login page, at its next
poll, on every server. Taking a member off the case is an event on it, so it is news, and Flask answers.
"""

import re
import threading
import time
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from cachetools import TTLCache
from flask import Flask
from sqlalchemy import bindparam, exists, select

from ..auth.sessions import LoginSession
from ..db import INTEGER_MAX, utcnow
from ..extensions import db
from .models import CaseEvent

ENVIRON_KEY = "intranet.live_polls"
PATH = re.compile(r"/app/schools/[a-z0-9-]{1,80}/cases/\d{1,10}/changes")
GRANT_SECONDS = 30
MOST_GRANTS = 10_000  # open case pages per process; beyond that the least recently used grants go first
QUIET_EVENTS = ("viewed", "exported")  # they change nothing an open case page shows


class LivePolls:
    def __init__(self, app: Flask, wsgi_app):
        self.wsgi_app = wsgi_app
        self.cookie_name = app.config["SESSION_COOKIE_NAME"]
        with app.app_context():  # the app's engine, whatever a later app context puts in its place
            self.engine = db.engine
        self.max_age = timedelta(hours=app.config["SESSION_MAX_HOURS"])
        news = exists().where(
            CaseEvent.case_id == bindparam("case_id"),
            CaseEvent.id > bindparam("seen"),
            CaseEvent.kind.not_in(QUIET_EVENTS),
        )
        still_open = exists().where(
            LoginSession.id == bindparam("session_id"),
            LoginSession.ended_at.is_(None),
            LoginSession.created_at > bindparam("signed_in_after"),
        )
        self.query = select(news.label("news"), still_open.label("open"))  # one statement, two indexed lookups
        # (cookie, path) → the sign-in session it was granted to, for GRANT_SECONDS
        self.grants: TTLCache[tuple[str, str], int] = TTLCache(MOST_GRANTS, GRANT_SECONDS, timer=time.monotonic)
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "GET" or not PATH.fullmatch(path):
            return self.wsgi_app(environ, start_response)
        cookie = self._cookie(environ.get("HTTP_COOKIE", ""))
        seen = _seen(environ.get("QUERY_STRING", ""))
        polled = environ.get("HTTP_HX_REQUEST") == "true" and cookie and seen is not None
        session_id = self._granted(cookie, path) if polled else None
        if session_id is not None and self._nothing_after(int(path.split("/")[-2]), seen, session_id):
            start_response("304 Not Modified", [("Cache-Control", "no-store")])
            return []
        return self._through_flask(environ, start_response, cookie, path)

    def _through_flask(self, environ, start_response, cookie, path):
        sent = {}

        def start(status, headers, exc_info=None):
            sent["cookie"] = next(
                (self._cookie(value) for name, value in headers if name.lower() == "set-cookie"), None
            )
            return start_response(status, headers, exc_info)

        answer = self.wsgi_app(environ, start)
        session_id = environ.get(ENVIRON_KEY)
        if session_id is not None:
            for checked in {cookie, sent.get("cookie")} - {None}:  # the one checked, and the one sent next
                self._remember(checked, path, session_id)
        return answer

    def _cookie(self, header: str) -> str | None:
        try:
            found = SimpleCookie(header).get(self.cookie_name)
        except Exception:  # noqa: BLE001 - a cookie header it cannot read: no grant, Flask decides
            return None
        return found.value if found is not None else None

    def _granted(self, cookie: str, path: str) -> int | None:
        """The sign-in session a live grant for this page was given to, if there is one."""
        with self.lock:
            return self.grants.get((cookie, path))

    def _remember(self, cookie: str, path: str, session_id: int) -> None:
        with self.lock:  # expired grants go first, then the least recently used
            self.grants[(cookie, path)] = session_id

    def _nothing_after(self, case_id: int, seen: int, session_id: int) -> bool:
        """One statement: no news on the case, and the sign-in session still open. Any trouble counts as
        news, so Flask answers."""
        values = {
            "case_id": case_id,
            "seen": seen,
            "session_id": session_id,
            "signed_in_after": utcnow() - self.max_age,
        }
        try:
            with self.engine.connect() as connection:
                news, still_open = connection.execute(self.query, values).one()
        except Exception:  # noqa: BLE001 - the database is unreachable: Flask answers (503) as for any page
            return False
        return not news and bool(still_open)


def grant(environ, session_id: int) -> None:
    """Called by the poll's view once it has checked everything: remember this page and the sign-in
    session it was checked for (see above)."""
    environ[ENVIRON_KEY] = session_id


def _seen(query: str) -> int | None:
    values = parse_qs(query).get("seen")
    if not values or not values[0].isdigit() or int(values[0]) > INTEGER_MAX:
        return None
    return int(values[0])


def configure_live_polls(app: Flask) -> None:
    app.wsgi_app = LivePolls(app, app.wsgi_app)
