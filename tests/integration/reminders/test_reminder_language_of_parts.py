"""The dashboard's reminders name a step in the checklist's words: a step only another language has says
which language it is in (WCAG 3.1.2); a step in the page's language is not marked."""

import copy
from datetime import timedelta

from intranet.auth.models import User
from intranet.cases import operations as case_ops
from intranet.db import utcnow
from intranet.formsadmin import operations as form_ops

from .conftest import CHECKLIST


def test_a_bokmaal_only_step_is_marked_in_the_english_dashboards_reminders(client, world, login, db):
    definition = copy.deepcopy(CHECKLIST)
    del definition["fields"][1]["label"]["en"]  # the follow-up talk has no English
    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.import_form(world.school, definition, user=rector)
    form_ops.publish(form, note="First", user=rector)
    case = case_ops.open_case(world.school, form.latest, user=db.session.get(User, world.users["staff"].id))
    case.opened_at = utcnow() - timedelta(hours=3)  # the call is overdue, the follow-up due within a day
    db.session.commit()
    login(world.users["staff"])
    page = client.get("/app/?lang=en").get_data(as_text=True)
    assert ': <span lang="nb" dir="ltr">Oppfølgingssamtale</span>' in page
    assert ": Call the guardians" in page
