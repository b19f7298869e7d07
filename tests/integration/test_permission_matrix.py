"""Every route × every role → the expected status. A new route must be added here, or this fails."""

import pytest

from ..conftest import login_as

ROLES = ["anonymous", "staff_other_school", "staff", "school_admin", "org_admin", "org_admin_other_org"]
LOGIN = "login"  # a redirect to the login page

# endpoint: (method, path built from the world `w`, {role: expected status})
MATRIX = {
    "public.front_door": ("GET", lambda w: "/", dict.fromkeys(ROLES, 200)),
    "public.favicon": ("GET", lambda w: "/favicon.ico", dict.fromkeys(ROLES, 200)),
    "public_discovery.robots": ("GET", lambda w: "/robots.txt", dict.fromkeys(ROLES, 200)),
    "public_discovery.sitemap": ("GET", lambda w: "/sitemap.xml", dict.fromkeys(ROLES, 200)),
    "public.school_page": ("GET", lambda w: f"/{w.school.slug}/", dict.fromkeys(ROLES, 200)),
    "auth.login": ("GET", lambda w: "/auth/login", {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)}),
    "auth.logout": ("POST", lambda w: "/auth/logout", dict.fromkeys(ROLES, 302)),
    "auth.forgot_password": ("GET", lambda w: "/auth/forgot", dict.fromkeys(ROLES, 200)),
    "auth.reset_password": ("GET", lambda w: "/auth/reset/not-a-token", dict.fromkeys(ROLES, 410)),
    "auth.accept_invitation": ("GET", lambda w: "/auth/invitation/not-a-token", dict.fromkeys(ROLES, 404)),
    "auth.account": ("GET", lambda w: "/app/account", {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)}),
    "dashboard.index": ("GET", lambda w: "/app/", {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)}),
    "schools.index": (
        "GET",
        lambda w: f"/app/schools/?org={w.org.id}",
        {
            "anonymous": LOGIN,
            "staff_other_school": 404,
            "staff": 404,
            "school_admin": 404,
            "org_admin": 200,
            "org_admin_other_org": 404,
        },
    ),
    "schools.new": (
        "GET",
        lambda w: f"/app/schools/new?org={w.org.id}",
        {
            "anonymous": LOGIN,
            "staff_other_school": 404,
            "staff": 404,
            "school_admin": 404,
            "org_admin": 200,
            "org_admin_other_org": 404,
        },
    ),
    "schools.people": (
        "GET",
        lambda w: f"/app/schools/{w.school.slug}/people",
        {
            "anonymous": LOGIN,
            "staff_other_school": 404,
            "staff": 403,
            "school_admin": 200,
            "org_admin": 200,
            "org_admin_other_org": 404,
        },
    ),
    "schools.invite": (
        "POST",
        lambda w: f"/app/schools/{w.school.slug}/invitations",
        {
            "anonymous": LOGIN,
            "staff_other_school": 404,
            "staff": 403,
            "school_admin": 400,
            "org_admin": 400,
            "org_admin_other_org": 404,
        },
    ),
    "schools.revoke_invitation": (
        "POST",
        lambda w: f"/app/schools/{w.school.slug}/invitations/999999/revoke",
        {
            "anonymous": LOGIN,
            "staff_other_school": 404,
            "staff": 403,
            "school_admin": 404,
            "org_admin": 404,
            "org_admin_other_org": 404,
        },
    ),
}


def school_admin_only(admin_status, *, staff=403, org_admin=403):
    return {
        "anonymous": LOGIN,
        "staff_other_school": 404,
        "staff": staff,
        "school_admin": admin_status,
        "org_admin": org_admin,
        "org_admin_other_org": 404,
    }


def org_admin_only(status):
    return {
        "anonymous": LOGIN,
        "staff_other_school": 404,
        "staff": 404,
        "school_admin": 404,
        "org_admin": status,
        "org_admin_other_org": 404,
    }


