"""The catalogue of pages the browser tests visit, and how to reach each one in a given language."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from intranet.demo import DEMO_PASSWORD
from intranet.formsadmin.default_forms import load_default_forms

from .case_steps import (
    CASES_RECTOR,
    CASES_SCHOOL,
    CASES_STAFF,
    CLOSED_CASE_LABEL,
    OPEN_CASE_LABEL,
    STAFF_CASE_LABEL,
    case_in_list,
    ensure_school_with_cases,
)
from .conftest import html_lang, login, submit_main_form
from .plan_data import REVISIONS_RECTOR, REVISIONS_SCHOOL, add_school, ensure_school_with_two_revisions, shipped_title

LANGUAGES = ("nb", "nn", "en")

ORG_ADMIN = "kommune@example.no"
RECTOR = "rektor.fjordvik@example.no"
STAFF = "larer.fjordvik@example.no"
LYNGHEIA_RECTOR = "rektor.lyngheia@example.no"

FJORDVIK_PLAN = "/app/schools/fjordvik-us/plan/"
FJORDVIK_TEMPLATE = "/app/organisations/fjordvik/template/"


def link_named(name: str) -> Callable:
    """Reach a page through the link with this exact text on the start page (for pages whose URL
    holds a database id, such as a section editor)."""

    def follow(page) -> str:
        return page.get_by_role("link", name=name, exact=True).get_attribute("href")

    return follow


def first_contact(page) -> str:
    """Reach a contact person's edit page through the first name in the school's contact list."""
    return page.locator("main ol.section-list > li a").first.get_attribute("href")


def invalid_phone(page):
    """Fill the "Add a person" form with a name and a phone number nobody can call, and submit it.
    No role is chosen either, so nothing is saved even if the phone check let it through."""
    form = page.locator("main section[aria-labelledby=add-heading] form")
    form.locator("input[name=name]").fill("Test Testesen")
    form.locator("input[name=phone]").fill("1234")
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    return navigation.value


def compare_form(page) -> str:
    """Reach the compare page by submitting the history page's form (latest two revisions)."""
    with page.expect_navigation():
        page.locator("main form.compare-form button[type=submit]").click()
    return page.url


def shipped_form(key: str) -> dict:
    return next(definition for definition in load_default_forms() if definition["key"] == key)


def form_in_list(key: str, rest: str = "") -> Callable:
    """Reach a school's copy of a shipped checklist (its URL holds a database id) through its link in the
    school's list of forms, whatever language the list is in; `rest` goes after the builder's URL
    ("/preview", "?edit=<field key>")."""
    titles = shipped_form(key)["title"].values()
    exact_title = re.compile("^(" + "|".join(re.escape(title) for title in titles) + ")$")

    def follow(page) -> str:
        return page.locator("main .form-list a").filter(has_text=exact_title).get_attribute("href") + rest

    return follow


# A school whose only checklist is a draft (never published): the shipped "suspicion" checklist imported.
DRAFT_FORMS_SCHOOL = "skjematest-utkast"
DRAFT_FORMS_RECTOR = "rektor.skjematest@example.no"


def ensure_school_with_a_draft_checklist(live_server) -> None:
    """Made once per test session, for the builder pages with a field editor open."""
    from intranet.auth.models import User
    from intranet.extensions import db
    from intranet.formsadmin import operations as forms_ops
    from intranet.schools.models import School

    with live_server.app.app_context():
        if db.session.scalar(db.select(School.id).where(School.slug == DRAFT_FORMS_SCHOOL)) is not None:
            return
    add_school(live_server, slug=DRAFT_FORMS_SCHOOL, rector=DRAFT_FORMS_RECTOR)
    with live_server.app.app_context():
        school = db.session.scalar(db.select(School).where(School.slug == DRAFT_FORMS_SCHOOL))
        rector = db.session.scalar(db.select(User).where(User.email == DRAFT_FORMS_RECTOR))
        forms_ops.import_form(school, shipped_form("suspicion"), user=rector)
        db.session.commit()


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str
    status: int = 200
    user: str | None = None  # signed in (through the login form) before the visit
    submit_empty: bool = False  # submit the page's form empty and check the page that answers
    # submit(page): fill in and submit a form on the opened page; the page that answers is checked.
    submit: Callable | None = None
    setup: Callable | None = None  # setup(live_server): make the data the page needs (idempotent)
    follow: Callable | None = None  # follow(page) on `path` gives the URL of the page to check
    shows: str | None = None  # a selector that must match on the page: it is the page we meant
    # A violation axe finds because of an app bug not fixed yet: (axe rule id, devices, the bug).
    known_violation: tuple[str, tuple[str, ...], str] | None = None

    def known_on(self, device: str) -> tuple[str, str] | None:
        """The (rule, bug) axe is expected to report on `device`, if any."""
        if self.known_violation and device in self.known_violation[1]:
            return self.known_violation[0], self.known_violation[2]
        return None


FJORDVIK_SCHOOL = "/app/schools/fjordvik-us/"
FJORDVIK_FORMS = FJORDVIK_SCHOOL + "forms/"
DRAFT_FORMS = f"/app/schools/{DRAFT_FORMS_SCHOOL}/forms/"
CASES = f"/app/schools/{CASES_SCHOOL}/cases/"

