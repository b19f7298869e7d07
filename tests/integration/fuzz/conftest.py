"""The fuzzing's world (the permission matrix's, and more) and the catalogue of what its pages offer."""

import copy
import secrets
from datetime import timedelta

import pytest

from intranet.auth.models import Invitation, Role, User, hash_token
from intranet.auth.tokens import make_reset_token
from intranet.calendar.feeds import create_feed
from intranet.db import utcnow
from intranet.planimport.operations import propose as propose_import

from ..conftest import AGE_CHECKLIST
from .client import rolled_back, session_ids
from .crawl import Catalogue, crawl
from .routes import TARGETS

# Pages no link leads to from the matrix's pages (the list of closed cases is behind a filter form).
EXTRA_PAGES = [("school_admin", lambda w: f"/app/schools/{w.school.slug}/cases/{w.closed_case_id}")]
EVERY_TYPE = {
    "key": "every_type",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Alle felttyper", "en": "Every field type"},
    "fields": [
        {"key": "intro", "type": "heading", "label": {"nb": "Start"}},
        {
            "key": "done",
            "type": "check",
            "label": {"nb": "Gjort"},
            "role": "rector",
            "due": {"amount": 1, "unit": "hours"},
        },
        {"key": "ring", "type": "call", "label": {"nb": "Ring politiet"}, "settings": {"number": "02800"}},
        {"key": "ring_role", "type": "call", "label": {"nb": "Ring rektor"}, "settings": {"role": "rector"}},
        {"key": "safe", "type": "yes_no", "label": {"nb": "Trygg?"}, "required": True},
        {"key": "what", "type": "text", "label": {"nb": "Hva"}, "settings": {"max_length": 50}},
        {"key": "story", "type": "long_text", "label": {"nb": "Forløp"}},
        {
            "key": "count",
            "type": "number",
            "label": {"nb": "Antall"},
            "settings": {"integer": True, "min": 0, "max": 9},
        },
        {"key": "amount", "type": "number", "label": {"nb": "Mengde"}, "settings": {"min": -1.5, "max": 10}},
        {"key": "day", "type": "date", "label": {"nb": "Dato"}, "due": {"amount": 2, "unit": "school_days"}},
        {"key": "when", "type": "datetime", "label": {"nb": "Tidspunkt"}},
        {
            "key": "who",
            "type": "multiple_choice",
            "label": {"nb": "Hvem"},
            "choices": [{"key": "a", "label": {"nb": "A"}}, {"key": "b", "label": {"nb": "B"}}],
            "show_if": {"any": [{"field": "safe", "op": "equals", "value": False}]},
        },
        {"key": "person", "type": "contact", "label": {"nb": "Kontakt"}, "settings": {"pick": "person"}},
        {"key": "role", "type": "contact", "label": {"nb": "Rolle"}, "settings": {"pick": "role"}},
    ],
}


@pytest.fixture
def fuzz_world(world, published_plan, contacts, school_form, cases, school_year, db):
    """The matrix's world, with an invitation, a reset link, a calendar feed, a municipal form and a case
    running a checklist with a field of every type."""
    from intranet.cases import operations as case_ops
    from intranet.formsadmin import operations as form_ops

    org_admin, admin, staff = (
        db.session.get(User, world.users[role].id) for role in ("org_admin", "school_admin", "staff")
    )
    municipal = form_ops.import_form(world.org, {**copy.deepcopy(AGE_CHECKLIST), "key": "municipal"}, user=org_admin)
    form_ops.publish(municipal, note="First", user=org_admin)
    every_type = form_ops.import_form(world.school, copy.deepcopy(EVERY_TYPE), user=admin)
    form_ops.publish(every_type, note="First", user=admin)
    case_ops.open_case(world.school, every_type.latest, user=staff, label="9A")
    world.invitation_token = secrets.token_urlsafe(16)
    invitation = Invitation(
        email="nina.ny@example.no",
        name="Nina Ny",
        role=Role.STAFF,
        school=world.school,
        invited_by=admin,
        token_hash=hash_token(world.invitation_token),
        expires_at=utcnow() + timedelta(days=1),
    )
    db.session.add(invitation)
    world.feed_token = create_feed(staff, world.school)
    world.reset_token = make_reset_token(staff)
    world.import_token = propose_import(
        world.school, admin, "plan.md", "# Rutiner ved mistanke\n\n1. Kontaktlærer snakker med eleven.\n".encode(), "nb"
    ).token
    db.session.commit()
    world.invitation_id, world.org_version_id = invitation.id, municipal.latest.id
    world.staff_membership_id = staff.memberships[0].id
    return world


_CATALOGUES: dict[str, Catalogue] = {}  # per database: the crawl reads the same fixtures in every test


@pytest.fixture
def catalogue(app, fuzz_world) -> Catalogue:
    key = app.config["SQLALCHEMY_DATABASE_URI"]
    if key not in _CATALOGUES:
        seeds = [(t.role, t.url(fuzz_world)) for t in TARGETS if t.method == "GET"]
        seeds += [(role, page(fuzz_world)) for role, page in EXTRA_PAGES]
        ids = session_ids(fuzz_world)
        with rolled_back(app):
            _CATALOGUES[key] = crawl(app, seeds, ids)
    return _CATALOGUES[key]
