"""Query strings that name url_for's own parameters, and `next=` values that are no path: never a 500."""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest

from ..conftest import PASSWORD

CLASHING = "endpoint=x&_external=1&_scheme=javascript&_anchor=a&_method=POST&slug=other&values=1&lang=nn"


def switcher_links(page: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'<a\b[^>]*\bhref="([^"]*\blang=en[^"]*)"', page)]


@pytest.mark.parametrize("path", ["/auth/login", "/", "/{slug}/", "/app/account"])
def test_the_language_switcher_keeps_any_query_and_the_page(client, world, login, path):
    if path.startswith("/app/"):
        login(world.users["staff"])
    path = path.format(slug=world.school.slug)
    response = client.get(f"{path}?{CLASHING}&q=%C3%A6%20%26%3D&q=2")
    assert response.status_code == 200
    links = switcher_links(response.get_data(as_text=True))
    assert links, "no link to the English page"
    for link in links:
        parts = urlsplit(link)
        assert not parts.scheme and not parts.netloc and parts.path == path, link
        query = parse_qsl(parts.query)
        assert ("endpoint", "x") in query and ("slug", "other") in query and ("_external", "1") in query
        assert [value for name, value in query if name == "q"] == ["æ &=", "2"]
        assert [value for name, value in query if name == "lang"] == ["en"]


@pytest.mark.parametrize(
    "target",
    ["/app/%0d%0aSet-Cookie:%20x=1", "/app/%0a", "/app/\t", "%09/evil.example", "/%0d/evil.example", "/app/ x", ""],
)
def test_a_next_with_control_characters_or_spaces_after_sign_in_goes_to_the_dashboard(app, world, target):
    client = app.test_client()
    response = client.post(f"/auth/login?next={target}", data={"email": "rector@example.no", "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/app/"


def test_a_plain_next_path_with_its_query_is_still_followed(app, world):
    client = app.test_client()
    target = f"/app/schools/{world.school.slug}/people?tab=a%20b"
    response = client.post(
        "/auth/login", query_string={"next": target}, data={"email": "rector@example.no", "password": PASSWORD}
    )
    assert response.status_code == 302 and response.location == target
