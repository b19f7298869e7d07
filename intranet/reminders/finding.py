"""Which reminders are due now, and for whom: derived from the steps' due times (cases/runs.py, never
counted here), the holders of each step's responsible role, the case's members and the school's
administrators, and the plans' review dates. The sender and the dashboard both ask this module, so
the dashboard shows the same reminders the mails carry."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..auth.models import Membership, Role, User
from ..cases.models import OPEN, Case, CaseMember, ChecklistRun
from ..cases.runs import one_school_day_after, overdue_steps
from ..contacts.models import ContactPerson, ContactRole
from ..db import OSLO
from ..extensions import db
from ..plans.models import Plan
from ..policy import can
from .models import ESCALATED, OVERDUE, REVIEW, SOON


@dataclass(frozen=True)
class Found:
    """One reminder for one person."""

    key: str
    kind: str
    user_id: int
    school_id: int
    due_at: datetime
    urgent: bool = False
    case_id: int | None = None
    run_id: int | None = None
    field_key: str | None = None
    plan_id: int | None = None


class People:
    """The people of some schools, as reminders need them: every active account with a place at the
    schools (with its memberships, for the policy), the holders of each role (a contact person with the
    account's address) and the administrators. Three queries, however many schools."""

    def __init__(self, school_ids):
        school_ids = list(set(school_ids))
        users = db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.school_id.in_(school_ids), User.active.is_(True))
            .options(selectinload(User.memberships))
        ).unique()
        self.users: dict[int, User] = {user.id: user for user in users}
        by_email: dict[tuple[int, str], User] = {}
        self.admins: dict[int, list[User]] = defaultdict(list)
        for user in self.users.values():
            for membership in user.memberships:
                if membership.school_id in school_ids:
                    by_email[(membership.school_id, user.email.lower())] = user
                    if membership.role == Role.SCHOOL_ADMIN:
                        self.admins[membership.school_id].append(user)
        self.holders: dict[tuple[int, str], list[User]] = defaultdict(list)
        for school_id, role_key, email in db.session.execute(
            select(ContactPerson.school_id, ContactRole.role_key, func.lower(ContactPerson.email))
            .join(ContactRole, ContactRole.contact_id == ContactPerson.id)
            .where(ContactPerson.school_id.in_(school_ids), ContactPerson.email.is_not(None))
        ):
            user = by_email.get((school_id, email))
            if user is not None and user not in self.holders[(school_id, role_key)]:
                self.holders[(school_id, role_key)].append(user)

    def for_step(self, case: Case, role: str | None) -> list[User]:
        """The holders of the step's role who may see the case (need to know), else its members."""
        holders = [u for u in self.holders.get((case.school_id, role), []) if can("case.view", case, user=u)]
        if holders:
            return holders
        members = (self.users.get(member.user_id) for member in case.members)
        return [user for user in members if user is not None and can("case.view", case, user=user)]


def open_cases_query():
    """Open cases with what finding their reminders reads: runs, answers, versions, members, school."""
    return (
        select(Case)
        .where(Case.status == OPEN)
        .options(
            selectinload(Case.school),
            selectinload(Case.members),
            selectinload(Case.runs).selectinload(ChecklistRun.answers),
            selectinload(Case.runs).selectinload(ChecklistRun.form_version),
        )
    )


def step_reminders(cases, people: People, now: datetime) -> list[Found]:
    """Every reminder the steps of `cases` call for at `now`: due soon (within REMINDER_SOON_HOURS),
    overdue, and still overdue one school day later (to the school's administrators too). A step whose
    due time is counted in hours is urgent: mailed at once, whatever the person's choice of digest."""
    horizon = now + timedelta(hours=current_app.config["REMINDER_SOON_HOURS"])
    found = []
    for case in cases:
        for run in case.runs:
            for item, due in overdue_steps(run, now=horizon):
                urgent = item.due.unit == "hours"
                kinds = [SOON] if due >= now else [OVERDUE]
                if due < now and one_school_day_after(run, due) <= now:
                    kinds.append(ESCALATED)
                for kind in kinds:
                    users = people.admins.get(case.school_id, []) if kind == ESCALATED else None
                    users = users if users is not None else people.for_step(case, getattr(item, "role", None))
                    key = f"{kind}:{run.id}:{item.key}"
                    found += [
                        Found(key, kind, u.id, case.school_id, due, urgent, case.id, run.id, item.key) for u in users
                    ]
    return found


def review_reminders(today: date, school_ids=None) -> list[Found]:
    """The administrators of each school whose plan is to be reviewed within REMINDER_REVIEW_NOTICE_DAYS
    (or is past its date): two queries. A new review date is a new reminder."""
    notice = timedelta(days=current_app.config["REMINDER_REVIEW_NOTICE_DAYS"])
    query = select(Plan.id, Plan.school_id, Plan.review_by).where(
        Plan.review_by.is_not(None), Plan.review_by <= today + notice
    )
    if school_ids is not None:
        query = query.where(Plan.school_id.in_(school_ids))
    plans = db.session.execute(query).all()
    admins: dict[int, list[int]] = defaultdict(list)
    if plans:
        for user_id, school_id in db.session.execute(
            select(Membership.user_id, Membership.school_id)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.school_id.in_([p.school_id for p in plans]),
                Membership.role == Role.SCHOOL_ADMIN,
                User.active.is_(True),
            )
        ):
            admins[school_id].append(user_id)
    found = []
    for plan_id, school_id, review_by in plans:
        due = datetime.combine(review_by, time(8), OSLO)
        key = f"{REVIEW}:{plan_id}:{review_by.isoformat()}"
        found += [Found(key, REVIEW, user_id, school_id, due, plan_id=plan_id) for user_id in admins[school_id]]
    return found


def reminders_of(user: User, now: datetime) -> tuple[list[Found], dict[int, Case]]:
    """The reminders `user` has now, as the mails carry them, and the cases they are about (by id): for
    the dashboard. A fixed number of queries: the open cases the user may see at their schools (their
    own; every one for administrators), the schools' people, the plans due for review."""
    school_ids = [m.school_id for m in user.memberships if m.school_id]
    if not school_ids:
        return [], {}
    admin_of = [m.school_id for m in user.memberships if m.role == Role.SCHOOL_ADMIN]
    mine = select(CaseMember.case_id).where(CaseMember.user_id == user.id)
    query = open_cases_query().where(Case.school_id.in_(school_ids))
    query = query.where(Case.id.in_(mine) | Case.school_id.in_(admin_of))
    cases = db.session.scalars(query).all()
    people = People(school_ids)
    found = step_reminders(cases, people, now) + review_reminders(now.astimezone(OSLO).date(), admin_of)
    return [reminder for reminder in found if reminder.user_id == user.id], {case.id: case for case in cases}
