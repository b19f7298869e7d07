"""Every form and filter of the app, fed generated garbage: the answer is never a 500.

The field names are the app's own: a crawl reads every <form> (and its hx-post) and the query string of
every link on the pages, as someone allowed to see them. Hypothesis then sends each route, as someone
allowed to use it, real values mixed with garbage (control characters, NUL, right-to-left text, huge
numbers, very long text), repeated and missing fields and made-up names, as a plain request and as htmx.
Each example runs in a transaction that is rolled back, so no example sees what another one changed.
"""

import copy
import json
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import event
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from intranet import create_app
from intranet.auth.models import Invitation, Role, User, hash_token
from intranet.auth.tokens import make_reset_token
from intranet.calendar.feeds import create_feed
from intranet.db import utcnow
from intranet.extensions import db as _db

from ..conftest import PASSWORD
from ..unit.forms.strategies import definitions, garbage_definitions, json_values, mutated
from .conftest import AGE_CHECKLIST
from .test_permission_matrix import LOGIN, MATRIX

POST_EXAMPLES, GET_EXAMPLES, FILE_EXAMPLES = 15, 6, 2
BINARY = (".pdf", ".ics", ".json", ".ico")  # slow to make (PDF) or no links and forms to read
REFUSED = (403, 404, 410, LOGIN)
PREFERRED_ROLES = ("school_admin", "org_admin", "staff", "anonymous")
# Routes whose matrix URL points at nothing (so the matrix can expect its 404 or 410): a real one, and who uses it.
PATHS = {
    "auth.reset_password": ("anonymous", lambda w: f"/auth/reset/{w.reset_token}"),
    "auth.accept_invitation": ("anonymous", lambda w: f"/auth/invitation/{w.invitation_token}"),
    "public_calendar.private_feed": ("anonymous", lambda w: f"/{w.school.slug}/calendar/{w.feed_token}.ics"),
    "schools.revoke_invitation": (
        "school_admin",
        lambda w: f"/app/schools/{w.school.slug}/invitations/{w.invitation_id}/revoke",
    ),
    "formsadmin.copy": ("school_admin", lambda w: f"/app/schools/{w.school.slug}/forms/copy/{w.org_version_id}"),
}
SIGNED_OUT = {"auth.login", "auth.forgot_password"}  # a signed-in user is sent on to the dashboard
# Pages no link leads to from the matrix's pages (the list of closed cases is behind a filter form).
EXTRA_PAGES = [("school_admin", lambda w: f"/app/schools/{w.school.slug}/cases/{w.closed_case_id}")]
GLOBAL_QUERY = {"lang": ["nb", "nn", "en"], "next": ["/app/"]}
EVERY_TYPE = {
    "key": "every_type",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Alle felttyper", "en": "Every field type"},
    "fields": [
        {"key": "intro", "type": "heading", "label": {"nb": "Start"}},
        {
            "key": "done",
            "type": "check",
            "label": {"nb": "Gjort"},
            "role": "rector",
            "due": {"amount": 1, "unit": "hours"},
        },
        {"key": "ring", "type": "call", "label": {"nb": "Ring politiet"}, "settings": {"number": "02800"}},
        {"key": "ring_role", "type": "call", "label": {"nb": "Ring rektor"}, "settings": {"role": "rector"}},
        {"key": "safe", "type": "yes_no", "label": {"nb": "Trygg?"}, "required": True},
        {"key": "what", "type": "text", "label": {"nb": "Hva"}, "settings": {"max_length": 50}},
        {"key": "story", "type": "long_text", "label": {"nb": "Forløp"}},
        {
            "key": "count",
            "type": "number",
            "label": {"nb": "Antall"},
            "settings": {"integer": True, "min": 0, "max": 9},
        },
        {"key": "amount", "type": "number", "label": {"nb": "Mengde"}, "settings": {"min": -1.5, "max": 10}},
        {"key": "day", "type": "date", "label": {"nb": "Dato"}, "due": {"amount": 2, "unit": "school_days"}},
        {"key": "when", "type": "datetime", "label": {"nb": "Tidspunkt"}},
        {
            "key": "who",
            "type": "multiple_choice",
            "label": {"nb": "Hvem"},
            "choices": [{"key": "a", "label": {"nb": "A"}}, {"key": "b", "label": {"nb": "B"}}],
            "show_if": {"any": [{"field": "safe", "op": "equals", "value": False}]},
        },
        {"key": "person", "type": "contact", "label": {"nb": "Kontakt"}, "settings": {"pick": "person"}},
        {"key": "role", "type": "contact", "label": {"nb": "Rolle"}, "settings": {"pick": "role"}},
    ],
}


