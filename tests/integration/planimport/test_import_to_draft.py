"""From an uploaded plan document to a reviewed draft of the school's plan (SQLite and PostgreSQL)."""

import io

import pytest
from sqlalchemy import func, select

from intranet.planimport.models import PlanImport
from intranet.plans.models import Plan, PlanRevision, PlanSection

from ...plan_documents import (
    ENGLISH,
    docx_bytes,
    markdown_text,
    odt_bytes,
    pdf_bytes,
    protected_pdf_bytes,
    scanned_pdf_bytes,
)


def import_url(world, rest=""):
    return f"/app/schools/{world.school.slug}/plan/import/{rest}"


def upload(client, world, name, data, language="nb", lang="nb"):
    return client.post(
        import_url(world) + f"?lang={lang}",
        data={"document": (io.BytesIO(data), name), "language": language},
        content_type="multipart/form-data",
    )


def kept_everything(proposal) -> dict:
    """The review form as shown: every item kept with its proposed roles, every section where proposed."""
    form = {}
    for section in proposal["sections"]:
        form[f"target-{section['id']}"] = section["target"]
        for item in section["items"]:
            form[f"keep-{item['id']}"] = "1"
            form[f"roles-{item['id']}"] = item["roles"]
    return form


def sections_of(db, world) -> dict[str, PlanSection]:
    db.session.expire_all()
    plan = db.session.scalar(select(Plan).where(Plan.school_id == world.school.id))
    return {section.key: section for section in plan.sections}


def the_import(db) -> PlanImport:
    db.session.expire_all()
    return db.session.scalar(select(PlanImport))


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("plan.docx", docx_bytes),
        ("plan.odt", odt_bytes),
        ("plan.pdf", pdf_bytes),
        ("plan.md", lambda: markdown_text().encode()),
    ],
)
def test_a_plan_document_becomes_a_reviewed_draft_and_is_not_published(
    client, world, published_plan, login, db, name, make
):
    login(world.users["school_admin"])
    before = {key: section.content() for key, section in sections_of(db, world).items()}
    response = upload(client, world, name, make())
    assert response.status_code == 302
    row = the_import(db)
    assert response.headers["Location"].endswith(f"/plan/import/{row.token}")

    page = client.get(import_url(world, row.token) + "?lang=en").get_data(as_text=True)
    assert "Foreldremøte for 8. trinn om rus og gruppepress" in page  # the document's text, beside the proposal
    assert [entry["text"] for entry in row.proposal["unplaced"]] == ["Datoene kommer i eget skriv"]
    assert "Not placed" in page and page.count("Datoene kommer i eget skriv") == 2  # in the document, and unplaced
    assert {key: section.content() for key, section in sections_of(db, world).items()} == before  # nothing yet

    response = client.post(import_url(world, row.token), data=kept_everything(row.proposal))
    assert response.status_code == 302
    sections = sections_of(db, world)
    wheel = next(s for s in sections.values() if s.kind == "annual_wheel")
    assert [(a["title"]["nb"], a["months"], a["roles"], a["audience"]) for a in wheel.data["items"]] == [
        ("Foreldremøte for 8. trinn om rus og gruppepress", [8], ["contact_teacher"], "8. trinn"),
        ("Temadag om alkohol for Vg1", [9], ["school_nurse", "social_counsellor"], "Vg1"),
        ("Evaluering av planen sammen med elevrådet", [3], ["rector"], ""),
    ]
    routine = next(s for s in sections.values() if s.kind == "routine" and s.source_key is None)
    assert [(step["roles"], step["when"]["nb"]) for step in routine.data["items"]] == [
        (["contact_teacher"], "samme dag"),
        (["department_head"], "innen 3 dager"),  # the step is the head of department's; the guardians are called
        (["social_worker"], ""),
    ]
    contacts = next(s for s in sections.values() if s.kind == "contacts")
    assert [(c["name"]["nb"], c["phone"], c["roles"]) for c in contacts.data["items"]] == [
        ("Kari Nordmann", "91 23 45 67", ["school_nurse"]),
        ("Ola Hansen", "", ["social_counsellor"]),
        ("Politiet", "02800", ["police_contact"]),
        ("Legevakt", "116 117", []),
    ]
    assert contacts.data["items"][1]["note"]["nb"] == "ola.hansen@eikeli.example.no"
    # "Tiltak per trinn" means the template's measures: the document's measures replace the template's
    assert [(m["audience"], m["title"]["nb"][:9]) for m in sections["measures"].data["items"]] == [
        ("8. trinn", "Samtaler "),
        ("9. trinn", "Besøk fra"),
    ]
    assert sections["purpose"].body["nb"] == "Skolen skal ha et trygt miljø der ingen går alene med bekymringene sine."
    assert sections["purpose"].body["en"] == before["purpose"]["body"]["en"]  # other languages are kept
    assert all(s.updated_by_id == world.users["school_admin"].id for s in sections.values() if s.source_key is None)
    assert db.session.scalar(select(func.count()).select_from(PlanRevision)) == 1  # still only the old revision
    assert the_import(db) is None  # the proposal is gone once written


