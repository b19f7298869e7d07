"""Staff open a case, see it, start checklists on it and close it; the admins reopen it. Ticks (ticks.py),
members (members.py) and the PDF record (record.py) add their routes to the same blueprint."""

import uuid
from functools import cache

from flask import Blueprint, flash, g, jsonify, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, func, select

from ..auth.models import Membership, User
from ..contacts.catalogue import people_by_role
from ..contacts.roles import school_catalogue
from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error, choices
from ..loading import requires
from ..rendering import render
from . import audit
from . import operations as ops
from .checklists import published_checklists, title_choice, title_of, title_shown
from .forms import AddMemberForm, CloseForm, NoteForm, OpenCaseForm, RetentionForm, StartRunForm
from .listing import case_list
from .models import CaseEvent
from .offline_answers import answer_offline
from .opened_once import open_case_once, opening_key
from .runs import answer_text, contact_choices, run_view
from .timeline import EventWords
from .times import short_datetime

bp = Blueprint("cases", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/cases")
bp.add_app_template_global(answer_text, "answer_text")
bp.add_app_template_filter(short_datetime, "short_datetime")
bp.add_app_template_global(lambda runs: EventWords(runs, _language()), "event_words")
bp.record_once(lambda state: audit.configure(state.app))


def _index_page(school, retention_form=None, status=200):
    status_filter = request.args.get("status", "open")
    status_filter = status_filter if status_filter in ("open", "closed") else "open"
    situation = request.args.get("situation", type=int)
    mine, others = case_list(school, current_user, status=status_filter, form_id=situation)
    return render(
        "cases/index.html",
        status=status,
        school=school,
        mine=mine,
        others=others,
        status_filter=status_filter,
        situation=situation,
        checklists=published_checklists(school),
        title_of=title_of,
        retention_form=retention_form or RetentionForm(formdata=None, data={"days": school.case_retention_days}),
    )


@bp.get("/")
@requires("case.list", on="school")
def index(slug):
    school = g.school
    return _index_page(school)


@bp.route("/new", methods=["GET", "POST"])
@requires("case.open", on="school")
def new(slug):
    school = g.school
    versions = {str(version.id): version for version in published_checklists(school)}
    form = OpenCaseForm()
    form.checklist.choices = choices((key, title_shown(version.definition)) for key, version in versions.items())
    key = opening_key(request.form.get("client_key")) if request.method == "POST" else None
    if request.method == "POST" and form.validate():
        case = open_case_once(
            school,
            versions[form.checklist.data],
            user=current_user,
            client_key=key,
            label=form.label.data or "",
            archive_reference=form.archive_reference.data or "",
        )
        answer_offline(case, request.form, user=current_user)
        if request.headers.get("X-Offline") == "opening":  # sent by the phone: where the case is (offline-open.js)
            url = url_for("cases.show", slug=slug, case_id=case.id)
            return jsonify({"reference": case.reference, "url": url}), 201
        return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)
    status = 422 if request.method == "POST" else 200
    opening = key or str(uuid.uuid4())  # a form sent twice (a double tap, a retry) opens one case
    return render(
        "cases/new.html", school=school, form=form, has_checklists=bool(versions), opening=opening, status=status
    )


TIMELINE_SHOWN = 50  # the newest events; a case viewed for years keeps a page that loads fast


def case_page(school, case, status=200, **forms):
    language = _language()
    people = people_by_role(school)
    choices_of_contacts = contact_choices(people)
    runs = [run_view(run, language, people, choices_of_contacts) for run in case.runs]
    whole_timeline = request.args.get("timeline") == "all"
    events, event_count = _timeline(case, None if whole_timeline else TIMELINE_SHOWN)
    users, colleagues = _people_of(school, _user_ids(case) | {event.user_id for event in events} - {None})
    member_ids = {member.user_id for member in case.members}
    add_form = forms.get("add_form") or AddMemberForm(formdata=None)
    add_form.user.choices = choices((user.id, user.name) for user in colleagues if user.id not in member_ids)
    start_form = forms.get("start_form") or StartRunForm(formdata=None)
    start_form.checklist.choices = [title_choice(v.id, v.definition) for v in published_checklists(school)]
    return render(
        "cases/case.html",
        status=status,
        school=school,
        case=case,
        runs=runs,
        roles=school_catalogue(school),
        events=events,
        seen=events[0].id if events else 0,  # the newest event: what the page's poll asks after
        event_count=event_count,
        users=users,
        add_form=add_form,
        start_form=start_form,
        close_form=forms.get("close_form") or CloseForm(formdata=None),
        member_error=forms.get("member_error"),
        note_form=NoteForm(formdata=None),
    )


