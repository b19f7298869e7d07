"""Configuration defaults. Environment variables override them; see README "Configuration"."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 - refused outside debug/testing


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
    LANGUAGES = ("nb", "nn", "en")
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = None  # decided in create_app: secure unless debugging or testing
    SESSION_COOKIE_NAME = "intranet_session"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 12
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead; a long incident must not lose a form
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute; 50 per hour"
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
    PUBLIC_BASE_URL = None  # e.g. https://rusplan.example.no; used in mails when there is no request


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
    ):
        if env.get(key):
            overrides[key] = env[key]
    if env.get("MAIL_PORT"):
        overrides["MAIL_PORT"] = int(env["MAIL_PORT"])
    return overrides
