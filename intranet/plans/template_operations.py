"""The organisation's plan template: installing the shipped one, and publishing numbered versions."""

import copy
import secrets

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..auth.models import User
from ..errors import OperationError
from ..extensions import db
from ..schools.models import Organisation
from .defaults import default_template
from .models import PlanTemplate, TemplateSection, TemplateVersion


def new_item_id() -> str:
    return secrets.token_hex(4)


def with_item_ids(data: dict, prefix: str) -> dict:
    """Give every shipped item a stable id (the same on every install), so edits address the right one."""
    data = copy.deepcopy(data or {})
    for number, item in enumerate(data.get("items", []), start=1):
        item.setdefault("id", f"{prefix}-{number}")
    return data


def organisation_template(organisation: Organisation) -> PlanTemplate | None:
    return db.session.scalar(db.select(PlanTemplate).where(PlanTemplate.organisation_id == organisation.id))


def latest_version(template_id: int | None) -> TemplateVersion | None:
    if template_id is None:
        return None
    return db.session.scalar(
        db.select(TemplateVersion)
        .where(TemplateVersion.template_id == template_id)
        .order_by(TemplateVersion.number.desc())
        .limit(1)
    )


def install_default_template(organisation: Organisation, user: User | None = None) -> TemplateVersion | None:
    """Install the shipped template for an organisation, or bring its sections up to the shipped text.

    Sections the organisation added itself are kept. A new version is published when anything changed.
    """
    shipped = default_template()
    template = organisation_template(organisation)
    if template is None:
        template = PlanTemplate(
            organisation_id=organisation.id, title=shipped["title"], default_language=shipped["default_language"]
        )
        db.session.add(template)
    existing = {section.key: section for section in template.sections}
    own = [s for s in template.sections if s.key not in {d["key"] for d in shipped["sections"]}]
    for position, content in enumerate(shipped["sections"]):
        section = existing.get(content["key"]) or TemplateSection(key=content["key"])
        if section not in template.sections:
            template.sections.append(section)
        section.kind, section.public = content["kind"], content["public"]
        section.title, section.body = content["title"], content["body"]
        section.data = with_item_ids(content.get("data", {}), prefix=content["key"])
        section.position = position
    for offset, section in enumerate(own, start=len(shipped["sections"])):
        section.position = offset
    db.session.flush()
    try:
        return publish_template(template, user, note=_("The shipped default template"))
    except OperationError:
        return None  # nothing changed


def template_snapshot(template: PlanTemplate) -> list[dict]:
    return [section.content() for section in sorted(template.sections, key=lambda s: s.position)]


def publish_template(template: PlanTemplate, user: User | None, note: str) -> TemplateVersion:
    """Publish the template's draft as the next version; refuses when nothing changed."""
    latest = latest_version(template.id)
    snapshot = template_snapshot(template)
    if latest is not None and latest.sections == snapshot:
        raise OperationError(_("Nothing has changed since version %(number)d.", number=latest.number))
    version = TemplateVersion(
        template_id=template.id,
        number=(latest.number + 1) if latest else 1,
        note=note.strip(),
        sections=snapshot,
        published_by_id=user.id if user else None,
    )
    add_numbered(version)
    return version


def add_numbered(snapshot) -> None:
    """Add a numbered snapshot (a template version or a plan revision); a number taken by someone
    publishing at the same moment is refused with a clear message."""
    try:
        with db.session.begin_nested():
            db.session.add(snapshot)
    except IntegrityError:
        raise OperationError(_("Someone else published at the same moment. Reload the page and try again.")) from None
