"""The words a person reads for the keys of an access-request export (the JSON keeps the keys)."""

from flask_babel import lazy_gettext as _l

LABELS = {
    "name": _l("Name"),
    "email": _l("E-mail"),
    "language": _l("Language"),
    "active": _l("Active"),
    "has_password": _l("Has a password"),
    "created": _l("Created"),
    "last_sign_in": _l("Last sign-in"),
    "reminder_setting": _l("Reminders"),
    "role": _l("Role"),
    "school": _l("School"),
    "organisation": _l("Municipality"),
    "granted": _l("Given"),
    "case": _l("Case"),
    "at": _l("When"),
    "kind": _l("What"),
    "data": _l("Details"),
    "field": _l("Step"),
    "value": _l("Answer"),
    "note": _l("Note"),
    "due": _l("Due"),
    "state": _l("State"),
    "sent": _l("Sent"),
    "started": _l("Started"),
    "ended": _l("Ended"),
    "reason": _l("Reason"),
}


def label(key: str) -> str:
    return str(LABELS.get(key, key))
