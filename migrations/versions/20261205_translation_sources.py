"""translations know their source: record, for plan texts whose translation is still the template's, that
they translate the template's text (so where the school rewrote the source, they read as outdated)

Texts without a record count as translated (intranet/translation_tracking.py), so nothing is needed for
most data. But a school that rewrote a template text in its own language before tracking existed still has
the template's translations beside it: those are stamped as made from the template's text in the school's
language, in the school's sections and in its published revisions (only the records are added: what a
revision says is unchanged), so readers get the school's current text instead of the template's old one.

Revision ID: a19e00000001
Revises: a18e00000002
Create Date: 2026-12-05 12:45:00

"""

import copy
import json

import sqlalchemy as sa
from alembic import op

from intranet.translation_tracking import fingerprint

# revision identifiers, used by Alembic.
revision = "a19e00000001"
down_revision = "a18e00000002"
branch_labels = None
depends_on = None

# The item fields that hold text per language, per section kind, as they were when this ran.
TEXT_FIELDS = {
    "measures": ("title", "description"),
    "signs": ("text",),
    "routine": ("step", "when"),
    "responsibilities": ("duties",),
    "annual_wheel": ("title", "description"),
    "contacts": ("name", "note"),
    "resources": ("title", "description"),
}


def _stamp(texts, records, template_texts, source):
    """Records for the translations in `texts` that are still the template's."""
    records = dict(records or {})
    origin = f"{source}:{fingerprint((template_texts or {}).get(source))}"
    for lang, text in (texts or {}).items():
        untouched = isinstance(text, str) and text.strip() and (template_texts or {}).get(lang) == text
        if lang != source and untouched and lang not in records:
            records[lang] = origin
    return records


def stamped(section: dict, template_section: dict | None, source: str) -> dict:
    """The section's `data` with the records of its untouched template translations (a copy)."""
    data = copy.deepcopy(section.get("data") or {})
    if template_section is None:
        return data
    own = dict(data.get("sources") or {})
    for name in ("title", "body"):
        own[name] = _stamp(section.get(name), own.get(name), template_section.get(name), source)
    data["sources"] = own
    template_items = {item.get("id"): item for item in (template_section.get("data") or {}).get("items", [])}
    for item in data.get("items", []):
        original = template_items.get(item.get("id"))
        if original is None:
            continue
        records = dict(item.get("sources") or {})
        for name in TEXT_FIELDS.get(section.get("kind"), ()):
            records[name] = _stamp(item.get(name), records.get(name), original.get(name), source)
        item["sources"] = records
    return data


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def stamp_all(bind) -> int:
    """Stamp every plan section and published revision; returns how many rows changed."""
    versions = {
        row.id: {s["key"]: s for s in _json(row.sections)}
        for row in bind.execute(sa.text("SELECT id, sections FROM template_version"))
    }
    changed = 0
    sections = bind.execute(
        sa.text(
            "SELECT plan_section.id, plan_section.key, plan_section.kind, plan_section.title, plan_section.body, "
            "plan_section.data, plan_section.source_key, plan.template_version_id, school.default_language "
            "FROM plan_section JOIN plan ON plan.id = plan_section.plan_id JOIN school ON school.id = plan.school_id"
        )
    ).all()
    for row in sections:
        template = versions.get(row.template_version_id, {}).get(row.source_key) if row.source_key else None
        content = {"kind": row.kind, "title": _json(row.title), "body": _json(row.body), "data": _json(row.data)}
        data = stamped(content, template, row.default_language)
        if data != content["data"]:
            update = sa.text("UPDATE plan_section SET data = :data WHERE id = :id")
            bind.execute(update.bindparams(sa.bindparam("data", type_=sa.JSON)), {"data": data, "id": row.id})
            changed += 1
    revisions = bind.execute(
        sa.text(
            "SELECT plan_revision.id, plan_revision.sections, plan_revision.template_version_id, "
            "school.default_language FROM plan_revision JOIN plan ON plan.id = plan_revision.plan_id "
            "JOIN school ON school.id = plan.school_id"
        )
    ).all()
    for row in revisions:
        template = versions.get(row.template_version_id, {})
        before = _json(row.sections)
        after = [{**s, "data": stamped(s, template.get(s["key"]), row.default_language)} for s in before]
        if after != before:
            update = sa.text("UPDATE plan_revision SET sections = :sections WHERE id = :id")
            bind.execute(update.bindparams(sa.bindparam("sections", type_=sa.JSON)), {"sections": after, "id": row.id})
            changed += 1
    return changed


def upgrade():
    stamp_all(op.get_bind())


def downgrade():
    pass  # the records are read only by the code that wrote them; older code ignores them
