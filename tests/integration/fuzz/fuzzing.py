"""Fuzzing a route: first a plain request that must get through, then the garbage, each in a rolled back transaction."""

from urllib.parse import parse_qsl

from hypothesis import given, settings

from .client import GarbageRequest, no_fault, rolled_back, send, session_ids
from .crawl import Catalogue
from .routes import FEATURES, REFUSED_HERE, Target
from .strategies import fuzz_settings, garbage_requests


def fuzz(target: Target, app, world, catalogue: Catalogue) -> None:
    session_id = session_ids(world)[target.role]
    path, _, query = target.url(world).partition("?")
    with rolled_back(app):  # the plain request gets past the permission checks, to the form handling
        plain = send(app, session_id, target.method, GarbageRequest(path, tuple(parse_qsl(query)), (), ()))
    if target.endpoint not in REFUSED_HERE:
        assert plain.status_code not in (401, 403, 404, 405, 410), plain.status_code
    assert not (plain.location or "").startswith("/auth/login?next="), plain.location

    @settings(fuzz_settings, max_examples=target.examples)
    @given(garbage_requests(target, catalogue, target.url(world)))
    def answers_without_failing(request):
        with rolled_back(app):
            no_fault(send(app, session_id, target.method, request))

    answers_without_failing()


def fuzz_feature(feature: str, app, world, catalogue: Catalogue) -> None:
    """Every route of a feature (blueprint) in one test: the fixtures take longer to build than a route to fuzz."""
    for target in FEATURES[feature]:
        try:
            fuzz(target, app, world, catalogue)
        except BaseException as error:
            error.add_note(f"Route: {target}, as {target.role}")
            raise
