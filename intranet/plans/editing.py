"""The section editor shared by templates and plans: one language at a time, items as form rows."""

from flask import request
from werkzeug.datastructures import MultiDict

from ..contacts.roles import RoleCatalogue
from ..errors import OperationError
from ..forms_support import add_error, apply_row_action
from .forms import section_form_class
from .kinds import kind_for
from .operations import StaleEdit, save_section
from .template_operations import new_item_id


def section_form(section, lang: str, default_language: str, roles: RoleCatalogue, formdata=None):
    """The editor form for `section` in `lang`, filled from the section or from the submitted data."""
    kind = kind_for(section.kind)
    form_class = section_form_class(section.kind, lang == default_language)
    if formdata is None:
        data = {
            "title": section.title.get(lang, ""),
            "body": section.body.get(lang, ""),
            "public": section.public,
            "version": section.version,
        }
        if kind.has_items:
            data["items"] = [kind.form_values(item, lang) for item in section.data.get("items", [])]
        form = form_class(formdata=None, data=data)
    else:
        form = form_class(formdata=formdata)
    if kind.has_items:
        for entry in form["items"]:
            kind.bind(entry, lang=lang, default_language=default_language, roles=roles)
    return form


def items_from_form(form, section, lang: str) -> list[dict]:
    """The submitted items merged into the stored ones: other languages' texts are kept."""
    kind = kind_for(section.kind)
    stored = {item.get("id"): item for item in section.data.get("items", [])}
    items = []
    for entry in form["items"]:
        values = entry.data
        before = stored.get(values["id"]) or {"id": values["id"] or new_item_id()}
        items.append(kind.item_from_form(values, before, lang))
    return items


def apply_item_action(formdata: MultiDict, action: str, kind=None) -> MultiDict:
    """Add, remove or move an item row in the submitted data, so the form re-renders with the change.

    An added row starts as its kind says (yes/no fields ticked, like a stored item that lacks them).
    """
    return apply_row_action(formdata, action, "items", [("id", new_item_id()), *(kind.new_row() if kind else ())])


def edit_section(section, *, lang: str, default_language: str, roles: RoleCatalogue, user=None):
    """Handle a GET or POST of the section editor. Returns (form, outcome, stale_section).

    outcome is "saved" (redirect), "rerender" (item added/moved/removed or preview: not saved yet),
    or None (show the form, with errors if any). Nothing is saved unless the whole form is valid.
    """
    if request.method != "POST":
        return section_form(section, lang, default_language, roles), None, None
    action = request.form.get("action", "save")
    formdata = request.form
    if action.split(":")[0] in ("add", "remove", "up", "down"):
        formdata = apply_item_action(request.form, action, kind_for(section.kind))
    form = section_form(section, lang, default_language, roles, formdata=formdata)
    if action != "save":  # preview, or a row added, moved or removed: shown, not saved yet
        return form, "rerender", None
    if not form.validate():
        return form, None, None
    items = items_from_form(form, section, lang) if "items" in form else None
    try:
        expected_version = int(form.version.data or 0)
    except ValueError:  # not a number: treated as stale (versions start at 1), so nothing is overwritten unseen
        expected_version = 0
    try:
        save_section(
            section,
            expected_version=expected_version,
            lang=lang,
            default_language=default_language,
            title=form.title.data or "",
            body=form.body.data or "",
            items=items,
            public=form.public.data,
            user=user,
            confirm_translation=bool("confirm_translation" in form and form.confirm_translation.data),
        )
    except StaleEdit:
        form.version.data = section.version  # the next save is a deliberate overwrite
        add_error(form, None, StaleEdit(section).message)
        return form, None, section
    except OperationError as error:
        add_error(form, error.field, error.message)
        return form, None, None
    return form, "saved", None
