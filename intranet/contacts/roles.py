"""Function roles (rector, counsellor, school nurse...): the catalogue that ships with the product,
and a school's catalogue, which renames, hides or adds to it.

A page that names roles is handed a `RoleCatalogue` for its owner (`catalogue_for`): nothing is kept
on the request, so a page cannot forget to choose the school's names.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import gettext as _

from forms.text import localized

from ..extensions import db
from ..schools.models import School
from .models import FunctionRole

SHIPPED_FILE = Path(__file__).with_name("default_roles.json")
SHIPPED_LANGUAGE = "nb"  # every shipped role has a bokmål name


@cache
def shipped_roles() -> list[dict]:
    """The shipped catalogue, in order: {"key", "name": {lang: text}, "public"}."""
    return json.loads(SHIPPED_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class CatalogueRole:
    key: str
    name: dict  # {lang: text}
    public: bool
    hidden: bool
    custom: bool


class RoleCatalogue:
    """The roles an owner's pages name and offer, in order, with their names in each language."""

    def __init__(self, roles: list[CatalogueRole], default_language: str):
        self.roles = roles
        self.default_language = default_language
        self._by_key = {role.key: role for role in roles}

    def __iter__(self):
        return iter(self.roles)

    def __contains__(self, key) -> bool:
        return key in self._by_key

    def get(self, key: str) -> CatalogueRole | None:
        return self._by_key.get(key)

    def shown(self) -> list[CatalogueRole]:
        """The roles the owner has not hidden."""
        return [role for role in self.roles if not role.hidden]

    @property
    def names(self) -> dict[str, dict]:
        """Role key → {lang: name}, every role (hidden ones too: old content may still name them)."""
        return {role.key: role.name for role in self.roles}

    def name(self, key: str, lang: str) -> str:
        """The role's name in `lang`, else in the owner's language; a role the catalogue no longer has
        (a school's own role it deleted) is named as such, never by its key."""
        role = self._by_key.get(key)
        if role is None:
            return _("a role that no longer exists")
        return localized(role.name, lang, self.default_language)

    def names_of(self, keys, lang: str) -> str:
        """Several roles' names, comma-separated, in the given order."""
        return ", ".join(self.name(key, lang) for key in keys or ())


def shipped_catalogue() -> RoleCatalogue:
    """The catalogue as it ships: what the municipality's template and forms name."""
    return RoleCatalogue(
        [CatalogueRole(r["key"], r["name"], r["public"], False, False) for r in shipped_roles()], SHIPPED_LANGUAGE
    )


def school_catalogue(school: School) -> RoleCatalogue:
    """The school's catalogue: the shipped roles in their order (renamed, re-flagged or hidden by the
    school's rows), then the school's own roles in the order it added them; one query."""
    return school_catalogues([school])[school.id]


def school_catalogues(schools) -> dict[int, RoleCatalogue]:
    """School id → its catalogue, for several schools in one query (a dashboard, an overview)."""
    rows: dict[int, dict[str, FunctionRole]] = {school.id: {} for school in schools}
    if rows:
        query = db.select(FunctionRole).where(FunctionRole.school_id.in_(list(rows))).order_by(FunctionRole.id)
        for row in db.session.scalars(query):
            rows[row.school_id][row.key] = row
    return {school.id: _merged(rows[school.id], school.default_language) for school in schools}


def _merged(own: dict[str, FunctionRole], default_language: str) -> RoleCatalogue:
    own = dict(own)
    roles = []
    for shipped in shipped_roles():
        row = own.pop(shipped["key"], None)
        roles.append(
            CatalogueRole(
                shipped["key"],
                row.name if row and row.name else shipped["name"],
                row.public if row else shipped["public"],
                bool(row and row.hidden),
                False,
            )
        )
    roles += [CatalogueRole(row.key, row.name, row.public, row.hidden, True) for row in own.values()]
    return RoleCatalogue(roles, default_language)


def catalogue_for(owner) -> RoleCatalogue:
    """A school's catalogue, or the shipped one for a municipality (its template and forms)."""
    return school_catalogue(owner) if isinstance(owner, School) else shipped_catalogue()
