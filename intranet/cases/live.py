"""The open case page's poll, answered in front of Flask while nothing changed.

Every 8 s each open case page asks `GET …/cases/<id>/changes?seen=<event id>` (changes.py). Almost always
nothing has changed, and Flask's signed-in path (session, sign-in, school, case, members, the policy) costs
far more than that answer. So when Flask has answered a poll (after its full check, "case.view" in
policy.py), this process remembers the session cookie the page will send next, with the poll's path, for
`GRANT_SECONDS`; the next polls with that cookie on that path are answered here: one indexed query on
case_event, and 304 when nothing a page shows happened after `seen`. Anything else goes to Flask: news,
another cookie or path, an old grant, another method, a request without htmx's header.

What this answers is only ever "nothing changed", never case content, and it writes nothing (a 304 is no
view). A grant outlives the end of a session or a member's removal by `GRANT_SECONDS` at most, during which
that page still learns only that nothing changed; its next content comes from Flask, checked in full.
"""

import re
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from flask import Flask
from sqlalchemy import bindparam, select

from ..db import INTEGER_MAX
from ..extensions import db
from .models import CaseEvent

ENVIRON_KEY = "intranet.live_polls"
PATH = re.compile(r"/app/schools/[a-z0-9-]{1,80}/cases/\d{1,10}/changes")
GRANT_SECONDS = 30
MOST_GRANTS = 10_000  # open case pages per process; beyond that the oldest grants go first
QUIET_EVENTS = ("viewed", "exported")  # they change nothing an open case page shows


class LivePolls:
    def __init__(self, app: Flask, wsgi_app):
        self.wsgi_app = wsgi_app
        self.cookie_name = app.config["SESSION_COOKIE_NAME"]
        with app.app_context():  # the app's engine, whatever a later app context puts in its place
            self.engine = db.engine
        self.news = (
            select(CaseEvent.id)
            .where(
                CaseEvent.case_id == bindparam("case_id"),
                CaseEvent.id > bindparam("seen"),
                CaseEvent.kind.not_in(QUIET_EVENTS),
            )
            .limit(1)
        )
        self.grants: dict[tuple[str, str], float] = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "GET" or not PATH.fullmatch(path):
            return self.wsgi_app(environ, start_response)
        cookie = self._cookie(environ.get("HTTP_COOKIE", ""))
        seen = _seen(environ.get("QUERY_STRING", ""))
        polled = environ.get("HTTP_HX_REQUEST") == "true" and cookie and seen is not None
        if polled and self._granted(cookie, path) and not self._anything_after(int(path.split("/")[-2]), seen):
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
        if environ.get(ENVIRON_KEY) is True:
            for checked in {cookie, sent.get("cookie")} - {None}:  # the one checked, and the one sent next
                self._remember(checked, path)
        return answer

    def _cookie(self, header: str) -> str | None:
        try:
            found = SimpleCookie(header).get(self.cookie_name)
        except Exception:  # noqa: BLE001 - a cookie header it cannot read: no grant, Flask decides
            return None
        return found.value if found is not None else None

    def _granted(self, cookie: str, path: str) -> bool:
        with self.lock:
            until = self.grants.get((cookie, path))
        return until is not None and until > time.monotonic()

    def _remember(self, cookie: str, path: str) -> None:
        with self.lock:
            if len(self.grants) >= MOST_GRANTS:
                now = time.monotonic()
                self.grants = {key: until for key, until in self.grants.items() if until > now}
                while len(self.grants) >= MOST_GRANTS:
                    self.grants.pop(next(iter(self.grants)))
            self.grants.pop((cookie, path), None)
            self.grants[(cookie, path)] = time.monotonic() + GRANT_SECONDS

    def _anything_after(self, case_id: int, seen: int) -> bool:
        """One indexed query on case_event; any trouble counts as news, so Flask answers."""
        try:
            with self.engine.connect() as connection:
                return connection.execute(self.news, {"case_id": case_id, "seen": seen}).first() is not None
        except Exception:  # noqa: BLE001 - the database is unreachable: Flask answers (503) as for any page
            return True


def grant(environ) -> None:
    """Called by the poll's view once it has checked everything: remember this page (see above)."""
    environ[ENVIRON_KEY] = True


def _seen(query: str) -> int | None:
    values = parse_qs(query).get("seen")
    if not values or not values[0].isdigit() or int(values[0]) > INTEGER_MAX:
        return None
    return int(values[0])


def configure_live_polls(app: Flask) -> None:
    app.wsgi_app = LivePolls(app, app.wsgi_app)