PAGES = [
    PageSpec("front-door", "/"),
    PageSpec(
        "front-door-search", "/?q=fjord", shows="main [role=status] ~ section .school-list a[href='/fjordvik-us/']"
    ),
    PageSpec("public-school-page", "/fjordvik-us/", shows="main #contact-heading ~ .people-list a[href^='tel:']"),
    PageSpec("login", "/auth/login"),
    PageSpec("forgot-password", "/auth/forgot"),
    PageSpec("dashboard-org-admin", "/app/", user=ORG_ADMIN),
    PageSpec("dashboard-school-admin", "/app/", user=RECTOR),
    PageSpec("dashboard-staff", "/app/", user=STAFF),
    PageSpec("account", "/app/account", user=ORG_ADMIN),
    PageSpec("schools-index", "/app/schools/", user=ORG_ADMIN),
    PageSpec("schools-new", "/app/schools/new", user=ORG_ADMIN),
    PageSpec(
        "school-people", "/app/schools/fjordvik-us/people", user=RECTOR, shows="main form[action$='/remove'] button"
    ),
    PageSpec("school-access", "/app/schools/fjordvik-us/access", user=RECTOR, shows="main #admins-heading ~ ul li"),
    PageSpec("municipality-accounts", "/app/schools/accounts", user=ORG_ADMIN, shows="main ul.people form button"),
    PageSpec("not-found", "/no-such-school-here/", status=404),
    PageSpec("login-validation-error", "/auth/login", status=400, submit_empty=True),
    PageSpec("link-no-longer-valid", "/auth/reset/garbage", status=410),
    # Plans
    PageSpec("public-plan", "/fjordvik-us/plan", shows="main .plan section#routine_intoxicated"),
    PageSpec("plan-overview", FJORDVIK_PLAN, user=RECTOR, shows="main ol.section-list li"),
    PageSpec(
        "plan-section-editor",
        FJORDVIK_PLAN,
        user=RECTOR,
        follow=link_named(shipped_title("routine_intoxicated")),
        shows="main #section-editor fieldset.item",
    ),
    PageSpec(
        "plan-history",
        FJORDVIK_PLAN + "history",
        user=RECTOR,
        shows="main table tbody tr",
    ),
    PageSpec("plan-read-staff", FJORDVIK_PLAN + "read", user=STAFF, shows="main nav.quick-routines a"),
    PageSpec("template-overview", FJORDVIK_TEMPLATE, user=ORG_ADMIN, shows="main ol.section-list li"),
    PageSpec(
        "template-section-editor",
        FJORDVIK_TEMPLATE,
        user=ORG_ADMIN,
        follow=link_named(shipped_title("measures_school")),
        shows="main #section-editor fieldset.item",
    ),
    PageSpec(
        "plan-not-created-yet",
        "/app/schools/lyngheia-vgs/plan/",
        user=LYNGHEIA_RECTOR,
        shows="main form[action$='/plan/create'] button[type=submit]",
    ),
    PageSpec(
        "plan-compare-revisions",
        f"/app/schools/{REVISIONS_SCHOOL}/plan/history",
        user=REVISIONS_RECTOR,
        setup=ensure_school_with_two_revisions,
        follow=compare_form,
        shows="main section.diff ins",
    ),
    # Annual wheel
    PageSpec("public-wheel", "/fjordvik-us/wheel", shows="main svg a[href='#month-8']"),
    PageSpec(
        "staff-wheel",
        FJORDVIK_SCHOOL + "wheel",
        user=STAFF,
        shows="main #feeds form[action$='/calendar-feed'] button[type=submit]",
    ),
    # School year
    PageSpec("school-years", "/app/organisations/fjordvik/school-years/", user=ORG_ADMIN, shows="main ul.people a"),
    PageSpec(
        "school-year-editor",
        "/app/organisations/fjordvik/school-years/",
        user=ORG_ADMIN,
        follow=lambda page: page.locator("main ul.people a").first.get_attribute("href"),
        shows="main #periods form button[type=submit]",
    ),
    PageSpec("school-year-of-school", FJORDVIK_SCHOOL + "school-year/", user=RECTOR, shows="main #own-days form"),
    # Contacts
    PageSpec("contacts", FJORDVIK_SCHOOL + "contacts", user=RECTOR, shows="main ol.section-list a[href*='/contacts/']"),
    PageSpec(
        "contact-edit",
        FJORDVIK_SCHOOL + "contacts",
        user=RECTOR,
        follow=first_contact,
        shows="main form input[name=phone][type=tel]",
    ),
    PageSpec(
        "contact-validation-error",
        FJORDVIK_SCHOOL + "contacts",
        status=400,
        user=RECTOR,
        submit=invalid_phone,
        shows="main #phone[aria-invalid=true][aria-describedby~=phone-error]",
    ),
    PageSpec("roles", FJORDVIK_SCHOOL + "roles", user=RECTOR, shows="main form input[name=name_nb]"),
    PageSpec("school-services", FJORDVIK_SCHOOL + "services", user=RECTOR, shows="main a[href^='tel:']"),
    PageSpec(
        "who-does-what",
        FJORDVIK_SCHOOL + "who-does-what",
        user=STAFF,
        shows="main section.role a[href^='tel:']",
    ),
    PageSpec("org-services", "/app/organisations/fjordvik/services/", user=ORG_ADMIN, shows="main a[href^='tel:']"),
    # Checklists and forms. The demo school has adopted (and published) the municipality's "suspicion"
    # checklist; the builder pages are a draft's, at a school of their own.
    PageSpec(
        "forms-school",
        FJORDVIK_FORMS,
        user=RECTOR,
        shows="main .form-list a[href*='/forms/'] ~ .badges, main .form-list form[action*='/copy/'] button",
    ),
    PageSpec(
        "forms-organisation",
        "/app/organisations/fjordvik/forms/",
        user=ORG_ADMIN,
        shows="main .form-list a[href*='/organisations/fjordvik/forms/']",
    ),
    PageSpec(
        "form-builder-choice-editor",
        DRAFT_FORMS,
        user=DRAFT_FORMS_RECTOR,
        setup=ensure_school_with_a_draft_checklist,
        follow=form_in_list("suspicion", "?edit=next_step"),
        shows="main #field-next_step form.field-editor input[name='choices-0-label_nb']",
    ),
    PageSpec(
        "form-builder-condition-editor",
        DRAFT_FORMS,
        user=DRAFT_FORMS_RECTOR,
        setup=ensure_school_with_a_draft_checklist,
        follow=form_in_list("suspicion", "?edit=inform_guardians"),
        shows="main #field-inform_guardians form.field-editor input[name='conditions-0-values'][type=checkbox]",
    ),
    PageSpec(
        "form-preview",
        FJORDVIK_FORMS,
        user=RECTOR,
        follow=form_in_list("suspicion", "/preview"),
        shows="main #run-form input[type=radio]",
    ),
    # Cases, at a school of their own (see case_steps): the lists, opening one, and a case open and closed.
    PageSpec(
        "cases-school-admin",
        CASES,
        user=CASES_RECTOR,
        setup=ensure_school_with_cases,
        shows="main .case-list .badge.overdue",
    ),
    PageSpec("cases-staff", CASES, user=CASES_STAFF, setup=ensure_school_with_cases, shows="main .case-list a"),
    PageSpec(
        "case-new", CASES + "new", user=CASES_STAFF, setup=ensure_school_with_cases, shows="main input[type=radio]"
    ),
    PageSpec(
        "case-new-no-situation",
        CASES + "new",
        status=422,
        user=CASES_STAFF,
        setup=ensure_school_with_cases,
        submit=submit_main_form,
        shows="main [aria-invalid=true], main .error",
    ),
    PageSpec(
        "case-open",
        CASES,
        user=CASES_RECTOR,
        setup=ensure_school_with_cases,
        follow=case_in_list(OPEN_CASE_LABEL),
        shows="main section.run .step.is-overdue form input[type=checkbox], main section.run .step-note",
    ),
    PageSpec(
        "case-open-staff",
        CASES,
        user=CASES_STAFF,
        setup=ensure_school_with_cases,
        follow=case_in_list(STAFF_CASE_LABEL),
        shows="main section.run form input[type=radio]",
    ),
    PageSpec(
        "case-closed",
        CASES + "?status=closed",
        user=CASES_RECTOR,
        setup=ensure_school_with_cases,
        follow=case_in_list(CLOSED_CASE_LABEL),
        shows="main .card.notice",
    ),
]


