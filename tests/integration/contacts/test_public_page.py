"""The school's public page, the front door, the poster, and "who does what"."""

import subprocess

import pytest
from sqlalchemy import select

from intranet.contacts.models import ContactPerson, ContactRole
from intranet.plans.models import PlanSection

SECRETS = ("Hemmelig Person", "92 00 00 01", "+4792000001", "hemmelig@example.no")


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_first_screen_answers_whom_to_contact_and_how(client, world, published_plan, contacts):
    page = client.get(f"/{world.school.slug}/?lang=en").get_data(as_text=True)
    assert page.index("In an emergency") < page.index("Whom to contact at the school")
    assert 'href="tel:113"' in page and 'href="tel:112"' in page
    assert "Rita Rektor" in page and 'href="tel:+4791234567"' in page and 'href="mailto:rita@example.no"' in page
    assert "Politiet" in page or "Police" in page
    assert 'href="tel:02800"' in page
    assert "Last updated" in page


def test_internal_contacts_never_reach_any_public_response(client, world, published_plan, contacts, tmp_path):
    for path in ("/", f"/{world.school.slug}/", f"/{world.school.slug}/plan", "/?q=Testvik"):
        for lang in ("nb", "nn", "en"):
            html = client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}").get_data(as_text=True)
            for secret in SECRETS:
                assert secret not in html, (path, lang, secret)
    poster = pdf_text(client.get(f"/{world.school.slug}/poster.pdf").data, tmp_path)
    assert not any(secret in poster for secret in SECRETS)


def test_staff_who_does_what_shows_internal_roles_and_routine_steps(client, world, published_plan, contacts, login):
    login(world.users["staff"])
    page = client.get(f"/app/schools/{world.school.slug}/who-does-what?lang=nb").get_data(as_text=True)
    assert "Hemmelig Person" in page  # internal contacts are for staff
    assert "Sørg for trygghet." in page  # the rector's step in the internal routine
    public = client.get(f"/{world.school.slug}/?lang=nb").get_data(as_text=True)
    assert "Sørg for trygghet." not in public


def test_staff_who_does_what_lists_the_published_checklist_steps_of_each_role(
    client, world, published_plan, contacts, school_form, login, db
):
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/who-does-what?lang=en"
    page = client.get(url).get_data(as_text=True)
    contact_teacher = page[page.index('id="role-contact_teacher"') :]
    assert "Call the guardians" in contact_teacher.split("</section>")[0]
    assert "Call the guardians" not in client.get(f"/{world.school.slug}/?lang=en").get_data(as_text=True)
    school_form.draft = {**school_form.draft, "fields": school_form.draft["fields"][:1]}
    db.session.commit()
    assert "Call the guardians" in client.get(url).get_data(as_text=True), "an unpublished draft changes nothing"


def test_a_school_hides_a_shared_service_and_adds_its_own(
    client, world, published_plan, contacts, login, create_school
):
    sister = create_school(world.org, slug="sosterskole")
    login(world.users["school_admin"])
    client.post(f"/app/schools/{world.school.slug}/services/{world.org_service_id}/visibility", data={"hidden": "1"})
    own_page = client.get(f"/{world.school.slug}/?lang=nb").get_data(as_text=True)
    assert "Politiet" not in own_page and "Ungdomsklubben" in own_page
    sister_page = client.get(f"/{sister.slug}/?lang=nb").get_data(as_text=True)
    assert "Politiet" in sister_page and "Ungdomsklubben" not in sister_page


def test_the_municipality_keeps_services_once_for_every_school(client, world, login, create_school, db):
    login(world.users["org_admin"])
    response = client.post(
        f"/app/organisations/{world.org.slug}/services/",
        data={"name_nb": "Rusteamet", "name_en": "Drug team", "phone": "55 44 33 22", "public": "y"},
    )
    assert response.status_code == 302
    for school in (world.school, world.other_school):
        assert 'href="tel:+4755443322"' in client.get(f"/{school.slug}/").get_data(as_text=True)
    assert 'href="tel:+4755443322"' not in client.get(f"/{world.far_school.slug}/").get_data(as_text=True)


