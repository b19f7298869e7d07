"""The preview: a form exactly as staff will fill it in on a phone, with its conditions live."""

from flask import request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm

from forms import Definition, InvalidDefinition, build_wtform

from ..contacts.catalogue import school_contacts
from ..i18n import localized
from ..rendering import render
from ..schools.models import School
from .fieldforms import UNIT_LABELS
from .messages import definition_message
from .pages import form_or_404, owner_or_404, role_options
from .views import bp


def people_by_role(owner) -> dict[str, list]:
    """Role key → the school's contact persons holding it (for call steps); empty for the municipality."""
    if not isinstance(owner, School):
        return {}
    found: dict[str, list] = {}
    for contact in school_contacts(owner):
        for role_key in contact.role_keys:
            found.setdefault(role_key, []).append(contact)
    return found


def run_form(definition: Definition, language: str, owner, formdata=None):
    """The form staff fill in, with its evaluation (which fields show) for the data given."""
    form_class = build_wtform(
        definition,
        language,
        yes_no_labels=(_("Yes"), _("No")),
        contact_options={
            field.key: [("", _("Choose…"))] + role_options(owner, language)
            for field in definition.fields
            if field.type_name == "contact"
        },
        required_message=_("This field is required."),
        base=FlaskForm,
    )
    form = form_class(formdata=formdata, meta={"csrf": False})
    if formdata is not None:
        form.validate()  # works out what is visible; the preview shows the messages staff would see
    else:
        from forms import evaluate

        form.evaluation = evaluate(definition, {})
    return form


@bp.route("/<int:form_id>/preview", methods=["GET", "POST"])
@login_required
def preview(scope, slug, form_id):
    owner = owner_or_404(scope, slug)
    document = form_or_404(owner, form_id)
    number = request.args.get("version", type=int)
    version = next((v for v in document.versions if v.number == number), None) if number else None
    data = version.definition if version else document.draft
    languages = [code for code in ("nb", "nn", "en") if code in (data.get("title") or {})] or ["nb"]
    language = request.args.get("content") if request.args.get("content") in languages else None
    ui_language = str(get_locale())
    language = language or (ui_language if ui_language in languages else data.get("default_language", "nb"))
    context = {"owner": owner, "scope": scope, "document": document, "version": version, "language": language}
    try:
        definition = Definition.from_json(data)
    except InvalidDefinition as error:
        problems = [definition_message(e) for e in error.errors]
        return render("formsadmin/preview.html", definition=None, problems=problems, languages=languages, **context)
    form = run_form(definition, language, owner, request.form if request.method == "POST" else None)
    visible = {field.key for field in form.evaluation.visible}
    return render(
        "formsadmin/preview.html",
        "formsadmin/_run_form.html",
        definition=definition,
        form=form,
        visible=visible,
        people=people_by_role(owner),
        role_labels=dict(role_options(owner, language)),
        unit_label=lambda unit: str(UNIT_LABELS.get(unit, unit)),
        text=lambda texts: localized(texts, language, definition.default_language)[0],
        languages=languages,
        **context,
    )
