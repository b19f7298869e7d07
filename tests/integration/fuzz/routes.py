"""The routes to fuzz (every GET and POST of the permission matrix), who uses each, and how many examples."""

from dataclasses import dataclass

from intranet import create_app

from ..test_permission_matrix import LOGIN, MATRIX

POST_EXAMPLES, GET_EXAMPLES, FILE_EXAMPLES = 15, 6, 2
BINARY = (".pdf", ".ics", ".json", ".ico")  # slow to make (PDF) or no links and forms to read
REFUSED = (403, 404, 410, LOGIN)
PREFERRED_ROLES = ("school_admin", "org_admin", "staff", "anonymous")
# Routes whose matrix URL points at nothing (so the matrix can expect its 404 or 410): a real one, and who uses it.
PATHS = {
    "auth.reset_password": ("anonymous", lambda w: f"/auth/reset/{w.reset_token}"),
    "auth.accept_invitation": ("anonymous", lambda w: f"/auth/invitation/{w.invitation_token}"),
    "public_calendar.private_feed": ("anonymous", lambda w: f"/{w.school.slug}/calendar/{w.feed_token}.ics"),
    "schools.revoke_invitation": (
        "school_admin",
        lambda w: f"/app/schools/{w.school.slug}/invitations/{w.invitation_id}/revoke",
    ),
    "formsadmin.copy": ("school_admin", lambda w: f"/app/schools/{w.school.slug}/forms/copy/{w.org_version_id}"),
    "schools.change_role": (
        "school_admin",
        lambda w: f"/app/schools/{w.school.slug}/people/{w.staff_membership_id}/role",
    ),
    "schools.remove_person": (
        "school_admin",
        lambda w: f"/app/schools/{w.school.slug}/people/{w.staff_membership_id}/remove",
    ),
    "schools.set_active": ("org_admin", lambda w: f"/app/schools/accounts/{w.users['staff'].id}/active"),
    "school_days.delete_days": (
        "school_admin",
        lambda w: f"/app/schools/{w.school.slug}/school-year/{w.school_year_id}/days/{w.school_period_id}/delete",
    ),
    "planimport.review": ("school_admin", lambda w: f"/app/schools/{w.school.slug}/plan/import/{w.import_token}"),
    "planimport.discard": (
        "school_admin",
        lambda w: f"/app/schools/{w.school.slug}/plan/import/{w.import_token}/discard",
    ),
    # Without Feide set up (as here) both answer that it is not; the Feide tests drive them for real.
    "feide.start": ("anonymous", lambda w: "/auth/feide"),
    "feide.callback": ("anonymous", lambda w: "/auth/feide/callback"),
}
# Routes whose plain request is refused here on purpose (Feide is not set up): fed garbage all the same.
REFUSED_HERE = {"feide.start", "feide.callback"}
SIGNED_OUT = {"auth.login", "auth.forgot_password"}  # a signed-in user is sent on to the dashboard


@dataclass(frozen=True)
class Target:
    endpoint: str
    method: str
    role: str
    examples: int

    def __str__(self):
        return f"{self.method} {self.endpoint}"

    def url(self, world) -> str:
        return PATHS[self.endpoint][1](world) if self.endpoint in PATHS else MATRIX[self.endpoint][1](world)

    def path(self, world) -> str:
        return self.url(world).partition("?")[0]


def role_for(endpoint: str) -> str:
    """Someone the permission matrix lets through, so the request reaches the form handling."""
    if endpoint in PATHS:
        return PATHS[endpoint][0]
    if endpoint in SIGNED_OUT:
        return "anonymous"
    expected = MATRIX[endpoint][2]
    return next(role for role in PREFERRED_ROLES if expected[role] not in REFUSED)


def _examples(rule: str, method: str) -> int:
    if method == "POST":
        return POST_EXAMPLES
    return FILE_EXAMPLES if rule.endswith(BINARY) else GET_EXAMPLES


def _targets() -> list[Target]:
    url_map = create_app({"TESTING": True, "SECRET_KEY": "-", "SQLALCHEMY_DATABASE_URI": "sqlite://"}).url_map
    return sorted(
        {
            Target(rule.endpoint, method, role_for(rule.endpoint), _examples(rule.rule, method))
            for rule in url_map.iter_rules()
            if rule.endpoint in MATRIX
            for method in rule.methods & {"GET", "POST"}
        },
        key=str,
    )


TARGETS = _targets()
FEATURES: dict[str, list[Target]] = {}
for _target in TARGETS:
    FEATURES.setdefault(_target.endpoint.partition(".")[0], []).append(_target)

# The features (blueprints) each test module fuzzes; test_people_and_public_pages takes the rest.
CASE_WORK = ("calendar", "cases", "dashboard")
PLANS_AND_FORMS = ("formsadmin", "markdown", "plan_templates", "plans")


def features_outside(*areas: tuple[str, ...]) -> list[str]:
    """Every feature no area names: a blueprint added later is fuzzed too."""
    named = {feature for area in areas for feature in area}
    return sorted(feature for feature in FEATURES if feature not in named)
