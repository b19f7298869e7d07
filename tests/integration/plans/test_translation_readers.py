"""After the rector rewrites texts in bokmål, readers of nynorsk and English never get the old translations:
they get the current bokmål, marked lang="nb", with a note in their own language. Pages, PDF and feeds;
free text and structured items (wheel activity, measure, duty, routine step)."""

import pytest
from icalendar import Calendar

from intranet.auth.models import User
from intranet.plans import operations as ops

from .translation_steps import add_sections, pdf_text, save, section

NEW = {
    "purpose": "Skolen jobber hele året for å forebygge rus.",
    "wheel": "Foreldremøte om rus i oktober",
    "measures": "Samtale med alle klasser",
    "duties": "Rektor leder arbeidet og følger opp planen.",
    "routine_intoxicated": "Ring foresatte og sørg for trygghet.",
}
OLD = {
    "nn": ["Skulen skal førebyggje rus.", "julebord (nn)", "Leier arbeidet.", "Sørg for tryggleik."],
    "en": [
        "The school works to prevent drug use.",
        "Information to parents before Christmas parties",
        "Parents' meeting",
        "Leads the work.",
        "Ensure safety.",
    ],
}
NOTE = {
    "nn": "Dette er ikkje omsett enno og blir difor vist på norsk bokmål.",
    "en": "This part is not translated yet; it is shown in Norwegian Bokmål.",
}


@pytest.fixture
def rewritten(world, published_plan, db, client, login):
    """The rector rewrote one text of every kind in bokmål through the editor and published."""
    plan = db.session.merge(published_plan)
    add_sections(plan, db)
    db.session.commit()
    school = world.school
    login(world.users["school_admin"])
    save(client, school, section(db, school, "purpose"), "nb", {"body": NEW["purpose"]})
    save(client, school, section(db, school, "wheel"), "nb", {(0, "title"): NEW["wheel"]})
    save(client, school, section(db, school, "measures"), "nb", {(0, "title"): NEW["measures"]})
    save(client, school, section(db, school, "duties"), "nb", {(0, "duties"): NEW["duties"]})
    save(client, school, section(db, school, "routine_intoxicated"), "nb", {(0, "step"): NEW["routine_intoxicated"]})
    ops.publish_plan(db.session.merge(published_plan), db.session.get(User, world.users["school_admin"].id), "Ny")
    db.session.commit()
    client.get("/logout")
    return school


def _public_texts(client, school, lang):
    plan = client.get(f"/{school.slug}/plan?lang={lang}").get_data(as_text=True)
    page = client.get(f"/{school.slug}/?lang={lang}").get_data(as_text=True)
    wheel = client.get(f"/{school.slug}/wheel?lang={lang}").get_data(as_text=True)
    return plan, page, wheel


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_readers_of_other_languages_get_the_current_bokmal_marked_and_noted(client, rewritten, lang):
    plan, page, wheel = _public_texts(client, rewritten, lang)
    for text in (NEW["purpose"], NEW["wheel"], NEW["measures"], NEW["duties"]):
        assert text in plan
    assert f'<span lang="nb" dir="ltr">{NEW["measures"]}</span>' in plan
    assert f'<span lang="nb" dir="ltr">{NEW["wheel"]}</span>' in plan
    assert '<dd class="prose" lang="nb" dir="ltr">' in plan and '<div class="prose" lang="nb" dir="ltr">' in plan
    assert plan.count(NOTE[lang]) >= 4  # purpose, wheel, measures, duties
    assert f'<span lang="nb" dir="ltr">{NEW["wheel"]}</span>' in page  # coming up
    who = page.split('id="who-heading"', 1)[1].split("</section>", 1)[0]
    assert '<div class="prose" lang="nb" dir="ltr"><p>Rektor leder' in who and "fallback-note" in who
    assert f'<span lang="nb" dir="ltr">{NEW["wheel"]}</span>' in wheel
    for old in OLD[lang]:
        assert old not in plan and old not in page and old not in wheel


