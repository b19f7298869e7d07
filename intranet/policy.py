"""Who may do what: the single place where permissions are decided.

Views call `authorize(action, obj)`; templates call `can(action, obj)`. An action on an object
the user has no relation to at all answers 404 (its existence is not revealed); an action on an
object the user can see but may not change answers 403.
"""

from collections.abc import Callable

from flask import abort
from flask_login import current_user

from .auth.models import Membership, Role, User
from .cases.models import Case
from .schools.models import Organisation, School


def memberships(user: User) -> list[Membership]:
    """The user's memberships: the signed-in user's come with the user (one query, see
    `load_user`); anybody else's are loaded on first use and kept for the request."""
    return user.memberships


def school_role(user: User, school: School) -> Role | None:
    return next((m.role for m in memberships(user) if m.school_id == school.id), None)


def is_org_admin(user: User, organisation_id: int) -> bool:
    return any(m.role == Role.ORG_ADMIN and m.organisation_id == organisation_id for m in memberships(user))


def _is_school_admin(user: User, school: School) -> bool:
    return school_role(user, school) == Role.SCHOOL_ADMIN


def _manages_school(user: User, school: School) -> bool:
    return _is_school_admin(user, school) or is_org_admin(user, school.organisation_id)


def _sees_school(user: User, school: School) -> bool:
    return school_role(user, school) is not None or is_org_admin(user, school.organisation_id)


RULES: dict[str, Callable[[User, object], bool]] = {
    # The staff area as such: any signed-in account.
    "app.use": lambda user, _: True,
    "org.manage": lambda user, org: is_org_admin(user, org.id),
    "school.create": lambda user, org: is_org_admin(user, org.id),
    "school.manage": _manages_school,
    "school.invite": _manages_school,
    "school.appoint_admin": _manages_school,
    "school.manage_people": _manages_school,
    # Who can read the school's cases, and why: for the school's own administrators.
    "school.access": _is_school_admin,
}

# What a user must at least be able to do for the object not to be hidden (404).
VISIBILITY: dict[type, Callable[[User, object], bool]] = {
    School: _sees_school,
    Organisation: lambda user, org: is_org_admin(user, org.id),
}


def can(action: str, obj: object = None, user: User | None = None) -> bool:
    user = user if user is not None else current_user
    if user is None or not user.is_authenticated:
        return False
    return RULES[action](user, obj)


def refusal(action: str, obj: object = None, user: User | None = None) -> int | None:
    """How `action` on `obj` is refused to the user: None when it is not, 404 when obj is not theirs
    to see, else 403. The permission matrix derives its refusals from it."""
    user = user if user is not None else current_user
    if can(action, obj, user):
        return None
    visible = VISIBILITY.get(type(obj))
    if visible is not None and not (user.is_authenticated and visible(user, obj)):
        return 404
    return 403


def authorize(action: str, obj: object = None) -> None:
    """Abort unless the current user may do `action` on `obj` (404 when obj is not theirs to see)."""
    status = refusal(action, obj)
    if status is not None:
        abort(status)


def managed_organisations(user: User) -> list[int]:
    return [m.organisation_id for m in memberships(user) if m.role == Role.ORG_ADMIN]


def _is_school_member(user: User, school: School) -> bool:
    return school_role(user, school) is not None


RULES.update(
    {
        "template.manage": lambda user, org: is_org_admin(user, org.id),
        "plan.manage": _is_school_admin,
        "plan.read": lambda user, school: _is_school_member(user, school) or is_org_admin(user, school.organisation_id),
    }
)

RULES["contacts.manage"] = _is_school_admin


def _deactivates(user: User, person: User) -> bool:
    """A municipality administrator (de)activates the accounts of its schools' people, never their own."""
    if person.id == user.id:
        return False
    organisations = set(managed_organisations(user))
    return any(
        (m.organisation_id in organisations) or (m.school is not None and m.school.organisation_id in organisations)
        for m in person.memberships
    )


RULES["account.deactivate"] = _deactivates
VISIBILITY[User] = lambda user, person: person.id == user.id or _deactivates(user, person)


def _manages_forms(user: User, owner) -> bool:
    """A school's checklists and forms: its school admins; the municipality's templates: its admins."""
    if isinstance(owner, School):
        return _is_school_admin(user, owner)
    return is_org_admin(user, owner.id)


RULES["forms.manage"] = _manages_forms


def _on_case(user: User, case) -> bool:
    """A case is seen by its members and the school's admins, and by nobody else (need to know)."""
    if any(member.user_id == user.id for member in case.members):
        return school_role(user, case.school) is not None
    return _is_school_admin(user, case.school)


def _is_staff_at(user: User, school: School) -> bool:
    return school_role(user, school) is not None


RULES.update(
    {
        "case.list": _is_staff_at,
        "case.open": _is_staff_at,
        "case.view": _on_case,
        "case.work": lambda user, case: case.is_open and _on_case(user, case),
        "case.close": lambda user, case: case.is_open and _on_case(user, case),
        "case.reopen": lambda user, case: not case.is_open and _is_school_admin(user, case.school),
        "case.export": lambda user, case: not case.is_open and _on_case(user, case),
        "case.settings": _is_school_admin,
        # Need to know ends, on an open or a closed case alike; only the school's admins decide it.
        "case.remove_member": lambda user, case: _is_school_admin(user, case.school),
    }
)
VISIBILITY[Case] = _on_case

# The school year's calendar: the municipality keeps it; a school adds its own days (its administrators,
# and the municipality's, who manage the school).
RULES["schoolyear.manage"] = lambda user, org: is_org_admin(user, org.id)
RULES["schoolyear.school_days"] = _manages_school

# The archive: a school's administrators file closed cases, export the journal and choose about purging;
# they also answer access requests (a staff member's data, a pupil's case).
RULES["case.file"] = lambda user, case: not case.is_open and _is_school_admin(user, case.school)
RULES["archive.manage"] = _is_school_admin
RULES["privacy.access_requests"] = _is_school_admin
# Importing the school's existing plan document as a draft: whoever manages the plan.
RULES["plan.import"] = _is_school_admin
# Feide sign-in (intranet/feide/): the municipality chooses how its people sign in and which schools are
# Feide's units; a link between an account and a Feide identity is removed by the person's administrators.
RULES["feide.manage"] = lambda user, org: is_org_admin(user, org.id)
RULES["feide.unlink"] = lambda user, person: (
    _deactivates(user, person)
    or any(m.school is not None and _is_school_admin(user, m.school) for m in person.memberships)
)
# The municipality's overview (plan status, statistics, checklist health): its administrators; a school's own
# statistics: the school's administrators (the municipality sees schools only in its suppressed tables).
RULES["overview.view"] = lambda user, org: is_org_admin(user, org.id)
RULES["overview.school_statistics"] = _is_school_admin