def test_a_service_with_a_bad_phone_is_refused(client, world, login):
    login(world.users["org_admin"])
    response = client.post(
        f"/app/organisations/{world.org.slug}/services/?lang=en", data={"name_nb": "Legevakt", "phone": "11"}
    )
    assert response.status_code == 400
    assert "Enter a phone number someone can call" in response.get_data(as_text=True)


def test_public_page_revalidates_with_304(client, world, published_plan, contacts):
    first = client.get(f"/{world.school.slug}/?lang=nb")
    again = client.get(f"/{world.school.slug}/?lang=nb", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other_language = client.get(f"/{world.school.slug}/?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert other_language.status_code == 200


def test_the_etag_changes_when_a_contact_changes(client, world, published_plan, contacts, login):
    etag = client.get(f"/{world.school.slug}/?lang=nb").headers["ETag"]
    admin = client.application.test_client()
    login(world.users["school_admin"])
    client.post(
        f"/app/schools/{world.school.slug}/contacts/{world.contact_id}",
        data={"name": "Rita Rektor", "roles": ["rector"], "phone": "99 88 77 66", "public": "y"},
    )
    response = admin.get(f"/{world.school.slug}/?lang=nb", headers={"If-None-Match": etag})
    assert response.status_code == 200 and 'href="tel:+4799887766"' in response.get_data(as_text=True)


@pytest.mark.parametrize("extra", [0, 25])
def test_public_page_query_count_is_fixed(
    client, world, published_plan, contacts, db, query_counter, create_school, extra
):
    for number in range(extra):
        db.session.add(
            ContactPerson(
                school_id=world.school.id,
                name=f"Person {number}",
                public=True,
                position=10 + number,
                role_links=[ContactRole(role_key="school_nurse")],
            )
        )
        create_school(world.org, slug=f"ekstra-{number}")
    db.session.commit()
    path = f"/{world.school.slug}/"
    with query_counter() as counter:
        first = client.get(path)
    assert first.status_code == 200
    # school, revision, roles, contacts with their roles, services, hidden services
    assert counter.count == 6, counter.statements
    with query_counter() as counter:
        again = client.get(path)
    assert again.status_code == 200 and again.data == first.data
    assert counter.statements == []  # from memory, after reading the stamp on the cache's own connection


def test_front_door_filters_schools_by_name(client, world):
    page = client.get("/?q=andre&lang=en").get_data(as_text=True)
    assert "Andreby skole" in page and "Testvik ungdomsskole" not in page
    assert "1 school matches “andre”." in page
    assert "Testvik ungdomsskole" in client.get("/").get_data(as_text=True)


def test_poster_is_an_a4_pdf_with_the_school_three_contacts_and_the_address(client, world, contacts, db, tmp_path):
    for number in range(3):
        db.session.add(
            ContactPerson(
                school_id=world.school.id,
                name=f"Person {number}",
                phone="93 00 00 0" + str(number),
                public=True,
                position=2 + number,
                role_links=[ContactRole(role_key="school_nurse")],
            )
        )
    db.session.commit()
    response = client.get(f"/{world.school.slug}/poster.pdf?lang=nb")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    text = pdf_text(response.data, tmp_path)
    assert world.school.name in text and "Rita Rektor" in text and "Person 0" in text and "Person 1" in text
    assert "Person 2" not in text  # three contacts at most
    assert f"http://intranet.test/{world.school.slug}/" in text
    info = subprocess.run(["pdfinfo", "-"], input=response.data, capture_output=True).stdout.decode()
    assert "595.276 x 841.89 pts (A4)" in info


def test_completeness_lists_what_is_missing(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    db.session.add(
        ContactPerson(
            school_id=world.school.id,
            name="Uten Nummer",
            public=True,
            position=0,
            role_links=[ContactRole(role_key="school_nurse")],
        )
    )
    purpose = db.session.scalar(select(PlanSection).where(PlanSection.key == "purpose"))
    purpose.title = {"nb": "Formål"}
    db.session.commit()
    page = client.get("/app/?lang=en").get_data(as_text=True)
    assert "Roles in the plan with no person: Rector." in page
    assert "Public contacts without phone or email: Uten Nummer." in page
    assert "“Formål” is not translated into:" in page
