"""HTTP as caches, crawlers and clients read it: ETag and Vary where the language changes a page, Allow on
every 405, /robots.txt and /sitemap.xml before the school-slug route, and alternates per language."""

import re
from xml.etree import ElementTree

import pytest

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_the_front_door_is_cacheable_and_varies_by_language(client, world):
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.headers["ETag"] and "must-revalidate" in response.headers["Cache-Control"]
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in response.headers["Vary"].split(",")}
    again = client.get("/", headers={"Accept-Language": "en", "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    other = client.get("/", headers={"Accept-Language": "nn"})
    assert other.headers["ETag"] != response.headers["ETag"]


def test_a_signed_in_readers_copy_of_a_public_page_is_for_their_browser_only(client, world, login):
    login(world.users["staff"])
    for path in ("/", "/testvik-us/"):
        response = client.get(path)
        assert response.headers["ETag"] and response.headers["Cache-Control"].startswith("private"), path
    assert client.application.test_client().get("/").headers["Cache-Control"].startswith("public")


@pytest.mark.parametrize("path", ["/?q=testvik", "/auth/login", "/auth/forgot", "/testvik-us/", "/testvik-us/wheel"])
def test_pages_whose_language_is_negotiated_vary_by_accept_language_and_cookie(client, world, path):
    english = client.get(path, headers={"Accept-Language": "en"})
    nynorsk = client.get(path, headers={"Accept-Language": "nn"})
    assert english.status_code == nynorsk.status_code == 200
    assert english.data != nynorsk.data
    vary = {v.strip().lower() for v in english.headers["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary, path


def _filled(rule, world) -> str:
    values = {name: world.school.slug if name == "slug" else "1" for name in rule.arguments}
    values = {name: ("x" if name in ("token", "key", "path", "filename") else value) for name, value in values.items()}
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: values[m.group(1)], rule.rule)


def test_every_405_names_the_allowed_methods(client, world, app):
    refused = 0
    for rule in app.url_map.iter_rules():
        for method in ("PATCH", "PUT", "DELETE", "POST", "GET"):
            if method in rule.methods:
                continue
            response = client.open(_filled(rule, world), method=method)
            if response.status_code == 405:
                refused += 1
                allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
                assert allowed & rule.methods, (rule.rule, method, response.headers.get("Allow"))
            break
    assert refused > 50


def test_robots_txt_is_served_and_points_to_the_sitemap(client, world):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert "Disallow: /app/" in text and "Sitemap: http://intranet.test/sitemap.xml" in text


def test_the_sitemap_lists_every_schools_public_pages_in_each_of_its_languages(
    client, world, published_plan, db, query_counter
):
    world.other_school.languages = "nb,nn"
    db.session.commit()
    with query_counter() as counted:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.data)  # noqa: S314 - our own answer
    locs = {url.find("s:loc", NS).text for url in root.findall("s:url", NS)}
    for lang in ("nb", "nn", "en"):
        assert f"http://intranet.test/?lang={lang}" in locs
        assert f"http://intranet.test/testvik-us/?lang={lang}" in locs
        assert f"http://intranet.test/testvik-us/plan?lang={lang}" in locs
        assert f"http://intranet.test/testvik-us/wheel?lang={lang}" in locs
        assert f"http://intranet.test/fjernby-skole/?lang={lang}" in locs
    assert "http://intranet.test/andreby/?lang=nn" in locs and "http://intranet.test/andreby/?lang=en" not in locs
    assert not any("andreby/plan" in loc for loc in locs)  # nothing published there yet
    first = root.find("s:url", NS)
    assert {link.get("hreflang") for link in first.findall("x:link", NS)} == {"nb", "nn", "en"}
    assert counted.count <= 6  # the user's session, the schools, the published plans: not one per school


def test_public_pages_name_their_versions_in_every_language_and_staff_pages_do_not(client, world, login, db):
    world.school.languages = "nb,en"
    db.session.commit()
    page = client.get("/testvik-us/").get_data(as_text=True)
    links = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', page)
    assert links == [
        ("nb", "http://intranet.test/testvik-us/?lang=nb"),
        ("en", "http://intranet.test/testvik-us/?lang=en"),
        ("x-default", "http://intranet.test/testvik-us/"),
    ]
    login(world.users["staff"])
    assert 'rel="alternate"' not in client.get("/app/").get_data(as_text=True)
