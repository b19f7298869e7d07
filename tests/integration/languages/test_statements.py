"""The school administrator's choice of public languages, the municipality's accessibility settings, and the
public statements built from them (issue 19)."""

import re

from intranet.extensions import db
from intranet.schools.models import Organisation, School


def test_school_admin_chooses_the_public_languages_in_the_sites_order(client, world, login):
    login(world.users["school_admin"])
    page = client.post(
        f"/app/schools/{world.school.slug}/languages",
        data={"languages": ["ti", "nb", "ar"], "default_language": "nb"},
    )
    assert page.status_code == 302
    db.session.expire_all()
    assert db.session.get(School, world.school.id).languages == "nb,ar,ti"
    assert 'lang="ti"' in client.get(f"/{world.school.slug}/?lang=ti").get_data(as_text=True)[:80]


def test_default_language_outside_the_choice_is_refused_and_the_ticks_are_kept(client, world, login):
    login(world.users["school_admin"])
    page = client.post(
        f"/app/schools/{world.school.slug}/languages?lang=en",
        data={"languages": ["ar", "so"], "default_language": "nb"},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "The default language must be one of the chosen languages." in html
    ticked = re.findall(r'<input checked[^>]*value="(\w+)"|<input[^>]*value="(\w+)"[^>]*checked', html)
    assert sorted("".join(pair) for pair in ticked) == ["ar", "so"]
    db.session.expire_all()
    assert db.session.get(School, world.school.id).languages == "nb,nn,en"


def test_nothing_chosen_is_refused(client, world, login):
    login(world.users["school_admin"])
    page = client.post(f"/app/schools/{world.school.slug}/languages?lang=en", data={"default_language": "nb"})
    assert page.status_code == 400
    assert "Choose at least one language." in page.get_data(as_text=True)


def test_accessibility_statement_shows_the_municipalitys_address_and_uustatus_link(client, world, login):
    login(world.users["org_admin"])
    saved = client.post(
        f"/app/organisations/{world.org.slug}/accessibility",
        data={"accessibility_email": " uu@testvik.kommune.no ", "uustatus_url": "https://uustatus.no/nb/erklaringer/1"},
    )
    assert saved.status_code == 302
    statement = client.get("/uu-statement?lang=en").get_data(as_text=True)
    assert 'href="mailto:uu@testvik.kommune.no"' in statement
    assert 'href="https://uustatus.no/nb/erklaringer/1"' in statement
    assert "WCAG 2.1" in statement and "Last checked: 5 December 2026." in statement
    assert "Known deviations" in statement


def test_a_uustatus_link_elsewhere_is_refused_with_what_was_typed_kept(client, world, login):
    login(world.users["org_admin"])
    page = client.post(
        f"/app/organisations/{world.org.slug}/accessibility?lang=en",
        data={"accessibility_email": "uu@testvik.kommune.no", "uustatus_url": "https://example.com/erklaering"},
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "Enter an address on https://uustatus.no/." in html and 'value="https://example.com/erklaering"' in html
    db.session.expire_all()
    assert db.session.get(Organisation, world.org.id).uustatus_url is None


def test_language_statement_lists_which_catalogs_a_native_speaker_reviewed(client, world):
    page = client.get("/languages?lang=en").get_data(as_text=True)
    assert page.count("No: a first translation, not yet checked by a native speaker") == 9
    for name in ("Українська", "العربية", "ትግርኛ", "Davvisámegiella"):
        assert f">{name}</span></th>" in page
    assert "barnevernet" in page and 'href="tel:116117"' in page


def test_every_public_page_links_the_statements_in_its_language(client, world):
    page = client.get(f"/{world.school.slug}/?lang=nn").get_data(as_text=True)
    assert 'href="/uu-statement?lang=nn"' in page and 'href="/languages?lang=nn"' in page


def test_statement_page_runs_a_fixed_number_of_queries(client, world, create_organisation, query_counter):
    client.get("/uu-statement")
    with query_counter() as one:
        client.get("/uu-statement")
    for number in range(3):
        create_organisation(name=f"Kommune {number}")
    with query_counter() as many:
        client.get("/uu-statement")
    assert many.count == one.count
