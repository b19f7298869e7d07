"""The checklists a case can run: the latest published version of each of the school's checklists.

The case page offers them (start another checklist), as do the case list and "open a case". A published
version never changes (`FormVersion` is an immutable snapshot), so its definition is read from the
database and parsed once per process (a bounded cache by id and publishing time, as
`operations.definition_of`), not on every page: eight definitions are some 60 KB of JSON.
"""

import threading
from functools import cache

from cachetools import LRUCache
from flask_babel import get_locale
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased, contains_eager, defer
from sqlalchemy.orm.attributes import set_committed_value
from wtforms.fields.choices import SelectChoice

from forms.text import localized, text_and_language

from ..extensions import db
from ..formsadmin.default_forms import ORDER
from ..formsadmin.models import FormDocument, FormVersion
from ..i18n import content_in_page, language_direction

_DEFINITIONS: LRUCache = LRUCache(maxsize=1024)  # (version id, published at) → its definition, read-only
_LOCK = threading.Lock()


def published_checklists(school) -> list:
    """The latest published version of each of the school's checklists, by title: one query, and one more
    for the definitions this process has not read yet."""
    versions = db.session.scalars(_latest_versions(), {"school_id": school.id}).all()
    _with_definitions(versions)
    versions = [version for version in versions if version.definition.get("kind") == "checklist"]
    return sorted(versions, key=lambda version: (_situation_order(version.form.key), title_of(version.definition)))


def _with_definitions(versions: list) -> None:
    """Each version's definition from this process's cache, those missing read in one query."""
    with _LOCK:
        known = {version.id: _DEFINITIONS.get((version.id, version.published_at)) for version in versions}
    missing = [version_id for version_id, definition in known.items() if definition is None]
    if missing:
        rows = db.session.execute(select(FormVersion.id, FormVersion.definition).where(FormVersion.id.in_(missing)))
        known |= {version_id: definition for version_id, definition in rows}
    with _LOCK:
        for version in versions:
            _DEFINITIONS[(version.id, version.published_at)] = known[version.id]
    for version in versions:
        set_committed_value(version, "definition", known[version.id])


@cache
def _latest_versions():
    """Each of a school's forms' newest version with its form, definitions left out (built once, see
    loading._case_statement)."""
    newer = aliased(FormVersion)
    latest = select(func.max(newer.number)).where(newer.form_id == FormVersion.form_id).scalar_subquery()
    return (
        select(FormVersion)
        .join(FormVersion.form)
        .where(FormDocument.school_id == bindparam("school_id"), FormVersion.number == latest)
        .options(defer(FormVersion.definition), contains_eager(FormVersion.form).defer(FormDocument.draft))
    )


def _situation_order(key: str) -> int:
    """The shipped checklists in the order a case escalates; the school's own after them."""
    return ORDER.index(key) if key in ORDER else len(ORDER)


def title_of(definition: dict) -> str:
    return localized(definition.get("title"), str(get_locale()), definition.get("default_language", "nb"))


def title_shown(definition: dict):
    """The title as a page shows it: marked with its own language when the page's has none (WCAG 3.1.2)."""
    return content_in_page(definition.get("title"), str(get_locale()), definition.get("default_language", "nb"))


def title_choice(value, definition: dict) -> SelectChoice:
    """A `<select>`'s option for a checklist: its title, with the option's `lang` when in another language
    (an option holds text only, so the language goes on the option)."""
    used = text_and_language(definition.get("title"), str(get_locale()), definition.get("default_language", "nb"))[1]
    attributes = {"lang": used, "dir": language_direction(used)} if used else {}
    return SelectChoice(value, title_of(definition), render_kw=attributes)