PLAN = "/app/schools/{w.school.slug}/plan"
TEMPLATE = "/app/organisations/{w.org.slug}/template"
MATRIX.update(
    {
        "plans.overview": ("GET", lambda w: f"/app/schools/{w.school.slug}/plan/", school_admin_only(200)),
        "plans.create": ("POST", lambda w: f"/app/schools/{w.school.slug}/plan/create", school_admin_only(409)),
        "plans.add": ("POST", lambda w: f"/app/schools/{w.school.slug}/plan/sections", school_admin_only(400)),
        "plans.edit": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/plan/sections/{w.plan_section_id}",
            school_admin_only(200),
        ),
        "plans.move": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/plan/sections/{w.plan_section_id}/move",
            school_admin_only(302),
        ),
        "plans.visibility": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/plan/sections/{w.plan_section_id}/visibility",
            school_admin_only(302),
        ),
        "plans.remove": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/plan/sections/{w.plan_section_id}/remove",
            school_admin_only(409),
        ),
        "plans.publish": ("POST", lambda w: f"/app/schools/{w.school.slug}/plan/publish", school_admin_only(400)),
        "plans.review": ("POST", lambda w: f"/app/schools/{w.school.slug}/plan/review", school_admin_only(302)),
        "plans.history": ("GET", lambda w: f"/app/schools/{w.school.slug}/plan/history", school_admin_only(200)),
        "plans.compare_revisions": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/plan/compare?from=1&to=1",
            school_admin_only(200),
        ),
        "plans.template_update": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/plan/template-update",
            school_admin_only(200),
        ),
        "plans.read": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/plan/read",
            school_admin_only(200, staff=200, org_admin=200),
        ),
        "markdown.preview": (
            "POST",
            lambda w: "/app/markdown-preview",
            {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)},
        ),
        "public.plan": ("GET", lambda w: f"/{w.school.slug}/plan", dict.fromkeys(ROLES, 200)),
        "public.plan_pdf": ("GET", lambda w: f"/{w.school.slug}/plan.pdf", dict.fromkeys(ROLES, 200)),
        "plan_templates.overview": ("GET", lambda w: f"/app/organisations/{w.org.slug}/template/", org_admin_only(200)),
        "plan_templates.install": (
            "POST",
            lambda w: f"/app/organisations/{w.org.slug}/template/install",
            org_admin_only(302),
        ),
        "plan_templates.add": (
            "POST",
            lambda w: f"/app/organisations/{w.org.slug}/template/sections",
            org_admin_only(400),
        ),
        "plan_templates.edit": (
            "GET",
            lambda w: f"/app/organisations/{w.org.slug}/template/sections/{w.template_section_id}",
            org_admin_only(200),
        ),
        "plan_templates.move": (
            "POST",
            lambda w: f"/app/organisations/{w.org.slug}/template/sections/{w.template_section_id}/move",
            org_admin_only(302),
        ),
        "plan_templates.remove": (
            "POST",
            lambda w: f"/app/organisations/{w.org.slug}/template/sections/{w.template_section_id}/remove",
            org_admin_only(302),
        ),
        "plan_templates.publish": (
            "POST",
            lambda w: f"/app/organisations/{w.org.slug}/template/publish",
            org_admin_only(400),
        ),
    }
)
MATRIX.update(
    {
        "contacts.index": ("GET", lambda w: f"/app/schools/{w.school.slug}/contacts", school_admin_only(200)),
        "contacts.edit": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/contacts/{w.contact_id}",
            school_admin_only(200),
        ),
        "contacts.move": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/contacts/{w.contact_id}/move",
            school_admin_only(302),
        ),
        "contacts.delete": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/contacts/{w.contact_id}/delete",
            school_admin_only(302),
        ),
        "contacts.roles": ("GET", lambda w: f"/app/schools/{w.school.slug}/roles", school_admin_only(200)),
        "contacts.role_visibility": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/roles/rector/visibility",
            school_admin_only(302),
        ),
        "contacts.delete_role": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/roles/rector/delete",
            school_admin_only(409),
        ),
        "contacts.services": ("GET", lambda w: f"/app/schools/{w.school.slug}/services", school_admin_only(200)),
        "contacts.service_visibility": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/services/{w.org_service_id}/visibility",
            school_admin_only(302),
        ),
        "contacts.delete_service": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/services/{w.own_service_id}/delete",
            school_admin_only(302),
        ),
        "contacts.who": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/who-does-what",
            school_admin_only(200, staff=200, org_admin=200),
        ),
        "public.poster": ("GET", lambda w: f"/{w.school.slug}/poster.pdf", dict.fromkeys(ROLES, 200)),
        "services.index": ("GET", lambda w: f"/app/organisations/{w.org.slug}/services/", org_admin_only(200)),
        "services.edit": (
            "GET",
            lambda w: f"/app/organisations/{w.org.slug}/services/{w.org_service_id}",
            org_admin_only(200),
        ),
        "services.delete": (
            "POST",
            lambda w: f"/app/organisations/{w.org.slug}/services/{w.org_service_id}/delete",
            org_admin_only(302),
        ),
    }
)
MATRIX.update(
    {
        "calendar.wheel": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/wheel",
            school_admin_only(200, staff=200, org_admin=200),
        ),
        "calendar.new_feed": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/calendar-feed",
            school_admin_only(302, staff=302, org_admin=302),
        ),
        "calendar.revoke_feed": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/calendar-feed/revoke",
            school_admin_only(302, staff=302, org_admin=302),
        ),
        "public_calendar.public_wheel": ("GET", lambda w: f"/{w.school.slug}/wheel", dict.fromkeys(ROLES, 200)),
        "public_calendar.public_feed": ("GET", lambda w: f"/{w.school.slug}/calendar.ics", dict.fromkeys(ROLES, 200)),
        "public_calendar.private_feed": (
            "GET",
            lambda w: f"/{w.school.slug}/calendar/not-a-token.ics",
            dict.fromkeys(ROLES, 404),
        ),
    }
)
FORMS = "/app/schools/{slug}/forms"


