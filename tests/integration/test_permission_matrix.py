"""Every route × every role → the expected status. A new route must be added here, or this fails."""

import pytest

from ..conftest import login_as

ROLES = ["anonymous", "staff_other_school", "staff", "school_admin", "org_admin", "org_admin_other_org"]
LOGIN = "login"  # a redirect to the login page

# endpoint: (method, path built from the world `w`, {role: expected status})
MATRIX = {
    "public.front_door": ("GET", lambda w: "/", dict.fromkeys(ROLES, 200)),
    "public.school_page": ("GET", lambda w: f"/{w.school.slug}/", dict.fromkeys(ROLES, 200)),
    "auth.login": ("GET", lambda w: "/auth/login",
                   {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)}),
    "auth.logout": ("POST", lambda w: "/auth/logout", dict.fromkeys(ROLES, 302)),
    "auth.forgot_password": ("GET", lambda w: "/auth/forgot", dict.fromkeys(ROLES, 200)),
    "auth.reset_password": ("GET", lambda w: "/auth/reset/not-a-token", dict.fromkeys(ROLES, 410)),
    "auth.accept_invitation": ("GET", lambda w: "/auth/invitation/not-a-token", dict.fromkeys(ROLES, 404)),
    "auth.account": ("GET", lambda w: "/app/account", {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)}),
    "dashboard.index": ("GET", lambda w: "/app/", {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], 200)}),
    "schools.index": ("GET", lambda w: f"/app/schools/?org={w.org.id}", {
        "anonymous": LOGIN, "staff_other_school": 404, "staff": 404, "school_admin": 404,
        "org_admin": 200, "org_admin_other_org": 404}),
    "schools.new": ("GET", lambda w: f"/app/schools/new?org={w.org.id}", {
        "anonymous": LOGIN, "staff_other_school": 404, "staff": 404, "school_admin": 404,
        "org_admin": 200, "org_admin_other_org": 404}),
    "schools.people": ("GET", lambda w: f"/app/schools/{w.school.slug}/people", {
        "anonymous": LOGIN, "staff_other_school": 404, "staff": 403, "school_admin": 200,
        "org_admin": 200, "org_admin_other_org": 404}),
    "schools.invite": ("POST", lambda w: f"/app/schools/{w.school.slug}/invitations", {
        "anonymous": LOGIN, "staff_other_school": 404, "staff": 403, "school_admin": 400,
        "org_admin": 400, "org_admin_other_org": 404}),
    "schools.revoke_invitation": ("POST", lambda w: f"/app/schools/{w.school.slug}/invitations/999999/revoke", {
        "anonymous": LOGIN, "staff_other_school": 404, "staff": 403, "school_admin": 404,
        "org_admin": 404, "org_admin_other_org": 404}),
}
IGNORED = {"static"}


def test_matrix_knows_every_route(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - IGNORED
    unknown = endpoints - MATRIX.keys()
    assert not unknown, f"Add these routes to the permission matrix: {sorted(unknown)}"
    assert not MATRIX.keys() - endpoints, "The matrix lists routes that no longer exist"


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_answers_each_role_as_expected(endpoint, client, world):
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
