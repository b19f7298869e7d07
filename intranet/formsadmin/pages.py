"""Finding the owner and the form a builder URL names, and the context every builder page shares."""

from flask import current_app
from flask_babel import get_locale, ngettext

from forms.text import localized

from ..contacts.roles import catalogue_for
from ..schools.models import School
from . import drafts
from .fieldforms import UNIT_LABELS, type_label
from .models import FormDocument
from .operations import forms_of


def languages(owner, draft: dict | None = None) -> list[str]:
    """The languages the builder asks for: the owner's staff languages (checklists are read by staff, in
    nb, nn or en; a school's public languages beyond them are for parents), plus the form's main language."""
    staff = list(current_app.config["LANGUAGES"])
    found = [code for code in owner.language_list if code in staff] if isinstance(owner, School) else staff
    main = (draft or {}).get("default_language")
    if isinstance(main, str) and main not in found:
        found.insert(0, main)
    return found


def default_language(owner) -> str:
    return owner.default_language if isinstance(owner, School) else current_app.config["LANGUAGES"][0]


def role_options(owner, language: str) -> list[tuple[str, str]]:
    """(key, name) of the function roles a step can name: the school's catalogue, or the shipped one."""
    roles = catalogue_for(owner)
    return [(role.key, roles.name(role.key, language)) for role in roles]


def due_label(due: dict) -> str:
    """A step's due offset as the builder's list shows it, in correct plural: "due after 1 school day"."""
    amount, unit = due.get("amount", 0), due.get("unit")
    if unit == "hours":
        return ngettext("due after %(num)d hour", "due after %(num)d hours", amount)
    if unit == "school_days":
        return ngettext("due after %(num)d school day", "due after %(num)d school days", amount)
    return ngettext("due after %(num)d day", "due after %(num)d days", amount)


def checklist_options(owner, document: FormDocument) -> list[tuple[str, str]]:
    """(key, title) of the owner's other checklists: what a step may start."""
    found = [f for f in forms_of(owner) if f.draft.get("kind") == "checklist" and f.id != document.id]
    language = str(get_locale())
    return [
        (form.key, localized(form.draft.get("title"), language, form.draft.get("default_language", "nb")))
        for form in found
    ]


def scope_of(owner) -> str:
    return "schools" if isinstance(owner, School) else "organisations"


def builder_context(owner, form: FormDocument) -> dict:
    """What the builder page shows around the editors: fields with their problems, versions, status."""
    errors = drafts.problems(form.draft)
    general, per_field = drafts.problems_by_field(errors)
    return {
        "owner": owner,
        "scope": scope_of(owner),
        "form": form,
        "draft": form.draft,
        "problems": errors,
        "general_problems": general,
        "field_problems": per_field,
        "type_label": type_label,
        "unit_label": lambda unit: str(UNIT_LABELS.get(unit, unit)),
        "due_label": due_label,
        "languages": languages(owner, form.draft),
        "role_labels": dict(role_options(owner, str(get_locale()))),  # named in the reader's language
    }
