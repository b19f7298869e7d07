"""Editing the sections of plan templates and school plans, and publishing a school's plan as numbered
revisions (the template's own operations are in template_operations.py)."""

import copy

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..auth.models import User
from ..errors import OperationError
from ..extensions import db
from ..ordering import move_item
from ..schools.models import School
from .kinds import KINDS, kind_for
from .models import Plan, PlanRevision, PlanSection, PlanTemplate
from .template_operations import add_numbered, latest_version
from .translations import record_edit

MAX_TEXT = 20_000


class StaleEdit(OperationError):
    """Someone else saved the section after this editor was opened."""

    def __init__(self, section):
        super().__init__(
            _(
                "Someone else saved this section while you were editing. Your text is still in the "
                "form below; compare it with the saved version before you save again."
            )
        )
        self.section = section


# ---------------------------------------------------------------- sections (both kinds)


def check_texts(title: str, body: str, *, title_required: bool) -> None:
    if title_required and not title.strip():
        raise OperationError(_("Give the section a title."), field="title")
    if len(title) > 200:
        raise OperationError(_("The title is too long (at most 200 characters)."), field="title")
    if len(body) > MAX_TEXT:
        raise OperationError(
            _(
                "The text is too long: %(length)d characters, at most %(limit)d. Split it into "
                "two sections or shorten it.",
                length=len(body),
                limit=MAX_TEXT,
            ),
            field="body",
        )


def save_section(
    section,
    *,
    expected_version: int,
    lang: str,
    default_language: str,
    title: str,
    body: str,
    items: list[dict] | None,
    public: bool,
    user: User | None = None,
    confirm_translation: bool = False,
) -> None:
    """Save one language's texts (and the language-independent settings) of a section, and record what
    each text now translates (plans/translations.py); `confirm_translation`: the `lang` texts that were
    not changed still fit the source."""
    if section.version != expected_version:
        raise StaleEdit(section)
    check_texts(title, body, title_required=lang == default_language)
    before = copy.deepcopy(section.content())
    section.title = {**section.title, lang: title.strip()}
    section.body = {**section.body, lang: body.strip()}
    if items is not None:
        section.data = {**section.data, "items": items}
    section.public = public
    record_edit(section, before, lang, default_language, confirm=confirm_translation)
    section.version += 1
    if isinstance(section, PlanSection) and user is not None:
        section.updated_by_id = user.id
    db.session.flush()


def new_section_key(existing: set[str], wanted: str) -> str:
    if wanted in existing:
        raise OperationError(_("Another section already uses the key “%(key)s”.", key=wanted), field="key")
    return wanted


def add_section(owner, section_class, *, kind: str, key: str, title: str, lang: str, public: bool):
    """Add an empty section of `kind` at the end of a template or plan."""
    if kind not in KINDS:
        raise OperationError(_("Choose a kind of section."), field="kind")
    check_texts(title, "", title_required=True)
    key = new_section_key({s.key for s in owner.sections}, key)
    position = max((s.position for s in owner.sections), default=-1) + 1
    section = section_class(
        key=key,
        kind=kind,
        title={lang: title.strip()},
        body={},
        public=public,
        data=kind_for(kind).empty_data(),
        position=position,
    )
    owner.sections.append(section)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise OperationError(_("Another section already uses the key “%(key)s”.", key=key), field="key") from None
    return section


def move_section(owner, section, direction: int) -> None:
    """Move a section one place up (-1) or down (+1)."""
    move_item(sorted(owner.sections, key=lambda s: s.position), section, direction)
    db.session.flush()


def remove_section(owner, section) -> None:
    owner.sections.remove(section)
    db.session.delete(section)
    db.session.flush()


# ---------------------------------------------------------------- school plans


def school_plan(school: School) -> Plan | None:
    return db.session.scalar(db.select(Plan).where(Plan.school_id == school.id))


def create_plan(school: School, user: User) -> Plan:
    """Create the school's plan from the organisation's latest published template version."""
    if school_plan(school) is not None:
        raise OperationError(_("The school already has a plan."))
    template = db.session.scalar(db.select(PlanTemplate).where(PlanTemplate.organisation_id == school.organisation_id))
    version = latest_version(template.id if template else None)
    if version is None:
        raise OperationError(_("The municipality has not published a plan template yet."))
    plan = Plan(school_id=school.id, template_version_id=version.id)
    for position, content in enumerate(version.sections):
        plan.sections.append(section_from_template(content, position))
    db.session.add(plan)
    db.session.flush()
    return plan


def section_from_template(content: dict, position: int) -> PlanSection:
    return PlanSection(
        key=content["key"],
        kind=content["kind"],
        public=content["public"],
        title=dict(content["title"]),
        body=dict(content["body"]),
        data=copy.deepcopy(content["data"]),
        source_key=content["key"],
        position=position,
    )


def set_hidden(section: PlanSection, hidden: bool) -> None:
    section.hidden = hidden
    db.session.flush()


def latest_revision(plan: Plan) -> PlanRevision | None:
    return db.session.scalar(
        db.select(PlanRevision).where(PlanRevision.plan_id == plan.id).order_by(PlanRevision.number.desc()).limit(1)
    )


def plan_snapshot(plan: Plan) -> list[dict]:
    """The sections a reader sees: the visible ones, in order."""
    return [s.content() for s in sorted(plan.sections, key=lambda s: s.position) if not s.hidden]


def publish_plan(plan: Plan, user: User, note: str) -> PlanRevision:
    """Publish the plan as the next numbered revision; refuses when nothing changed."""
    latest = latest_revision(plan)
    snapshot = plan_snapshot(plan)
    if latest is not None and latest.sections == snapshot:
        raise OperationError(_("Nothing has changed since revision %(number)d.", number=latest.number))
    if not snapshot:
        raise OperationError(_("The plan has no visible sections to publish."))
    revision = PlanRevision(
        plan_id=plan.id,
        number=(latest.number + 1) if latest else 1,
        note=note.strip(),
        sections=snapshot,
        template_version_id=plan.template_version_id,
        published_by_id=user.id,
    )
    add_numbered(revision)
    return revision


def latest_revisions(school_ids: list[int]) -> dict[int, PlanRevision]:
    """The latest published revision of each school's plan, for many schools in one query."""
    if not school_ids:
        return {}
    newest = (
        db.select(PlanRevision.plan_id, db.func.max(PlanRevision.number).label("number"))
        .group_by(PlanRevision.plan_id)
        .subquery()
    )
    rows = db.session.execute(
        db.select(Plan.school_id, PlanRevision)
        .join(PlanRevision, PlanRevision.plan_id == Plan.id)
        .join(newest, (newest.c.plan_id == PlanRevision.plan_id) & (newest.c.number == PlanRevision.number))
        .where(Plan.school_id.in_(school_ids))
    )
    return {school_id: revision for school_id, revision in rows}


def set_review(plan: Plan, reviewed_on, review_by) -> None:
    """When the school last reviewed its plan and when it reviews it next (either may be None)."""
    plan.reviewed_on = reviewed_on
    plan.review_by = review_by
    db.session.flush()