def forms_path(rest=""):
    return lambda w: FORMS.format(slug=w.school.slug) + rest.format(id=getattr(w, "form_id", 0))


MATRIX.update(
    {
        "formsadmin.index": ("GET", forms_path("/"), school_admin_only(200)),
        "formsadmin.create": ("POST", forms_path("/new"), school_admin_only(422)),
        "formsadmin.import_new": ("POST", forms_path("/import"), school_admin_only(422)),
        "formsadmin.copy": ("POST", forms_path("/copy/999999"), school_admin_only(404)),
        "formsadmin.builder": ("GET", forms_path("/{id}"), school_admin_only(200)),
        "formsadmin.texts": ("POST", forms_path("/{id}/texts"), school_admin_only(422)),
        "formsadmin.publish": ("POST", forms_path("/{id}/publish"), school_admin_only(422)),
        "formsadmin.discard": ("POST", forms_path("/{id}/discard"), school_admin_only(303)),
        "formsadmin.delete": ("POST", forms_path("/{id}/delete"), school_admin_only(303)),
        "formsadmin.import_into": ("POST", forms_path("/{id}/import"), school_admin_only(422)),
        "formsadmin.export": ("GET", forms_path("/{id}/export.json"), school_admin_only(200)),
        "formsadmin.preview": ("GET", forms_path("/{id}/preview"), school_admin_only(200)),
        "formsadmin.add_field": ("POST", forms_path("/{id}/fields"), school_admin_only(422)),
        "formsadmin.save_field": ("POST", forms_path("/{id}/fields/age"), school_admin_only(422)),
        "formsadmin.move_field": ("POST", forms_path("/{id}/fields/age/move"), school_admin_only(303)),
        "formsadmin.remove_field": ("POST", forms_path("/{id}/fields/call_guardians/remove"), school_admin_only(303)),
    }
)

CASES = "/app/schools/{slug}/cases"


