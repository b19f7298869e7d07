"""The plan import's pages: upload the school's plan document, review the proposal beside the
document's text, then confirm (the draft is written) or discard (nothing is)."""

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..contacts.roles import school_catalogue
from ..errors import OperationError
from ..loading import requires
from ..rendering import render
from . import operations as ops
from . import store
from .document import Document
from .forms import UploadForm
from .messages import refusal_message
from .proposal import counts
from .readers import ImportRefused

bp = Blueprint("planimport", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/plan/import")
REQUEST_MARGIN = 256 * 1024  # the rest of the form besides the file


@bp.url_value_preprocessor
def allow_a_document(endpoint, values):
    # Runs before the app's before_request hooks (CSRF reads the form there): a plan document may be
    # larger than other requests, up to the import's own limit.
    request.max_content_length = ops.max_bytes() + REQUEST_MARGIN


@bp.errorhandler(413)
def too_large(error):
    form = UploadForm(formdata=None)
    return _upload_page(
        form, _("The file is too large: at most %(limit)d MB can be imported.", limit=_megabytes()), 413
    )


def _megabytes() -> int:
    return ops.max_bytes() // (1024 * 1024)


def _upload_page(form, problem=None, status=200):
    school = g.school
    form.offer_languages(school.language_list, school.default_language)
    return render(
        "planimport/upload.html", school=school, form=form, problem=problem, limit=_megabytes(), status=status
    )


@bp.route("/", methods=["GET", "POST"])
@requires("plan.import", on="school")
def upload(slug):
    form = UploadForm()
    form.offer_languages(g.school.language_list, g.school.default_language)
    if not form.validate_on_submit():
        return _upload_page(form, status=400 if request.method == "POST" else 200)
    file = form.document.data
    try:
        row = ops.propose(g.school, current_user, file.filename, file.read(), form.language.data)
    except ImportRefused as refused:
        return _upload_page(form, refusal_message(refused), status=400)
    return redirect(url_for("planimport.review", slug=slug, token=row.token))


@bp.route("/<token>", methods=["GET", "POST"])
@requires("plan.import", on="school")
def review(slug, token):
    row = store.find(g.school, current_user, token) or abort(404)
    problem = None
    if request.method == "POST":
        answers = {
            key: request.form.getlist(key) if key.startswith("roles-") else request.form[key] for key in request.form
        }
        try:
            ops.confirm(g.school, current_user, row, answers)
        except OperationError as error:
            problem = error.message
        else:
            flash(_("The plan is imported as a draft. Check each section, then publish when you are ready."), "success")
            return redirect(url_for("plans.overview", slug=slug))
    return render(
        "planimport/review.html",
        school=g.school,
        row=row,
        proposal=row.proposal,
        document=Document.from_list(row.blocks),
        found=counts(row.proposal),
        targets=ops.targets_for(g.school),
        roles=school_catalogue(g.school),
        problem=problem,
        status=400 if problem else 200,
    )


@bp.route("/<token>/discard", methods=["POST"])
@requires("plan.import", on="school")
def discard(slug, token):
    row = store.find(g.school, current_user, token) or abort(404)
    store.forget(row)
    flash(_("The import is discarded; nothing was written."), "success")
    return redirect(url_for("planimport.upload", slug=slug))
