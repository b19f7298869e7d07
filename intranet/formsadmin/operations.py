"""What the builder does to the database: create, change the draft, publish, copy, import.

Each function changes the session and flushes; the request commits once (see `intranet/db.py`).
Refusals raise `OperationError` with a message for the user; nothing is written before that.
"""

import copy

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db import utcnow
from ..errors import OperationError
from ..extensions import db
from ..schools.models import School
from . import drafts
from .default_forms import load_default_forms
from .models import FormDocument, FormVersion


class StaleDraft(OperationError):
    """The draft changed after this page was opened; the change was not applied."""

    def __init__(self, form: FormDocument):
        who = form.updated_by.name if form.updated_by else _("someone")
        super().__init__(
            _(
                "%(name)s changed this form while you were working on it, so your change was not applied. "
                "The form below is the current one; what you typed is kept in the editor.",
                name=who,
            )
        )
        self.form = form


def owner_filter(owner):
    """Where-clauses selecting the forms of a school, or the organisation's own (template) forms."""
    if isinstance(owner, School):
        return [FormDocument.school_id == owner.id]
    return [FormDocument.organisation_id == owner.id, FormDocument.school_id.is_(None)]


def forms_of(owner) -> list[FormDocument]:
    """The owner's forms with their versions, in a fixed number of queries."""
    query = select(FormDocument).where(*owner_filter(owner)).options(selectinload(FormDocument.versions))
    return sorted(db.session.scalars(query), key=lambda form: form.key)


def _owner_columns(owner) -> dict:
    if isinstance(owner, School):
        return {"organisation_id": owner.organisation_id, "school_id": owner.id}
    return {"organisation_id": owner.id, "school_id": None}


def _key_taken(owner, key: str) -> bool:
    return db.session.scalar(select(FormDocument.id).where(*owner_filter(owner), FormDocument.key == key)) is not None


def create_form(owner, *, title: str, kind: str, language: str, user) -> FormDocument:
    taken = set(db.session.scalars(select(FormDocument.key).where(*owner_filter(owner))))
    key = drafts.slug_key(title, taken, fallback="form")
    form = FormDocument(
        key=key, draft=drafts.new_draft(key, kind, language, title), updated_by=user, **_owner_columns(owner)
    )
    db.session.add(form)
    db.session.flush()
    return form


def import_form(owner, data: dict, *, user, into: FormDocument | None = None) -> FormDocument:
    """A new form from an imported definition, or `into`'s draft replaced by it. Only valid definitions."""
    errors = drafts.problems(data)
    if errors:
        raise InvalidImport(errors)
    if into is None:
        if _key_taken(owner, data["key"]):
            raise OperationError(
                _(
                    'There is already a form with the key "%(key)s". Open it and import the file there to '
                    "replace its draft.",
                    key=data["key"],
                ),
                field="file",
            )
        form = FormDocument(key=data["key"], draft=copy.deepcopy(data), updated_by=user, **_owner_columns(owner))
        db.session.add(form)
    else:
        if data["key"] != into.key:
            raise OperationError(
                _('The file holds the form "%(other)s", not "%(key)s".', other=data["key"], key=into.key), field="file"
            )
        form = into
        form.draft = copy.deepcopy(data)
        form.draft_version += 1
        form.updated_by = user
    db.session.flush()
    return form


class InvalidImport(OperationError):
    """An imported definition has problems; `.errors` lists them (nothing was saved)."""

    def __init__(self, errors: list):
        super().__init__(_("The file was not imported: it has the problems listed below."), field="file")
        self.errors = errors


def copy_template(school: School, version: FormVersion, *, user) -> FormDocument:
    """A school's own form, starting as a draft of the municipality's published version."""
    if _key_taken(school, version.definition["key"]):
        raise OperationError(_("The school already has this form. Open it from the list to adapt it."))
    form = FormDocument(
        key=version.definition["key"],
        draft=copy.deepcopy(version.definition),
        source_form_id=version.form_id,
        source_number=version.number,
        updated_by=user,
        **_owner_columns(school),
    )
    db.session.add(form)
    db.session.flush()
    return form


def change_draft(form: FormDocument, expected_version: int | None, new_draft: dict, *, user) -> None:
    """Store `new_draft` unless the draft changed since `expected_version` was read (then StaleDraft)."""
    if expected_version is not None and expected_version != form.draft_version:
        raise StaleDraft(form)
    form.draft = new_draft
    form.draft_version += 1
    form.updated_by = user
    form.updated_at = utcnow()
    db.session.flush()


def publish(form: FormDocument, *, note: str, user) -> FormVersion:
    """Make the draft the next numbered, immutable version."""
    if drafts.problems(form.draft):
        raise OperationError(_("The form still has problems; fix those listed first."))
    if not form.has_unpublished_changes:
        raise OperationError(_("Nothing has changed since version %(number)d.", number=form.latest.number))
    number = (form.latest.number if form.latest else 0) + 1
    version = FormVersion(form=form, number=number, definition=copy.deepcopy(form.draft), note=note, published_by=user)
    db.session.add(version)
    db.session.flush()
    db.session.refresh(form, ["versions"])
    return version


def discard_draft(form: FormDocument, *, user) -> None:
    """Throw away the unpublished changes: the draft becomes the latest version again."""
    if form.latest is None:
        raise OperationError(_("This form has never been published, so there is nothing to go back to."))
    change_draft(form, None, copy.deepcopy(form.latest.definition), user=user)


def delete_form(form: FormDocument) -> None:
    if form.versions:
        raise OperationError(_("A published form cannot be deleted; it may be in use."))
    db.session.delete(form)
    db.session.flush()


def published_checklists(school: School) -> list[dict]:
    """The latest published definition of each of the school's checklists (not forms)."""
    definitions = [form.latest.definition for form in forms_of(school) if form.latest is not None]
    return [definition for definition in definitions if definition.get("kind") == "checklist"]


def templates_for(school: School) -> list[FormVersion]:
    """The latest published version of each of the municipality's forms."""
    forms = forms_of(school.organisation)
    return [form.latest for form in forms if form.latest is not None]


def install_default_forms(organisation, user=None) -> list[FormVersion]:
    """Publish the shipped checklists and forms as the municipality's templates, or bring them up to date.

    A form the municipality has changed and not yet published is left alone (its draft is its work).
    Returns the versions published.
    """
    existing = {form.key: form for form in forms_of(organisation)}
    published = []
    for definition in load_default_forms():
        form = existing.get(definition["key"])
        if form is None:
            form = FormDocument(key=definition["key"], draft=copy.deepcopy(definition), updated_by=user)
            form.organisation_id, form.school_id = organisation.id, None
            db.session.add(form)
            db.session.flush()
        elif form.has_unpublished_changes or form.draft == definition:
            continue
        else:
            change_draft(form, None, copy.deepcopy(definition), user=user)
        published.append(publish(form, note=_("The checklist as shipped with the product."), user=user))
    return published