def _user_ids(case) -> set[int]:
    ids = {member.user_id for member in case.members} | {member.added_by_id for member in case.members}
    ids |= {case.opened_by_id, case.closed_by_id}
    ids |= {answer.answered_by_id for run in case.runs for answer in run.answers}
    return {i for i in ids if i is not None}


def _timeline(case, shown: int | None) -> tuple[list, int]:
    """The case's newest `shown` events (all: None) and how many it has, in one query. Their users come
    with the page's (`_people_of`)."""
    rows = db.session.execute(_timeline_statement(shown), {"case_id": case.id}).all()
    return [row[0] for row in rows], rows[0][1] if rows else 0


@cache
def _timeline_statement(shown: int | None):
    case_is = CaseEvent.case_id == bindparam("case_id")
    total = select(func.count()).select_from(CaseEvent).where(case_is).scalar_subquery()
    return select(CaseEvent, total).where(case_is).order_by(CaseEvent.id.desc()).limit(shown)


def _people_of(school, user_ids: set[int]) -> tuple[dict, list]:
    """The users `user_ids` names (id → user) and the school's staff by name, in one query."""
    rows = db.session.execute(_people_statement(), {"school_id": school.id, "ids": list(user_ids)}).all()
    return {user.id: user for user, _colleague in rows}, [user for user, colleague in rows if colleague]


@cache
def _people_statement():
    staff = select(Membership.user_id).where(Membership.school_id == bindparam("school_id"))
    return (
        select(User, User.id.in_(staff).label("colleague"))
        .where(User.id.in_(bindparam("ids", expanding=True)) | User.id.in_(staff))
        .order_by(User.name)
    )


@bp.get("/<int:case_id>")
@requires("case.view", on="case")
def show(slug, case_id):
    return case_page(g.school, g.case)  # the sight is recorded by audit.py


def _language() -> str:
    return str(get_locale())


@bp.post("/<int:case_id>/runs")
@requires("case.view", on="case")
def start_run(slug, case_id):
    school, case = g.school, g.case
    form = StartRunForm()
    versions = {version.id: version for version in published_checklists(school)}
    form.checklist.choices = [title_choice(v.id, v.definition) for v in versions.values()]
    version = versions.get(request.form.get("checklist", type=int))
    if version is None:
        add_error(form, "checklist", _("Choose a checklist."))
        return case_page(school, case, status=422, start_form=form)
    try:
        ops.start_run(case, version, user=current_user)
    except OperationError as error:
        add_error(form, "checklist", error.message)
        return case_page(school, case, status=409, start_form=form)
    return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)


@bp.post("/<int:case_id>/close")
@requires("case.view", on="case")
def close(slug, case_id):
    school, case = g.school, g.case
    form = CloseForm()
    if not form.validate():
        return case_page(school, case, status=422, close_form=form)
    try:
        ops.close_case(case, note=form.note.data, user=current_user)
    except OperationError as error:
        add_error(form, "note", error.message)
        return case_page(school, case, status=409, close_form=form)
    flash(_("The case is closed."), "success")
    return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)


@bp.post("/<int:case_id>/reopen")
@requires("case.reopen", on="case")
def reopen(slug, case_id):
    case = g.case
    ops.reopen_case(case, user=current_user)
    flash(_("The case is open again."), "success")
    return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)


@bp.post("/retention")
@requires("case.settings", on="school")
def retention(slug):
    school = g.school
    form = RetentionForm()
    if not form.validate():
        return _index_page(school, retention_form=form, status=422)
    school.case_retention_days = form.days.data
    flash(_("Closed cases are now kept for %(days)d days.", days=form.days.data), "success")
    return redirect(url_for("cases.index", slug=slug), code=303)
