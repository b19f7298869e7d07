"""Focus you can see (WCAG 1.4.11, 2.4.7), reflow at 320 px with and without the text-spacing override
(1.4.10, 1.4.12), and the wheel's month links named by what they show (2.5.3), in real Chromium."""

import re

import pytest

from intranet.demo import DEMO_PASSWORD

from .conftest import assert_accessible, login, mail_to, unique_email
from .pages import FJORDVIK_FORMS, PAGES, RECTOR, PageSpec, form_in_list, open_page
from .test_layout_and_language import OVERFLOWING

PHONE_320 = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
TEXT_SPACING = """
  * { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
  p { margin-bottom: 2em !important; }
"""

# The focused element's indicator and what surrounds it: the outline, the halo (box-shadow) around it,
# and the first opaque background behind the element.
FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let behind = el.parentElement, background = 'rgb(255, 255, 255)';
  while (behind) {
    const bg = getComputedStyle(behind).backgroundColor;
    if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') { background = bg; break; }
    behind = behind.parentElement;
  }
  const segment = el.querySelector && el.querySelector('path.segment');
  const seg = segment ? getComputedStyle(segment) : null;
  return {
    tag: el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''),
    text: (el.innerText || el.getAttribute('aria-label') || el.name || '').slice(0, 40),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), outline: style.outlineColor,
    halo: (style.boxShadow.match(/rgba?\\([^)]*\\)/) || [null])[0],
    background,
    segment: seg ? {stroke: seg.stroke, width: parseFloat(seg.strokeWidth), fill: seg.fill} : null,
  };
}"""


def _rgb(css: str | None) -> tuple[float, float, float] | None:
    if not css:
        return None
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)[:3]]
    return tuple(numbers) if len(numbers) == 3 else None


def luminance(rgb) -> float:
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _indicator_problem(found: dict) -> str | None:
    if found["segment"]:  # a month of the wheel: a thick outline drawn round the segment
        seg = found["segment"]
        if seg["width"] < 3 or contrast(_rgb(seg["stroke"]), _rgb(seg["fill"])) < 3:
            return f"wheel segment focus: {seg}"
        return None
    if found["outlineStyle"] == "none" or found["outlineWidth"] < 2:
        return "no outline"
    behind = _rgb(found["background"])
    best = max(contrast(_rgb(c), behind) for c in (found["outline"], found["halo"]) if _rgb(c))
    return None if best >= 3 else f"indicator {best:.2f}:1 against {found['background']}"


FOCUS_PAGES = ("public-school-page", "public-wheel", "dashboard-school-admin", "plan-section-editor", "form-preview")


@pytest.mark.parametrize("name", FOCUS_PAGES)
def test_every_focused_control_shows_an_indicator_of_3_to_1(live_server, new_page, name):
    spec = next(spec for spec in PAGES if spec.name == name)
    page = new_page(**DESKTOP)
    open_page(page, spec, "nb", live_server)
    problems, seen = [], 0
    for _ in range(80):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS)
        if found is None:
            break
        seen += 1
        problem = _indicator_problem(found)
        if problem:
            problems.append((found["tag"], found["text"], problem))
    assert seen >= 5
    assert not problems, problems


def test_the_form_previews_date_field_shows_focus(live_server, new_page):
    spec = PageSpec(
        "concern-note-preview", FJORDVIK_FORMS, user=RECTOR, follow=form_in_list("concern_note", "/preview")
    )
    page = new_page(**DESKTOP)
    open_page(page, spec, "en", live_server)
    date = page.locator("main input[type=date], main input[type=datetime-local]").first
    date.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert _indicator_problem(page.evaluate(FOCUS)) is None


def test_the_wheels_month_links_are_named_by_what_they_show(live_server, new_page):
    page = new_page(**DESKTOP)
    page.goto("/fjordvik-us/wheel?lang=en")
    for link in page.locator("main svg a").all():
        shown = " ".join(link.locator("text").all_text_contents())
        assert link.get_attribute("aria-label").startswith(shown), (shown, link.get_attribute("aria-label"))


LONG = "annemariekristoffersenfjellheimsdottirlangnavn"


def test_people_and_invitation_pages_with_long_addresses_fit_320px(live_server, new_page):
    address = unique_email(LONG)
    rector = new_page(**PHONE_320)
    login(rector, RECTOR, DEMO_PASSWORD)
    rector.goto("/app/schools/fjordvik-us/people?lang=nn")
    form = rector.locator("main form:has(input[name=email])")
    form.locator("input[name=name]").fill("Annemarie Kristoffersen-Fjellheimsdottir")
    form.locator("input[name=email]").fill(address)
    with rector.expect_navigation():
        form.locator("button[type=submit]").click()
    assert address in rector.content()
    _assert_fits(rector, "people page")
    link = re.search(r"http://[^\s]+/auth/invitation/[\w-]+", mail_to(live_server, address).get_content()).group(0)
    invited = new_page(**PHONE_320)
    invited.goto(link)
    _assert_fits(invited, "invitation page")
    assert_accessible(invited, "invitation at 320px")


def _assert_fits(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (
        f"{label}: {width}px wide at {page.viewport_size['width']}px; sticking out: {page.evaluate(OVERFLOWING)}"
    )


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_no_page_scrolls_sideways_at_320px_with_the_text_spacing_override(live_server, new_page, spec):
    page = new_page(**PHONE_320, bypass_csp=True)  # the override is an inline style, as a user's extension adds it
    open_page(page, spec, "nn", live_server)
    page.add_style_tag(content=TEXT_SPACING)
    _assert_fits(page, spec.name)
