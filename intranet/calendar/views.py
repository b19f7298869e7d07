"""The annual wheel for staff and parents, and its calendar feeds."""

from datetime import date

from flask import Blueprint, abort, flash, g, make_response, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.models import User
from ..contacts.roles import school_catalogue
from ..db import OSLO, utcnow
from ..extensions import db
from ..links import external_url
from ..loading import PUBLIC, requires
from ..plans.operations import latest_revision, school_plan
from ..plans.translations import school_reader_sections
from ..policy import can
from ..public.views import cacheable, keep_for_readers, public_sections, published_revision
from ..rendering import render
from ..schoolyear.forms import period_name
from ..schoolyear.shown import by_month as closed_by_month
from ..schoolyear.shown import closed_periods
from .activities import SCHOOL_YEAR, activities, by_month, school_year_start, wheel_segments
from .feeds import build_calendar, create_feed, feed_for_token, revoke_feeds

bp = Blueprint("calendar", __name__, template_folder="templates", url_prefix="/app/schools/<slug>")
public_bp = Blueprint("public_calendar", __name__, template_folder="templates")


def _wheel_context(school, found):
    """The wheel's months with their activities, and the days without school this school year."""
    months = by_month(found)
    start = school_year_start(utcnow().astimezone(OSLO).date())
    closed = closed_periods([school], date(start, 8, 1), date(start + 1, 7, 31))[school.id]
    return {
        "school": school,
        "months": months,
        "found": found,
        "segments": wheel_segments({month: len(items) for month, items in months.items()}),
        "roles": school_catalogue(school),
        "closed": closed_by_month(closed, SCHOOL_YEAR),
        "period_name": period_name,
    }


@bp.route("/wheel")
@requires("plan.read", on="school")
def wheel(slug):
    school = g.school
    plan = school_plan(school)
    revision = latest_revision(plan) if plan else None
    found = activities(school_reader_sections(revision.sections if revision else [], school), public_only=False)
    return render("calendar/wheel.html", staff=True, revision=revision, **_wheel_context(school, found))


@bp.route("/calendar-feed", methods=["POST"])
@requires("plan.read", on="school")
def new_feed(slug):
    school = g.school
    token = create_feed(current_user, school)
    address = external_url("public_calendar.private_feed", slug=slug, token=token)
    flash(_("Your private calendar address (keep it to yourself): %(address)s", address=address), "success")
    return redirect(url_for("calendar.wheel", slug=slug) + "#feeds")


@bp.route("/calendar-feed/revoke", methods=["POST"])
@requires("plan.read", on="school")
def revoke_feed(slug):
    school = g.school
    revoke_feeds(current_user, school)
    flash(_("Your private calendar address no longer works."), "success")
    return redirect(url_for("calendar.wheel", slug=slug) + "#feeds")


@public_bp.route("/<slug>/wheel")
@requires(PUBLIC, on="school")
def public_wheel(slug):
    school = g.school
    revision = published_revision(school)
    found = activities(school_reader_sections(public_sections(revision), school), public_only=True)
    response = make_response(
        render("calendar/wheel.html", staff=False, revision=revision, **_wheel_context(school, found))[0]
    )
    keep_for_readers(school)
    return cacheable(response)


def _ics(school, found, name, stamp, feed="public"):
    today = utcnow().astimezone(OSLO).date()
    body = build_calendar(school, found, str(get_locale()), today, stamp, name, feed)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{school.slug}.ics"'
    return response


@public_bp.route("/<slug>/calendar.ics")
@requires(PUBLIC, on="school")
def public_feed(slug):
    school = g.school
    revision = published_revision(school)
    found = activities(school_reader_sections(public_sections(revision), school), public_only=True)
    stamp = revision.published_at if revision else school.updated_at
    keep_for_readers(school)
    return cacheable(_ics(school, found, school.name, stamp))


@public_bp.route("/<slug>/calendar/<token>.ics")
@requires(PUBLIC, on="school")
def private_feed(slug, token):
    school = g.school
    feed = feed_for_token(school, token)
    if feed is None or not can("plan.read", school, user=feed_user(feed)):
        abort(404)
    revision = published_revision(school)
    found = activities(school_reader_sections(revision.sections if revision else [], school), public_only=False)
    response = _ics(
        school,
        found,
        _("%(school)s (staff)", school=school.name),
        revision.published_at if revision else school.updated_at,
        "staff",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def feed_user(feed):
    user = db.session.get(User, feed.user_id)
    return user if user is not None and user.active else None
