"""The municipality's school years (first and last day, breaks, planning days), import and export."""

from flask import Blueprint, flash, g, make_response, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..db import utcnow
from ..errors import OperationError
from ..forms_support import add_error
from ..loading import requires
from ..rendering import render
from . import operations as ops
from .forms import PeriodForm, YearForm, period_name
from .models import ClosedKind
from .transfer import ImportProblem, read_file, to_csv, to_ics

bp = Blueprint(
    "schoolyear", __name__, template_folder="templates", url_prefix="/app/organisations/<org_slug>/school-years"
)


def _language() -> str:
    return str(get_locale())


def _index(organisation, form=None, status=200):
    years = ops.years_of(organisation)
    return render(
        "schoolyear/index.html", organisation=organisation, years=years, form=form or YearForm(), status=status
    )


@bp.route("/", methods=["GET", "POST"])
@requires("schoolyear.manage", on="organisation")
def index(org_slug):
    organisation = g.organisation
    if request.method == "GET":
        return _index(organisation)
    form = YearForm()
    if not form.validate():
        return _index(organisation, form, 422)
    try:
        year = ops.create_year(organisation, form.first_day.data, form.last_day.data)
    except OperationError as error:
        add_error(form, error.field, error.message)
        return _index(organisation, form, 422)
    flash(_("The school year %(name)s is added. Now add its breaks and planning days.", name=year.name), "success")
    return redirect(url_for("schoolyear.year", org_slug=org_slug, year_id=year.id), code=303)


def year_page(year_form=None, period_form=None, import_problems=(), status=200):
    organisation, year = g.organisation, g.school_year
    periods = [p for p in year.periods if p.school_id is None]
    return render(
        "schoolyear/year.html",
        organisation=organisation,
        year=year,
        periods=periods,
        own_days=[p for p in year.periods if p.school_id is not None],
        year_form=year_form or YearForm(data={"first_day": year.first_day, "last_day": year.last_day}),
        period_form=period_form or PeriodForm(),
        import_problems=import_problems,
        period_name=period_name,
        status=status,
    )


@bp.route("/<int:year_id>", methods=["GET", "POST"])
@requires("schoolyear.manage", on="organisation", then="school_year")
def year(org_slug, year_id):
    if request.method == "GET":
        return year_page()
    form = YearForm()
    if not form.validate():
        return year_page(year_form=form, status=422)
    try:
        ops.change_year(g.school_year, form.first_day.data, form.last_day.data)
    except OperationError as error:
        add_error(form, error.field, error.message)
        return year_page(year_form=form, status=422)
    flash(_("The first and last school day are saved."), "success")
    return redirect(url_for("schoolyear.year", org_slug=org_slug, year_id=year_id), code=303)


def read_period(form: PeriodForm, language: str) -> ops.PeriodData:
    name = {language: form.name.data} if form.name.data else {}
    return ops.PeriodData(ClosedKind(form.kind.data), form.first_day.data, form.last(), name)


@bp.post("/<int:year_id>/periods")
@requires("schoolyear.manage", on="organisation", then="school_year")
def add_period(org_slug, year_id):
    form = PeriodForm()
    if not form.validate():
        return year_page(period_form=form, status=422)
    try:
        ops.add_period(g.school_year, read_period(form, _language()))
    except OperationError as error:
        add_error(form, error.field, error.message)
        return year_page(period_form=form, status=422)
    flash(_("The days are added to the calendar of every school."), "success")
    return redirect(url_for("schoolyear.year", org_slug=org_slug, year_id=year_id) + "#periods", code=303)


@bp.post("/<int:year_id>/periods/<int:period_id>/delete")
@requires("schoolyear.manage", on="organisation", then="school_year")
def delete_period(org_slug, year_id, period_id):
    period = ops.period_of(g.school_year, period_id)
    if period is None:
        return year_page(status=404)
    ops.remove_period(period)
    flash(_("The days are removed from the calendar."), "success")
    return redirect(url_for("schoolyear.year", org_slug=org_slug, year_id=year_id) + "#periods", code=303)


@bp.post("/<int:year_id>/import")
@requires("schoolyear.manage", on="organisation", then="school_year")
def import_calendar(org_slug, year_id):
    year = g.school_year
    upload = request.files.get("file")
    raw = upload.read(300 * 1024) if upload and upload.filename else b""
    try:
        found = read_file(upload.filename if upload else "", raw, year, _language())
        if found.first_day or found.last_day:
            ops.change_year(year, found.first_day or year.first_day, found.last_day or year.last_day)
        count = ops.replace_periods(year, found.periods)
    except ImportProblem as problem:
        return year_page(import_problems=problem.problems, status=422)
    except OperationError as error:
        return year_page(import_problems=[str(error.message)], status=422)
    message = _("%(count)d breaks and planning days are imported.", count=count)
    if found.outside:
        message += " " + _("%(count)d events outside the school year are left out.", count=found.outside)
    flash(message, "success")
    return redirect(url_for("schoolyear.year", org_slug=org_slug, year_id=year_id) + "#periods", code=303)


def _download(body, mimetype: str, filename: str):
    response = make_response(body)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export_name(year) -> str:
    return f"{g.organisation.slug}-school-year-{year.first_day.year}-{year.last_day.year}"


@bp.get("/<int:year_id>/calendar.ics")
@requires("schoolyear.manage", on="organisation", then="school_year")
def export_ics(org_slug, year_id):
    year, language = g.school_year, _language()
    periods = [p for p in year.periods if p.school_id is None]
    body = to_ics(
        year,
        periods,
        lambda p: period_name(p, language),
        (_("First school day"), _("Last school day")),
        _("School year %(name)s, %(organisation)s", name=year.name, organisation=g.organisation.name),
        year.updated_at or utcnow(),
    )
    return _download(body, "text/calendar; charset=utf-8", _export_name(year) + ".ics")


@bp.get("/<int:year_id>/calendar.csv")
@requires("schoolyear.manage", on="organisation", then="school_year")
def export_csv(org_slug, year_id):
    year, language = g.school_year, _language()
    periods = [p for p in year.periods if p.school_id is None]
    body = to_csv(year, periods, lambda p: period_name(p, language) if p.name else "")
    return _download(body, "text/csv; charset=utf-8", _export_name(year) + ".csv")