def cases_path(rest=""):
    return lambda w: (
        CASES.format(slug=w.school.slug)
        + rest.format(
            case=getattr(w, "case_id", 0),
            closed=getattr(w, "closed_case_id", 0),
            run=getattr(w, "run_id", 0),
            version=getattr(w, "version_id", 0),
        )
    )


def case_members(status, admin=None):
    """The staff member opened the case; the school admin sees every case; nobody else learns it exists."""
    return {
        "anonymous": LOGIN,
        "staff_other_school": 404,
        "staff": status,
        "school_admin": status if admin is None else admin,
        "org_admin": 404,
        "org_admin_other_org": 404,
    }


SCHOOL_STAFF = {
    "anonymous": LOGIN,
    "staff_other_school": 404,
    "staff": 200,
    "school_admin": 200,
    "org_admin": 403,
    "org_admin_other_org": 404,
}

MATRIX.update(
    {
        "cases.index": ("GET", cases_path("/"), SCHOOL_STAFF),
        "cases.new": ("GET", cases_path("/new"), SCHOOL_STAFF),
        "cases.blank": ("GET", cases_path("/new/{version}"), SCHOOL_STAFF),  # a new case's checklist, kept offline
        "cases.show": ("GET", cases_path("/{case}"), case_members(200)),
        "cases.changes": ("GET", cases_path("/{case}/changes?seen=0"), case_members(303)),  # without htmx: the page
        "cases.answer": ("POST", cases_path("/{case}/runs/{run}/fields/age"), case_members(303)),
        "cases.note": ("POST", cases_path("/{case}/runs/{run}/fields/age/note"), case_members(303)),
        "cases.start_run": ("POST", cases_path("/{case}/runs"), case_members(422)),
        "cases.add_member": ("POST", cases_path("/{case}/members"), case_members(422)),
        # The school admin is not on the case, so taking them off is refused (409); staff may not (403).
        "cases.remove_member": (
            "POST",
            lambda w: cases_path("/{case}/members/")(w) + f"{w.users['school_admin'].id}/remove",
            case_members(403, admin=409),
        ),
        "cases.close": ("POST", cases_path("/{case}/close"), case_members(422)),
        "cases.reopen": ("POST", cases_path("/{closed}/reopen"), case_members(403, admin=303)),
        "cases.record": ("GET", cases_path("/{closed}/record.pdf"), case_members(200)),
        "cases.retention": ("POST", cases_path("/retention"), {**SCHOOL_STAFF, "staff": 403, "school_admin": 422}),
    }
)

PEOPLE = {
    "anonymous": LOGIN,
    "staff_other_school": 404,
    "staff": 403,
    "school_admin": 404,  # allowed; no such membership
    "org_admin": 404,
    "org_admin_other_org": 404,
}
ORG_ADMIN_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN}

MATRIX.update(
    {
        "auth.sign_out_everywhere": (
            "POST",
            lambda w: "/app/account/sessions",
            {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 302)},
        ),
        "reminders.setting": (
            "GET",
            lambda w: "/app/account/reminders",
            {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)},
        ),
        "schools.change_role": ("POST", lambda w: f"/app/schools/{w.school.slug}/people/999999/role", PEOPLE),
        "schools.remove_person": ("POST", lambda w: f"/app/schools/{w.school.slug}/people/999999/remove", PEOPLE),
        "schools.access_overview": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/access",
            {**PEOPLE, "school_admin": 200, "org_admin": 403},
        ),
        "schools.accounts": (
            "GET",
            lambda w: f"/app/schools/accounts?org={w.org.id}",
            {**ORG_ADMIN_ONLY, "org_admin": 200},
        ),
        "schools.set_active": ("POST", lambda w: f"/app/schools/accounts/999999/active?org={w.org.id}", ORG_ADMIN_ONLY),
    }
)

YEARS = "/app/organisations/{w.org.slug}/school-years"
SCHOOL_YEAR = "/app/schools/{w.school.slug}/school-year"


def year_path(rest=""):
    return lambda w: YEARS.format(w=w) + rest.format(w=w)


