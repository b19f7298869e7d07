"""The installable app (issue #22): the web app manifest in the reader's language with our own icons, the
service worker served from the root with the headers a browser needs, and the CSP that allows both."""

import io
import json
import re

import pytest
from PIL import Image

from intranet.config import STATIC_DIR

from ...conftest import make_app


def manifest(client, lang):
    response = client.get(f"/manifest.webmanifest?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    return json.loads(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("lang", "name"),
    [("nb", "Rusforebyggende plan"), ("nn", "Rusførebyggjande plan"), ("en", "Drug-prevention plan")],
)
def test_manifest_names_the_app_in_the_readers_language_and_starts_on_the_dashboard(client, lang, name):
    app = manifest(client, lang)
    assert (app["name"], app["lang"]) == (name, lang)
    assert app["short_name"] and len(app["short_name"]) <= 12
    assert app["start_url"] == "/app/" and app["scope"] == "/" and app["display"] == "standalone"


def test_manifest_colours_are_the_brand_colours_of_the_stylesheet(client):
    css = (STATIC_DIR / "css" / "app.css").read_text()
    brand = re.search(r"--brand:\s*(#[0-9a-f]{6})", css).group(1)
    paper = re.search(r"--paper:\s*(#[0-9a-f]{6})", css).group(1)
    app = manifest(client, "nb")
    assert (app["theme_color"], app["background_color"]) == (brand, paper)


def test_manifest_icons_are_our_own_files_in_the_sizes_it_says(client):
    icons = manifest(client, "en")["icons"]
    purposes = {(icon["sizes"], icon["purpose"]) for icon in icons}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable"), ("any", "any")} <= purposes
    for icon in icons:
        assert icon["src"].startswith("/static/icons/")
        response = client.get(icon["src"])
        assert response.status_code == 200 and response.mimetype == icon["type"]
        if icon["type"] == "image/png":
            width, height = Image.open(io.BytesIO(response.data)).size
            assert f"{width}x{height}" == icon["sizes"]


def test_every_page_links_the_manifest(client, world, login):
    for path in ("/", f"/{world.school.slug}/", "/auth/login"):
        assert '<link rel="manifest" href="/manifest.webmanifest?lang=' in client.get(path).get_data(as_text=True)
    login(world.users["staff"])
    assert '<link rel="manifest"' in client.get("/app/").get_data(as_text=True)


def test_the_service_worker_is_served_from_the_root_for_the_whole_site_and_asked_for_again_each_visit(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    assert response.headers["Cache-Control"] == "no-cache"
    code = response.get_data(as_text=True)
    settings = json.loads(re.match(r"self\.RUSPLAN = (\{.*\});\n", code).group(1))
    assert settings["release"] == client.application.config["RELEASE_ID"]
    assert "/static/css/app.css?v=" in " ".join(settings["assets"])
    assert set(settings["offlinePages"]) == {"nb", "nn", "en"}
    assert "eval(" not in code and "new Function" not in code


def test_content_security_policy_allows_our_worker_and_manifest_and_nothing_inline(client):
    for path in ("/sw.js", "/manifest.webmanifest", "/offline", "/"):
        csp = client.get(path).headers["Content-Security-Policy"]
        assert "worker-src 'self'" in csp and "manifest-src 'self'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_a_new_release_is_a_new_worker(database_url, tmp_path):
    """The release id (config RELEASE_ID, else a hash of the static files and templates) is in the
    worker's code: a new release changes the bytes, so browsers install the new worker."""
    codes = []
    for release in ("release-one", "release-two"):
        app = make_app(database_url, tmp_path, RELEASE_ID=release)
        codes.append(app.test_client().get("/sw.js").get_data(as_text=True))
    assert '"release": "release-one"' in codes[0] and '"release": "release-two"' in codes[1]