def test_readers_of_bokmal_get_the_text_without_a_note(client, rewritten):
    plan, page, wheel = _public_texts(client, rewritten, "nb")
    assert NEW["wheel"] in plan and NEW["wheel"] in page and NEW["wheel"] in wheel
    assert 'class="fallback-note"' not in plan + page + wheel
    assert 'lang="nb"' not in plan.split("<main", 1)[1]


def test_untouched_translations_are_still_shown(client, rewritten):
    """Only what changed falls back: the English section titles were never outdated."""
    plan = client.get(f"/{rewritten.slug}/plan?lang=en").get_data(as_text=True)
    assert '<h2 id="wheel-title">Annual wheel</h2>' in plan
    assert '<h2 id="measures-title">Measures</h2>' in plan


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_pdf_shows_the_current_text_in_every_language(client, rewritten, lang, tmp_path):
    text = pdf_text(client.get(f"/{rewritten.slug}/plan.pdf?lang={lang}").data, tmp_path)
    for new in (NEW["purpose"], NEW["wheel"], NEW["measures"], NEW["duties"]):
        assert new in text
    for old in OLD.get(lang, []):
        assert old not in text
    assert (NOTE[lang] in text) if lang in NOTE else ("Dette er ikke oversatt" not in text)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_calendar_feeds_give_the_current_activity_with_its_language(client, rewritten, world, lang, db, login):
    public = Calendar.from_ical(client.get(f"/{rewritten.slug}/calendar.ics?lang={lang}").data)
    events = public.walk("VEVENT")
    assert events and all(str(event["SUMMARY"]) == NEW["wheel"] for event in events)
    if lang == "nb":
        assert all("LANGUAGE" not in event["SUMMARY"].params for event in events)
    else:
        assert all(event["SUMMARY"].params["LANGUAGE"] == "nb" for event in events)
        assert all(NOTE[lang] in str(event["DESCRIPTION"]) for event in events)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_staff_reader_and_dashboard_show_the_current_routine_step_and_activity(
    client, rewritten, world, login, lang
):
    login(world.users["staff"])
    reader = client.get(f"/app/schools/{rewritten.slug}/plan/read?lang={lang}").get_data(as_text=True)
    dashboard = client.get(f"/app/?lang={lang}").get_data(as_text=True)
    assert NEW["routine_intoxicated"] in reader and NEW["wheel"] in dashboard
    for old in OLD.get(lang, []):
        assert old not in reader and old not in dashboard
    if lang == "nb":
        assert '<div class="prose"><p>Ring foresatte' in reader and NOTE["en"] not in reader
    else:
        assert '<div class="prose" lang="nb" dir="ltr"><p>Ring foresatte' in reader and NOTE[lang] in reader
        assert f'<span lang="nb" dir="ltr">{NEW["wheel"]}</span>' in dashboard


def test_the_private_feed_shows_the_current_activity(client, rewritten, world, login):
    login(world.users["staff"])
    client.post(f"/app/schools/{rewritten.slug}/calendar-feed")
    from intranet.calendar.feeds import create_feed
    from intranet.extensions import db

    token = create_feed(db.session.get(User, world.users["staff"].id), rewritten)
    db.session.commit()
    private = Calendar.from_ical(client.get(f"/{rewritten.slug}/calendar/{token}.ics?lang=en").data)
    summaries = {str(event["SUMMARY"]) for event in private.walk("VEVENT")}
    assert summaries == {NEW["wheel"]}


def test_a_new_translation_is_shown_again(client, rewritten, world, db, login):
    login(world.users["school_admin"])
    wheel = section(db, rewritten, "wheel")
    save(client, rewritten, wheel, "en", {(0, "title"): "Parents' meeting about drugs in October"})
    db.session.expire_all()
    ops.publish_plan(ops.school_plan(rewritten), db.session.get(User, world.users["school_admin"].id), "en")
    db.session.commit()
    client.get("/logout")
    plan = client.get(f"/{rewritten.slug}/plan?lang=en").get_data(as_text=True)
    assert "<strong>Parents&#39; meeting about drugs in October</strong>" in plan
    assert NEW["wheel"] not in plan
