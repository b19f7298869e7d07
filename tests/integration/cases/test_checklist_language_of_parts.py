"""A checklist's text shown in another language than the page's (a bokmål step on an English page, because
the checklist has no English for it) says which language it is in (WCAG 3.1.2): on the case page, in the
steps a tick swaps in, in the timeline, in the builder's list and preview, on "open a case" and in the
case list; text in the page's own language is not marked."""

import re

from intranet.auth.models import User
from intranet.cases import operations as ops
from intranet.formsadmin import operations as form_ops

NB = 'lang="nb" dir="ltr"'
MIXED = {
    "key": "intoxicated",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Ruspåvirket elev", "en": "Intoxicated student"},
    "fields": [
        {"key": "intro", "type": "heading", "label": {"nb": "Først"}, "help": {"nb": "Hold deg rolig."}},
        {"key": "guardians", "type": "check", "label": {"nb": "Ring foresatte", "en": "Call the guardians"}},
        {"key": "police", "type": "check", "label": {"nb": "Varsle politiet"}, "help": {"nb": "Bruk 02800."}},
        {
            "key": "age",
            "type": "single_choice",
            "label": {"nb": "Elevens alder", "en": "Age of the student"},
            "choices": [
                {"key": "under_18", "label": {"nb": "Under atten"}},
                {"key": "adult", "label": {"nb": "Voksen", "en": "Adult"}},
            ],
        },
    ],
}
BOKMAAL_ONLY = {
    "key": "follow_up",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Oppfølging etter rus"},
    "fields": [{"key": "meeting", "type": "check", "label": {"nb": "Møte innen tre dager"}}],
}


def publish(world, db, definition):
    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.import_form(world.school, definition, user=rector)
    form_ops.publish(form, note="First", user=rector)
    return form


def open_case(world, db):
    mixed = publish(world, db, MIXED)
    other = publish(world, db, BOKMAAL_ONLY)
    staff = db.session.get(User, world.users["staff"].id)
    case = ops.open_case(world.school, mixed.latest, user=staff)
    ops.answer_field(case.runs[0], "age", "under_18", user=staff)
    ops.start_run(case, other.latest, user=staff)
    db.session.commit()
    return case, mixed, other


def marked(text: str) -> str:
    return f"<span {NB}>{text}</span>"


def test_bokmaal_only_checklist_text_is_marked_on_the_english_case_page_and_its_fragments(client, world, login, db):
    case, _mixed, other = open_case(world, db)
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{case.id}"
    page = client.get(f"{url}?lang=en").get_data(as_text=True)
    for text in ("Først", "Varsle politiet", "Under atten", "Oppfølging etter rus", "Møte innen tre dager"):
        assert marked(text) in page, text
    assert re.search(rf'<p class="hint" {NB}>Hold deg rolig\.</p>', page)
    assert "Call the guardians" in page and "Age of the student" in page
    assert f"{NB}>Call the guardians" not in page and f"{NB}>Age of the student" not in page
    assert f"answered “Age of the student”: {marked('Under atten')}" in page  # the timeline
    assert f"started the checklist “{marked('Oppfølging etter rus')}”" in page
    start_another = f'<option dir="ltr" lang="nb" value="{other.latest.id}">Oppfølging etter rus</option>'
    assert start_another in page
    seen = re.search(r'name="seen" value="(\d+)"', page).group(1)
    fragment = client.post(
        f"{url}/runs/{case.runs[0].id}/fields/police?lang=en",
        data={f"r{case.runs[0].id}-police": "y", "seen": seen},
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert marked("Varsle politiet") in fragment
    bokmaal = client.get(f"{url}?lang=nb").get_data(as_text=True)
    assert "Varsle politiet" in bokmaal and bokmaal.count(NB) == 1  # only <html>: the page's own language


def test_bokmaal_only_titles_are_marked_where_checklists_are_listed_and_previewed(client, world, login, db):
    _case, mixed, other = open_case(world, db)
    login(world.users["school_admin"])
    base = f"/app/schools/{world.school.slug}"
    assert marked("Oppfølging etter rus") in client.get(f"{base}/cases/new?lang=en").get_data(as_text=True)
    listing = client.get(f"{base}/cases/?lang=en").get_data(as_text=True)
    assert re.search(rf'<option value="{other.id}"\s*{NB}>Oppfølging etter rus</option>', listing)
    forms = client.get(f"{base}/forms/?lang=en").get_data(as_text=True)
    assert marked("Oppfølging etter rus") in forms and f"{NB}>Intoxicated student" not in forms
    preview = client.get(f"{base}/forms/{mixed.id}/preview?lang=en&content=en").get_data(as_text=True)
    assert marked("Varsle politiet") in preview and marked("Under atten") in preview
    assert "Call the guardians" in preview and f"{NB}>Call the guardians" not in preview
    builder = client.get(f"{base}/forms/{mixed.id}?lang=en").get_data(as_text=True)
    assert f"<strong {NB}>Varsle politiet</strong>" in builder  # the builder names fields in the main language
