"""Cases with due steps at the world's schools, opened and answered at chosen moments."""

from datetime import timedelta

import pytest

from intranet.auth.models import User
from intranet.db import utcnow

STEPS_CHECKLIST = {
    "key": "suspicion",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Mistanke", "nn": "Mistanke", "en": "Suspicion"},
    "fields": [
        {
            "key": "call",
            "type": "check",
            "label": {"nb": "Ring foresatte", "en": "Call the guardians"},
            "due": {"amount": 2, "unit": "hours"},
        },
        {
            "key": "meet",
            "type": "check",
            "label": {"nb": "Møt eleven", "en": "Meet the student"},
            "due": {"amount": 1, "unit": "days"},
        },
        {"key": "note", "type": "text", "label": {"nb": "Notat", "en": "Note"}},
    ],
}


class Cases:
    """Opens cases at a school running its published checklist `suspicion`, back-dated as asked."""

    def __init__(self, db, world):
        self.db, self.world = db, world
        self.versions = {}

    def checklist(self, school):
        from intranet.formsadmin import operations as form_ops

        if school.id not in self.versions:
            user = self.db.session.get(User, self.world.users["org_admin"].id)
            form = form_ops.import_form(school, dict(STEPS_CHECKLIST), user=user)
            self.versions[school.id] = form_ops.publish(form, note="1", user=user)
        return self.versions[school.id]

    def open(self, school, *, hours_ago=0, answers=(), closed=False, at=None):
        """A case opened `hours_ago` (or `at`); `answers` are (field, hours after opening)."""
        from intranet.cases import operations as case_ops

        user = self.db.session.get(User, self.world.users["staff"].id)
        case = case_ops.open_case(school, self.checklist(school), user=user)
        case.opened_at = at or utcnow() - timedelta(hours=hours_ago)
        for key, after in answers:
            answer = case_ops.answer_field(case.runs[0], key, True, user=user)
            answer.answered_at = case.opened_at + timedelta(hours=after)
        if closed:
            case_ops.close_case(case, note="Done", user=user)
        self.db.session.commit()
        return case


@pytest.fixture
def step_cases(db, world):
    return Cases(db, world)