# ---------------------------------------------------------------- the routes


@dataclass(frozen=True)
class Target:
    endpoint: str
    method: str
    role: str
    examples: int

    def __str__(self):
        return f"{self.method} {self.endpoint}"

    def url(self, world) -> str:
        return PATHS[self.endpoint][1](world) if self.endpoint in PATHS else MATRIX[self.endpoint][1](world)

    def path(self, world) -> str:
        return self.url(world).partition("?")[0]


def role_for(endpoint: str) -> str:
    """Someone the permission matrix lets through, so the request reaches the form handling."""
    if endpoint in PATHS:
        return PATHS[endpoint][0]
    if endpoint in SIGNED_OUT:
        return "anonymous"
    expected = MATRIX[endpoint][2]
    return next(role for role in PREFERRED_ROLES if expected[role] not in REFUSED)


def _examples(rule: str, method: str) -> int:
    if method == "POST":
        return POST_EXAMPLES
    return FILE_EXAMPLES if rule.endswith(BINARY) else GET_EXAMPLES


def _targets() -> list[Target]:
    url_map = create_app({"TESTING": True, "SECRET_KEY": "-", "SQLALCHEMY_DATABASE_URI": "sqlite://"}).url_map
    return sorted(
        {
            Target(rule.endpoint, method, role_for(rule.endpoint), _examples(rule.rule, method))
            for rule in url_map.iter_rules()
            if rule.endpoint in MATRIX
            for method in rule.methods & {"GET", "POST"}
        },
        key=str,
    )


TARGETS = _targets()


@pytest.fixture
def fuzz_world(world, published_plan, contacts, school_form, cases, db):
    """The matrix's world, with an invitation, a reset link, a calendar feed, a municipal form and a case
    running a checklist with a field of every type."""
    from intranet.cases import operations as case_ops
    from intranet.formsadmin import operations as form_ops

    org_admin, admin, staff = (
        db.session.get(User, world.users[role].id) for role in ("org_admin", "school_admin", "staff")
    )
    municipal = form_ops.import_form(world.org, {**copy.deepcopy(AGE_CHECKLIST), "key": "municipal"}, user=org_admin)
    form_ops.publish(municipal, note="First", user=org_admin)
    every_type = form_ops.import_form(world.school, copy.deepcopy(EVERY_TYPE), user=admin)
    form_ops.publish(every_type, note="First", user=admin)
    case_ops.open_case(world.school, every_type.latest, user=staff, label="9A")
    world.invitation_token = secrets.token_urlsafe(16)
    invitation = Invitation(
        email="nina.ny@example.no",
        name="Nina Ny",
        role=Role.STAFF,
        school=world.school,
        invited_by=admin,
        token_hash=hash_token(world.invitation_token),
        expires_at=utcnow() + timedelta(days=1),
    )
    db.session.add(invitation)
    world.feed_token = create_feed(staff, world.school)
    world.reset_token = make_reset_token(staff)
    db.session.commit()
    world.invitation_id, world.org_version_id = invitation.id, municipal.latest.id
    return world


