"""The catalogue of pages the browser tests visit, and how to reach each one in a given language."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from intranet.demo import DEMO_PASSWORD

from .conftest import html_lang, login, submit_main_form

LANGUAGES = ("nb", "nn", "en")

ORG_ADMIN = "kommune@example.no"
RECTOR = "rektor.fjordvik@example.no"
STAFF = "larer.fjordvik@example.no"


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str
    status: int = 200
    user: str | None = None  # signed in (through the login form) before the visit
    submit_empty: bool = False  # submit the page's form empty and check the page that answers


PAGES = [
    PageSpec("front-door", "/"),
    PageSpec("public-school-page", "/fjordvik-us/"),
    PageSpec("login", "/auth/login"),
    PageSpec("forgot-password", "/auth/forgot"),
    PageSpec("dashboard-org-admin", "/app/", user=ORG_ADMIN),
    PageSpec("dashboard-school-admin", "/app/", user=RECTOR),
    PageSpec("dashboard-staff", "/app/", user=STAFF),
    PageSpec("account", "/app/account", user=ORG_ADMIN),
    PageSpec("schools-index", "/app/schools/", user=ORG_ADMIN),
    PageSpec("schools-new", "/app/schools/new", user=ORG_ADMIN),
    PageSpec("school-people", "/app/schools/fjordvik-us/people", user=RECTOR),
    PageSpec("not-found", "/no-such-school-here/", status=404),
    PageSpec("login-validation-error", "/auth/login", status=400, submit_empty=True),
    PageSpec("link-no-longer-valid", "/auth/reset/garbage", status=410),
]


def open_page(page, spec: PageSpec, lang: str) -> None:
    """Sign in if the page needs it, open it with ?lang=, and check we got the page we meant."""
    if spec.user:
        login(page, spec.user, DEMO_PASSWORD)
    response = page.goto(f"{spec.path}?lang={lang}")
    if spec.submit_empty:
        assert response.status == 200
        response = submit_main_form(page)
    assert response.status == spec.status, f"{spec.name}: HTTP {response.status}, expected {spec.status}"
    assert urlsplit(page.url).path == spec.path, f"{spec.name}: ended up on {page.url}"
    assert html_lang(page) == lang, f"{spec.name}: <html lang={html_lang(page)!r}>, chose {lang!r}"
    if spec.submit_empty:
        invalid = page.locator("main [aria-invalid=true]")
        assert invalid.count() == 2, "both empty fields should be marked invalid"
        assert page.locator("main .field .error").count() == 2, "both empty fields should explain the error"
