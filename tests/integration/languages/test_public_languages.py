"""Public pages in the school's chosen languages (issue 19): which languages a page offers, `lang` and `dir`,
Accept-Language, the staff pages kept to nb, nn and en, and every text a public page shows coming from the
public catalogs' sources (so the nine public-only catalogs never fall back to English)."""

import re
from pathlib import Path

import pytest
from flask import template_rendered
from flask_babel import force_locale, gettext
from jinja2 import meta
from markupsafe import escape

from intranet.config import PROJECT_ROOT
from intranet.i18n import PUBLIC_MESSAGE_SOURCES, language_name, public_languages

ALL = "nb,nn,en,uk,ar,pl,so,ti,lt,fa,ru,se"


def html_root(response) -> tuple[str, str]:
    found = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.get_data(as_text=True))
    return found.group(1), found.group(2)


@pytest.fixture
def many(world, db):
    world.school.languages = ALL
    db.session.commit()
    return world


def test_public_languages_are_the_schools_choice_in_its_order_limited_to_the_public_ones(app, world):
    world.school.languages = "ar,nb,xx,de,ti"
    with app.app_context():
        assert public_languages(world.school) == ("ar", "nb", "ti")
    world.school.languages = "xx"
    with app.app_context():
        assert public_languages(world.school) == ("nb", "nn", "en")


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("ti", "ltr"), ("se", "ltr")])
def test_school_page_speaks_the_chosen_language_with_its_direction(client, many, lang, direction):
    assert html_root(client.get(f"/{many.school.slug}/?lang={lang}")) == (lang, direction)


def test_a_language_the_school_does_not_offer_is_not_used_on_its_page(client, world):
    lang, _ = html_root(client.get(f"/{world.school.slug}/?lang=ar", headers={"Accept-Language": "ar"}))
    assert lang == "nb"  # the school's default: it offers nb, nn and en only


@pytest.mark.parametrize(
    ("header", "expected"), [("ar-SA,ar;q=0.9", "ar"), ("fa-AF", "fa"), ("prs", "fa"), ("uk-UA,ru;q=0.5", "uk")]
)
def test_accept_language_picks_the_public_language(client, many, header, expected):
    assert html_root(client.get(f"/{many.school.slug}/", headers={"Accept-Language": header}))[0] == expected


def test_the_front_door_and_statements_offer_every_public_language(client, world):
    for path in ("/", "/uu-statement", "/languages", "/no-such-school/"):
        assert html_root(client.get(f"{path}?lang=ti"))[0] == "ti", path


def test_staff_pages_stay_in_the_staff_languages(client, world, login):
    assert html_root(client.get("/auth/login?lang=ar", headers={"Accept-Language": "ar"}))[0] == "nb"
    login(world.users["staff"])
    page = client.get("/app/?lang=fa", headers={"Accept-Language": "fa"})
    assert html_root(page)[0] == "nb"
    assert 'lang="fa"' not in page.get_data(as_text=True)  # no picker offers it there


def test_picker_lists_each_offered_language_named_in_itself(client, many):
    page = client.get(f"/{many.school.slug}/?lang=en").get_data(as_text=True)
    picker = page[page.index('class="language-picker"') : page.index("</details>")]
    assert re.findall(r'lang="(\w+)" hreflang', picker) == ALL.split(",")
    assert 'lang="ar" hreflang="ar" dir="rtl"' in picker and 'hreflang="uk" dir' not in picker
    assert ">العربية</a>" in picker and ">ትግርኛ</a>" in picker


def test_every_template_a_public_page_uses_is_a_public_message_source(app, client, many, published_plan, contacts):
    """A template outside PUBLIC_MESSAGE_SOURCES would show English in the public-only catalogs."""
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    paths = ["/", "/uu-statement", "/languages", "/no-such-school/"]
    paths += [f"/{many.school.slug}/{tail}" for tail in ("", "plan", "wheel")]
    with template_rendered.connected_to(record, app):
        for path in paths:
            assert client.get(f"{path}?lang=ar").status_code in (200, 404), path
    used = _with_referenced(app, set(rendered))
    sources = [PROJECT_ROOT / source for source in PUBLIC_MESSAGE_SOURCES]
    outside = [name for name, file in used.items() if not any(file == s or s in file.parents for s in sources)]
    assert not outside, f"add these to i18n.PUBLIC_MESSAGE_SOURCES (and translate them): {outside}"


def _with_referenced(app, names: set[str]) -> dict:
    """The templates named and every template they extend, include or import, with their files."""
    env, found, todo = app.jinja_env, {}, list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        source, filename, _ = env.loader.get_source(env, name)
        found[name] = Path(filename).resolve()
        todo.extend(ref for ref in meta.find_referenced_templates(env.parse(source)) if ref)
    return found


def test_plan_text_in_the_schools_language_keeps_its_direction_in_an_arabic_page(app, client, many, published_plan):
    page = client.get(f"/{many.school.slug}/plan?lang=ar").get_data(as_text=True)
    assert html_root(client.get(f"/{many.school.slug}/plan?lang=ar")) == ("ar", "rtl")
    assert '<div class="prose" lang="nb" dir="ltr">' in page  # the school's bokmål, read left to right
    with app.test_request_context(), force_locale("ar"):
        note = gettext("This part is not translated yet; it is shown in %(language)s.", language=language_name("nb"))
    assert str(escape(note)) in page  # and a note in the reader's language says so
