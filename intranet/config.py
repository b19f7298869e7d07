"""Configuration defaults. Environment variables override them; see README "Configuration"."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 - refused outside debug/testing
MIN_SECRET_KEY_BYTES = 32  # outside debug/testing: a shorter key could be guessed, and sessions forged


def database_url_from_env(url: str | None) -> str:
    """Normalise DATABASE_URL: plain postgres URLs are served through psycopg 3."""
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'intranet.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class DefaultConfig:
    SECRET_KEY = DEFAULT_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = database_url_from_env(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    LANGUAGES = ("nb", "nn", "en")  # the staff intranet's languages
    # The public pages' languages: the staff ones and those parents read most (issue 19); a school offers a
    # choice of them (School.languages, i18n.public_languages).
    PUBLIC_LANGUAGES = ("nb", "nn", "en", "uk", "ar", "pl", "so", "ti", "lt", "fa", "ru", "se")
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = None  # decided in create_app: secure unless debugging or testing
    SESSION_COOKIE_NAME = "intranet_session"
    # A signed-in session ends after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after
    # signing in whatever happens (both checked on the server, auth/sessions.py). The cookie is only
    # sent again when the session changes: a late response must not restore an older cookie.
    SESSION_IDLE_MINUTES = 60
    SESSION_MAX_HOURS = 10
    SESSION_REFRESH_EACH_REQUEST = False
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead; a long incident must not lose a form
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # Sign-in throttling counts in Redis when REDIS_URL is set, otherwise in the app's own database
    # (shared by every worker and server). "memory://" (one count per worker) is refused outside the
    # tests unless RATELIMIT_ALLOW_MEMORY is set.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "database://"
    RATELIMIT_ALLOW_MEMORY = False
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute; 50 per hour"  # per client address, every sign-in and reset POST
    ACCOUNT_LOGIN_RATE_LIMIT = "5 per minute; 20 per hour"  # per account, failed sign-ins only
    RESET_LINK_RATE_LIMIT = "3 per 10 minutes; 10 per day"  # per account, reset link requests
    TRUSTED_PROXIES = 0  # how many proxies in front add X-Forwarded-For/-Proto; 0 trusts no such header
    INVITATION_MAX_AGE_HOURS = 72
    # How old a public page served from memory may be after a change made through another worker.
    PUBLIC_CACHE_STAMP_SECONDS = 1.0
    # The public pages' cache (intranet/public/cache.py): pages and bytes kept per worker, rendered
    # PDFs shared by the workers in a folder (default: <instance>/public-cache), and how many
    # anonymous renders the host runs at once (more are answered 503 with Retry-After).
    PUBLIC_CACHE_PAGES = 300
    PUBLIC_CACHE_BYTES = 16 * 1024 * 1024
    PUBLIC_CACHE_DIR = None
    PUBLIC_CACHE_FILES = 2000
    PUBLIC_RENDER_PDF_SLOTS = 1
    PUBLIC_RENDER_PAGE_SLOTS = 2
    PUBLIC_RENDER_WAITING = 8
    PUBLIC_RENDER_WAIT_SECONDS = 30.0
    PASSWORD_RESET_MAX_AGE_MINUTES = 60
    PASSWORD_MIN_LENGTH = 10
    MAIL_BACKEND = "outbox"  # "outbox" (console + files) or "smtp"
    MAIL_OUTBOX_DIR = str(INSTANCE_DIR / "outbox")
    MAIL_SENDER = "Rusplan <noreply@example.no>"
    MAIL_SERVER = "localhost"
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    # Reminders (`flask send-reminders`): a step is "due soon" this many hours before its due time; daily
    # digests go out from this hour (Oslo time); a claim older than this is of a process that died.
    REMINDER_SOON_HOURS = 24
    REMINDER_DIGEST_HOUR = 7
    REMINDER_CLAIM_MINUTES = 30
    REMINDER_REVIEW_NOTICE_DAYS = 30  # a plan's review is announced this long before its date
    REMINDER_BATCH = 500  # cases (or people to mail) per batch: a fixed number of queries each
    # The address people use, e.g. https://rusplan.example.no: every absolute link is built from it, and
    # outside debug/testing only its host (and TRUSTED_HOSTS) is served. Required outside debug/testing.
    PUBLIC_BASE_URL = None
    TRUSTED_HOSTS = None  # more host names to serve besides PUBLIC_BASE_URL's (".example.no": its subdomains)


def environment_overrides() -> dict:
    """Settings read from the environment at start-up (12-factor style)."""
    env = os.environ
    overrides: dict = {}
    if env.get("SECRET_KEY"):
        overrides["SECRET_KEY"] = env["SECRET_KEY"]
    if env.get("DATABASE_URL"):
        overrides["SQLALCHEMY_DATABASE_URI"] = database_url_from_env(env["DATABASE_URL"])
    if env.get("REDIS_URL"):
        overrides["RATELIMIT_STORAGE_URI"] = env["REDIS_URL"]
    for key in (
        "MAIL_BACKEND",
        "MAIL_SERVER",
        "MAIL_USERNAME",
        "MAIL_PASSWORD",
        "MAIL_SENDER",
        "MAIL_OUTBOX_DIR",
        "PUBLIC_BASE_URL",
        "LOGIN_RATE_LIMIT",
        "ACCOUNT_LOGIN_RATE_LIMIT",
        "RESET_LINK_RATE_LIMIT",
    ):
        if env.get(key):
            overrides[key] = env[key]
    if env.get("TRUSTED_HOSTS"):
        overrides["TRUSTED_HOSTS"] = [host.strip() for host in env["TRUSTED_HOSTS"].split(",") if host.strip()]
    for key in ("MAIL_PORT", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS", "TRUSTED_PROXIES"):
        if env.get(key):
            overrides[key] = int(env[key])
    return overrides
