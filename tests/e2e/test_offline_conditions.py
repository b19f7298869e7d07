"""The checklist of a case opened without a connection (worked through on the phone, issue #22) shows and
hides its steps as the server would: a number by its value (16.0 and 016 are 16), typed text without its
outer spaces (" Gymsal " is "Gymsal"), and nothing else ("gymsal" is not)."""

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .case_steps import unique_label
from .conftest import PHONE, login
from .offline_steps import controlled, keep_checklists_in, wait_until_kept
from .plan_data import add_school

CHECKLIST = {
    "key": "numbers_and_text",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Tall og tekst"},
    "fields": [
        {"key": "age", "type": "number", "label": {"nb": "Elevens alder"}},
        {
            "key": "guardians",
            "type": "check",
            "label": {"nb": "Ring foresatte"},
            "show_if": {"all": [{"field": "age", "op": "in", "value": [15, 16, 17]}]},
        },
        {"key": "place", "type": "text", "label": {"nb": "Hvor skjedde det"}},
        {
            "key": "gym",
            "type": "check",
            "label": {"nb": "Lås gymsalen"},
            "show_if": {"all": [{"field": "place", "op": "equals", "value": "Gymsal"}]},
        },
    ],
}


def published_checklist(live_server, school) -> int:
    from intranet.auth.models import User
    from intranet.extensions import db
    from intranet.formsadmin import operations as form_ops
    from intranet.schools.models import School

    with live_server.app.app_context():
        where = db.session.scalar(db.select(School).where(School.slug == school.slug))
        rector = db.session.scalar(db.select(User).where(User.email == school.rector))
        form = form_ops.import_form(where, CHECKLIST, user=rector)
        version = form_ops.publish(form, note="Første", user=rector)
        db.session.commit()
        return version.id


def test_steps_of_a_case_opened_offline_follow_numbers_and_text_as_the_server_reads_them(live_server, new_page):
    school = add_school(live_server)
    published_checklist(live_server, school)
    new_case = f"/app/schools/{school.slug}/cases/new"
    page = new_page(**PHONE)
    login(page, school.rector, DEMO_PASSWORD)
    controlled(page)
    keep_checklists_in(page, new_case, "nb")
    wait_until_kept(page, new_case)
    page.context.set_offline(True)
    page.reload()  # the form comes from the phone
    page.get_by_label("Tall og tekst", exact=True).check()
    page.locator("input[name=label]").fill(unique_label("Gymsal"))
    page.locator("form.open-case button[type=submit]").tap()
    expect(page.locator("h1")).to_contain_text("Midlertidig 1")
    age, guardians = page.get_by_label("Elevens alder"), page.get_by_label("Ring foresatte")
    place, gym = page.get_by_label("Hvor skjedde det"), page.get_by_label("Lås gymsalen")
    expect(guardians).to_be_hidden()
    expect(gym).to_be_hidden()
    for typed, shown in (("16.0", True), ("18", False), ("016", True), ("", False), ("15", True)):
        age.fill(typed)
        age.dispatch_event("change")
        (expect(guardians).to_be_visible if shown else expect(guardians).to_be_hidden)()
    for typed, shown in ((" Gymsal ", True), ("gymsal", False), ("Gymsal", True)):
        place.fill(typed)
        place.dispatch_event("change")
        (expect(gym).to_be_visible if shown else expect(gym).to_be_hidden)()
