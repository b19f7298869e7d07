"""A colleague answers a step on their desktop while a phone without a signal answers the same step (issue
#22). When the phone's answer arrives it is refused and shown next to the step with both values, never
saved over theirs; the phone then chooses: "Use mine" saves ours after theirs (the timeline keeps both),
"Keep theirs" sends nothing and drops what waited on the phone. The choice is two full-size targets, the
refusal is read out, and the state is axe-clean in nb, nn and en."""

from playwright.sync_api import expect
from sqlalchemy import select

from intranet.demo import DEMO_PASSWORD

from .case_steps import make_case, stored_answers, unique_label
from .conftest import DESKTOP, PHONE, assert_accessible, login
from .htmx_steps import swapped, watch_for_reloads
from .pages import STAFF
from .test_case_offline import waiting_on_phone

SCHOOL = "fjordvik-us"
COLLEAGUE = "helse.fjordvik@example.no"  # Amir Haddad, staff at the school, put on the case
COLLEAGUE_NAME, OUR_NAME = "Amir Haddad", "Ingrid Bakke"
YES, NO = 0, 1  # a yes/no step's radio buttons, in order
REFUSAL = "[data-conflict], .refusal"
TAP = 44  # px: the smallest target WCAG 2.5.5 accepts


def case_with_colleague(live_server):
    """A case Ingrid (staff) opened, with Amir (staff) added to it."""
    case = make_case(live_server, slug=SCHOOL, opener=STAFF, label=unique_label("9B, torsdag"))
    meanwhile(live_server, case, lambda ops, case, colleague, user: ops.add_member(case, colleague, user=user))
    return case


def answered(live_server, case_id: int, key: str) -> list[tuple]:
    """(who, value) of every "answered" event on the step, oldest first."""
    from intranet.auth.models import User
    from intranet.cases.models import CaseEvent
    from intranet.extensions import db

    with live_server.app.app_context():
        statement = (
            select(User.name, CaseEvent.data)
            .join(User, User.id == CaseEvent.user_id)
            .where(CaseEvent.case_id == case_id, CaseEvent.kind == "answered")
            .order_by(CaseEvent.id)
        )
        return [(name, data["value"]) for name, data in db.session.execute(statement) if data["field"] == key]


def meanwhile(live_server, case, change) -> None:
    """`change(ops, case, colleague, user)` done straight on the server (Amir the colleague, Ingrid the user)."""
    from intranet.auth.models import User
    from intranet.cases import operations as ops
    from intranet.cases.models import Case
    from intranet.extensions import db

    with live_server.app.app_context():
        users = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_([STAFF, COLLEAGUE])))}
        change(ops, db.session.get(Case, case.id), users[COLLEAGUE], users[STAFF])
        db.session.commit()


def ticked_offline(new_page, case, key: str):
    """Ingrid's phone, on the case in English, ticks `key` without a connection: (the page, the step)."""
    phone = signed_in(new_page, STAFF, **PHONE)
    phone.goto(f"{case.url}?lang=en")
    step = phone.locator(f"#step-{case.run_id}-{key}")
    phone.context.set_offline(True)
    step.locator("input[type=checkbox]").tap()
    assert waiting_on_phone(phone) == 1
    return phone, step


ROUTED_PHONE = {**PHONE, "service_workers": "block"}  # page.route sees no request a service worker passes on


def signed_in(new_page, email: str, **options):
    page = new_page(**options)
    login(page, email, DEMO_PASSWORD)
    return page


