"""Parents read the published public sections, in their language, printable and as a PDF."""

import subprocess

import pytest
from sqlalchemy import select

from intranet.plans import operations as ops
from intranet.plans.models import PlanSection


def test_public_plan_shows_only_public_sections(client, world, published_plan):
    page = client.get(f"/{world.school.slug}/plan?lang=nb").get_data(as_text=True)
    assert "Formål" in page and "Foreldremøte" in page
    assert "Ruspåvirket elev" not in page and "Sørg for trygghet" not in page  # internal routine


def test_public_plan_in_the_chosen_language_with_a_note_where_untranslated(client, world, published_plan, db):
    rector = world.users["school_admin"]
    purpose = db.session.scalar(select(PlanSection).where(PlanSection.key == "purpose"))
    purpose.body = {"nb": "Bare på bokmål."}
    db.session.flush()
    ops.publish_plan(purpose.plan, db.session.merge(rector), "Bare bokmål")
    db.session.commit()
    page = client.get(f"/{world.school.slug}/plan?lang=en").get_data(as_text=True)
    assert "Purpose" in page  # translated title
    assert "Bare på bokmål." in page
    assert "not translated yet; it is shown in Norwegian Bokmål" in page
    assert 'lang="nb"' in page  # the fallback text is marked as Norwegian for screen readers


def test_public_plan_answers_304_when_nothing_changed(client, world, published_plan):
    first = client.get(f"/{world.school.slug}/plan?lang=nb")
    etag = first.headers["ETag"]
    again = client.get(f"/{world.school.slug}/plan?lang=nb", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_plan_pdf_is_a_real_pdf_with_the_school_revision_and_public_text(client, world, published_plan, tmp_path):
    response = client.get(f"/{world.school.slug}/plan.pdf?lang=nb")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert world.school.name in text and "Revisjon 1" in text
    assert "Formål" in text and "Foreldremøte" in text
    assert "Sørg for trygghet" not in text


def test_no_plan_yet_is_said_plainly(client, world):
    page = client.get(f"/{world.school.slug}/plan?lang=en")
    assert page.status_code == 200
    assert "has not published its plan yet" in page.get_data(as_text=True)
    assert client.get(f"/{world.school.slug}/plan.pdf").status_code == 404


def test_script_in_content_never_reaches_the_public_page(client, world, published_plan, db):
    purpose = db.session.scalar(select(PlanSection).where(PlanSection.key == "purpose"))
    purpose.body = {"nb": "<script>alert('x')</script> [klikk](javascript:alert(1)) <img src=x onerror=alert(1)>"}
    db.session.flush()
    ops.publish_plan(purpose.plan, db.session.merge(world.users["school_admin"]), "XSS")
    db.session.commit()
    page = client.get(f"/{world.school.slug}/plan?lang=nb").get_data(as_text=True)
    assert "<script>alert" not in page and 'href="javascript' not in page and "<img" not in page


@pytest.mark.parametrize("sections", [1, 30])
def test_public_plan_query_count_is_fixed(client, world, published_plan, db, query_counter, sections):
    plan = published_plan
    for number in range(sections):
        plan.sections.append(
            PlanSection(
                key=f"extra_{number}",
                kind="text",
                public=True,
                title={"nb": f"Ekstra {number}"},
                body={"nb": "Tekst"},
                data={},
                position=10 + number,
            )
        )
    db.session.flush()
    ops.publish_plan(db.session.merge(plan), db.session.merge(world.users["school_admin"]), "Flere")
    db.session.commit()
    path = f"/{world.school.slug}/plan"
    with query_counter() as counter:
        first = client.get(path)
    assert first.status_code == 200
    assert counter.count == 3  # the school, its role catalogue, and its latest revision
    with query_counter() as counter:
        again = client.get(path)
    assert again.data == first.data
    assert counter.statements == []  # from memory, after reading the stamp on the cache's own connection
