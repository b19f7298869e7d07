"""Hostile query strings on every page for every role, and any `next=` after signing in: never a 500.

Links on a page are built from its query (the language switcher); a query parameter named like one of
url_for's own (?endpoint=, ?_external=) or like a part of the path (?slug=) once made every page fail,
and a `next=` holding a line break made the redirect after a successful sign-in fail."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ...conftest import PASSWORD
from .client import GarbageRequest, client_for, no_fault, rolled_back, send, session_ids
from .routes import BINARY, TARGETS
from .strategies import HTMX_HEADERS, NEXT_TARGETS, fuzz_settings, garbage, hostile_queries

GET_TARGETS = [target for target in TARGETS if target.method == "GET"]
ROLES = ["anonymous", "staff", "school_admin", "org_admin"]


@pytest.mark.parametrize("role", ROLES)
def test_any_query_string_on_any_page_never_fails(role, app, fuzz_world, catalogue):
    """Every GET route, with its own query plus hostile names and values, as `role` (allowed or not)."""
    session_id = session_ids(fuzz_world)[role]
    examples = iter(range(10**6))

    @settings(fuzz_settings, max_examples=4)
    @given(hostile_queries(), st.sampled_from(HTMX_HEADERS))
    @example(tuple((name, "x") for name in ("endpoint", "_external", "_anchor", "slug", "values", "lang")), ())
    def answers_without_failing(query, headers):
        first = next(examples) == 0
        for target in GET_TARGETS:
            if target.url(fuzz_world).endswith(BINARY) and not first:
                continue  # slow to make (PDF), and such a file has no links built from the query
            path, _, own = target.url(fuzz_world).partition("?")
            sent = query if isinstance(query, str) else (*parse_qsl(own), *query)
            with rolled_back(app):
                response = send(app, session_id, "GET", GarbageRequest(path, sent, (), headers))
            try:
                no_fault(response)
            except AssertionError as error:
                error.add_note(f"Route: {target}, as {role}, query {sent!r}")
                raise

    answers_without_failing()


def stays_on_the_site(location: str) -> bool:
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/") and not location.startswith("//")


def test_any_next_after_signing_in_leads_to_a_page_of_this_site(app, fuzz_world):
    """The redirect after a successful sign-in, and the login page's for someone signed in already."""
    staff = fuzz_world.users["staff"]
    signed_in = session_ids(fuzz_world)["staff"]

    def redirects_within_the_site(target):
        with rolled_back(app):
            response = app.test_client().post(
                "/auth/login", query_string={"next": target}, data={"email": staff.email, "password": PASSWORD}
            )
            again = client_for(app, signed_in).get("/auth/login", query_string={"next": target})
        for answer in (response, again):
            assert answer.status_code == 302, (target, answer.status_code)
            location = answer.headers["Location"]
            assert stays_on_the_site(location), (target, location)
            assert not any(ord(char) <= 32 or ord(char) >= 127 for char in location), (target, location)

    for target in NEXT_TARGETS:
        redirects_within_the_site(target)
    on_the_site = st.text().map("/app/".__add__) | st.text().map("/".__add__)
    settings(fuzz_settings, max_examples=40)(given(on_the_site | garbage)(redirects_within_the_site))()