def conflict(live_server, phone, desktop, case, key: str, lang: str):
    """The phone, offline, answers `key` "yes"; the colleague's desktop then answers "no" and it is saved;
    the phone comes back online and its outbox sends ours. Returns the phone's step."""
    phone.goto(f"{case.url}?lang={lang}")
    step = phone.locator(f"#step-{case.run_id}-{key}")
    phone.context.set_offline(True)
    step.locator("input[type=radio]").nth(YES).tap()
    expect(step.locator("[data-save-status]")).not_to_be_empty()  # kept on the phone
    assert waiting_on_phone(phone) == 1

    desktop.goto(f"{case.url}?lang=en")
    watch_for_reloads(desktop)
    theirs = desktop.locator(f"#step-{case.run_id}-{key} input[type=radio]").nth(NO)
    swapped(desktop, lambda: theirs.check())
    assert stored_answers(live_server, case.id)[key][:2] == (False, COLLEAGUE_NAME)

    phone.context.set_offline(False)  # the outbox sends, the server refuses: 409
    expect(step.locator(REFUSAL)).to_be_visible()
    return step


def test_a_colleagues_answer_meanwhile_is_shown_with_both_values_then_use_mine_saves_ours(live_server, new_page):
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, **PHONE)
    desktop = signed_in(new_page, COLLEAGUE, **DESKTOP)
    step = conflict(live_server, phone, desktop, case, "sent_home", "en")

    refusal = step.locator(REFUSAL)
    expect(refusal.get_by_role("alert")).to_contain_text(COLLEAGUE_NAME)
    expect(refusal.get_by_role("alert")).to_contain_text("“No”")
    expect(refusal.get_by_role("alert")).to_contain_text("“Yes”")
    expect(step.locator("input[type=radio]").nth(NO)).to_be_checked()  # theirs shown, not ours
    assert waiting_on_phone(phone) == 0, "a refused answer is not tried again"
    assert answered(live_server, case.id, "sent_home") == [(COLLEAGUE_NAME, False)], "never saved over theirs"
    keep, mine = refusal.get_by_role("button", name="Keep theirs"), refusal.get_by_role("button", name="Use mine")
    for button in (keep, mine):
        box = button.bounding_box()
        assert box["width"] >= TAP and box["height"] >= TAP, box
    assert_accessible(phone, "a conflict next to its step (en)")

    watch_for_reloads(phone)
    swapped(phone, lambda: mine.tap())
    expect(step.locator(REFUSAL)).to_have_count(0)
    expect(step.locator("input[type=radio]").nth(YES)).to_be_checked()
    assert phone.evaluate("document.activeElement.closest('.step')?.id") == f"step-{case.run_id}-sent_home"
    assert stored_answers(live_server, case.id)["sent_home"][:2] == (True, OUR_NAME)
    assert answered(live_server, case.id, "sent_home") == [(COLLEAGUE_NAME, False), (OUR_NAME, True)]
    phone.reload()
    timeline = phone.locator("ol.timeline")
    expect(timeline.locator("li", has_text=COLLEAGUE_NAME).filter(has_text="sent home")).to_have_count(1)
    expect(timeline.locator("li", has_text=OUR_NAME).filter(has_text="sent home")).to_have_count(1)


def test_keep_theirs_sends_nothing_and_drops_what_waited_on_the_phone(live_server, new_page):
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, **PHONE)
    desktop = signed_in(new_page, COLLEAGUE, **DESKTOP)
    step = conflict(live_server, phone, desktop, case, "in_work_placement", "en")
    before = answered(live_server, case.id, "in_work_placement")

    posts = []
    phone.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    keep = step.locator(REFUSAL).get_by_role("button", name="Keep theirs")
    keep.focus()
    phone.keyboard.press("Enter")  # the keyboard works the choice
    expect(step.locator(REFUSAL)).to_have_count(0)
    expect(step.locator("input[type=radio]").nth(NO)).to_be_checked()
    assert phone.evaluate("document.activeElement.closest('.step')?.id") == f"step-{case.run_id}-in_work_placement"
    phone.wait_for_timeout(300)
    assert posts == [], "keeping theirs sends nothing"
    assert waiting_on_phone(phone) == 0
    assert answered(live_server, case.id, "in_work_placement") == before == [(COLLEAGUE_NAME, False)]
    assert stored_answers(live_server, case.id)["in_work_placement"][:2] == (False, COLLEAGUE_NAME)


