"""Each view declares what it needs (`@requires` in intranet/loading.py); the permission matrix's refusals
follow from those declarations and the policy, and every rule of the policy is asked somewhere."""

import re
from pathlib import Path

import pytest

from intranet.loading import LOADERS, PUBLIC
from intranet.policy import RULES, refusal

from ..conftest import login_as
from .test_permission_matrix import IGNORED, LOGIN, MATRIX, ROLES

INTRANET = Path(__file__).resolve().parents[2] / "intranet"


def declarations(app) -> dict[str, str | None]:
    """endpoint → the action its view declares (None: declares nothing)."""
    return {
        rule.endpoint: getattr(app.view_functions[rule.endpoint], "required_action", None)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in IGNORED
    }


def test_every_route_declares_what_it_needs(app):
    undeclared = sorted(endpoint for endpoint, action in declarations(app).items() if action is None)
    assert not undeclared, f"Declare @requires(...) on these views: {undeclared}"
    unknown = {action for action in declarations(app).values()} - RULES.keys() - {PUBLIC}
    assert not unknown, f"Declared actions the policy does not know: {unknown}"


ASKED = re.compile(r"""\b(?:can|authorize|refusal)\(\s*["']([\w.]+)["']""")


def asked_in_code_and_templates() -> set[str]:
    files = [*INTRANET.rglob("*.py"), *INTRANET.rglob("*.html")]
    return {action for path in files for action in ASKED.findall(path.read_text(encoding="utf-8"))}


def test_every_rule_is_declared_by_a_view_or_asked_by_a_template(app):
    asked = asked_in_code_and_templates()
    used = set(declarations(app).values()) | asked
    assert not RULES.keys() - used, f"Rules nobody consults (use or remove them): {sorted(RULES.keys() - used)}"
    assert not asked - RULES.keys(), f"Asked for actions the policy does not know: {sorted(asked - RULES.keys())}"


def policy_statuses(app, endpoint, method, path, users) -> dict[str, object]:
    """role → the status the declaration and the policy decide, where they decide it alone: the sign-in
    redirect and the refusals. A permitted role maps to None (the matrix says what the view answers)."""
    view = app.view_functions[endpoint]
    with app.test_request_context(path, method=method):
        target = LOADERS[view.required_on](dict(app.url_map.bind("localhost").match(path.split("?")[0], method)[1]))
    if view.required_action == PUBLIC:
        return dict.fromkeys(ROLES)
    return {
        "anonymous": LOGIN,
        **{role: refusal(view.required_action, target, user=users[role]) for role in ROLES[1:]},
    }


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_matrix_refusals_follow_the_declared_rule(
    endpoint, app, world, published_plan, contacts, school_form, cases, school_year
):
    method, path_of, expected = MATRIX[endpoint]
    path = path_of(world)
    view = app.view_functions[endpoint]
    if view.required_on is None:  # nothing loaded: signed in, or public
        derived = dict.fromkeys(ROLES) if view.required_action == PUBLIC else {"anonymous": LOGIN}
    else:
        derived = policy_statuses(app, endpoint, method, path, world.users)
    disagree = {
        role: (expected[role], want) for role, want in derived.items() if want is not None and expected[role] != want
    }
    assert not disagree, f"{endpoint}: the matrix says / the policy says {disagree}"
    for role, want in derived.items():  # and the route answers so
        if want in (None, LOGIN):
            continue
        client = app.test_client()
        login_as(client, world.users[role])
        assert client.open(path, method=method).status_code == want, (endpoint, role)
