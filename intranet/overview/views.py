"""The municipality's overview pages and a school's own statistics (thin views: load, decide, render)."""

from flask import Blueprint, Response, g, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from forms.text import localized

from ..db import OSLO, utcnow
from ..links import external_url
from ..loading import requires
from ..rendering import render
from . import exports
from .charts import bar_chart
from .health import checklist_health
from .listing import COLUMNS, FILTERS, apply, listing_from
from .statistics import municipality_statistics, school_statistics
from .status import municipal_checklists, plan_status
from .terms import term_name

bp = Blueprint("overview", __name__, template_folder="templates", url_prefix="/app")


def _language() -> str:
    return str(get_locale())


def _titles(organisation) -> dict[int, str]:
    return {
        form.id: localized(form.draft.get("title"), _language(), form.draft.get("default_language", "nb"))
        for form in municipal_checklists(organisation)
    }


def _public_url(school) -> str:
    return external_url("public.school_page", slug=school.slug)


def _status(organisation):
    listing = listing_from(request.args)
    rows = apply(listing, plan_status(organisation))
    return listing, rows


@bp.get("/organisations/<org_slug>/overview/")
@requires("overview.view", on="organisation")
def status(org_slug):
    organisation = g.organisation
    listing, rows = _status(organisation)
    return render(
        "overview/status.html",
        organisation=organisation,
        listing=listing,
        rows=rows,
        columns=COLUMNS,
        filters=FILTERS,
        titles=_titles(organisation),
        template_state=exports.template_state,
        checklist_text=exports.checklist_text,
        checklist_summary=exports.checklist_summary,
    )


@bp.get("/organisations/<org_slug>/overview/schools.csv")
@requires("overview.view", on="organisation")
def status_csv(org_slug):
    organisation = g.organisation
    _listing, rows = _status(organisation)
    text = exports.csv_text(rows, _titles(organisation), _public_url)
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{organisation.slug}-plan-status.csv"'},
    )


@bp.get("/organisations/<org_slug>/overview/schools.pdf")
@requires("overview.view", on="organisation")
def status_pdf(org_slug):
    organisation = g.organisation
    _listing, rows = _status(organisation)
    today = utcnow().astimezone(OSLO).date()
    return exports.pdf(organisation, rows, _titles(organisation), _public_url, today)


def _charts(stats):
    terms = [term_name(t) for t in stats.situations.terms]
    totals = stats.situations.figures.cols
    hidden = _("hidden")
    trend = bar_chart(
        _("Cases opened per term"),
        _("Bars: the number of cases opened each term; a hidden figure is marked as hidden."),
        terms,
        totals,
        [str(v) if v is not None else hidden for v in totals],
    )
    on_time = bar_chart(
        _("Steps done on time"),
        _("Bars: the share of steps with a due time done on time each term, in per cent."),
        terms,
        stats.on_time,
        [f"{v} %" if v is not None else hidden for v in stats.on_time],
        maximum=100,
    )
    return trend, on_time


@bp.get("/organisations/<org_slug>/overview/statistics")
@requires("overview.view", on="organisation")
def statistics(org_slug):
    organisation = g.organisation
    stats = municipality_statistics(organisation, organisation.schools, _language())
    return render(
        "overview/statistics.html", organisation=organisation, school=None, stats=stats, charts=_charts(stats)
    )


@bp.get("/schools/<slug>/statistics")
@requires("overview.school_statistics", on="school")
def school_view(slug):
    stats = school_statistics(g.school, _language())
    return render("overview/statistics.html", organisation=None, school=g.school, stats=stats, charts=_charts(stats))


@bp.get("/organisations/<org_slug>/overview/checklists")
@requires("overview.view", on="organisation")
def health(org_slug):
    organisation = g.organisation
    return render(
        "overview/health.html", organisation=organisation, checklists=checklist_health(organisation, _language())
    )


@bp.app_template_global()
def overview_links(organisation) -> list[tuple[str, str]]:
    """The overview's pages, for its navigation."""
    return [
        (url_for("overview.status", org_slug=organisation.slug), _("Plan status")),
        (url_for("overview.statistics", org_slug=organisation.slug), _("Statistics")),
        (url_for("overview.health", org_slug=organisation.slug), _("Checklist health")),
    ]