def test_the_conflict_is_accessible_in_bokmal_and_nynorsk(live_server, new_page):
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, **PHONE)
    desktop = signed_in(new_page, COLLEAGUE, **DESKTOP)
    for key, lang in (("sent_home", "nb"), ("in_work_placement", "nn")):
        step = conflict(live_server, phone, desktop, case, key, lang)
        expect(step.locator(REFUSAL).get_by_role("alert")).to_contain_text(COLLEAGUE_NAME)
        assert step.locator(REFUSAL).get_by_role("button").count() == 2
        assert_accessible(phone, f"a conflict next to its step ({lang})")


def test_a_step_a_colleagues_answer_hid_meanwhile_is_refused_where_it_was(live_server, new_page):
    """The phone ticks "call the guardians" offline; meanwhile the colleague answers that the student is 18 or
    older, which hides that step: the tick is refused where the step was, not saved invisibly."""
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, **PHONE)
    desktop = signed_in(new_page, COLLEAGUE, **DESKTOP)
    phone.goto(f"{case.url}?lang=en")
    watch_for_reloads(phone)
    swapped(phone, lambda: phone.get_by_label("Under 18", exact=True).tap())
    guardians = phone.locator(f"#step-{case.run_id}-call_guardians")
    phone.context.set_offline(True)
    guardians.locator("input[type=checkbox]").tap()
    assert waiting_on_phone(phone) == 1

    desktop.goto(f"{case.url}?lang=en")
    watch_for_reloads(desktop)
    swapped(desktop, lambda: desktop.get_by_label("18 or older", exact=True).check())

    phone.context.set_offline(False)
    expect(guardians.get_by_role("alert")).to_contain_text("Call the guardians")
    expect(guardians).to_be_visible()
    assert waiting_on_phone(phone) == 0, "refused: not tried again"
    assert "call_guardians" not in stored_answers(live_server, case.id)
    assert answered(live_server, case.id, "call_guardians") == []


def test_a_tick_kept_on_the_phone_of_a_case_closed_meanwhile_is_refused_next_to_its_step(live_server, new_page):
    case = case_with_colleague(live_server)
    phone, leadership = ticked_offline(new_page, case, "call_leadership")
    meanwhile(
        live_server, case, lambda ops, case, colleague, _user: ops.close_case(case, note="Ferdig", user=colleague)
    )

    phone.context.set_offline(False)
    expect(leadership.get_by_role("alert")).to_contain_text("closed")
    assert waiting_on_phone(phone) == 0, "refused: not tried again"
    assert "call_leadership" not in stored_answers(live_server, case.id)


def test_the_outbox_tries_again_after_a_server_failure_and_drops_what_the_server_refused(live_server, new_page):
    """A 5xx or no connection keeps the answer on the phone to be sent again; a 4xx (here: no longer on the
    case) is a refusal, said next to the step and not tried again."""
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, **ROUTED_PHONE)
    phone.goto(f"{case.url}?lang=en")
    leadership = phone.locator(f"#step-{case.run_id}-call_leadership")
    phone.context.set_offline(True)
    leadership.locator("input[type=checkbox]").tap()
    failed = []

    def fail(route):
        failed.append(route.request.url)
        route.fulfill(status=503, body="busy")

    phone.route("**/fields/call_leadership", fail)
    phone.context.set_offline(False)
    phone.wait_for_function("() => true")  # let the outbox's flush start
    for _ in range(50):
        if failed:
            break
        phone.wait_for_timeout(100)
    assert failed, "the outbox sent it when the connection came back"
    assert waiting_on_phone(phone) == 1, "a server failure keeps it on the phone"
    expect(leadership.locator("[data-save-status]")).to_contain_text("Saved on this phone, not yet sent")
    phone.unroute("**/fields/call_leadership")
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(leadership.locator("[data-save-status]")).not_to_contain_text("Saved on this phone")
    assert waiting_on_phone(phone) == 0
    assert answered(live_server, case.id, "call_leadership") == [(OUR_NAME, True)], "sent again, once"

    nurse = phone.locator(f"#step-{case.run_id}-call_school_nurse")
    phone.context.set_offline(True)
    nurse.locator("input[type=checkbox]").tap()
    meanwhile(live_server, case, lambda ops, case, colleague, user: ops.remove_member(case, user, user=colleague))
    phone.context.set_offline(False)
    expect(nurse.locator("[data-save-status]")).to_contain_text("Not saved")
    assert waiting_on_phone(phone) == 0, "a refusal is not tried again"
    assert answered(live_server, case.id, "call_school_nurse") == []


