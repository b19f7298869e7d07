"""PRIVACY.md describes every table and every column of the database: a model that gains a column the
privacy officer has not been told about fails here."""

import re

from intranet.config import PROJECT_ROOT
from intranet.extensions import db


def described() -> dict[str, set[str]]:
    """Per `### \\`table\\`` section of PRIVACY.md, the names in backticks within it."""
    text = (PROJECT_ROOT / "PRIVACY.md").read_text(encoding="utf-8")
    sections = re.split(r"^### `([a-z_]+)`\s*$", text, flags=re.MULTILINE)
    pairs = zip(sections[1::2], sections[2::2], strict=True)
    return {name: set(re.findall(r"`([a-z_]+)`", body)) for name, body in pairs}


def test_privacy_md_describes_every_table_and_column(app):
    import intranet.auth.access  # noqa: F401 - every model module is imported by the app
    import intranet.auth.sessions  # noqa: F401

    tables = described()
    missing = [
        f"{table.name}.{column.name}"
        for table in db.metadata.sorted_tables
        for column in table.columns
        if column.name not in tables.get(table.name, set())
    ]
    assert not missing, f"Describe these in PRIVACY.md (what, why, basis, who sees, retention): {missing}"
    assert set(tables) <= {table.name for table in db.metadata.sorted_tables}, "PRIVACY.md names a table that is gone"
