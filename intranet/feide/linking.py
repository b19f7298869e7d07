"""Which account a Feide user signs in to: their linked account, the account or invitation with their
e-mail or Feide name, or a new staff account at the schools where they are employees (when the municipality chose that).

Everything is decided before anything is written, so a refusal leaves no trace. Administrator rights
never come from Feide: an invitation gives the role an administrator chose in the app, and automatic
membership is always `staff`.
"""

from ..auth import access
from ..auth.models import Invitation, Membership, Role, User
from ..auth.operations import normalise_email, user_by_email
from ..db import utcnow
from ..extensions import db
from ..schools.models import School
from . import modes
from .failures import FeideRefusal
from .models import FeideLink, SchoolOrgNumber, SignInMode, SignInSetting
from .profile import FeideProfile


def account_for(profile: FeideProfile) -> User:
    """The active account this Feide user signs in to, linked and given what is due; or FeideRefusal."""
    if profile.is_student_only:
        raise FeideRefusal("student")
    link = db.session.scalar(db.select(FeideLink).where(FeideLink.subject == profile.subject))
    user = link.user if link else _account_by_address(profile)
    if user is not None and not user.active:
        raise FeideRefusal("inactive")
    if user is not None and link is None and getattr(user, "feide_link", None) is not None:
        raise FeideRefusal("linked_elsewhere")  # the e-mail's account carries another Feide identity
    invitations = _pending_invitations(profile)
    invited_to = {invitation.school_id for invitation in invitations}  # the role an administrator chose wins
    schools = [s for s in _auto_staff_schools(profile) if s.id not in invited_to] if user is None else []
    if user is None and not invitations and not schools:
        raise FeideRefusal("no_school")
    if user is None and not _addresses(profile):
        raise FeideRefusal("no_email")  # a new account needs an address
    organisations = (modes.organisation_ids(user) if user else set()) | {
        school.organisation_id for school in [*(i.school for i in invitations), *schools]
    }
    if not organisations:
        raise FeideRefusal("no_school")
    if not modes.feide_allowed(organisations):
        raise FeideRefusal("not_feide")
    return _apply(profile, user, link, invitations, schools)


def _apply(profile, user, link, invitations, schools) -> User:
    if user is None:
        email = profile.email or profile.feide_name
        user = User(email=email, name=profile.name or email)
        db.session.add(user)
        db.session.flush()
    if link is None:
        db.session.add(FeideLink(user=user, subject=profile.subject, feide_name=profile.feide_name))
        for organisation_id in modes.organisation_ids(user) | {i.school.organisation_id for i in invitations}:
            access.record("feide_linked", actor=None, organisation_id=organisation_id, subject=user)
    for invitation in invitations:
        _accept(invitation, user)
    for school in schools:
        user.memberships.append(Membership(school=school, role=Role.STAFF, granted_at=utcnow()))
        access.record_at(school, "feide_joined", actor=None, subject=user, role=Role.STAFF.value)
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def _accept(invitation: Invitation, user: User) -> None:
    """The invitation's role, as the administrator chose it in the app (see operations.accept_invitation)."""
    from ..auth import people

    if invitation.invited_by is not None:
        people.check_grant(invitation.school, invitation.role, actor=invitation.invited_by, subject=user)
    people.grant(user, invitation.school, invitation.role, actor=invitation.invited_by)
    invitation.accepted_at = utcnow()


def _addresses(profile: FeideProfile) -> list[str]:
    """The person's e-mail, then their Feide name (user@realm, often the same address)."""
    found = [normalise_email(value) for value in (profile.email, profile.feide_name) if value]
    return list(dict.fromkeys(found))


def _account_by_address(profile: FeideProfile) -> User | None:
    return next(filter(None, (user_by_email(address) for address in _addresses(profile))), None)


def _pending_invitations(profile: FeideProfile) -> list[Invitation]:
    addresses = _addresses(profile)
    if not addresses:
        return []
    found = db.session.scalars(db.select(Invitation).where(Invitation.email.in_(addresses))).all()
    return [invitation for invitation in found if invitation.is_pending]


def _auto_staff_schools(profile: FeideProfile) -> list[School]:
    """Schools linked by organisation number where the person is an employee, whose municipality gives
    Feide employees without an account a staff membership."""
    numbers = profile.employee_at()
    if not numbers:
        return []
    return db.session.scalars(
        db.select(School)
        .join(SchoolOrgNumber, SchoolOrgNumber.school_id == School.id)
        .join(SignInSetting, SignInSetting.organisation_id == School.organisation_id)
        .where(
            SchoolOrgNumber.number.in_(numbers),
            SignInSetting.auto_staff.is_(True),
            SignInSetting.mode != SignInMode.PASSWORD,
        )
        .order_by(School.name)
    ).all()
