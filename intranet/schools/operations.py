"""Creating schools, and the addresses they may take."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from ..auth.models import Role, User
from ..auth.operations import invite
from ..errors import OperationError
from ..extensions import db
from .models import Organisation, School, SchoolKind

# Public school pages live at /<slug>/, so a slug must never shadow one of our own paths.
ALWAYS_RESERVED = frozenset(
    {
        "app",
        "auth",
        "static",
        "api",
        "admin",
        "login",
        "logout",
        "health",
        "assets",
        "vendor",
        "favicon.ico",
        "robots.txt",
        "sitemap.xml",
        "well-known",
        "new",
        "www",
        "mail",
    }
)


def reserved_slugs() -> set[str]:
    first_segments = {rule.rule.strip("/").split("/")[0] for rule in current_app.url_map.iter_rules()}
    return set(ALWAYS_RESERVED) | {seg for seg in first_segments if seg and not seg.startswith("<")}


def check_slug_free(slug: str) -> None:
    if slug in reserved_slugs():
        raise OperationError(_("The address “%(slug)s” is reserved. Choose another.", slug=slug), field="slug")
    if db.session.scalar(db.select(School.id).where(School.slug == slug)) is not None:
        raise OperationError(_("Another school already uses the address “%(slug)s”.", slug=slug), field="slug")


def create_school(
    organisation: Organisation,
    *,
    name: str,
    slug: str,
    kind: str,
    languages: list[str],
    default_language: str,
    admin_email: str,
    admin_name: str,
    created_by: User,
) -> School:
    """Create a school and invite its first school administrator."""
    slug = slug.strip().lower()
    check_slug_free(slug)
    school = School(
        organisation_id=organisation.id,
        name=name.strip(),
        slug=slug,
        kind=SchoolKind(kind),
        languages=",".join(languages),
        default_language=default_language,
    )
    try:
        with db.session.begin_nested():  # a concurrent create with the same slug loses here, cleanly
            db.session.add(school)
    except IntegrityError:
        raise OperationError(
            _("Another school already uses the address “%(slug)s”.", slug=slug), field="slug"
        ) from None
    invite(school, admin_email, admin_name or "", Role.SCHOOL_ADMIN, created_by)
    return school


def set_public_languages(school: School, languages: list[str], default_language: str) -> None:
    """The languages the school's public pages offer, in the site's order, and the school's own language."""
    offered = current_app.config["PUBLIC_LANGUAGES"]
    chosen = [lang for lang in offered if lang in languages]
    if not chosen or default_language not in chosen:
        raise OperationError(_("The default language must be one of the chosen languages."), field="default_language")
    school.languages = ",".join(chosen)
    school.default_language = default_language
    db.session.flush()