def school_year_path(rest=""):
    return lambda w: SCHOOL_YEAR.format(w=w) + rest.format(w=w)


MATRIX.update(
    {
        "schoolyear.index": ("GET", year_path("/"), org_admin_only(200)),
        "schoolyear.year": ("GET", year_path("/{w.school_year_id}"), org_admin_only(200)),
        "schoolyear.add_period": ("POST", year_path("/{w.school_year_id}/periods"), org_admin_only(422)),
        "schoolyear.delete_period": (
            "POST",
            year_path("/{w.school_year_id}/periods/{w.org_period_id}/delete"),
            org_admin_only(303),
        ),
        "schoolyear.import_calendar": ("POST", year_path("/{w.school_year_id}/import"), org_admin_only(422)),
        "schoolyear.export_ics": ("GET", year_path("/{w.school_year_id}/calendar.ics"), org_admin_only(200)),
        "schoolyear.export_csv": ("GET", year_path("/{w.school_year_id}/calendar.csv"), org_admin_only(200)),
        "school_days.show": ("GET", school_year_path("/"), school_admin_only(200, org_admin=200)),
        "school_days.add_days": (
            "POST",
            school_year_path("/{w.school_year_id}/days"),
            school_admin_only(422, org_admin=422),
        ),
        # Another school's day (or none) is not this school's to remove.
        "school_days.delete_days": (
            "POST",
            school_year_path("/{w.school_year_id}/days/999999/delete"),
            school_admin_only(404, org_admin=404),
        ),
    }
)

# The plan import: the school's administrators; a proposal that is not theirs (or none) is not found.
MATRIX.update(
    {
        "planimport.upload": ("GET", lambda w: f"/app/schools/{w.school.slug}/plan/import/", school_admin_only(200)),
        "planimport.review": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/plan/import/no-such-proposal",
            school_admin_only(404),
        ),
        "planimport.discard": (
            "POST",
            lambda w: f"/app/schools/{w.school.slug}/plan/import/no-such-proposal/discard",
            school_admin_only(404),
        ),
    }
)

# The public statements and the settings behind them (issue 19).
MATRIX.update(
    {
        "statements.accessibility": ("GET", lambda w: "/uu-statement", dict.fromkeys(ROLES, 200)),
        "statements.languages": ("GET", lambda w: "/languages", dict.fromkeys(ROLES, 200)),
        "statements.settings": (
            "GET",
            lambda w: f"/app/organisations/{w.org.slug}/accessibility",
            org_admin_only(200),
        ),
        "schools.public_languages": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/languages",
            school_admin_only(200, org_admin=200),
        ),
    }
)

# Feide sign-in (intranet/feide/): without FEIDE_CLIENT_ID (as here) the sign-in routes say it is not set up.
MATRIX.update(
    {
        "feide.start": ("GET", lambda w: "/auth/feide", dict.fromkeys(ROLES, 404)),
        "feide.callback": ("GET", lambda w: "/auth/feide/callback?code=x&state=y", dict.fromkeys(ROLES, 404)),
        "feide_admin.settings": ("GET", lambda w: f"/app/feide?org={w.org.id}", org_admin_only(200)),
        "feide_admin.school_links": (
            "GET",
            lambda w: f"/app/schools/{w.school.slug}/feide",
            school_admin_only(200, org_admin=200),
        ),
        # A link is removed by the person's administrators (school or municipality); nobody else sees the person.
        "feide_admin.remove_link": (
            "POST",
            lambda w: f"/app/feide/links/{w.users['staff'].id}/remove",
            {
                "anonymous": LOGIN,
                "staff_other_school": 404,
                "staff": 403,  # their own link: only an administrator removes it
                "school_admin": 302,
                "org_admin": 302,
                "org_admin_other_org": 404,
            },
        ),
    }
)

OVERVIEW = "/app/organisations/{w.org.slug}/overview"


def overview_path(rest=""):
    return lambda w: OVERVIEW.format(w=w) + rest


