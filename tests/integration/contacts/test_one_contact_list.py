"""One source of truth for contacts: the public page, the plan's contacts section (page, staff reader,
PDF) and the poster all show the school's contact persons and services, each person once with all their
roles; the routine shows the situation before the action; the Kjentmann is public as shipped."""

import re

import pytest

from intranet.contacts.models import ContactPerson, ContactRole, ExternalService
from intranet.contacts.roles import shipped_catalogue
from intranet.plans.models import PlanSection

from ..conftest import publish_with_sections
from .test_public_page import pdf_text

CONTACTS_SECTION = {
    "key": "contacts",
    "kind": "contacts",
    "public": True,
    "title": {"nb": "Kontakter", "en": "Contacts"},
    "body": {},
    "data": {
        "items": [  # as the shipped template has them: no numbers, a note on when to call each role
            {
                "id": "c1",
                "name": {"nb": "Rektor"},
                "roles": ["rector"],
                "phone": "",
                "note": {"nb": "Alvorlige hendelser"},
            },
            {"id": "c2", "name": {"nb": "Kjentmann"}, "roles": ["kjentmann"], "phone": "", "note": {"nb": "Åpen dør"}},
            {"id": "c3", "name": {"nb": "BUP"}, "phone": "55 55 55 55", "note": {"nb": "Typed twice"}},
            {"id": "c4", "name": {"nb": "Natteravnene"}, "phone": "94 00 00 00", "note": {"nb": "Fredagskveld"}},
        ]
    },
}


@pytest.fixture
def one_list(world, published_plan, contacts, db):
    """Lise holds two public roles; the plan has a contacts section with template rows and two numbers."""
    lise = ContactPerson(
        school_id=world.school.id,
        name="Lise Berg",
        title={"nb": "Sosialrådgiver"},
        phone="92 34 56 78",
        public=True,
        position=2,
        role_links=[ContactRole(role_key="social_counsellor"), ContactRole(role_key="kjentmann")],
    )
    db.session.add(lise)
    publish_with_sections(world, published_plan, CONTACTS_SECTION)
    return world


def test_the_kjentmann_is_public_as_shipped():
    assert shipped_catalogue().get("kjentmann").public


def test_a_person_with_two_roles_appears_once_with_both_on_the_public_page(client, one_list):
    page = client.get(f"/{one_list.school.slug}/?lang=nb").get_data(as_text=True)
    contact = page[page.index('id="contact-heading"') : page.index("</section>", page.index('id="contact-heading"'))]
    assert contact.count("Lise Berg") == 1
    assert re.search(r"Lise Berg.*Sosialrådgiver, Kjentmann", contact, re.S)
    assert contact.count('href="tel:+4792345678"') == 1


def test_the_plans_contacts_section_shows_the_contact_list_and_never_empty_template_rows(client, one_list, tmp_path):
    for path in (f"/{one_list.school.slug}/plan?lang=nb",):
        page = client.get(path).get_data(as_text=True)
        section = page[page.index('id="contacts"') :].split("</section>")[0]
        assert "Rita Rektor" in section and 'href="tel:+4791234567"' in section
        assert "Rektor: Alvorlige hendelser" in section  # the template row's note, at the person holding it
        assert "Kjentmann: Åpen dør" in section and section.count("Lise Berg") == 1
        assert "Politiet" in section and 'href="tel:02800"' in section  # the municipality's service
        assert "Typed twice" not in section  # the row repeats a service's number
        assert "Natteravnene" in section and 'href="tel:+4794000000"' in section  # a number the list lacks
        assert not re.search(r"<strong>Rektor</strong>", section)  # no empty template row
        assert "Hemmelig Person" not in section
    pdf = pdf_text(client.get(f"/{one_list.school.slug}/plan.pdf?lang=nb").data, tmp_path)
    assert "Rita Rektor" in pdf and "Lise Berg" in pdf and "Hemmelig Person" not in pdf


def test_staff_read_the_contacts_section_with_internal_people_too(client, one_list, login):
    login(one_list.users["staff"])
    page = client.get(f"/app/schools/{one_list.school.slug}/plan/read?lang=nb").get_data(as_text=True)
    section = page[page.index('id="contacts"') :].split("</section>")[0]
    assert "Hemmelig Person" in section and section.count("Lise Berg") == 1


def test_a_number_changed_in_the_contact_list_shows_in_the_published_plan_at_once(client, one_list, db):
    before = client.get(f"/{one_list.school.slug}/plan?lang=nb")  # kept by the public pages' cache
    assert 'href="tel:02800"' in before.get_data(as_text=True)
    service = db.session.get(ExternalService, one_list.org_service_id)
    service.phone = "02801"
    db.session.commit()
    page = client.get(f"/{one_list.school.slug}/plan?lang=nb").get_data(as_text=True)
    assert 'href="tel:02801"' in page and 'href="tel:02800"' not in page


def test_the_poster_names_each_person_once_with_all_their_roles(client, one_list, tmp_path):
    poster = pdf_text(client.get(f"/{one_list.school.slug}/poster.pdf?lang=nb").data, tmp_path)
    assert poster.count("Lise Berg") == 1 and "Sosialrådgiver, Kjentmann" in poster


def test_the_public_who_does_what_says_it_opens_and_keeps_its_disclosure_marker(client, world, published_plan, db):
    duties = {"roles": ["kjentmann"], "duties": {"nb": "Elevene kan komme til meg."}}
    section = {"key": "duties", "kind": "responsibilities", "public": True, "title": {"nb": "Ansvar"}, "body": {}}
    publish_with_sections(world, published_plan, {**section, "data": {"items": [{"id": "d1", **duties}]}})
    page = client.get(f"/{world.school.slug}/?lang=en").get_data(as_text=True)
    assert "Open a role to read its duties." in page
    assert re.search(r"<summary>Kjentmann[^<]*</summary>", page)  # public by default


def test_a_routine_shows_the_situation_before_the_action(client, world, published_plan, login):
    login(world.users["staff"])
    page = client.get(f"/app/schools/{world.school.slug}/plan/read?lang=en").get_data(as_text=True)
    assert page.index("At once") < page.index("Ensure safety.")


def test_the_contacts_section_editor_says_the_contact_list_is_shown_and_numbers_are_not_needed(
    client, one_list, login, db
):
    from sqlalchemy import select

    section_id = db.session.scalar(select(PlanSection.id).where(PlanSection.key == "contacts"))
    login(one_list.users["school_admin"])
    page = client.get(f"/app/schools/{one_list.school.slug}/plan/sections/{section_id}?lang=en")
    assert page.status_code == 200
    assert "nothing here needs their numbers" in page.get_data(as_text=True)
