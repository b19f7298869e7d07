"""The default plan template and function-role catalogue that ship with the product."""

import json
from functools import cache
from pathlib import Path

from flask import g, has_app_context

HERE = Path(__file__).parent


@cache
def default_template() -> dict:
    return json.loads((HERE / "default_template.json").read_text(encoding="utf-8"))


@cache
def default_roles() -> list[dict]:
    return json.loads((HERE / "default_roles.json").read_text(encoding="utf-8"))


def role_names() -> dict[str, dict]:
    """Role key → {lang: name}: the school's catalogue when a view chose one (use_school_roles), else the shipped."""
    if has_app_context() and g.get("role_catalogue") is not None:
        return g.role_catalogue
    return {role["key"]: role["name"] for role in default_roles()}


def use_school_roles(school) -> dict[str, dict]:
    """Make the school's role catalogue (its own and hidden roles too) the one pages render and offer."""
    from ..contacts.catalogue import school_roles  # here: catalogue imports default_roles from this module

    g.role_catalogue = {role.key: role.name for role in school_roles(school)}
    return g.role_catalogue
