"""Importing a plan document: read it, check its language, propose, keep the proposal for review;
then, once reviewed and confirmed, write the draft (applying.py)."""

from flask import current_app

from ..contacts.roles import school_catalogue
from ..plans import operations as plan_ops
from ..plans import template_operations as template_ops
from . import store
from .applying import reviewed, write_draft
from .document import Document
from .language import detect_language
from .proposal import build_proposal
from .readers import ImportRefused, read_document
from .recognisers.roles import RoleFinder

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_bytes() -> int:
    return current_app.config.get("PLAN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def targets_for(school) -> list[dict]:
    """The sections a part of the document can go to: the plan's, or the template's it will be made from."""
    plan = plan_ops.school_plan(school)
    if plan is not None:
        sections = [(s.key, s.kind, s.title) for s in sorted(plan.sections, key=lambda s: s.position)]
    else:
        template = template_ops.organisation_template(school.organisation)
        version = template_ops.latest_version(template.id if template else None)
        sections = [(s["key"], s["kind"], s["title"]) for s in (version.sections if version else [])]
    return [{"key": key, "kind": kind, "titles": [t for t in titles.values() if t]} for key, kind, titles in sections]


def read_checked(filename: str, data: bytes, language: str) -> Document:
    """The document's blocks; ImportRefused when the file cannot be read or is in another language."""
    document = read_document(filename, data, max_bytes())
    found = detect_language(document.text)
    if found is not None and found != language:
        raise ImportRefused("language", found=found, chosen=language)
    return document


def propose(school, user, filename: str, data: bytes, language: str):
    """Read an uploaded plan and keep a proposal for the user to review (nothing is written to the plan)."""
    document = read_checked(filename, data, language)
    proposal = build_proposal(document, targets_for(school), RoleFinder(school_catalogue(school)), language)
    return store.keep(school, user, filename, document, proposal)


def confirm(school, user, row, form: dict):
    """Write the reviewed proposal into the school's draft plan and forget the proposal."""
    role_keys = {role.key for role in school_catalogue(school)}
    plan = write_draft(school, user, reviewed(row.proposal, form, role_keys))
    store.forget(row)
    return plan
