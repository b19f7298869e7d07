"""Giving and taking roles at a school, and deactivating accounts: every change recorded (access.py).

Access is granted, never taken: nobody appoints themselves, and a municipality administrator acting
for the municipality does not appoint the municipality's own accounts as school administrators (those
accounts would then read the school's cases). A school keeps at least one administrator.
"""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from ..cases.models import Case, CaseEvent, CaseMember
from ..db import utcnow
from ..errors import OperationError
from ..extensions import db
from ..schools.models import School
from . import access, sessions
from .models import Membership, Role, User


def _is_org_admin(user: User, organisation_id: int) -> bool:
    return any(m.role == Role.ORG_ADMIN and m.organisation_id == organisation_id for m in user.memberships)


def _is_school_admin(user: User, school: School) -> bool:
    return any(m.role == Role.SCHOOL_ADMIN and m.school_id == school.id for m in user.memberships)


def check_grant(school: School, role: Role, *, actor: User, subject: User | None) -> None:
    """Refuse a grant that would give the actor (or the municipality's own accounts) access they grant themselves."""
    if subject is not None and subject.id == actor.id:
        raise OperationError(_("You cannot give yourself access. Ask another administrator."), field="email")
    acting_for_municipality = not _is_school_admin(actor, school)
    if (
        role == Role.SCHOOL_ADMIN
        and acting_for_municipality
        and subject is not None
        and _is_org_admin(subject, school.organisation_id)
    ):
        raise OperationError(
            _(
                "%(name)s administers the municipality. Only the school's own administrators can make "
                "a municipality account an administrator of the school.",
                name=subject.name,
            ),
            field="email",
        )


def grant(user: User, school: School, role: Role, *, actor: User | None) -> Membership:
    """Give `user` `role` at `school` (an invitation can promote, never demote); recorded and announced."""
    membership = next((m for m in user.memberships if m.school_id == school.id), None)
    if membership is not None and (membership.role == role or role != Role.SCHOOL_ADMIN):
        return membership
    if membership is None:
        membership = Membership(user=user, school=school, role=role, granted_by=actor, granted_at=utcnow())
        db.session.add(membership)
        access.record_at(school, "joined", actor=actor, subject=user, role=role.value)
    else:
        _set_role(membership, role, actor)
    db.session.flush()
    if role == Role.SCHOOL_ADMIN:
        access.announce_appointment(school, user, actor)
    return membership


def _set_role(membership: Membership, role: Role, actor: User) -> None:
    access.record_at(
        membership.school,
        "role_changed",
        actor=actor,
        subject=membership.user,
        role=role.value,
        previous=membership.role.value,
    )
    membership.role, membership.granted_by, membership.granted_at = role, actor, utcnow()


def _admin_count(school: School) -> int:
    return db.session.scalar(
        select(func.count()).where(Membership.school_id == school.id, Membership.role == Role.SCHOOL_ADMIN)
    )


def change_role(membership: Membership, role: Role, *, actor: User) -> None:
    """Make a member staff or administrator. Promotion is a grant (checked, announced); the last
    administrator stays one."""
    school = membership.school
    if membership.role == role:
        return
    if role == Role.SCHOOL_ADMIN:
        check_grant(school, role, actor=actor, subject=membership.user)
        grant(membership.user, school, role, actor=actor)
        return
    if membership.role == Role.SCHOOL_ADMIN and _admin_count(school) <= 1:
        raise OperationError(
            _("%(name)s is the school's only administrator. Appoint another one first.", name=membership.user.name)
        )
    _set_role(membership, role, actor)
    db.session.flush()


def remove(membership: Membership, *, actor: User) -> None:
    """Take a person off the school: their membership, their places on its cases, and every session
    they have (on every server at once). The last administrator cannot be removed."""
    school, person = membership.school, membership.user
    if membership.role == Role.SCHOOL_ADMIN and _admin_count(school) <= 1:
        raise OperationError(
            _("%(name)s is the school's only administrator. Appoint another one first.", name=person.name)
        )
    case_ids = db.session.scalars(
        select(CaseMember.case_id).join(Case).where(CaseMember.user_id == person.id, Case.school_id == school.id)
    ).all()
    for case_id in case_ids:
        db.session.add(
            CaseEvent(
                case_id=case_id,
                user_id=actor.id,
                kind="member_removed",
                data={"member": person.name, "reason": "left_school"},
            )
        )
    db.session.execute(delete(CaseMember).where(CaseMember.user_id == person.id, CaseMember.case_id.in_(case_ids)))
    access.record_at(school, "removed", actor=actor, subject=person, role=membership.role.value)
    person.memberships.remove(membership)
    db.session.delete(membership)
    sessions.end_all(person, "removed")
    db.session.flush()


def set_active(person: User, active: bool, *, actor: User, organisation_id: int) -> None:
    """Deactivate an account (it can no longer sign in, and every session of it ends) or activate it again."""
    if person.id == actor.id:
        raise OperationError(_("You cannot deactivate your own account."))
    if person.active == active:
        return
    person.active = active
    access.record(
        "reactivated" if active else "deactivated", actor=actor, organisation_id=organisation_id, subject=person
    )
    if not active:
        sessions.end_all(person, "deactivated")
    db.session.flush()