@contextmanager
def rolled_back(app):
    """Requests inside the block share one connection whose transaction is rolled back at the end.

    Each request's session commits only a savepoint, so the app behaves as usual within the block.
    """
    engines = _db.engines  # the app's engines by bind key; sessions ask it for their connection
    engine = engines[None]
    factory = _db.session.session_factory
    with engine.connect() as connection:
        transaction = connection.begin()
        if connection.dialect.name == "sqlite":
            # The sqlite3 driver starts no transaction itself (the first savepoint would be it, and its
            # release would commit), so begin one, as a writing request does (db.begin_writes_at_once)...
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            event.listen(connection, "before_cursor_execute", _begun_already, retval=True)
        engines[None] = connection  # type: ignore[index]
        factory.kw["join_transaction_mode"] = "create_savepoint"
        try:
            yield
        finally:
            del factory.kw["join_transaction_mode"]
            engines[None] = engine  # type: ignore[index]
            transaction.rollback()


def _begun_already(conn, cursor, statement, parameters, context, executemany):
    """...and let the requests' own BEGIN IMMEDIATE find it begun, as a nested BEGIN would fail."""
    return ("SELECT 1" if statement.strip().upper().startswith("BEGIN") else statement), parameters


def session_ids(world) -> dict[str, str]:
    """Each user's session cookie id, read up front: inside `rolled_back` the test's own session stays idle."""
    return {"anonymous": "", **{role: user.get_id() for role, user in world.users.items()}}


def client_for(app, session_id: str):
    client = app.test_client()
    if session_id:  # as conftest.login_as does, without asking the database for the user again
        with client.session_transaction() as session:
            session["_user_id"] = session_id
            session["_fresh"] = True
    return client


# ---------------------------------------------------------------- what the pages offer

FILE = "<file>"  # stands for an <input type="file"> among a form's values


# What someone would type into an empty field, so that some examples get past validation to the operations.
PLAUSIBLE = {
    "text": "Testvik 10B",
    "textarea": "Skolen følger opp.\n\n- Ring foresatte",
    "email": "nora.ny@example.no",
    "password": PASSWORD,
    "tel": "22 00 00 00",
    "url": "https://example.no",
    "number": "7",
    "date": "2026-09-01",
    "datetime-local": "2026-09-01T08:30",
    "search": "Testvik",
}
BY_NAME = {"slug": "ny-skole", "key": "ny_del", "phone": "22 00 00 00", "url": "https://example.no"}


def plausible(name: str, kind: str) -> str:
    last = name.rpartition("-")[2]  # rows and prefixed forms: items-0-phone, pw-password
    return BY_NAME.get(last) or (PASSWORD if last in ("password", "confirm", "current") else PLAUSIBLE[kind])


