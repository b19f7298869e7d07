"""What the pages offer: the forms and links a crawl reads, as someone allowed to see them."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

from werkzeug.exceptions import HTTPException

from ...conftest import PASSWORD
from ..test_permission_matrix import MATRIX
from .client import client_for
from .routes import BINARY

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
        actions += [
            (verb.upper(), attrs[f"data-hx-{verb}"]) for verb in ("get", "post") if attrs.get(f"data-hx-{verb}")
        ]
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
