"""Pages without login: the front door, a school's page and its published plan."""

from flask import Blueprint, abort, g, make_response, render_template, request, send_from_directory
from flask_babel import get_locale
from weasyprint import CSS, HTML

from ..config import STATIC_DIR
from ..extensions import db
from ..plans.models import Plan, PlanRevision
from ..rendering import render
from ..schools.models import Organisation, School

bp = Blueprint("public", __name__, template_folder="templates")


def school_or_404(slug: str) -> School:
    school = db.session.scalar(db.select(School).where(School.slug == slug))
    if school is None:
        abort(404)
    g.school = school
    return school


def published_revision(school: School) -> PlanRevision | None:
    """The latest published revision of the school's plan, in one query."""
    return db.session.scalar(
        db.select(PlanRevision)
        .join(Plan, Plan.id == PlanRevision.plan_id)
        .where(Plan.school_id == school.id)
        .order_by(PlanRevision.number.desc())
        .limit(1)
    )


def public_sections(revision: PlanRevision | None) -> list[dict]:
    return [s for s in revision.sections if s["public"]] if revision else []


@bp.route("/")
def front_door():
    organisations = db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all()
    schools = db.session.scalars(db.select(School).order_by(School.name)).all()
    by_org = {org.id: [s for s in schools if s.organisation_id == org.id] for org in organisations}
    return render("public/front_door.html", organisations=organisations, by_org=by_org)


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on pages that do not name an icon (a PDF, a bare error page)."""
    return send_from_directory(STATIC_DIR, "favicon.svg", mimetype="image/svg+xml", max_age=86400)


@bp.route("/<slug>/")
def school_page(slug):
    school = school_or_404(slug)
    return render("public/school.html", school=school, revision=published_revision(school))


@bp.route("/<slug>/plan")
def plan(slug):
    school = school_or_404(slug)
    revision = published_revision(school)
    lang = str(get_locale())
    response = make_response(
        render_template(
            "public/plan.html", school=school, revision=revision, sections=public_sections(revision), lang=lang
        )
    )
    if revision is not None:
        response.set_etag(f"plan-{revision.id}-{lang}")
        response.last_modified = revision.published_at
        response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
    return response.make_conditional(request)


def _local_files_only(url: str):
    """WeasyPrint may read our own files, nothing from the network."""
    raise ValueError(f"refusing to fetch {url}")


@bp.route("/<slug>/plan.pdf")
def plan_pdf(slug):
    school = school_or_404(slug)
    revision = published_revision(school)
    if revision is None:
        abort(404)
    lang = str(get_locale())
    html = render_template(
        "public/plan_pdf.html", school=school, revision=revision, sections=public_sections(revision), lang=lang
    )
    pdf = HTML(string=html, url_fetcher=_local_files_only).write_pdf(
        stylesheets=[CSS(filename=str(STATIC_DIR / "css" / "pdf.css"))]
    )
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{school.slug}-plan-{revision.number}.pdf"'
    return response