class FormReader(HTMLParser):
    """The forms on a page, as ([(method, action)], {name: [values seen]}), and the href of every link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[list[tuple[str, str]], dict[str, list[str]]]] = []
        self.links: list[str] = []
        self._fields: dict[str, list[str]] | None = None
        self._values: list[str] | None = None  # the options of an open <select>, or an open <textarea>
        self._textarea = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._fields = {}
            self.forms.append(([(attrs.get("method", "get").upper(), attrs.get("action") or "")], self._fields))
        if self._fields is None:
            return
        actions = self.forms[-1][0]
        actions += [(verb.upper(), attrs[f"hx-{verb}"]) for verb in ("get", "post") if attrs.get(f"hx-{verb}")]
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            default = "on" if kind in ("checkbox", "radio") else ""
            value = FILE if kind == "file" else attrs.get("value") or default
            if name == "csrf_token":
                value = "stale"  # each page has its own; with CSRF off in tests, any will do
            elif value == "" and kind in PLAUSIBLE:  # an empty field is one of the ways to spoil it
                value = plausible(name, kind)
            self._fields.setdefault(name, []).append(value)
        elif tag == "button" and name:
            self._fields.setdefault(name, []).append(attrs.get("value") or "")
        elif tag in ("select", "textarea") and name:
            self._values, self._textarea = self._fields.setdefault(name, []), tag == "textarea"
            if self._textarea:
                self._values.append("")
        elif tag == "option" and self._values is not None:
            self._values.append(attrs.get("value") or "")

    def handle_data(self, data):
        if self._textarea and self._values is not None:
            self._values[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag in ("select", "textarea"):
            if self._textarea and self._values is not None and not self._values[-1].strip():
                self._values[-1] = PLAUSIBLE["textarea"]
            self._values, self._textarea = None, False


@dataclass
class Catalogue:
    forms: dict[tuple[str, str], list[tuple[str, dict[str, list[str]]]]]  # (endpoint, method) -> [(action, fields)]
    queries: dict[str, dict[str, list[str]]]  # endpoint -> query parameter -> values seen in links and GET forms


def _endpoint(adapter, url: str, method: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc not in ("", "intranet.test") or not parts.path.startswith("/"):
        return None
    try:
        endpoint, _args = adapter.match(parts.path, method=method)
    except HTTPException:
        return None
    return endpoint if endpoint in MATRIX else None


def crawl(app, seeds: list[tuple[str, str]], ids: dict[str, str], max_pages=160, per_endpoint=16) -> Catalogue:
    """Read the forms and links of the pages in `seeds` ((role, url)) and of the pages they link to."""
    adapter = app.url_map.bind("intranet.test")
    catalogue = Catalogue({}, {})
    seen, visits, todo = set(), {}, list(seeds)

    def note_query(endpoint, pairs):
        for name, value in pairs:
            values = catalogue.queries.setdefault(endpoint, {}).setdefault(name, [])
            if value not in values:
                values.append(value)

    while todo and len(seen) < max_pages:
        role, url = todo.pop(0)
        endpoint = _endpoint(adapter, url, "GET")
        if endpoint is None or (role, url) in seen or urlsplit(url).path.endswith(BINARY):
            continue
        if visits.get(endpoint, 0) >= per_endpoint:
            continue
        seen.add((role, url))
        visits[endpoint] = visits.get(endpoint, 0) + 1
        response = client_for(app, ids[role]).get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        reader = FormReader()
        reader.feed(response.get_data(as_text=True))
        for actions, fields in reader.forms:
            for method, action in actions:
                target = _endpoint(adapter, action or url, method)
                if target is None:
                    continue
                known = catalogue.forms.setdefault((target, method), [])
                if (action or url, fields) not in known:
                    known.append((action or url, fields))
                if method == "GET":
                    note_query(target, [(name, value) for name, values in fields.items() for value in values])
        for href in reader.links:
            linked = _endpoint(adapter, href, "GET")
            if linked:
                query = parse_qsl(urlsplit(href).query, keep_blank_values=True)
                note_query(linked, query)
                other_than_language = urlencode([(name, value) for name, value in query if name != "lang"])
                todo.append((role, urlsplit(href).path + ("?" if other_than_language else "") + other_than_language))
    return catalogue


_CATALOGUES: dict[str, Catalogue] = {}  # per database: the crawl reads the same fixtures in every test


@pytest.fixture
def catalogue(app, fuzz_world) -> Catalogue:
    key = app.config["SQLALCHEMY_DATABASE_URI"]
    if key not in _CATALOGUES:
        seeds = [(t.role, t.url(fuzz_world)) for t in TARGETS if t.method == "GET"]
        seeds += [(role, page(fuzz_world)) for role, page in EXTRA_PAGES]
        ids = session_ids(fuzz_world)
        with rolled_back(app):
            _CATALOGUES[key] = crawl(app, seeds, ids)
    return _CATALOGUES[key]


# ---------------------------------------------------------------- garbage

SPECIAL = [
    *("", " ", "\x00", "a\x00b", "\r\n", "\t", "\ufeff", "\u200b", "\u202eevil\u202c", "שלום עולם", "مرحبا", "𝔘𝔫𝔦"),
    *("0", "-1", "-0", "1.5", "1e309", "NaN", "inf", "0x1F", "٣", "2147483648", str(2**64), str(-(2**64))),
    *("9999-12-31", "0001-01-01", "2026-02-30", "9999-12-31T23:59", "0000-00-00T24:61", "13"),
    *("<script>alert(1)</script>", "{{ 7*7 }}", "%(name)s %s", "'; DROP TABLE school;--", "../../etc/passwd"),
    *("null", "[]", "{}", '{"a": [', "role:", "person:999999", "add", "remove:", "up:x", "save", "refresh"),
]
garbage = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(),  # every code point but surrogates: control characters, NUL, right-to-left marks
    st.integers().map(str),
    st.floats().map(str),
    st.builds(lambda text, times: text * times, st.text(min_size=1, max_size=3), st.integers(300, 6_000)),
)
json_texts = st.one_of(definitions(), mutated(AGE_CHECKLIST), garbage_definitions, json_values).map(json.dumps)
JSON_FIELDS = {"formsadmin.import_new": ("text", "file"), "formsadmin.import_into": ("text", "file")}


# Names the app itself uses, a route's path parts, and url_for's options (links are built from the query).
CLASHING_NAMES = ["csrf_token", "action", "version", "id", "key", "lang", "slug", "scope", "_anchor", "_external"]


@dataclass(frozen=True)
class Upload:
    content: bytes
    filename: str


uploads = st.builds(
    Upload,
    json_texts.map(str.encode) | st.binary(max_size=300),
    st.sampled_from(["form.json", "", "../../x.json", "\u202enosj.exe", "a\x00.json"]),
)


def offered(real: list[str], json_field: bool) -> st.SearchStrategy:
    """A value the page offers (or someone would type) for a field."""
    if FILE in real:
        return uploads
    return json_texts if json_field else st.sampled_from(real)


def spoiled(real: list[str], json_field: bool) -> st.SearchStrategy[list]:
    """What a field sends when it goes wrong: garbage, nothing, or several values at once."""
    one = offered(real, json_field) | garbage
    return st.one_of(garbage.map(lambda v: [v]), st.just([]), st.lists(one, min_size=2, max_size=3))


def made_up_names(real: list[str]) -> st.SearchStrategy[str]:
    """Names no form has: random, a real name with a suffix, a repeated row (`items-3-title`) at any index."""
    rows = [name for name in real if name.count("-") >= 2 and name.split("-")[1].isdigit()]
    options = [st.text(max_size=30), st.sampled_from(CLASHING_NAMES)]
    if real:
        options.append(st.builds(str.__add__, st.sampled_from(real), st.text(max_size=5)))
    if rows:
        options.append(
            st.builds(
                lambda name, index: "-".join([name.split("-")[0], str(index), *name.split("-")[2:]]),
                st.sampled_from(rows),
                st.integers(-3, 10**20),
            )
        )
    return st.one_of(options)


@dataclass(frozen=True)
class GarbageRequest:
    path: str
    query: tuple
    form: tuple
    headers: tuple


HTMX_HEADERS = [(), (("HX-Request", "true"),), (("HX-Request", "true"), ("HX-Boosted", "true"))]


@st.composite
def pairs(draw, fields: dict[str, list[str]], json_fields=()) -> tuple:
    """A form's fields, one of them or any number of them spoiled, and made-up names."""
    names = list(fields)
    how_many = draw(st.sampled_from(["none", "one", "any"])) if names else "none"
    if how_many == "one":  # all other fields as the page offers them: gets past most validation
        broken = {draw(st.sampled_from(names))}
    else:
        broken = {name for name in names if how_many == "any" and draw(st.booleans())}
    sent = []
    for name, real in fields.items():
        real, json_field = real or [""], name in json_fields
        values = spoiled(real, json_field) if name in broken else offered(real, json_field).map(lambda v: [v])
        sent += [(name, value) for value in draw(values)]
    sent += draw(st.lists(st.tuples(made_up_names(names), garbage), max_size=3))
    return tuple(sent)


