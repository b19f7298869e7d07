"""Content shown in another language than the page (a fallback to the school's language) says which
language it is in (WCAG 3.1.2), on the public page, the plan, the annual wheel and the staff reader."""

import re

from .conftest import publish_with_sections

SECTION = {
    "key": "extra",
    "kind": "routine",
    "public": True,
    "title": {"nb": "Bare på bokmål"},
    "body": {"nb": "Brødtekst på bokmål."},
    "data": {"items": [{"id": "x1", "step": {"nb": "Ring foresatte."}, "when": {"nb": "Straks"}, "roles": []}]},
}
WHEEL = {
    "key": "wheel",
    "kind": "annual_wheel",
    "public": True,
    "title": {"nb": "Årshjul", "en": "Annual wheel"},
    "body": {},
    "data": {
        "items": [{"id": "w1", "title": {"nb": "Foreldremøte"}, "months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}]
    },
}


def test_fallback_content_carries_its_own_lang_on_an_english_page(client, world, published_plan, db, login):
    publish_with_sections(world, published_plan, SECTION, WHEEL)
    slug = world.school.slug
    public_plan = client.get(f"/{slug}/plan?lang=en").get_data(as_text=True)
    assert '<span lang="nb" dir="ltr">Bare på bokmål</span>' in public_plan
    assert '<span lang="nb" dir="ltr">Straks</span>' in public_plan
    assert re.search(r'<div class="prose" lang="nb" dir="ltr">\s*<p>Ring foresatte\.</p>', public_plan)
    marked = '<span lang="nb" dir="ltr">Foreldremøte</span>'
    assert marked in client.get(f"/{slug}/wheel?lang=en").get_data(as_text=True)
    assert marked in client.get(f"/{slug}/?lang=en").get_data(as_text=True)
    bokmaal = client.get(f"/{slug}/plan?lang=nb").get_data(as_text=True)
    assert 'lang="nb">Bare' not in bokmaal and "Bare på bokmål" in bokmaal  # the page's own language
    login(world.users["staff"])
    staff = client.get(f"/app/schools/{slug}/plan/read?lang=en").get_data(as_text=True)
    assert '<span lang="nb" dir="ltr">Bare på bokmål</span>' in staff
