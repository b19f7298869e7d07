"""What a tick's live region says to a screen reader (visually hidden, role="status"): the step saved and
the steps it revealed, in the checklist's words. A step only another language has says which (WCAG
3.1.2), and a question's own "?" is not followed by a second full stop."""

import copy
import re

from intranet.cases import operations as ops
from intranet.formsadmin import operations as form_ops

from ..conftest import AGE_CHECKLIST

HTMX = {"HX-Request": "true"}


def status_of(response, run) -> str:
    html = response.get_data(as_text=True)
    return re.search(rf'id="run-{run}-saved"[^>]*role="status"[^>]*>(.*?)</p>', html).group(1)


def test_the_live_region_marks_a_bokmaal_step_and_ends_a_question_once(client, world, login, db):
    definition = copy.deepcopy(AGE_CHECKLIST)
    definition["fields"][0]["label"] = {"nb": "Hvor gammel er eleven?", "en": "How old is the student?"}
    definition["fields"][1]["label"] = {"nb": "Ring foresatte"}  # no English
    form = form_ops.import_form(world.school, definition, user=None)
    case = ops.open_case(world.school, form_ops.publish(form, note="v1", user=None), user=world.users["staff"])
    db.session.commit()
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{case.id}"
    seen = re.search(r'name="seen" value="(\d+)"', client.get(f"{url}?lang=en").get_data(as_text=True)).group(1)
    run = case.runs[0].id
    answered = client.post(
        f"{url}/runs/{run}/fields/age?lang=en", data={f"r{run}-age": "under_18", "seen": seen}, headers=HTMX
    )
    marked = '<span lang="nb" dir="ltr">Ring foresatte</span>'
    assert status_of(answered, run) == f"Saved: How old is the student? 1 new step: {marked}"
    ticked = client.post(
        f"{url}/runs/{run}/fields/call_guardians?lang=en", data={f"r{run}-call_guardians": "y"}, headers=HTMX
    )
    assert status_of(ticked, run) == f"Saved: {marked}"
    in_bokmaal = client.post(f"{url}/runs/{run}/fields/age?lang=nb", data={f"r{run}-age": "adult"}, headers=HTMX)
    assert status_of(in_bokmaal, run) == "Lagret: Hvor gammel er eleven?"
