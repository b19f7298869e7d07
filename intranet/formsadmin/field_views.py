"""Adding, editing, moving and removing the fields of a form's draft."""

import secrets

from flask import flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from forms import FIELD_TYPES

from ..forms_support import add_error, apply_row_action, choices
from ..loading import requires
from . import drafts
from . import operations as ops
from .documentforms import AddFieldForm
from .fieldforms import earlier_fields, editor_class, editor_data, prepare
from .fieldreading import field_from_editor
from .pages import checklist_options, default_language, languages, role_options
from .views import bp, builder_page, builder_url

ROW_ACTIONS = {"choice": "choices", "condition": "conditions"}


@bp.post("/<int:form_id>/fields")
@requires("forms.manage", on="owner", then="form")
def add_field(scope, slug, form_id):
    owner = g.owner
    document = g.form
    form = AddFieldForm()
    if not form.validate():
        return builder_page(owner, document, status=422, add_form=form)
    language = document.draft.get("default_language", default_language(owner))
    new_draft, key = drafts.add_field(document.draft, form.type.data, form.label.data, language)
    try:
        ops.change_draft(document, request.form.get("version", type=int), new_draft, user=current_user)
    except ops.StaleDraft as error:
        add_error(form, None, error.message)
        return builder_page(owner, document, status=409, add_form=form)
    return redirect(builder_url(document, edit=key) + f"#field-{key}", code=303)


def _field_or_none(document, key: str):
    index = drafts.field_index(document.draft, key)
    return None if index is None else document.draft["fields"][index]


def _editor(owner, document, field: dict, formdata=None):
    """The editor for `field`, filled from its JSON or from the submitted data."""
    langs = languages(owner, document.draft)
    main = document.draft.get("default_language")
    roles = role_options(owner, str(get_locale()))  # named in the reader's language
    form_class = editor_class(field["type"], langs, main, roles)
    if formdata is None:
        form = form_class(formdata=None, data={**editor_data(field, langs), "version": document.draft_version})
    else:
        form = form_class(formdata=formdata)
    if "setting_starts" in form:
        form.setting_starts.choices = choices([("", _("(no checklist)")), *checklist_options(owner, document)])
    earlier = earlier_fields(document.draft, field["key"])
    prepare(form, earlier, main, main)
    form.earlier = earlier
    form.just_opened = formdata is None  # focus the first label only when the editor opens, not on each action
    refresh = {
        "data-hx-post": _save_url(document, field["key"]),
        "data-hx-vals": '{"action": "refresh"}',
        "data-hx-trigger": "change",
    }
    for row in form.conditions:
        row.form.field.render_kw = refresh
    return form, earlier


def _save_url(document, key: str) -> str:
    scope = "schools" if document.school_id is not None else "organisations"
    return url_for("formsadmin.save_field", scope=scope, slug=document.owner.slug, form_id=document.id, key=key)


def editor_page(owner, document, key: str, form=None, status=200):
    field = _field_or_none(document, key)
    if field is None or field.get("type") not in FIELD_TYPES:
        flash(_("That field is no longer in the form."), "error")
        return builder_page(owner, document, status=404)
    if form is None:
        form, _earlier = _editor(owner, document, field)
    return builder_page(owner, document, status=status, editor=form, editing=key)


@bp.post("/<int:form_id>/fields/<key>")
@requires("forms.manage", on="owner", then="form")
def save_field(scope, slug, form_id, key):
    owner = g.owner
    document = g.form
    field = _field_or_none(document, key)
    if field is None:
        flash(_("Someone removed this field while you were editing it."), "error")
        return builder_page(owner, document, status=409)
    action = request.form.get("action", "save")
    verb, _sep, what = action.partition("-")
    formdata = request.form
    if what.split(":")[0] in ROW_ACTIONS:
        prefix = ROW_ACTIONS[what.split(":")[0]]
        target = what.partition(":")[2]
        new_row = [("id", secrets.token_hex(4))]
        formdata = apply_row_action(request.form, f"{verb}:{target}" if target else verb, prefix, new_row)
    form, earlier = _editor(owner, document, field, formdata=formdata)
    if action != "save":  # a choice or condition row added or removed, or the question changed: not saved yet
        return editor_page(owner, document, key, form=form)
    new_field = field_from_editor(form, field, earlier) if form.validate() else None
    if new_field is None:
        return editor_page(owner, document, key, form=form, status=422)
    try:
        expected_version = form.version.data and int(form.version.data)
    except ValueError:  # not a number: not a version the user saw, so treated as stale
        expected_version = -1
    try:
        ops.change_draft(
            document,
            expected_version,
            drafts.replace_field(document.draft, key, new_field),
            user=current_user,
        )
    except ops.StaleDraft as error:
        add_error(form, None, error.message)
        form.version.data = document.draft_version
        return editor_page(owner, document, key, form=form, status=409)
    flash(_("The field is saved."), "success")
    return redirect(builder_url(document) + f"#field-{key}", code=303)


@bp.post("/<int:form_id>/fields/<key>/move")
@requires("forms.manage", on="owner", then="form")
def move_field(scope, slug, form_id, key):
    document = g.form
    if _field_or_none(document, key) is not None:
        step = -1 if request.form.get("direction") == "up" else 1
        _change_or_flash(document, drafts.move_field(document.draft, key, step))
    return redirect(builder_url(document, moved=key) + f"#field-{key}", code=303)


@bp.post("/<int:form_id>/fields/<key>/remove")
@requires("forms.manage", on="owner", then="form")
def remove_field(scope, slug, form_id, key):
    document = g.form
    if _field_or_none(document, key) is not None:
        depending = drafts.dependants(document.draft, key)
        if depending:
            names = ", ".join(_label(field, document.draft) for field in depending)
            flash(
                _(
                    "Other fields are shown depending on this one (%(fields)s); change their conditions first.",
                    fields=names,
                ),
                "error",
            )
        elif _change_or_flash(document, drafts.remove_field(document.draft, key)):
            flash(_("The field is removed."), "success")
    return redirect(builder_url(document), code=303)


def _label(field: dict, draft: dict) -> str:
    labels = field.get("label") or {}
    return labels.get(draft.get("default_language")) or field.get("key", "?")


def _change_or_flash(document, new_draft) -> bool:
    try:
        ops.change_draft(document, request.form.get("version", type=int), new_draft, user=current_user)
    except ops.StaleDraft as error:
        flash(error.message, "error")
        return False
    return True