def test_without_a_script_the_refused_page_offers_both_as_two_small_forms(live_server, new_page):
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, java_script_enabled=False, **PHONE)
    desktop = signed_in(new_page, COLLEAGUE, **DESKTOP)
    for key in ("sent_home", "in_work_placement"):
        phone.goto(f"{case.url}?lang=en")
        desktop.goto(f"{case.url}?lang=en")
        watch_for_reloads(desktop)
        swapped(
            desktop, lambda key=key: desktop.locator(f"#step-{case.run_id}-{key} input[type=radio]").nth(NO).check()
        )
        step = phone.locator(f"#step-{case.run_id}-{key}")
        step.locator("input[type=radio]").nth(YES).check()
        with phone.expect_navigation():
            step.get_by_role("button", name="Save").click()
        main = phone.locator("main")
        expect(main).to_contain_text(COLLEAGUE_NAME)
        expect(main).to_contain_text("“No”")
        expect(main).to_contain_text("“Yes”")
        assert stored_answers(live_server, case.id)[key][:2] == (False, COLLEAGUE_NAME)
        if key == "sent_home":  # axe needs a script: the same page, as it arrived, in a page that runs one
            reader = signed_in(new_page, STAFF, **PHONE)
            reader.goto(case.url)
            reader.set_content(phone.content())
            assert_accessible(reader, "the refused page without a script")
        choice = "Use mine" if key == "sent_home" else "Keep theirs"
        with phone.expect_navigation():
            main.get_by_role("button", name=choice).click()
    assert stored_answers(live_server, case.id)["sent_home"][:2] == (True, OUR_NAME)
    assert stored_answers(live_server, case.id)["in_work_placement"][:2] == (False, COLLEAGUE_NAME)
    assert answered(live_server, case.id, "in_work_placement") == [(COLLEAGUE_NAME, False)]


def test_a_refusal_of_an_answer_given_here_takes_the_focus_and_tab_reaches_the_choice(live_server, new_page):
    """Online, on a page that has not heard of the colleague's answer yet (its poll held back): the refusal is
    where the focus goes, so a screen reader reads it, and the next Tab is the choice."""
    case = case_with_colleague(live_server)
    phone = signed_in(new_page, STAFF, **ROUTED_PHONE)
    phone.route("**/changes?**", lambda route: route.abort())  # the page hears nothing new by itself
    phone.goto(f"{case.url}?lang=en")
    meanwhile(
        live_server,
        case,
        lambda ops, case, colleague, _user: ops.answer_field(case.runs[0], "sent_home", False, user=colleague),
    )
    step = phone.locator(f"#step-{case.run_id}-sent_home")
    watch_for_reloads(phone)
    swapped(phone, lambda: step.locator("input[type=radio]").nth(YES).focus() or phone.keyboard.press("Space"))
    refusal = step.locator(REFUSAL)
    expect(refusal).to_be_focused()
    expect(refusal.get_by_role("alert")).to_contain_text(COLLEAGUE_NAME)
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.closest('.conflict-choice') !== null"), "Tab goes to the choice"
    assert answered(live_server, case.id, "sent_home") == [(COLLEAGUE_NAME, False)]
