"""The default plan template and function-role catalogue that ship with the product."""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def default_template() -> dict:
    return json.loads((HERE / "default_template.json").read_text(encoding="utf-8"))


@cache
def default_roles() -> list[dict]:
    return json.loads((HERE / "default_roles.json").read_text(encoding="utf-8"))


def role_names() -> dict[str, dict]:
    """Role key → {lang: name}. Issue 4 moves the catalogue into the database per school."""
    return {role["key"]: role["name"] for role in default_roles()}