def open_page(page, spec: PageSpec, lang: str, live_server=None) -> None:
    """Make the page's data, sign in if the page needs it, open it with ?lang=, and check we got
    the page we meant."""
    if spec.setup:
        spec.setup(live_server)
    if spec.user:
        login(page, spec.user, DEMO_PASSWORD)
    url = spec.path
    if spec.follow:
        assert page.goto(spec.path).status == 200, f"{spec.name}: {spec.path} did not open"
        url = spec.follow(page)
        assert url, f"{spec.name}: found no way from {spec.path} to the page"
    path = urlsplit(url).path
    response = page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    if spec.submit_empty or spec.submit:
        assert response.status == 200, f"{spec.name}: the form page answered HTTP {response.status}"
        response = spec.submit(page) if spec.submit else submit_main_form(page)
    assert response.status == spec.status, f"{spec.name}: HTTP {response.status}, expected {spec.status}"
    assert urlsplit(page.url).path == path, f"{spec.name}: ended up on {page.url}"
    assert html_lang(page) == lang, f"{spec.name}: <html lang={html_lang(page)!r}>, chose {lang!r}"
    if spec.submit_empty:
        invalid = page.locator("main [aria-invalid=true]")
        assert invalid.count() == 2, "both empty fields should be marked invalid"
        assert page.locator("main .field .error").count() == 2, "both empty fields should explain the error"
    if spec.shows:
        assert page.locator(spec.shows).count(), f"{spec.name}: nothing matches {spec.shows!r} on {page.url}"
