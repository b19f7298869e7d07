"""An access-request export in words the person reads (the JSON keeps the keys): the readable PDF."""

from datetime import datetime
from types import SimpleNamespace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..auth.access import describe
from ..auth.models import Role
from ..dates import format_datetime
from ..schools.forms import ROLE_LABELS

ACCOUNT = {
    "name": _l("Name"),
    "email": _l("E-mail"),
    "language": _l("Language"),
    "active": _l("Active"),
    "has_password": _l("Has a password"),
    "created": _l("Created"),
    "last_sign_in": _l("Last sign-in"),
    "reminder_setting": _l("Reminders"),
}
REMINDER_MODES = {
    "immediately": _l("By email at once"),
    "daily": _l("By email in a daily digest"),
    "dashboard": _l("Only on the dashboard"),
}
REMINDER_KINDS = {
    "soon": _l("due soon"),
    "overdue": _l("overdue"),
    "escalated": _l("overdue, to the administrators"),
    "review": _l("plan review"),
}
REMINDER_STATES = {
    "pending": _l("not sent yet"),
    "sent": _l("sent"),
    "dashboard": _l("shown on the dashboard"),
    "dropped": _l("not sent"),
}


def when(value: str | None) -> str:
    return format_datetime(datetime.fromisoformat(value), "short") if value else "—"


def _value(key: str, value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in ("created", "last_sign_in"):
        return when(value)
    if key == "reminder_setting":
        return str(REMINDER_MODES.get(value, REMINDER_MODES["daily"]))
    return "—" if value in (None, "") else str(value)


def account(data: dict) -> list[tuple[str, str]]:
    return [(str(label), _value(key, data["account"].get(key))) for key, label in ACCOUNT.items()]


def memberships(data: dict) -> list[str]:
    return [
        _(
            "%(role)s at %(place)s, given %(when)s",
            role=ROLE_LABELS[Role(m["role"])],
            place=m["school"] or m["organisation"] or "—",
            when=when(m["granted"]),
        )
        for m in data["memberships"]
    ]


def answers(data: dict) -> list[str]:
    return [
        _("%(when)s, case %(case)s: “%(question)s”", when=when(a["at"]), case=a["case"], question=a["question"])
        for a in data["answers"]
    ]


def reminders(data: dict) -> list[str]:
    return [
        _(
            "Due %(due)s (%(kind)s): %(state)s",
            due=when(r["due"]),
            kind=REMINDER_KINDS.get(r["kind"], r["kind"]),
            state=REMINDER_STATES.get(r["state"], r["state"]),
        )
        for r in data["reminders"]
    ]


def access_log(data: dict) -> list[str]:
    return [f"{when(e['at'])}: {describe(SimpleNamespace(kind=e['kind'], data=e['data']))}" for e in data["access_log"]]


def sign_ins(data: dict) -> list[str]:
    return [_("From %(start)s to %(end)s", start=when(s["started"]), end=when(s["ended"])) for s in data["sign_ins"]]
