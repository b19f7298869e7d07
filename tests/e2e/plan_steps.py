"""Small steps the plan tests share: clicking through to the next page, opening a section, saving."""

from urllib.parse import urlsplit

from .plan_data import shipped_title


def path_of(page) -> str:
    return urlsplit(page.url).path


def flashes(page, category: str) -> str:
    return " ".join(page.locator(f"main .flashes .flash-{category}").all_inner_texts())


def click_through(page, locator):
    """Click a link or submit button and wait for the page it leads to; returns the response."""
    with page.expect_navigation() as navigation:
        locator.click()
    return navigation.value


def section_link(page, key: str):
    """A shipped section's link on the plan or template overview (named in bokmål, the default)."""
    return page.get_by_role("link", name=shipped_title(key), exact=True)


def body_field(page):
    return page.locator("main #section-editor textarea[name=body]")


def save_section_text(page, overview: str, key: str, text: str) -> None:
    """Open a section from the overview, replace its text and save it."""
    page.goto(overview)
    click_through(page, section_link(page, key))
    body_field(page).fill(text)
    click_through(page, page.get_by_role("button", name="Save", exact=True))
    assert "Saved" in flashes(page, "success"), f"saving {key} failed: {page.locator('main .error').all_inner_texts()}"


def publish_with_note(page, note: str):
    """Fill the publish form on a plan or template overview and submit it."""
    form = page.locator("main form[action$='/publish']")
    form.get_by_label("What changed?").fill(note)
    return click_through(page, form.get_by_role("button", name="Publish", exact=True))
