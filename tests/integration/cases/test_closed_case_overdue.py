"""A closed case is finished: its page and its steps do not call anything overdue, though a step's due time
has passed (the case list already counts overdue steps of open cases only)."""

import copy
from datetime import timedelta

from intranet.cases import operations as ops
from intranet.cases.models import Case
from intranet.db import utcnow
from intranet.formsadmin import operations as form_ops

from ..conftest import AGE_CHECKLIST


def test_a_closed_case_has_no_overdue_steps(client, world, login, db):
    form = form_ops.import_form(world.school, copy.deepcopy(AGE_CHECKLIST), user=None)
    case = ops.open_case(world.school, form_ops.publish(form, note="v1", user=None), user=world.users["staff"])
    ops.answer_field(case.runs[0], "age", "under_18", user=world.users["staff"])
    case.opened_at = case.runs[0].started_at = utcnow() - timedelta(hours=3)  # calling the guardians was due 1 h ago
    db.session.commit()
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{case.id}?lang=en"
    page = client.get(url).get_data(as_text=True)
    assert "1 step overdue" in page and "is-overdue" in page
    ops.close_case(db.session.get(Case, case.id), note="Done", user=world.users["staff"])
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "step overdue" not in page and "is-overdue" not in page and "Overdue" not in page
    assert "Due " in page  # the due time stays, as a fact
