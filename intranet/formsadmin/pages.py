"""Finding the owner and the form a builder URL names, and the context every builder page shares."""

from flask import abort, current_app

from forms.text import localized

from ..extensions import db
from ..plans.defaults import role_names, use_school_roles
from ..policy import authorize
from ..schools.models import Organisation, School
from . import drafts
from .fieldforms import UNIT_LABELS, type_label
from .models import FormDocument

SCOPES = {"schools": School, "organisations": Organisation}


def owner_or_404(scope: str, slug: str):
    """The school or organisation in the URL, once the user may manage its forms."""
    owner = db.session.scalar(db.select(SCOPES[scope]).where(SCOPES[scope].slug == slug))
    if owner is None:
        abort(404)
    authorize("forms.manage", owner)
    return owner


def form_or_404(owner, form_id: int) -> FormDocument:
    form = db.session.get(FormDocument, form_id)
    school_id = owner.id if isinstance(owner, School) else None
    organisation_id = owner.organisation_id if isinstance(owner, School) else owner.id
    if form is None or form.school_id != school_id or form.organisation_id != organisation_id:
        abort(404)
    return form


def languages(owner, draft: dict | None = None) -> list[str]:
    """The languages the builder asks for: the owner's, plus the form's main language if it differs."""
    found = list(owner.language_list) if isinstance(owner, School) else list(current_app.config["LANGUAGES"])
    main = (draft or {}).get("default_language")
    if isinstance(main, str) and main not in found:
        found.insert(0, main)
    return found


def default_language(owner) -> str:
    return owner.default_language if isinstance(owner, School) else current_app.config["LANGUAGES"][0]


def role_options(owner, language: str) -> list[tuple[str, str]]:
    """(key, name) of the function roles a step can name: the school's catalogue, or the shipped one."""
    names = use_school_roles(owner) if isinstance(owner, School) else role_names()
    return [(key, localized(name, language, "nb")) for key, name in names.items()]


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
        "languages": languages(owner, form.draft),
        "role_labels": dict(role_options(owner, default_language(owner))),
    }
