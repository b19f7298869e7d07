"""Changing the municipality's settings for the public accessibility statement."""

from ..extensions import db
from ..schools.models import Organisation


def set_accessibility_settings(organisation: Organisation, email: str | None, uustatus_url: str | None) -> None:
    """Where readers send feedback on accessibility, and the municipality's statement on uustatus.no;
    an empty value hides it on the statement."""
    organisation.accessibility_email = email or None
    organisation.uustatus_url = uustatus_url or None
    db.session.flush()
