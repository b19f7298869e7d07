"""Every route at once: the crawl finds its form, an id too large is a 404, a POST without CSRF token a 400."""

from hypothesis import given, settings
from hypothesis import strategies as st

from .client import GarbageRequest, no_fault, rolled_back, send, session_ids
from .routes import TARGETS
from .strategies import HTMX_HEADERS, fuzz_settings, garbage


def test_the_crawl_finds_the_form_of_every_post_route(catalogue):
    """Else a route gets only made-up names. These forms show only in states the fixtures do not have."""
    not_shown = {"plans.create", "plans.remove", "plans.template_update", "contacts.delete_role"}
    not_shown |= {"formsadmin.discard", "formsadmin.delete"}
    not_shown |= {"feide_admin.remove_link"}  # shown only for accounts linked to Feide
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
