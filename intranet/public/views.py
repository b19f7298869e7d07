"""Pages without login: the front door, a school's page, its published plan, its poster."""

from datetime import date

from flask import (
    Blueprint,
    abort,
    g,
    make_response,
    render_template,
    request,
    send_from_directory,
)
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.orm import contains_eager

from ..config import STATIC_DIR
from ..contacts.catalogue import school_services
from ..contacts.directory import directory_for_sections, school_directory
from ..contacts.overview import who_does_what
from ..contacts.roles import school_catalogue
from ..db import OSLO, utcnow
from ..extensions import db
from ..i18n import page_languages
from ..links import external_url
from ..loading import PUBLIC, requires
from ..plans.models import Plan, PlanRevision
from ..plans.translations import school_reader_sections
from ..rendering import render
from ..schools.models import Organisation, School
from . import models as _models  # noqa: F401 - the freshness stamp's table
from .documents import pdf_response, qr_svg
from .renders import page_depends_on

bp = Blueprint("public", __name__, template_folder="templates")


def published_revision(school: School) -> PlanRevision | None:
    """The latest published revision of the school's plan with the plan (its last review), in one query."""
    return db.session.scalar(
        db.select(PlanRevision)
        .join(Plan, Plan.id == PlanRevision.plan_id)
        .options(contains_eager(PlanRevision.plan))
        .where(Plan.school_id == school.id)
        .order_by(PlanRevision.number.desc())
        .limit(1)
    )


def public_sections(revision: PlanRevision | None) -> list[dict]:
    """The public sections of a revision, without the items (activities) marked internal."""
    if revision is None:
        return []
    sections = []
    for section in revision.sections:
        if not section["public"]:
            continue
        items = section.get("data", {}).get("items")
        if items and any(item.get("public") is False for item in items):
            public_items = [item for item in items if item.get("public") is not False]
            section = {**section, "data": {**section["data"], "items": public_items}}
        sections.append(section)
    return sections


def cacheable(response, *parts) -> object:
    """Public pages answer 304 when nothing changed. Without `parts` the tag is a hash of the page itself."""
    if parts:
        response.set_etag("-".join(str(part) for part in parts))
    else:
        response.add_etag()
    # A signed-in reader's copy names them (the menu): only their own browser may keep it.
    scope = "private" if current_user.is_authenticated else "public"
    response.headers["Cache-Control"] = f"{scope}, max-age=0, must-revalidate"
    response.vary.add("Cookie")
    response.vary.add("Accept-Language")
    return response.make_conditional(request)


def keep_for_readers(school: School | None) -> None:
    """Let the public pages' cache keep this page for the next anonymous readers of its language
    (`school` None: the front door)."""
    if not current_user.is_authenticated:
        default = school.default_language if school is not None else None
        page_depends_on(offered=page_languages(), default=default, lang=str(get_locale()))


def public_url(school: School) -> str:
    return external_url("public.school_page", slug=school.slug)


@bp.route("/")
@requires(PUBLIC)
def front_door():
    query = request.args.get("q", "").strip()
    organisations = db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all()
    statement = db.select(School).order_by(School.name)
    if query:
        statement = statement.where(School.name.ilike(f"%{query[:100]}%"))
    schools = db.session.scalars(statement).all()
    by_org = {org.id: [s for s in schools if s.organisation_id == org.id] for org in organisations}
    page, status = render(
        "public/front_door.html", organisations=organisations, by_org=by_org, query=query, found=len(schools)
    )
    if query:
        return page, status  # a search is answered, not kept (the cache bounds how many run at once)
    keep_for_readers(None)
    return cacheable(make_response(page, status))


@bp.route("/favicon.ico")
@requires(PUBLIC)
def favicon():
    """Browsers ask for /favicon.ico on pages that do not name an icon (a PDF, a bare error page)."""
    return send_from_directory(STATIC_DIR, "favicon.svg", mimetype="image/svg+xml", max_age=86400)


def coming_up(sections: list[dict], today: date) -> list[tuple[int, dict]]:
    """Public annual-wheel activities this month and next: (month, item), in that order."""
    months = [today.month, today.month % 12 + 1]
    items = [item for s in sections if s["kind"] == "annual_wheel" for item in s.get("data", {}).get("items", [])]
    return [(month, item) for month in months for item in items if month in (item.get("months") or [])]


def _school_page_context(school: School) -> dict:
    revision = published_revision(school)
    sections = school_reader_sections(public_sections(revision), school)
    services = [service for service, _hidden in school_services(school, public_only=True)]
    directory = school_directory(school, public_only=True, services=services)
    return {
        "coming_up": coming_up(sections, utcnow().astimezone(OSLO).date()),
        "school": school,
        "revision": revision,
        "sections": sections,
        "entries": who_does_what(school, sections, public_only=True, directory=directory),
        "directory": directory,
        "services": services,
    }


@bp.route("/<slug>/")
@requires(PUBLIC, on="school")
def school_page(slug):
    school = g.school
    context = _school_page_context(school)
    updated = max(
        [school.updated_at]
        + [c.updated_at for c in context["directory"].people]
        + [s.updated_at for s in context["services"]]
        + ([context["revision"].published_at] if context["revision"] else [])
    )
    response = make_response(render_template("public/school.html", updated=updated, **context))
    keep_for_readers(school)
    return cacheable(response)


def _plan_context(school: School, revision: PlanRevision | None) -> dict:
    """The public plan's page and PDF: its public sections, and the contact list when one lists contacts."""
    lang = str(get_locale())
    sections = school_reader_sections(public_sections(revision), school, lang)
    directory = directory_for_sections(school, sections, public_only=True)
    return {
        "school": school,
        "revision": revision,
        "sections": sections,
        "lang": lang,
        "roles": directory.roles if directory else school_catalogue(school),
        "directory": directory,
    }


@bp.route("/<slug>/plan")
@requires(PUBLIC, on="school")
def plan(slug):
    school = g.school
    revision = published_revision(school)
    response = make_response(render_template("public/plan.html", **_plan_context(school, revision)))
    if revision is None:
        return response
    response.last_modified = revision.published_at
    keep_for_readers(school)
    return cacheable(response)  # a hash of the page: it shows the school's name and roles as well as the revision


@bp.route("/<slug>/plan.pdf")
@requires(PUBLIC, on="school")
def plan_pdf(slug):
    school = g.school
    revision = published_revision(school)
    if revision is None:
        abort(404)
    html = render_template("public/plan_pdf.html", **_plan_context(school, revision))
    keep_for_readers(school)
    return cacheable(pdf_response(html, f"{school.slug}-plan-{revision.number}.pdf"))


@bp.route("/<slug>/poster.pdf")
@requires(PUBLIC, on="school")
def poster(slug):
    """An A4 poster: the school's name, its three first public contacts, a QR code to its page."""
    school = g.school
    directory = school_directory(school, public_only=True)
    lang = str(get_locale())
    people = [(contact, directory.roles.names_of(directory.roles_of(contact), lang)) for contact in directory.people]
    url = public_url(school)
    html = render_template("public/poster.html", school=school, people=people[:3], url=url, qr=qr_svg(url), lang=lang)
    keep_for_readers(school)
    return cacheable(pdf_response(html, f"{school.slug}-poster.pdf"))
