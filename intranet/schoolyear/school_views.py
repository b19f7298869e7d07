"""A school's calendar for the school year: the municipality's breaks, public holidays, its own days."""

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..db import OSLO, db_int, utcnow
from ..errors import OperationError
from ..extensions import db
from ..forms_support import add_error
from ..loading import requires
from ..rendering import render
from . import operations as ops
from .calendar import public_holidays
from .forms import PeriodForm, period_name
from .models import SchoolYear
from .views import read_period

bp = Blueprint("school_days", __name__, template_folder="templates", url_prefix="/app/schools/<slug>/school-year")


def holidays_in(year: SchoolYear, language: str) -> list[tuple]:
    """(date, name) of the public holidays from the year's first to its last day."""
    found = {}
    for number in range(year.first_day.year, year.last_day.year + 1):
        found.update(public_holidays(number, language))
    return sorted((day, name) for day, name in found.items() if year.first_day <= day <= year.last_day)


def school_page(year: SchoolYear | None, form=None, status=200):
    school = g.school
    language = str(get_locale())
    return render(
        "schoolyear/school.html",
        school=school,
        year=year,
        years=ops.years_of(school.organisation),
        common=[p for p in year.periods if p.school_id is None] if year else [],
        own=[p for p in year.periods if p.school_id == school.id] if year else [],
        holidays=holidays_in(year, language) if year else [],
        form=form or PeriodForm(),
        period_name=period_name,
        status=status,
    )


@bp.get("/")
@requires("schoolyear.school_days", on="school")
def show(slug):
    school = g.school
    wanted = request.args.get("year", type=db_int)
    year = db.session.get(SchoolYear, wanted) if wanted else None
    if year is None or year.organisation_id != school.organisation_id:
        year = ops.year_around(school.organisation_id, utcnow().astimezone(OSLO).date())
    return school_page(year)


@bp.post("/<int:year_id>/days")
@requires("schoolyear.school_days", on="school", then="school_year")
def add_days(slug, year_id):
    form = PeriodForm()
    if not form.validate():
        return school_page(g.school_year, form, 422)
    try:
        ops.add_period(g.school_year, read_period(form, str(get_locale())), school=g.school)
    except OperationError as error:
        add_error(form, error.field, error.message)
        return school_page(g.school_year, form, 422)
    flash(_("The days are added to the school's calendar."), "success")
    return redirect(url_for("school_days.show", slug=slug, year=year_id) + "#own-days", code=303)


@bp.post("/<int:year_id>/days/<int:period_id>/delete")
@requires("schoolyear.school_days", on="school", then="school_year")
def delete_days(slug, year_id, period_id):
    period = ops.period_of(g.school_year, period_id, school=g.school)
    if period is None:
        return school_page(g.school_year, status=404)
    ops.remove_period(period)
    flash(_("The days are removed from the school's calendar."), "success")
    return redirect(url_for("school_days.show", slug=slug, year=year_id) + "#own-days", code=303)
