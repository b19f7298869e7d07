"""What search engines and other programs read about the public pages: /robots.txt, /sitemap.xml (every
school's public pages in each of its languages) and the `<link rel="alternate" hreflang>` of a public page.

Its own blueprint, with fixed paths: /robots.txt and /sitemap.xml are never taken for a school's slug.
"""

from xml.etree import ElementTree

from flask import Blueprint, current_app, g, make_response, request

from ..extensions import db
from ..i18n import public_languages
from ..links import external_url
from ..loading import PUBLIC, requires
from ..plans.models import Plan, PlanRevision
from ..schools.models import School

bp = Blueprint("public_discovery", __name__)

# The public pages a reader reads in a language of their choice (each has the same content in every one).
PAGES_IN_LANGUAGES = frozenset(
    {"public.front_door", "public.school_page", "public.plan", "public_calendar.public_wheel"}
)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
MAX_AGE = 3600  # both change when a school is added or publishes: an hour late is fine for a crawler


def school_languages(school: School) -> list[str]:
    """The languages the school's public pages offer (issue 19): the sitemap lists each."""
    return list(public_languages(school))


@bp.route("/robots.txt")
@requires(PUBLIC)
def robots():
    sitemap_url = external_url("public_discovery.sitemap")
    lines = ["User-agent: *", "Disallow: /app/", "Disallow: /auth/", f"Sitemap: {sitemap_url}", ""]
    response = make_response("\n".join(lines))
    response.mimetype = "text/plain"
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def _pages() -> list[tuple[str, dict, list[str]]]:
    """(endpoint, values, languages) of every public page, in two queries."""
    schools = db.session.scalars(db.select(School).order_by(School.name)).all()
    published = set(db.session.scalars(db.select(Plan.school_id).join(PlanRevision, PlanRevision.plan_id == Plan.id)))
    pages = [("public.front_door", {}, list(current_app.config["LANGUAGES"]))]
    for school in schools:
        languages = school_languages(school)
        pages.append(("public.school_page", {"slug": school.slug}, languages))
        if school.id in published:
            pages.append(("public.plan", {"slug": school.slug}, languages))
            pages.append(("public_calendar.public_wheel", {"slug": school.slug}, languages))
    return pages


@bp.route("/sitemap.xml")
@requires(PUBLIC)
def sitemap():
    """Each public page once per language (`?lang=`), each naming its versions in the other languages."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for endpoint, values, languages in _pages():
        for lang in languages:
            url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = external_url(endpoint, **values, lang=lang)
            for other in languages:
                link = ElementTree.SubElement(url, f"{{{XHTML_NS}}}link")
                link.set("rel", "alternate")
                link.set("hreflang", other)
                link.set("href", external_url(endpoint, **values, lang=other))
    body = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    response = make_response(body)
    response.mimetype = "application/xml"
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@bp.app_template_global()
def alternate_links() -> list[tuple[str, str]]:
    """(hreflang, absolute address) of this public page in each language it is offered in, then
    `x-default` (the address without a language: the reader's browser chooses). Empty elsewhere."""
    if request.endpoint not in PAGES_IN_LANGUAGES or not g.get("public_page"):
        return []
    from ..i18n import page_languages  # the languages this page offers

    values = dict(request.view_args or {})
    links = [(code, external_url(request.endpoint, **values, lang=code)) for code in page_languages()]
    return [*links, ("x-default", external_url(request.endpoint, **values))]
