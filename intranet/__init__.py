"""The intranet: create_app() builds the Flask application from small configure_* steps."""

from datetime import date, timedelta

import click
from flask import Flask, Request, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.middleware.proxy_fix import ProxyFix

from forms.text import localized, text_and_language

from .assets import asset_url
from .cases.live import configure_live_polls
from .config import (
    DEFAULT_SECRET_KEY,
    INSTANCE_DIR,
    MIN_SECRET_KEY_BYTES,
    STATIC_DIR,
    DefaultConfig,
    environment_overrides,
)
from .db import OSLO, configure_database, utcnow
from .errors import configure_errors
from .extensions import configure_throttling, csrf, db, htmx, login_manager
from .feide.setup import configure_feide
from .i18n import configure_i18n
from .links import configure_public_address, refuse_foreign_hosts
from .migrating import enable_migrations
from .offline.views import configure_offline
from .public.cache import configure_public_cache
from .security import configure_security
from .static_files import configure_static_serving


class WithoutNul(ImmutableMultiDict):
    """Submitted values (query and form) without NUL characters: they mean nothing in text, and
    PostgreSQL refuses to store them (the request would fail)."""

    def __init__(self, mapping=None):
        pairs = iter_multi_items(mapping) if mapping is not None else ()
        super().__init__(
            [(key, value.replace("\x00", "") if isinstance(value, str) else value) for key, value in pairs]
        )


class IntranetRequest(Request):
    parameter_storage_class = WithoutNul


class Intranet(Flask):
    request_class = IntranetRequest

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        # Asset URLs carry a content hash (?v=...), so a versioned file never changes: cache it for a year.
        if request.args.get("v"):
            return 365 * 24 * 3600
        return super().get_send_file_max_age(filename)


def create_app(config: dict | None = None) -> Flask:
    app = Intranet(__name__, instance_path=str(INSTANCE_DIR), static_folder=str(STATIC_DIR))
    app.config.from_object(DefaultConfig)
    app.config.update(environment_overrides())
    app.config.update(config or {})
    INSTANCE_DIR.mkdir(exist_ok=True)  # holds the default SQLite file and the development outbox
    configure_secrets(app)
    configure_session_lifetime(app)
    configure_proxies(app)
    configure_extensions(app)
    configure_database(app)
    configure_i18n(app)
    configure_login(app)
    configure_blueprints(app)
    configure_feide(app)
    configure_static(app)
    configure_templates(app)
    configure_errors(app)
    configure_security(app)
    configure_cli(app)
    configure_public_cache(app)
    configure_live_polls(app)
    configure_offline(app)
    configure_static_serving(app, STATIC_DIR)
    refuse_foreign_hosts(app)  # last: in front of every other layer
    return app


def configure_secrets(app: Flask) -> None:
    relaxed = app.debug or app.testing
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = not relaxed
    if app.config["SECRET_KEY"] == DEFAULT_SECRET_KEY and not relaxed:
        raise RuntimeError(
            "SECRET_KEY is the development default. Set the SECRET_KEY environment variable "
            "to a long random value before running in production."
        )
    key = app.config["SECRET_KEY"]
    if len(key if isinstance(key, bytes) else key.encode()) < MIN_SECRET_KEY_BYTES and not relaxed:
        raise RuntimeError(
            f"SECRET_KEY is too short: it must be at least {MIN_SECRET_KEY_BYTES} bytes outside debug mode. "
            "Set the SECRET_KEY environment variable to a long random value, "
            'e.g. the output of: python -c "import secrets; print(secrets.token_hex(32))"'
        )
    configure_public_address(app, relaxed)


def configure_session_lifetime(app: Flask) -> None:
    """The cookie of a signed-in session lives as long as the session may (written when signing in and
    not renewed by every response); the idle limit is kept on the server (auth/sessions.py)."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_MAX_HOURS"])


def configure_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies, the client address and scheme are the ones the nearest proxy
    saw. With none, X-Forwarded-* headers are ignored: anyone can send them."""
    count = int(app.config["TRUSTED_PROXIES"])
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0)