@st.composite
def garbage_requests(draw, target: Target, catalogue: Catalogue, url: str) -> "GarbageRequest":
    """A request to the route: to `url`, or for a POST to where one of the forms for the route posts."""
    forms = catalogue.forms.get((target.endpoint, "POST"), []) if target.method == "POST" else []
    action, fields = draw(st.sampled_from(forms)) if forms else (url, {})
    path, _, query = action.partition("?")
    queries = {
        name: list(values) for name, values in {**GLOBAL_QUERY, **catalogue.queries.get(target.endpoint, {})}.items()
    }
    for name, value in parse_qsl(query):
        queries.setdefault(name, []).append(value)
    return GarbageRequest(
        path,
        draw(pairs(queries)),
        draw(pairs(fields, JSON_FIELDS.get(target.endpoint, ()))),
        draw(st.sampled_from(HTMX_HEADERS)),
    )


def send(app, session_id: str, method: str, request: GarbageRequest):
    form = [(n, (BytesIO(v.content), v.filename) if isinstance(v, Upload) else v) for n, v in request.form]
    return client_for(app, session_id).open(
        request.path,
        method=method,
        query_string=MultiDict(list(request.query)),
        data=MultiDict(form) if method == "POST" else None,
        headers=list(request.headers),
    )


def no_fault(response) -> None:
    assert response.status_code < 500, response.status_code
    if response.status_code >= 400:
        assert "Traceback" not in response.get_data(as_text=True)


