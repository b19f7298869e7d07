"""The list of a school's (or the municipality's) checklists and forms, and each form's builder page.

Every action is a plain form POST that redirects back; on the builder page htmx boosts them and
swaps only the builder, so the page does not reload (see `formsadmin/builder.html`).
"""

import json

from flask import Blueprint, Response, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error
from ..loading import requires
from ..rendering import render
from . import drafts
from . import operations as ops
from .documentforms import AddFieldForm, ImportForm, NewForm, PublishForm, texts_form_class
from .messages import definition_message
from .models import FormDocument, FormVersion
from .pages import builder_context, default_language, languages

bp = Blueprint(
    "formsadmin",
    __name__,
    template_folder="templates",
    url_prefix="/app/<any(schools, organisations):scope>/<slug>/forms",
)
MAX_IMPORT = 512 * 1024


def builder_url(form, **args) -> str:
    owner = form.owner
    scope = "schools" if form.school_id is not None else "organisations"
    return url_for("formsadmin.builder", scope=scope, slug=owner.slug, form_id=form.id, **args)


def _index_page(owner, scope, new_form=None, import_form=None, import_errors=(), status=200):
    forms = ops.forms_of(owner)
    templates = ops.templates_for(owner) if scope == "schools" else []
    copied = {form.key for form in forms}
    return render(
        "formsadmin/index.html",
        owner=owner,
        scope=scope,
        forms=forms,
        templates=[t for t in templates if t.definition["key"] not in copied],
        new_form=new_form or NewForm(formdata=None),
        import_form=import_form or ImportForm(formdata=None),
        import_errors=list(import_errors),  # sentences already (definition_message)
        document_class=FormDocument,
        status=status,
    )


@bp.get("/")
@requires("forms.manage", on="owner")
def index(scope, slug):
    owner = g.owner
    return _index_page(owner, scope)


@bp.post("/new")
@requires("forms.manage", on="owner")
def create(scope, slug):
    owner = g.owner
    form = NewForm()
    if not form.validate():
        return _index_page(owner, scope, new_form=form, status=422)
    document = ops.create_form(
        owner, title=form.title.data, kind=form.kind.data, language=default_language(owner), user=current_user
    )
    flash(_("The form is created. Add its fields below."), "success")
    return redirect(builder_url(document), code=303)


def _uploaded_definition(form: ImportForm):
    """The JSON the user uploaded or pasted, or None with an error on the form."""
    upload = request.files.get("file")
    raw = upload.read(MAX_IMPORT + 1) if upload and upload.filename else (form.text.data or "").encode()
    if not raw.strip():
        add_error(form, "text", _("Choose a file or paste the JSON."))
        return None
    if len(raw) > MAX_IMPORT:
        add_error(form, "text", _("The file is larger than 512 kB; this is not a form definition."))
        return None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        add_error(form, "text", _("This is not valid JSON: %(reason)s", reason=str(error)))
        return None


@bp.post("/import")
@requires("forms.manage", on="owner")
def import_new(scope, slug):
    owner = g.owner
    form = ImportForm()
    data = _uploaded_definition(form) if form.validate() else None
    if data is None:
        return _index_page(owner, scope, import_form=form, status=422)
    try:
        document = ops.import_form(owner, data, user=current_user)
    except ops.InvalidImport as error:
        add_error(form, "text", error.message)
        problems = [definition_message(problem, data) for problem in error.errors]
        return _index_page(owner, scope, import_form=form, import_errors=problems, status=422)
    except OperationError as error:
        add_error(form, "text", error.message)
        return _index_page(owner, scope, import_form=form, status=422)
    flash(_("The form is imported as a draft. Check it, then publish it."), "success")
    return redirect(builder_url(document), code=303)


@bp.post("/copy/<int:version_id>")
@requires("forms.manage", on="owner")
def copy(scope, slug, version_id):
    owner = g.owner
    version = db.session.get(FormVersion, version_id)
    templates = ops.templates_for(owner) if scope == "schools" else []
    if version is None or version not in templates:
        return _index_page(owner, scope, status=404)
    try:
        document = ops.copy_template(owner, version, user=current_user)
    except OperationError as error:
        flash(error.message, "error")
        return redirect(url_for("formsadmin.index", scope=scope, slug=slug), code=303)
    flash(_("The municipality's form is copied. Adapt it to the school, then publish it."), "success")
    return redirect(builder_url(document), code=303)


def builder_page(owner, document, status=200, **forms):
    """The builder; `forms` may carry submitted forms (with errors) to show instead of fresh ones."""
    draft = document.draft
    langs = languages(owner, draft)
    texts_class = texts_form_class(langs, draft.get("default_language"))
    texts_data = {"version": document.draft_version}
    for lang in langs:
        texts_data[f"title_{lang}"] = draft.get("title", {}).get(lang, "")
        texts_data[f"description_{lang}"] = draft.get("description", {}).get(lang, "")
    context = builder_context(owner, document)
    editor = forms.get("editor")
    context.update(
        texts_form=forms.get("texts_form") or texts_class(formdata=None, data=texts_data),
        add_form=forms.get("add_form") or AddFieldForm(formdata=None),
        publish_form=forms.get("publish_form") or PublishForm(formdata=None, data={"version": document.draft_version}),
        import_form=forms.get("import_form") or ImportForm(formdata=None),
        import_errors=list(forms.get("import_errors", ())),  # sentences already (definition_message)
        editor=editor,
        editing=forms.get("editing") or request.args.get("edit"),
        definition_message=lambda error: definition_message(error, draft),
    )
    body, status = render("formsadmin/builder.html", status=status, **context)
    # A page answered to a POST (an editor action, a refusal) must not leave the POST-only URL in the
    # address bar of a boosted page: reloading it would fail. Show the builder's own URL instead.
    if request.method == "POST":
        return body, status, {"HX-Push-Url": builder_url(document, **({"edit": context["editing"]} if editor else {}))}
    return body, status


