"""Feide sign-in against a real OpenID provider (tests/feide_provider.py), driven over HTTP: the app
through Flask's test client, the provider with `requests`, as a browser would follow the redirects."""

import os
from urllib.parse import urlsplit

import pytest
import requests

from intranet.feide.models import SchoolOrgNumber, SignInMode, SignInSetting

from ...conftest import make_app
from ...feide_provider import PASSWORD, available, start_feide

CALLBACK = "http://intranet.test/auth/feide/callback"


@pytest.fixture(scope="session")
def local_feide():
    if not available():
        if os.environ.get("CI") == "true":
            pytest.fail("node or node_modules/oidc-provider is missing; CI must run the Feide tests.")
        pytest.skip("node or node_modules/oidc-provider missing: run scripts/setup")
    provider = start_feide([CALLBACK], ["http://intranet.test/auth/login"])
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def feide_app(app, local_feide, tmp_path_factory):
    """The app (same database as `app`, migrated there) with Feide set up against the local provider."""
    return make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path_factory.mktemp("feide"), **local_feide.app_config())


@pytest.fixture
def well_behaved(local_feide):
    """A well-behaved provider unless the test says otherwise, and again after it."""
    local_feide.behave()
    yield local_feide
    local_feide.behave()


@pytest.fixture
def feide_client(feide_app, db, well_behaved):
    return feide_app.test_client()


@pytest.fixture
def fjordvik(world, db):
    """The world's municipality using Feide and passwords, its school linked to Feide's unit 999111001."""
    db.session.add(SignInSetting(organisation_id=world.org.id, mode=SignInMode.BOTH, auto_staff=False))
    db.session.add(SchoolOrgNumber(school_id=world.school.id, number="999111001"))
    db.session.commit()
    return world


class FeideBrowser:
    """Follows the redirects between the app (test client) and the provider (requests) like a browser."""

    def __init__(self, client, language="en"):
        self.client = client
        self.headers = {"Accept-Language": language}
        self.provider = requests.Session()

    def start(self):
        response = self.client.get("/auth/feide", headers=self.headers)
        assert response.status_code == 302, response.get_data(as_text=True)
        return response.headers["Location"]

    def at_provider(self, location: str, username: str | None, *, cancel=False) -> str:
        """Open the provider's page, sign in as `username` (or cancel); the address it sends us back to.
        A browser still signed in at the provider goes straight back (single sign-on)."""
        page = self._follow(self.provider.get(location, allow_redirects=False, timeout=10))
        if isinstance(page, str):
            return page
        assert "/interaction/" in page.url, page.text
        action = page.url + ("/abort" if cancel else "/login")
        answer = self.provider.post(
            action, data={"username": username or "", "password": PASSWORD}, allow_redirects=False, timeout=10
        )
        back = self._follow(answer)
        assert isinstance(back, str), f"the provider did not send us back: {back.status_code} {back.text[:300]}"
        return back

    def _follow(self, answer):
        """Follow the provider's redirects: the app's address when one leads back to it, else the last page."""
        while answer.is_redirect:
            target = answer.headers["Location"]
            if target.startswith("http://intranet.test"):
                return target
            answer = self.provider.get(requests.compat.urljoin(answer.url, target), allow_redirects=False, timeout=10)
        return answer

    def back(self, callback_url: str):
        parts = urlsplit(callback_url)
        return self.client.get(f"{parts.path}?{parts.query}", headers=self.headers)

    def sign_in(self, username: str, *, cancel=False):
        return self.back(self.at_provider(self.start(), username, cancel=cancel))


@pytest.fixture
def browser_for(feide_client):
    return lambda language="en": FeideBrowser(feide_client, language)


def failure_kind(response) -> str | None:
    text = response.get_data(as_text=True)
    marker = 'data-feide-failure="'
    return text.split(marker, 1)[1].split('"', 1)[0] if marker in text else None