MATRIX.update(
    {
        "overview.status": ("GET", overview_path("/"), org_admin_only(200)),
        "overview.status_csv": ("GET", overview_path("/schools.csv"), org_admin_only(200)),
        "overview.status_pdf": ("GET", overview_path("/schools.pdf"), org_admin_only(200)),
        "overview.statistics": ("GET", overview_path("/statistics"), org_admin_only(200)),
        "overview.health": ("GET", overview_path("/checklists"), org_admin_only(200)),
        # A school's own statistics: its administrators only, not the municipality (it sees the suppressed tables).
        "overview.school_view": ("GET", lambda w: f"/app/schools/{w.school.slug}/statistics", school_admin_only(200)),
    }
)

IGNORED = {"static"}


# The archive and access requests: the school's administrators only (the municipality's neither).
SCHOOL_ADMIN_ONLY = {**SCHOOL_STAFF, "staff": 403, "org_admin": 403}
ARCHIVE = "/app/schools/{slug}/archive"
PRIVACY = "/app/schools/{slug}/privacy"


def school_path(prefix, rest=""):
    return lambda w: (
        prefix.format(slug=w.school.slug)
        + rest.format(closed=getattr(w, "closed_case_id", 0), staff=w.users["staff"].id)
    )


MATRIX.update(
    {
        "archive.index": ("GET", school_path(ARCHIVE, "/"), SCHOOL_ADMIN_ONLY),
        "archive.journal_csv": ("GET", school_path(ARCHIVE, "/journal.csv"), SCHOOL_ADMIN_ONLY),
        "archive.journal_xml": ("GET", school_path(ARCHIVE, "/journal.xml"), SCHOOL_ADMIN_ONLY),
        "archive.purge_setting": (
            "POST",
            school_path(ARCHIVE, "/purge-setting"),
            {**SCHOOL_ADMIN_ONLY, "school_admin": 303},
        ),
        "archive.file_case": (
            "GET",
            school_path(ARCHIVE, "/cases/{closed}/file"),
            case_members(403, admin=200),
        ),
        "privacy.index": ("GET", school_path(PRIVACY, "/"), SCHOOL_ADMIN_ONLY),
        "privacy.person_json": ("GET", school_path(PRIVACY, "/people/{staff}.json"), SCHOOL_ADMIN_ONLY),
        "privacy.person_pdf": ("GET", school_path(PRIVACY, "/people/{staff}.pdf"), SCHOOL_ADMIN_ONLY),
        "privacy.case_json": ("GET", school_path(PRIVACY, "/cases/{closed}.json"), SCHOOL_ADMIN_ONLY),
    }
)

MATRIX.update(  # the installable app and its service worker (issue #22)
    {
        "offline.manifest": ("GET", lambda w: "/manifest.webmanifest", dict.fromkeys(ROLES, 200)),
        "offline.service_worker": ("GET", lambda w: "/sw.js", dict.fromkeys(ROLES, 200)),
        "offline.offline_page": ("GET", lambda w: "/offline", dict.fromkeys(ROLES, 200)),
        "offline.about_me": (
            "GET",
            lambda w: "/app/offline.json",
            {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)},
        ),
    }
)


def test_matrix_knows_every_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - IGNORED
    unknown = endpoints - MATRIX.keys()
    assert not unknown, f"Add these routes to the permission matrix: {sorted(unknown)}"
    assert not MATRIX.keys() - endpoints, "The matrix lists routes that no longer exist"


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_answers_each_role_as_expected(
    endpoint, client, world, published_plan, contacts, school_form, cases, school_year
):
    method, path_of, expected = MATRIX[endpoint]
    path = path_of(world)
    for role in ROLES:
        fresh = client.application.test_client()
        if role != "anonymous":
            login_as(fresh, world.users[role])
        response = fresh.open(path, method=method)
        want = expected[role]
        if want == LOGIN:
            assert response.status_code == 302, (role, path, response.status_code)
            assert response.location.startswith("/auth/login?next="), (role, response.location)
        else:
            assert response.status_code == want, (role, method, path, response.status_code)
