"""The archive page of a school (journal export, purge choice) and filing a closed case."""

from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import OperationError
from ..forms_support import add_error
from ..loading import requires
from ..rendering import render
from . import journal
from . import operations as ops
from .downloads import attachment
from .forms import FileCaseForm, PurgeSettingForm

bp = Blueprint("archive", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/archive")


def _index_page(school, setting_form=None, status=200):
    return render(
        "archive/index.html",
        status=status,
        school=school,
        cases=ops.closed_cases(school),
        setting_form=setting_form or PurgeSettingForm(formdata=None, data={"purge_unfiled": school.purge_unfiled}),
    )


@bp.get("/")
@requires("archive.manage", on="school")
def index(slug):
    return _index_page(g.school)


@bp.get("/journal.csv")
@requires("archive.manage", on="school")
def journal_csv(slug):
    school = g.school
    body = "\ufeff" + journal.as_csv(school, ops.closed_cases(school))  # the BOM: spreadsheets read UTF-8
    return attachment(body, "text/csv; charset=utf-8", f"{school.slug}-journal.csv")


@bp.get("/journal.xml")
@requires("archive.manage", on="school")
def journal_xml(slug):
    school = g.school
    body = journal.as_noark_xml(school, ops.closed_cases(school))
    return attachment(body, "application/xml; charset=utf-8", f"{school.slug}-journal.xml")


@bp.post("/purge-setting")
@requires("archive.manage", on="school")
def purge_setting(slug):
    school = g.school
    form = PurgeSettingForm()
    if not form.validate():
        return _index_page(school, setting_form=form, status=422)
    if ops.set_purge_unfiled(school, form.purge_unfiled.data, user=current_user):
        if form.purge_unfiled.data:
            flash(_("Expired cases are now deleted even when they are not filed in the archive."), "success")
        else:
            flash(_("Expired cases are now kept until they are filed in the archive."), "success")
    return redirect(url_for("archive.index", slug=slug), code=303)


@bp.route("/cases/<int:case_id>/file", methods=["GET", "POST"])
@requires("case.file", on="case")
def file_case(slug, case_id):
    school, case = g.school, g.case
    form = FileCaseForm(data={"archive_reference": case.archive_reference})
    if form.is_submitted():
        if form.validate():
            try:
                ops.file_case(case, archive_reference=form.archive_reference.data, user=current_user)
            except OperationError as error:
                add_error(form, "archive_reference", error.message)
            else:
                flash(_("Case %(reference)s is filed in the archive.", reference=case.reference), "success")
                return redirect(url_for("cases.show", slug=slug, case_id=case.id), code=303)
        return render("archive/file_case.html", status=422, school=school, case=case, form=form)
    return render("archive/file_case.html", school=school, case=case, form=form)
