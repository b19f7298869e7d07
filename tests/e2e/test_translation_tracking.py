"""Issue 15, item 1: the rector rewrites an annual-wheel activity in bokmål; the editor and the publish
summary say English is outdated; after publishing, an English reader gets the current bokmål text, marked
lang="nb", with a note in English, never the template's old English activity."""

import secrets

from playwright.sync_api import expect

from intranet.demo import DEMO_PASSWORD

from .conftest import DESKTOP, assert_accessible, assert_no_external_requests, login
from .plan_data import SHIPPED, add_organisation, add_school, publish
from .plan_steps import click_through, flashes, publish_with_note, section_link

OLD_ENGLISH = SHIPPED["annual_wheel"]["data"]["items"][0]["title"]["en"]
NOTE = "This part is not translated yet; it is shown in Norwegian Bokmål."


def assert_no_sideways_scroll_at_320(page):
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size(size)
    assert overflow <= 0, f"{page.url} scrolls sideways at 320 px by {overflow} px"


def test_rector_rewrites_the_wheel_in_bokmal_and_english_readers_get_it_with_a_note(live_server, new_page):
    school = add_school(live_server, plan=True)
    publish(live_server, school, "Første versjon")
    rewritten = f"Alle ansatte går gjennom planen i august {secrets.token_hex(3)}"

    rector = new_page(**DESKTOP)
    login(rector, school.rector, DEMO_PASSWORD)
    rector.goto(f"{school.plan_url}?lang=en")
    click_through(rector, section_link(rector, "annual_wheel"))
    first = rector.locator("main #section-editor fieldset.item").first
    first.get_by_label("Activity", exact=True).fill(rewritten)
    click_through(rector, rector.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(rector, "success"), rector.locator("main .error").all_inner_texts()

    # The editor: English is outdated for this section, and in English the rewritten activity says so.
    languages = rector.locator("main nav.content-languages")
    expect(languages.locator("li").filter(has_text="English")).to_contain_text("outdated")
    click_through(rector, languages.get_by_role("link", name="English"))
    expect(rector.locator("main fieldset.item").first.locator("> legend")).to_contain_text("English: outdated")
    expect(rector.get_by_label("mark them as up to date", exact=False)).to_be_visible()
    assert_accessible(rector, "section editor in English with an outdated activity")
    assert_no_sideways_scroll_at_320(rector)

    # The overview and the publish summary list what English readers will get in bokmål.
    rector.goto(f"{school.plan_url}?lang=en")
    wheel_row = rector.locator("main .section-list li").filter(has=section_link(rector, "annual_wheel"))
    expect(wheel_row).to_contain_text("English: outdated")
    summary = rector.locator("main #translation-summary")
    expect(summary).to_contain_text(SHIPPED["annual_wheel"]["title"]["nb"])
    expect(summary).to_contain_text("English: 1 text outdated")
    assert_accessible(rector, "plan overview with the publish summary")
    assert_no_sideways_scroll_at_320(rector)
    publish_with_note(rector, "Nytt årshjul")
    assert "Revision 2 is published." in flashes(rector, "success")

    # An English reader: the current bokmål text, marked as bokmål, with a note in English.
    reader = new_page(**DESKTOP)  # the browser asks for English
    for path in (f"/{school.slug}/wheel", f"/{school.slug}/plan"):
        reader.goto(path)
        main = reader.locator("main")
        activity = main.locator("strong", has_text=rewritten)
        expect(activity.locator("span[lang=nb]")).to_have_count(1)
        expect(main.locator(".fallback-note").first).to_contain_text(
            NOTE if path.endswith("plan") else "Some texts here are not translated yet"
        )
        assert OLD_ENGLISH not in main.inner_text()
        assert_accessible(reader, f"English reader of {path}")
    assert_no_external_requests(reader)


def test_municipality_rewrites_a_measure_and_the_template_editor_lists_it_before_publishing(live_server, new_page):
    organisation = add_organisation(live_server)
    admin = new_page(**DESKTOP)
    login(admin, organisation.admin, DEMO_PASSWORD)
    overview = f"/app/organisations/{organisation.slug}/template/?lang=en"
    admin.goto(overview)
    click_through(admin, section_link(admin, "measures_class"))
    first = admin.locator("main #section-editor fieldset.item").first
    first.get_by_label("Measure", exact=True).fill("Samtaler om rus i alle klasser")
    click_through(admin, admin.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(admin, "success"), admin.locator("main .error").all_inner_texts()
    admin.goto(overview)
    row = admin.locator("main .section-list li").filter(has=section_link(admin, "measures_class"))
    expect(row).to_contain_text("English: outdated")
    expect(admin.locator("main #translation-summary")).to_contain_text("English: 1 text outdated")
    assert_accessible(admin, "template overview with the publish summary")
    publish_with_note(admin, "Nytt tiltak")
    assert "published" in flashes(admin, "success")
