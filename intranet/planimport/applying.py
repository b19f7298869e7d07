"""Writing a reviewed proposal into the school's plan, as a draft: the same operations the section
editor uses (add_section, save_section), so an imported section is like one typed in. Nothing is
published; the plan is created from the template first if the school has none."""

import re

from ..plans import operations as ops
from ..plans.kinds import kind_for
from ..plans.models import PlanSection
from .converting import as_body_line, item_for_kind

DROP = "drop"
OWN = "own"


def reviewed(proposal: dict, form: dict, role_keys: set[str]) -> dict:
    """The proposal as the reviewer left it. `form` maps "target-<section>" to a plan section's key,
    "own" or "drop"; "keep-<item>" is present for items kept; "roles-<item>" lists an item's roles;
    "place-<unplaced>" names a section to add an unplaced entry's text to."""
    sections = []
    for section in proposal["sections"]:
        target = form.get(f"target-{section['id']}", section["target"])
        items = [
            {**item, "roles": [key for key in form.get(f"roles-{item['id']}", []) if key in role_keys]}
            for item in section["items"]
            if form.get(f"keep-{item['id']}")
        ]
        sections.append({**section, "target": target, "items": items})
    by_id = {section["id"]: section for section in sections}
    for entry in proposal["unplaced"]:
        chosen = by_id.get(form.get(f"place-{entry['id']}", ""))
        if chosen is not None:
            chosen["body"] = "\n\n".join(part for part in (chosen["body"], entry["text"]) if part)
    return {**proposal, "sections": [section for section in sections if section["target"] != DROP]}


def write_draft(school, user, proposal: dict):
    """Write the reviewed proposal into the school's plan (created from the template if need be).
    A plan section the import fills first has its items and text in the document's language replaced;
    several parts of the document going to one section are put together in their order."""
    plan = ops.school_plan(school) or ops.create_plan(school, user)
    lang, default_language = proposal["language"], school.default_language
    by_key = {section.key: section for section in plan.sections}
    written: dict[int, tuple[list, list]] = {}  # section id → (items, body parts) written so far
    for part in proposal["sections"]:
        section = by_key.get(part["target"]) or _own_section(plan, part, lang)
        items, body = written.setdefault(section.id, ([], []))
        kind = kind_for(section.kind)
        for item in part["items"]:
            converted = item_for_kind(section.kind, item, lang) if kind.has_items else None
            if converted:
                items.append(converted)
            else:
                body.append(as_body_line(item))
        if part["body"]:
            body.append(part["body"])
        ops.save_section(
            section,
            expected_version=section.version,
            lang=lang,
            default_language=default_language,
            title=section.title.get(lang) or part["title"][:200],
            body="\n\n".join(body) or section.body.get(lang, ""),
            items=(items or section.data.get("items", [])) if kind.has_items else None,
            public=section.public,
            user=user,
        )
        if section.hidden:
            ops.set_hidden(section, False)
    return plan


def _own_section(plan, part: dict, lang: str) -> PlanSection:
    """A new section of the school's own for a part of the document no template section means."""
    existing = {section.key for section in plan.sections}
    base = "imported_" + (re.sub(r"[^a-z0-9]+", "_", part["title"].lower()).strip("_")[:40] or "section")
    key, number = base, 1
    while key in existing:
        number += 1
        key = f"{base}_{number}"
    title = part["title"][:200]
    return ops.add_section(plan, PlanSection, kind=part["kind"], key=key, title=title, lang=lang, public=True)