def test_the_reviewer_moves_drops_and_changes_roles_before_anything_is_written(
    client, world, published_plan, login, db
):
    login(world.users["school_admin"])
    upload(client, world, "plan.md", markdown_text().encode())
    row = the_import(db)
    form = kept_everything(row.proposal)
    by_title = {section["title"]: section for section in row.proposal["sections"]}
    wheel, routine, contacts = by_title["Årshjul"], by_title["Rutiner ved mistanke"], by_title["Kontakter"]
    form[f"target-{routine['id']}"] = "routine_intoxicated"  # another section than proposed
    form[f"target-{contacts['id']}"] = "drop"
    del form[f"keep-{wheel['items'][2]['id']}"]  # one activity left out
    form[f"roles-{wheel['items'][0]['id']}"] = ["rector", "no_such_role"]  # a role changed; an unknown one ignored
    form[f"place-{row.proposal['unplaced'][0]['id']}"] = wheel["id"]  # the unplaced line goes with the wheel
    assert client.post(import_url(world, row.token), data=form).status_code == 302

    sections = sections_of(db, world)
    assert not any(s.kind == "contacts" for s in sections.values())
    assert [step["roles"] for step in sections["routine_intoxicated"].data["items"]][0] == ["contact_teacher"]
    assert sections["routine_intoxicated"].data["situation"] == "intoxicated"  # what the section held besides items
    wheel_section = next(s for s in sections.values() if s.kind == "annual_wheel")
    assert [a["roles"] for a in wheel_section.data["items"]] == [["rector"], ["school_nurse", "social_counsellor"]]
    assert "Datoene kommer i eget skriv" in wheel_section.body["nb"]


def test_without_a_plan_the_import_creates_it_from_the_template_as_a_draft(client, world, template, login, db):
    login(world.users["school_admin"])
    upload(client, world, "plan.docx", docx_bytes())
    row = the_import(db)
    assert client.post(import_url(world, row.token), data=kept_everything(row.proposal)).status_code == 302
    sections = sections_of(db, world)
    assert {"purpose", "routine_intoxicated", "measures"} <= set(sections)
    assert db.session.scalar(select(func.count()).select_from(PlanRevision)) == 0


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("scan.pdf", scanned_pdf_bytes, "Fant ingen tekst: denne PDF-en er skannet"),
        ("secret.pdf", protected_pdf_bytes, "Filen er beskyttet med passord"),
        ("plan.rtf", lambda: b"{\\rtf1 Rutiner}", "Denne filtypen kan ikke importeres"),
        ("fake.docx", lambda: b"not a zip at all", "Denne filtypen kan ikke importeres"),
        ("empty.txt", lambda: b"  \n\n", "Filen er tom"),
        ("plan.docx", lambda: docx_bytes(ENGLISH), "ser ut til å være skrevet på engelsk, ikke på norsk bokmål"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_kept(
    client, world, published_plan, login, db, name, make, message
):
    login(world.users["school_admin"])
    response = upload(client, world, name, make())
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert the_import(db) is None


def test_a_file_over_the_limit_is_refused_in_the_users_language(
    app, client, world, published_plan, login, db, monkeypatch
):
    monkeypatch.setitem(app.config, "PLAN_IMPORT_MAX_BYTES", 1024 * 1024)
    login(world.users["school_admin"])
    just_over = upload(client, world, "plan.md", b"# Plan\n\n" + b"tekst " * 180_000, lang="nn")
    assert just_over.status_code == 400
    assert "Fila er for stor: høgst 1 MB kan importerast." in just_over.get_data(as_text=True)
    far_over = upload(client, world, "plan.md", b"# Plan\n\n" + b"tekst " * 400_000, lang="nn")
    assert far_over.status_code == 413  # refused before it is read, with the same message on the upload page
    assert "Fila er for stor: høgst 1 MB kan importerast." in far_over.get_data(as_text=True)
    assert the_import(db) is None


def test_the_document_in_english_imports_when_english_is_chosen(client, world, published_plan, login, db):
    login(world.users["school_admin"])
    assert upload(client, world, "plan.docx", docx_bytes(ENGLISH), language="en").status_code == 302
    assert the_import(db).language == "en"


def test_only_the_uploader_sees_the_proposal_and_discarding_writes_nothing(
    client, world, published_plan, login, db, create_user
):
    from intranet.auth.models import Role

    login(world.users["school_admin"])
    upload(client, world, "plan.md", markdown_text().encode())
    token = the_import(db).token
    colleague = create_user(Role.SCHOOL_ADMIN, school=world.school, email="rektor2@example.no", name="Rune Rektor")
    login(colleague)
    assert client.get(import_url(world, token)).status_code == 404
    login(world.users["school_admin"])
    before = {key: section.content() for key, section in sections_of(db, world).items()}
    assert client.post(import_url(world, f"{token}/discard")).status_code == 302
    assert the_import(db) is None
    assert {key: section.content() for key, section in sections_of(db, world).items()} == before


@pytest.mark.parametrize("who", ["staff", "org_admin", "staff_other_school"])
def test_only_the_schools_administrators_import(client, world, published_plan, login, db, who):
    login(world.users[who])
    assert client.get(import_url(world)).status_code in (403, 404)
    assert upload(client, world, "plan.md", markdown_text().encode()).status_code in (403, 404)
    assert the_import(db) is None


def test_the_review_page_takes_the_same_queries_however_long_the_document(
    client, world, published_plan, login, db, query_counter
):
    login(world.users["school_admin"])
    counts = []
    for parts in (1, 6):
        upload(client, world, "plan.md", (markdown_text() * parts).encode())
        row = the_import(db)
        with query_counter() as queries:
            assert client.get(import_url(world, row.token)).status_code == 200
        counts.append(queries.count)
        client.post(import_url(world, f"{row.token}/discard"))
    assert counts[0] == counts[1]