def configure_extensions(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    configure_throttling(app)


def configure_login(app: Flask) -> None:
    from .auth import sessions  # the factory imports the features it wires up (see configure_blueprints)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(cookie_id: str):
        return sessions.load(cookie_id)  # the user with their memberships, if the session is still open

    @login_manager.unauthorized_handler
    def unauthorized():
        # htmx cannot follow a login redirect into a fragment: ask it to load the login page whole.
        flash(sessions.ended_why() or login_manager.login_message, login_manager.login_message_category)
        target = url_for("auth.login", next=request.full_path.rstrip("?"))
        if htmx:
            return "", 401, {"HX-Redirect": target}
        return redirect(target)


def configure_blueprints(app: Flask) -> None:
    # The factory imports the features it wires up (Flask's app-factory pattern), so `import intranet`
    # stays light for code that only needs its config, db or extensions (the tests, migrations, scripts).
    from .archive.views import bp as archive_bp
    from .auth.views import bp as auth_bp
    from .calendar.views import bp as calendar_bp
    from .calendar.views import public_bp as public_calendar_bp
    from .cases.routes import bp as cases_bp
    from .contacts.service_views import bp as services_bp
    from .contacts.views import bp as contacts_bp
    from .dashboard.views import bp as dashboard_bp
    from .formsadmin.routes import bp as formsadmin_bp
    from .offline.views import bp as offline_bp
    from .overview.views import bp as overview_bp
    from .planimport.views import bp as planimport_bp
    from .plans.template_views import bp as plan_templates_bp
    from .plans.views import bp as plans_bp
    from .plans.views import preview_bp
    from .privacy.views import bp as privacy_bp
    from .public.discovery import bp as public_discovery_bp
    from .public.views import bp as public_bp
    from .reminders.views import bp as reminders_bp
    from .schools.routes import bp as schools_bp
    from .schoolyear.school_views import bp as school_days_bp
    from .schoolyear.views import bp as schoolyear_bp
    from .statements.views import bp as statements_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(schools_bp)
    app.register_blueprint(plans_bp)
    app.register_blueprint(plan_templates_bp)
    app.register_blueprint(preview_bp)
    app.register_blueprint(contacts_bp)
    app.register_blueprint(services_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(public_calendar_bp)
    app.register_blueprint(formsadmin_bp)
    app.register_blueprint(cases_bp)
    app.register_blueprint(reminders_bp)
    app.register_blueprint(schoolyear_bp)
    app.register_blueprint(school_days_bp)
    app.register_blueprint(archive_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(planimport_bp)
    app.register_blueprint(statements_bp)
    app.register_blueprint(overview_bp)
    app.register_blueprint(offline_bp)  # /sw.js, /manifest.webmanifest, /offline: fixed paths before /<slug>/
    app.register_blueprint(public_discovery_bp)  # /robots.txt, /sitemap.xml: fixed paths before /<slug>/
    app.register_blueprint(public_bp)  # last: it owns /<slug>/


def configure_static(app: Flask) -> None:
    """Static URLs carry a hash of the file's content (see Intranet.get_send_file_max_age)."""
    app.jinja_env.globals["asset_url"] = asset_url


def configure_templates(app: Flask) -> None:
    # The factory imports the features it wires up (see configure_blueprints).
    from .auth.access import describe as access_event_text
    from .contacts.phone_text import link_phones, numbers_in
    from .contacts.phones import parse_phone
    from .plans.kinds import KINDS, kind_for
    from .plans.markdown import render_markdown
    from .plans.months import month_abbreviation, month_name
    from .plans.upgrade import edited_by_school
    from .policy import can
    from .schools.forms import KIND_LABELS, ROLE_LABELS

    app.jinja_env.globals.update(
        can=can,
        role_label=lambda role: ROLE_LABELS.get(role, role),
        kind_label=lambda kind: KIND_LABELS.get(kind, kind),
        section_kind_label=lambda kind: KINDS[kind].label if kind in KINDS else kind,
        kind_item_label=lambda kind: KINDS[kind].item_label if kind in KINDS else "",
        section_kind=kind_for,
        month_name=month_name,
        month_abbreviation=month_abbreviation,
        localized=localized,
        text_and_language=text_and_language,
        edited_by_school=edited_by_school,
        access_event_text=access_event_text,
    )
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["parse_date"] = date.fromisoformat
    app.jinja_env.globals["this_month"] = lambda: utcnow().astimezone(OSLO).month
    app.jinja_env.filters["tel"] = lambda number: parse_phone(number).tel if parse_phone(number) else number
    app.jinja_env.filters["phone_links"] = link_phones  # a school's plain text with its numbers tap-to-call
    app.jinja_env.globals["phone_numbers"] = numbers_in


def configure_cli(app: Flask) -> None:
    from .cli import register_commands  # the factory imports the features it wires up (see above)

    register_commands(app)
    if click.get_current_context(silent=True) is not None:  # the `flask` command is loading the app
        enable_migrations(app)
