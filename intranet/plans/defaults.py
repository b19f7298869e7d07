"""The default plan template that ships with the product (the roles it names are in `contacts.roles`)."""

import json
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def default_template() -> dict:
    return json.loads((HERE / "default_template.json").read_text(encoding="utf-8"))
