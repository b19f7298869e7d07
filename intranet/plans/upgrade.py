"""Bringing a school's plan up to a newer template version without losing what the school wrote.

Sections the school never edited follow the template when the school applies the update (on the
plan page, "The template has changed"). Where the school edited a section the template also
changed, the school sees the template's old text, its new text and its own, and chooses.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from ..errors import OperationError
from ..extensions import db
from .models import Plan, PlanSection, TemplateVersion
from .operations import section_from_template
from .translations import without_records

CONTENT = ("kind", "title", "body", "data")

FOLLOW, CONFLICT, ADDED, REMOVED, REMOVED_EDITED = "follow", "conflict", "added", "removed", "removed_edited"
NEEDS_CHOICE = {CONFLICT, REMOVED_EDITED}


@dataclass
class Change:
    key: str
    status: str
    old: dict | None  # the template section the school's plan is based on
    new: dict | None  # the template section in the latest version
    mine: PlanSection | None

    @property
    def needs_choice(self) -> bool:
        return self.status in NEEDS_CHOICE


def _same(section: PlanSection | dict, template_section: dict, *, records: bool = False) -> bool:
    """Whether the section says what the template section says; what is recorded about its translations
    counts only with `records` (between two template versions: a translation confirmed is a change)."""
    get = section.get if isinstance(section, dict) else lambda name: getattr(section, name)
    data, other = get("data"), template_section.get("data")
    if (data != other) if records else (without_records(data) != without_records(other)):
        return False
    return all(get(name) == template_section.get(name) for name in CONTENT if name != "data")


def edited_by_school(section: PlanSection, base: TemplateVersion | None) -> bool:
    """Whether the school changed the section's text since it came from the template."""
    if section.source_key is None:
        return True
    original = base.section(section.source_key) if base else None
    return original is None or not _same(section, original)


def pending_changes(plan: Plan, latest: TemplateVersion | None) -> list[Change]:
    base = plan.template_version
    if latest is None or (base is not None and base.id == latest.id):
        return []
    old_sections = {s["key"]: s for s in base.sections} if base else {}
    mine = {s.source_key: s for s in plan.sections if s.source_key}
    changes = []
    for new in latest.sections:
        old, section = old_sections.get(new["key"]), mine.get(new["key"])
        if old is not None and _same(new, old, records=True):
            continue
        if section is None:
            if old is None:
                changes.append(Change(new["key"], ADDED, None, new, None))
            continue  # the school removed its copy on purpose
        status = CONFLICT if old is None or not _same(section, old) else FOLLOW
        changes.append(Change(new["key"], status, old, new, section))
    latest_keys = {s["key"] for s in latest.sections}
    for key, old in old_sections.items():
        if key not in latest_keys and key in mine:
            status = REMOVED if _same(mine[key], old) else REMOVED_EDITED
            changes.append(Change(key, status, old, None, mine[key]))
    return changes


def apply_changes(plan: Plan, latest: TemplateVersion, choices: dict[str, str]) -> list[Change]:
    """Apply the template update. `choices` maps a section key to "template" or "mine" where needed."""
    changes = pending_changes(plan, latest)
    undecided = [c.key for c in changes if c.needs_choice and choices.get(c.key) not in ("template", "mine")]
    if undecided:
        raise OperationError(
            _("Choose, for every section you changed, whether to take the template's new text or keep your own."),
            field="choices",
        )
    position = max((s.position for s in plan.sections), default=-1)
    for change in changes:
        take_template = change.status in (FOLLOW, REMOVED) or choices.get(change.key) == "template"
        if change.status == ADDED:
            position += 1
            plan.sections.append(section_from_template(change.new, position))
        elif change.new is None and take_template:
            plan.sections.remove(change.mine)
            db.session.delete(change.mine)
        elif change.new is None:
            change.mine.source_key = None  # kept: now the school's own section
        elif take_template:
            for name in CONTENT:
                setattr(change.mine, name, change.new[name])
            change.mine.version += 1
    plan.template_version_id = latest.id
    plan.template_version = latest
    db.session.flush()
    return changes
