"""/manifest.webmanifest, /sw.js (served from the root so its scope covers /app and the public pages),
/offline (the page the worker shows for an /app page it has not kept) and what the worker needs to know
about the signed-in person."""

import json

from flask import Blueprint, Flask, current_app, g, get_flashed_messages, jsonify, make_response, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..assets import asset_url
from ..cases.checklists import published_checklists
from ..config import STATIC_DIR
from ..extensions import db
from ..loading import PUBLIC, SIGNED_IN, requires
from ..policy import can
from ..rendering import render
from ..schools.models import School
from .release import configure_release, user_key

bp = Blueprint("offline", __name__, template_folder="templates")

THEME = "#1d4f91"  # --brand in app.css
PAPER = "#ffffff"  # --paper
STAFF_LANGUAGES = ("nb", "nn", "en")
ASSETS = (
    "css/app.css",
    "js/app.js",
    "js/offline.js",
    "js/sw-register.js",
    "js/offline-page.js",
    "js/offline-open.js",
    "js/offline-case.js",
    "vendor/htmx.min.js",
    "favicon.svg",
)
ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
)


KEEPING = "X-Offline-Keep"  # sent by the worker when it fetches a page to keep, not to show (sw.js)


@bp.app_template_global()
def flashed_messages() -> list[tuple[str, str]]:
    """The page's flash messages (category, text). None on a page the worker keeps in the background: the
    messages stay in the session for the page the person is going to, and a kept copy never shows one later."""
    if request.headers.get(KEEPING):
        return []
    return get_flashed_messages(with_categories=True)


@bp.route("/manifest.webmanifest")
@requires(PUBLIC)
def manifest():
    lang = str(get_locale())
    body = {
        "name": _("Drug-prevention plan"),
        "short_name": _("Drug plan"),
        "description": _("The school's drug-prevention plan, contacts and case checklists"),
        "lang": lang,
        "dir": "rtl" if lang in ("ar", "fa") else "ltr",
        "start_url": url_for("dashboard.index"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": PAPER,
        "icons": [{"src": asset_url("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]
        + [{"src": asset_url(path), "sizes": size, "type": "image/png", "purpose": use} for path, size, use in ICONS],
    }
    response = make_response(json.dumps(body, ensure_ascii=False))
    response.mimetype = "application/manifest+json"
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


@bp.route("/sw.js")
@requires(PUBLIC)
def service_worker():
    """The worker's own code with the release and the files to keep in front of it; `no-cache` so the
    browser asks for it on every visit and a new release is seen at once."""
    settings = {
        "release": current_app.config["RELEASE_ID"],
        "assets": [asset_url(path) for path in ASSETS],
        "offlinePages": {lang: url_for("offline.offline_page", lang=lang) for lang in STAFF_LANGUAGES},
    }
    code = (STATIC_DIR / "js" / "sw.js").read_text(encoding="utf-8")
    response = make_response(f"self.RUSPLAN = {json.dumps(settings)};\n{code}")
    response.mimetype = "text/javascript"
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.route("/offline")
@requires(PUBLIC)
def offline_page():
    """The same for everybody (the worker fetches it without cookies): the list of cases kept on this
    phone is read from the cache by offline-page.js."""
    return render("offline/offline.html")


@bp.route("/app/offline.json")
@requires(SIGNED_IN)
def about_me():
    """Who the worker keeps pages for: the public pages of their schools and, where they may open a case,
    the form that opens one and the checklist of each situation it offers (to work through offline)."""
    user = g._login_user
    ids = [m.school_id for m in user.memberships if m.school_id]
    schools = db.session.scalars(select(School).where(School.id.in_(ids)).order_by(School.slug)).all() if ids else []
    cases = []
    for school in schools:
        if can("case.open", school):
            cases.append(url_for("cases.new", slug=school.slug))
            cases += [url_for("cases.blank", slug=school.slug, version_id=v.id) for v in published_checklists(school)]
    return jsonify(
        {
            "user": user_key(user.id),
            "schools": [url_for("public.school_page", slug=school.slug) for school in schools],
            "cases": cases,
        }
    )


def offline_reload_words() -> dict[str, str]:
    """What the page says when a new release has taken over (sw-register.js); staff pages only, so these
    live here rather than in base.html, whose words every public language must translate."""
    return {
        "new_release": _("A new version of the app is ready. Reload the page when it suits you."),
        "reload": _("Reload"),
        "wait": _("Some answers are still saved on this phone only: reload when they have been sent."),
    }


def configure_offline(app: Flask) -> None:
    configure_release(app)
    app.jinja_env.globals["offline_reload_words"] = offline_reload_words

    @app.after_request
    def name_the_reader(response):
        """Tell the worker whose page this is: a key per signed-in person, or "visitor". Only when this
        request has looked the person up already (no query is added for it)."""
        if "_login_user" not in g or response.mimetype != "text/html":
            return response
        user = g._login_user
        owner = user_key(user.id) if user is not None and user.is_authenticated else "visitor"
        response.headers["X-Offline-Owner"] = owner
        response.headers["X-Offline-Lang"] = str(get_locale())
        return response