fuzz_settings = settings(
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],  # no "explain": it reruns every failure many times
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ---------------------------------------------------------------- the tests


def fuzz(target: Target, app, world, catalogue: Catalogue) -> None:
    session_id = session_ids(world)[target.role]
    path, _, query = target.url(world).partition("?")
    with rolled_back(app):  # the plain request gets past the permission checks, to the form handling
        plain = send(app, session_id, target.method, GarbageRequest(path, tuple(parse_qsl(query)), (), ()))
    assert plain.status_code not in (401, 403, 404, 405, 410), plain.status_code
    assert not (plain.location or "").startswith("/auth/login?next="), plain.location

    @settings(fuzz_settings, max_examples=target.examples)
    @given(garbage_requests(target, catalogue, target.url(world)))
    def answers_without_failing(request):
        with rolled_back(app):
            no_fault(send(app, session_id, target.method, request))

    answers_without_failing()


FEATURES: dict[str, list[Target]] = {}
for _target in TARGETS:
    FEATURES.setdefault(_target.endpoint.partition(".")[0], []).append(_target)


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_garbage_never_makes_a_route_fail(feature, app, fuzz_world, catalogue):
    """Every route of a feature (blueprint) in one test: the fixtures take longer to build than a route to fuzz."""
    for target in FEATURES[feature]:
        try:
            fuzz(target, app, fuzz_world, catalogue)
        except BaseException as error:
            error.add_note(f"Route: {target}, as {target.role}")
            raise


def test_the_crawl_finds_the_form_of_every_post_route(catalogue):
    """Else a route gets only made-up names. These forms show only in states the fixtures do not have."""
    not_shown = {"plans.create", "plans.remove", "plans.template_update", "contacts.delete_role"}
    not_shown |= {"formsadmin.discard", "formsadmin.delete"}
    posts = {target.endpoint for target in TARGETS if target.method == "POST"}
    assert posts - {endpoint for endpoint, _method in catalogue.forms} == not_shown


def test_an_id_too_large_for_the_database_is_not_found(app, fuzz_world):
    """PostgreSQL answers such a number in a query with an error: the route must say 404 before asking."""
    adapter = app.url_map.bind("intranet.test")
    ids = session_ids(fuzz_world)
    for target in TARGETS:
        endpoint, args = adapter.match(target.path(fuzz_world), method=target.method)
        for name in [name for name, value in args.items() if isinstance(value, int)]:
            path = adapter.build(endpoint, {**args, name: 2**31}, method=target.method)
            with rolled_back(app):
                response = send(app, ids[target.role], target.method, GarbageRequest(path, (), (), ()))
            assert response.status_code == 404, (path, response.status_code)


def test_a_post_without_a_valid_csrf_token_is_refused(app, fuzz_world, csrf_enabled):
    ids = session_ids(fuzz_world)
    posts = [(target.path(fuzz_world), ids[target.role]) for target in TARGETS if target.method == "POST"]

    @settings(fuzz_settings, max_examples=3)
    @given(st.none() | garbage, st.sampled_from(HTMX_HEADERS))
    def refused(token, headers):
        form = () if token is None else (("csrf_token", token),)
        for path, session_id in posts:
            with rolled_back(app):
                response = send(app, session_id, "POST", GarbageRequest(path, (), form, headers))
            assert response.status_code == 400, (path, response.status_code)
            no_fault(response)

    refused()
