"""Garbage, and requests made of the fields the crawl found with some of them spoiled (hypothesis strategies)."""

import json
from urllib.parse import parse_qsl

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from ...unit.forms.strategies import definitions, garbage_definitions, json_values, mutated
from ..conftest import AGE_CHECKLIST
from .client import GarbageRequest, Upload
from .crawl import FILE, Catalogue
from .routes import Target

GLOBAL_QUERY = {"lang": ["nb", "nn", "en"], "next": ["/app/"]}
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


# Query strings added to any page: url_for's parameters and options, the app's own names, redirect targets.
QUERY_NAMES = [*CLASHING_NAMES, "endpoint", "values", "_scheme", "_method", "next", "q", "org", "token", "form_id"]
NEXT_TARGETS = [
    *("/app/", "/app/%0d%0aSet-Cookie: x=1", "/app/\r\nLocation: //evil.example", "/\t/evil.example", "//evil.example"),
    *("/\\evil.example", "https://evil.example/", "javascript:alert(1)", " /app/", "/app/\u2028", "/app/æøå?x=ø#å"),
    *("/%2F%2Fevil.example", "/app/%", "/app/\x7f", "\x00/app/", "/" + "a" * 5000),
]
RAW_QUERIES = ["%ff%fe=%c3%28", "a=%zz&%=&&=", "next=%0d%0a", ";;&;=;", "endpoint", "=", "lang=en&lang=nn&lang"]
query_names = st.one_of(st.sampled_from(QUERY_NAMES), st.text(max_size=20))
query_values = st.one_of(garbage, st.sampled_from(NEXT_TARGETS))


@st.composite
def hostile_queries(draw) -> "tuple | str":
    """A query string: pairs of clashing or random names and garbage, some keys repeated; or raw bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(RAW_QUERIES))
    query = draw(st.lists(st.tuples(query_names, query_values), min_size=1, max_size=6))
    repeated = draw(st.lists(st.sampled_from(query), max_size=2))
    return tuple(query + [(name, draw(query_values)) for name, _value in repeated])


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


fuzz_settings = settings(
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],  # no "explain": it reruns every failure many times
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
