"""Per municipality: passwords, Feide, or both. An account may use a way in when one of its
municipalities allows it (an account in no municipality keeps its password)."""

from ..auth.models import User
from ..extensions import db
from .models import SignInMode, SignInSetting

PASSWORD_MODES = (SignInMode.PASSWORD, SignInMode.BOTH)
FEIDE_MODES = (SignInMode.FEIDE, SignInMode.BOTH)


def organisation_ids(user: User) -> set[int]:
    return {m.organisation_id or m.school.organisation_id for m in user.memberships}


def modes_of(organisation_ids: set[int]) -> list[SignInMode]:
    """Each organisation's mode; one without a setting signs in with passwords."""
    if not organisation_ids:
        return []
    found = dict(
        db.session.execute(
            db.select(SignInSetting.organisation_id, SignInSetting.mode).where(
                SignInSetting.organisation_id.in_(organisation_ids)
            )
        ).all()
    )
    return [found.get(org_id, SignInMode.PASSWORD) for org_id in organisation_ids]


def mode_of(organisation_id: int) -> SignInMode:
    return modes_of({organisation_id})[0]


def password_allowed(user: User) -> bool:
    modes = modes_of(organisation_ids(user))
    return not modes or any(mode in PASSWORD_MODES for mode in modes)


def feide_allowed(organisation_ids: set[int]) -> bool:
    return any(mode in FEIDE_MODES for mode in modes_of(organisation_ids))


def setting_for(organisation_id: int) -> SignInSetting:
    """The organisation's setting, or the default (passwords only) not yet in the session: add it to save it."""
    found = db.session.get(SignInSetting, organisation_id)
    return found or SignInSetting(organisation_id=organisation_id, mode=SignInMode.PASSWORD, auto_staff=False)