@bp.get("/<int:form_id>")
@requires("forms.manage", on="owner", then="form")
def builder(scope, slug, form_id):
    owner = g.owner
    document = g.form
    if request.args.get("edit"):
        from .field_views import editor_page  # here: field_views adds its routes to this module's bp

        return editor_page(owner, document, request.args["edit"])
    return builder_page(owner, document)


def _version(form) -> int | None:
    """The draft version the submitted `form` was opened on; None when it is missing or not a number."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return None


@bp.post("/<int:form_id>/texts")
@requires("forms.manage", on="owner", then="form")
def texts(scope, slug, form_id):
    owner = g.owner
    document = g.form
    langs = languages(owner, document.draft)
    form = texts_form_class(langs, document.draft.get("default_language"))()
    if not form.validate():
        return builder_page(owner, document, status=422, texts_form=form)
    title = {lang: form[f"title_{lang}"].data for lang in langs if form[f"title_{lang}"].data}
    described = {lang: (form[f"description_{lang}"].data or "").strip() for lang in langs}
    description = {lang: text for lang, text in described.items() if text}
    try:
        ops.change_draft(
            document, _version(form), drafts.set_texts(document.draft, title, description), user=current_user
        )
    except ops.StaleDraft as error:
        add_error(form, None, error.message)
        return builder_page(owner, document, status=409, texts_form=form)
    flash(_("Title and description saved."), "success")
    return redirect(builder_url(document), code=303)


@bp.post("/<int:form_id>/publish")
@requires("forms.manage", on="owner", then="form")
def publish(scope, slug, form_id):
    owner = g.owner
    document = g.form
    form = PublishForm()
    status = 422
    if form.validate():
        try:
            if _version(form) != document.draft_version:
                status = 409  # publishing what the user has not seen could publish someone else's half-done change
                raise ops.StaleDraft(document)
            version = ops.publish(document, note=form.note.data, user=current_user)
        except OperationError as error:
            add_error(form, "note", error.message)
        else:
            flash(_("Version %(number)d is published.", number=version.number), "success")
            return redirect(builder_url(document), code=303)
    form.version.data = document.draft_version
    return builder_page(owner, document, status=status, publish_form=form)


@bp.post("/<int:form_id>/discard")
@requires("forms.manage", on="owner", then="form")
def discard(scope, slug, form_id):
    document = g.form
    try:
        ops.discard_draft(document, user=current_user)
    except OperationError as error:
        flash(error.message, "error")
    else:
        flash(_("The unpublished changes are thrown away."), "success")
    return redirect(builder_url(document), code=303)


@bp.post("/<int:form_id>/delete")
@requires("forms.manage", on="owner", then="form")
def delete(scope, slug, form_id):
    document = g.form
    try:
        ops.delete_form(document)
    except OperationError as error:
        flash(error.message, "error")
        return redirect(builder_url(document), code=303)
    flash(_("The draft is deleted."), "success")
    return redirect(url_for("formsadmin.index", scope=scope, slug=slug), code=303)


@bp.post("/<int:form_id>/import")
@requires("forms.manage", on="owner", then="form")
def import_into(scope, slug, form_id):
    owner = g.owner
    document = g.form
    form = ImportForm()
    data = _uploaded_definition(form) if form.validate() else None
    if data is not None:
        try:
            ops.import_form(owner, data, user=current_user, into=document)
        except ops.InvalidImport as error:
            add_error(form, "text", error.message)
            problems = [definition_message(problem, data) for problem in error.errors]
            return builder_page(owner, document, status=422, import_form=form, import_errors=problems)
        except OperationError as error:
            add_error(form, "text", error.message)
        else:
            flash(_("The draft is replaced by the imported form. Check it, then publish it."), "success")
            return redirect(builder_url(document), code=303)
    return builder_page(owner, document, status=422, import_form=form)


@bp.get("/<int:form_id>/export.json")
@requires("forms.manage", on="owner", then="form")
def export(scope, slug, form_id):
    """The latest published version (or ?version=n) as a JSON file; ?draft=1: the draft as it is now."""
    document = g.form
    number = request.args.get("version", type=int)
    version = next((v for v in document.versions if v.number == number), None) if number else document.latest
    if number and version is None:
        abort(404)
    use_draft = request.args.get("draft") == "1" or version is None
    data = document.draft if use_draft else version.definition
    suffix = "draft" if use_draft else f"v{version.number}"
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{document.key}-{suffix}.json"'},
    )
