"""What the product holds about one staff member at a school, and one pupil's (pseudonymous) case, as
plain data for JSON and the readable PDF. Each export reads a fixed number of queries."""

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..auth.access import AccessEvent
from ..auth.models import Membership, User
from ..auth.sessions import LoginSession
from ..cases.models import Answer, Case, CaseEvent, ChecklistRun
from ..cases.operations import definition_of
from ..extensions import db
from ..reminders.models import Reminder, ReminderSetting
from ..schools.models import School


def _when(moment) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def staff_member(school: School, user_id: int) -> User | None:
    """The person `user_id` names if they belong (or belonged: the access log names them) to the school."""
    member = select(Membership.user_id).where(Membership.school_id == school.id)
    logged = select(AccessEvent.subject_id).where(AccessEvent.school_id == school.id)
    return db.session.scalar(select(User).where(User.id == user_id, or_(User.id.in_(member), User.id.in_(logged))))


def people(school: School) -> list[User]:
    member = select(Membership.user_id).where(Membership.school_id == school.id)
    return db.session.scalars(select(User).where(User.id.in_(member)).order_by(User.name)).all()


def about_person(school: School, user: User, language: str) -> dict:
    """Everything held about `user` in the school's part of the product, and their account."""
    return {
        "school": school.name,
        "account": _account(user),
        "memberships": _memberships(user),
        "case_events": _case_events(school, user),
        "answers": _answers(school, user, language),
        "reminders": _reminders(school, user),
        "access_log": _access_log(school, user),
        "sign_ins": [
            {"started": _when(s.created_at), "ended": _when(s.ended_at), "reason": s.ended_reason}
            for s in db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id))
        ],
    }


def _account(user: User) -> dict:
    setting = db.session.get(ReminderSetting, user.id)
    return {
        "name": user.name,
        "email": user.email,
        "language": user.language,
        "active": user.active,
        "has_password": user.password_hash is not None,
        "created": _when(user.created_at),
        "last_sign_in": _when(user.last_login_at),
        "reminder_setting": setting.mode if setting else None,
    }


def _memberships(user: User) -> list[dict]:
    rows = db.session.scalars(
        select(Membership)
        .where(Membership.user_id == user.id)
        .options(selectinload(Membership.school), selectinload(Membership.organisation))
    )
    return [
        {
            "role": m.role.value,
            "school": m.school.name if m.school else None,
            "organisation": m.organisation.name if m.organisation else None,
            "granted": _when(m.granted_at),
        }
        for m in rows
    ]


def _case_events(school: School, user: User) -> list[dict]:
    rows = db.session.execute(
        select(CaseEvent, Case)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.user_id == user.id, Case.school_id == school.id)
        .order_by(CaseEvent.id)
    )
    return [{"case": case.reference, "at": _when(e.at), "kind": e.kind, "data": _own(e.data)} for e, case in rows]


#: What an event or answer says about the pupil. A staff member's export leaves it out: it is the
#: pupil's data, not theirs (GDPR art. 15(4)); the pupil's case export holds it.
ABOUT_THE_PUPIL = ("value", "note")


def _own(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in ABOUT_THE_PUPIL}


def _answers(school: School, user: User, language: str) -> list[dict]:
    """The answers they gave, each with its question in `language` (the runs' definitions are read once
    per version and process: `definition_of`)."""
    rows = db.session.execute(
        select(Answer, Case, ChecklistRun)
        .join(ChecklistRun, ChecklistRun.id == Answer.run_id)
        .join(Case, Case.id == ChecklistRun.case_id)
        .where(Answer.answered_by_id == user.id, Case.school_id == school.id)
        .order_by(Answer.id)
        .options(selectinload(ChecklistRun.form_version))
    )
    return [
        {
            "case": case.reference,
            "field": a.field_key,
            "question": _question(run, a.field_key, language),
            "at": _when(a.answered_at),
        }
        for a, case, run in rows
    ]


def _question(run: ChecklistRun, key: str, language: str) -> str:
    definition = definition_of(run)
    field = next((f for f in definition.fields if f.key == key), None)
    return definition.text(field.label, language) if field is not None else key


def _reminders(school: School, user: User) -> list[dict]:
    rows = db.session.scalars(
        select(Reminder).where(Reminder.user_id == user.id, Reminder.school_id == school.id).order_by(Reminder.id)
    )
    return [
        {"kind": r.kind, "due": _when(r.due_at), "state": r.state, "sent": _when(r.sent_at), "field": r.field_key}
        for r in rows
    ]


def _access_log(school: School, user: User) -> list[dict]:
    rows = db.session.scalars(
        select(AccessEvent)
        .where(AccessEvent.school_id == school.id)
        .where(or_(AccessEvent.actor_id == user.id, AccessEvent.subject_id == user.id))
        .order_by(AccessEvent.id)
    )
    return [{"at": _when(e.at), "kind": e.kind, "data": e.data} for e in rows]


def find_case(school: School, reference: str) -> Case | None:
    """The school's case whose archive reference or case reference (2026-014) is `reference`."""
    reference = reference.strip()
    if not reference:
        return None
    found = db.session.scalar(select(Case).where(Case.school_id == school.id, Case.archive_reference == reference))
    if found is not None:
        return found
    year, _, number = reference.partition("-")
    if not (year.isdigit() and number.isdigit()):
        return None
    return db.session.scalar(
        select(Case).where(Case.school_id == school.id, Case.year == int(year), Case.number == int(number))
    )


def about_case(case: Case, language: str) -> dict:
    """A pupil's case: what the school recorded, who worked on it and when (names of staff included)."""
    events = db.session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.id)
        .options(selectinload(CaseEvent.user))
    )
    return {
        "school": case.school.name,
        "reference": case.reference,
        "archive_reference": case.archive_reference,
        "label": case.label,
        "status": case.status,
        "opened": _when(case.opened_at),
        "closed": _when(case.closed_at),
        "closing_note": case.closing_note,
        "filed": _when(case.filed_at),
        "members": [m.user.name for m in case.members],
        "checklists": [_run(run, language) for run in case.runs],
        "events": [
            {"at": _when(e.at), "by": e.user.name if e.user else None, "kind": e.kind, "data": e.data} for e in events
        ],
    }


def _run(run: ChecklistRun, language: str) -> dict:
    definition = definition_of(run)
    labels = {f.key: definition.text(f.label, language) for f in definition.fields}
    return {
        "title": definition.text(definition.title, language),
        "version": run.form_version.number,
        "started": _when(run.started_at),
        "answers": [
            {
                "question": labels.get(a.field_key, a.field_key),
                "value": a.value,
                "note": a.note,
                "by": a.answered_by.name if a.answered_by else None,
                "at": _when(a.answered_at),
            }
            for a in sorted(run.answers, key=lambda a: a.id)
        ],
    }
