"""Flask extensions, created once here and bound to the app in create_app()."""

from flask_babel import Babel
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def configure_throttling(app) -> None:
    """Bind the limiter to shared storage: Redis, or the app's database (`database://`)."""
    # Here, not at the top: throttle imports db and limiter from this module. Importing it registers
    # the database:// storage scheme.
    from .auth import throttle

    uri = app.config["RATELIMIT_STORAGE_URI"]
    if uri.startswith("memory:") and not (app.testing or app.config["RATELIMIT_ALLOW_MEMORY"]):
        raise RuntimeError(
            "RATELIMIT_STORAGE_URI is memory://: each worker would keep its own sign-in counts. "
            "Set REDIS_URL, or leave the default (database://) to count in the app's database."
        )
    # Storage failures come wrapped (limits' StorageError), so one handler answers them with a 503.
    app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"wrap_exceptions": True})
    limiter.init_app(app)
    app.register_error_handler(throttle.StorageError, throttle.storage_unavailable)
