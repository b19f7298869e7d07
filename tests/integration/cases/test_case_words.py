"""What a person reads on a case page and in its PDF record, in nb, nn and en: dates as people in Norway
write them, steps and answers by their labels (never a choice's key or an event's code), a school's own
role by its name, and no answer split from its question."""

import html
import re
import subprocess
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from intranet.auth.models import User
from intranet.cases import operations as ops
from intranet.cases.models import Answer, Case, CaseEvent
from intranet.contacts.models import ContactPerson, FunctionRole
from intranet.formsadmin import operations as form_ops

CHECKLIST = {
    "key": "intoxicated",
    "kind": "checklist",
    "default_language": "nb",
    "title": {"nb": "Ruspåvirket elev", "nn": "Ruspåverka elev", "en": "Intoxicated student"},
    "fields": [
        {
            "key": "age",
            "type": "single_choice",
            "label": {"nb": "Elevens alder", "nn": "Eleven sin alder", "en": "Student's age"},
            "choices": [
                {"key": "under_18", "label": {"nb": "Under 18 år", "nn": "Under 18 år", "en": "Under 18"}},
                {"key": "adult", "label": {"nb": "18 eller eldre", "nn": "18 eller eldre", "en": "18 or older"}},
            ],
        },
        {
            "key": "sent_home",
            "type": "yes_no",
            "label": {"nb": "Sendt hjem", "nn": "Sendt heim", "en": "Sent home"},
        },
        {
            "key": "meeting_on",
            "type": "date",
            "label": {"nb": "Møtedato", "nn": "Møtedato", "en": "Meeting date"},
        },
        {
            "key": "called_by",
            "type": "contact",
            "label": {"nb": "Ringt av", "nn": "Ringt av", "en": "Called by"},
        },
        {
            "key": "talk",
            "type": "check",
            "label": {"nb": "Samtale med eleven", "nn": "Samtale med eleven", "en": "Talk with the student"},
            "role": "miljoarbeider",
        },
    ],
}

OPENED = datetime(2026, 12, 4, 14, 46, tzinfo=UTC)  # 15:46 in Oslo

# language → (the opening time as a reader there writes it, the date answer, the words a timeline shows)
EXPECTED = {
    "en": ("4 Dec 2026, 15:46", "8 January 2027", ["Student's age”: Under 18", "Sent home”: Yes", "Miljøarbeider"]),
    "nb": ("4. des. 2026, 15:46", "8. januar 2027", ["alder»: Under 18 år", "Sendt hjem»: Ja", "Miljøarbeider"]),
    "nn": ("4. des. 2026, 15:46", "8. januar 2027", ["sin alder»: Under 18 år", "Sendt heim»: Ja", "Miljøarbeidar"]),
}


@pytest.fixture
def answered_case(world, db):
    """A case opened at 15:46 Oslo time whose staff member answered every kind of step; the school has
    its own role "miljoarbeider", named in nb and nn only."""
    name = {"nb": "Miljøarbeider", "nn": "Miljøarbeidar"}
    db.session.add(FunctionRole(school_id=world.school.id, key="miljoarbeider", name=name))
    contact = ContactPerson(school_id=world.school.id, name="Kari Kontakt", phone="91 23 45 67", position=0)
    db.session.add(contact)
    db.session.flush()
    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.import_form(world.school, CHECKLIST, user=rector)
    form_ops.publish(form, note="First", user=rector)
    staff = db.session.get(User, world.users["staff"].id)
    case = ops.open_case(world.school, form.latest, user=staff)
    run = case.runs[0]
    for key, value in (("age", "under_18"), ("sent_home", True), ("meeting_on", "2027-01-08"), ("talk", True)):
        ops.answer_field(run, key, value, user=staff)
    for key, value in (("called_by", f"person:{contact.id}"),):
        ops.answer_field(run, key, value, user=staff)
    db.session.execute(update(Case).where(Case.id == case.id).values(opened_at=OPENED))
    db.session.execute(update(CaseEvent).where(CaseEvent.case_id == case.id).values(at=OPENED))
    db.session.execute(update(Answer).where(Answer.run_id == run.id).values(answered_at=OPENED))
    db.session.commit()
    return case


def plain(text: str) -> str:
    """Text as read: entities decoded, Babel's narrow and no-break spaces and a PDF's line breaks as spaces."""
    return re.sub(r"\s+", " ", html.unescape(text).replace("\u202f", " ").replace("\u00a0", " "))


def pdf_text(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["en", "nb", "nn"])
def test_the_case_page_writes_dates_day_first_with_a_24_hour_clock_and_answers_by_their_labels(
    client, world, login, answered_case, lang
):
    login(world.users["staff"])
    response = client.get(f"/app/schools/{world.school.slug}/cases/{answered_case.id}?lang={lang}")
    page = plain(re.sub(r"<[^>]*>", " ", response.get_data(as_text=True)))  # the text a person reads
    opened, meeting, words = EXPECTED[lang]
    assert opened in page and meeting in page
    for text in words:
        assert text in page
    assert "PM" not in page and "12/4/26" not in page
    assert "under_18" not in page and "miljoarbeider" not in page


@pytest.mark.parametrize("lang", ["en", "nb", "nn"])
def test_the_pdf_record_names_every_event_step_and_answer_in_the_readers_language(
    client, world, login, db, answered_case, lang, tmp_path
):
    login(world.users["staff"])
    ops.close_case(db.session.get(Case, answered_case.id), note="Fulgt opp", user=world.users["staff"])
    db.session.commit()
    response = client.get(f"/app/schools/{world.school.slug}/cases/{answered_case.id}/record.pdf?lang={lang}")
    text = plain(pdf_text(response.data, tmp_path))
    opened, meeting, words = EXPECTED[lang]
    assert opened in text and meeting in text
    for fragment in words[:2]:
        assert fragment in text
    assert "2027-01-08" not in text
    assert "Kari Kontakt" in text and "person:" not in text
    for code in ("under_18", "checklist_started", "answered ", "opened ", "viewed", "exported "):
        assert code not in text.replace("answered “", "").replace("opened the case", "").replace(
            "exported the record", ""
        )
    assert "Sent home”: done" not in text and "Sendt hjem»: Utført" not in text


@pytest.mark.parametrize("lang", ["en", "nb", "nn"])
def test_a_schools_own_role_is_named_on_every_page_and_fragment_that_shows_a_step(
    client, world, login, db, answered_case, lang
):
    """The case page, the fragment a tick swaps in, and the builder's list and preview of the checklist."""
    login(world.users["school_admin"])
    case_url = f"/app/schools/{world.school.slug}/cases/{answered_case.id}"
    run = answered_case.runs[0]
    page = client.get(f"{case_url}?lang={lang}").get_data(as_text=True)
    seen = re.search(r'name="seen" value="(\d+)"', page).group(1)
    fragment = client.post(
        f"{case_url}/runs/{run.id}/fields/talk?lang={lang}", data={"seen": seen}, headers={"HX-Request": "true"}
    )
    form_id = run.form_version.form_id
    builder = client.get(f"/app/schools/{world.school.slug}/forms/{form_id}?lang={lang}")
    preview = client.get(f"/app/schools/{world.school.slug}/forms/{form_id}/preview?lang={lang}")
    name = EXPECTED[lang][2][2]
    for response in (fragment, builder, preview):
        text = plain(re.sub(r"<[^>]*>", " ", response.get_data(as_text=True)))
        assert name in text and "miljoarbeider" not in text, response.request.path


def test_no_step_of_the_pdf_record_is_split_from_its_answer_by_a_page_break(client, world, login, db, tmp_path):
    """Forty steps with long labels and notes fill several pages; each step's label and the end of its
    answer's note are on the same page."""
    steps = [
        {
            "key": f"step_{n}",
            "type": "check",
            "label": {"nb": f"Steg {n}: " + "sørg for at eleven er trygg og ikke alene " * 3},
        }
        for n in range(40)
    ]
    definition = {"key": "long", "kind": "checklist", "default_language": "nb", "title": {"nb": "Lang"}}
    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.import_form(world.school, definition | {"fields": steps}, user=rector)
    form_ops.publish(form, note="First", user=rector)
    case = ops.open_case(world.school, form.latest, user=rector)
    for n in range(40):
        ops.answer_field(case.runs[0], f"step_{n}", True, user=rector)
        ops.note_field(
            case.runs[0],
            f"step_{n}",
            f"Merknad {n}: " + "skrevet ned med klokkeslett og navn " * 6 + f"(slutt {n})",
            user=rector,
        )
    ops.close_case(case, note="Ferdig", user=rector)
    db.session.commit()
    login(rector)
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(client.get(f"/app/schools/{world.school.slug}/cases/{case.id}/record.pdf?lang=nb").data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("Tidslinje")[0].split("\f")  # the steps' table, page by page (not the timeline)
    assert len([page for page in pages if page.strip()]) >= 3
    for n in range(40):
        with_label = {i for i, page in enumerate(pages) if f"Steg {n}:" in page}
        with_note = {i for i, page in enumerate(pages) if f"(slutt {n})" in page}
        assert len(with_label) == 1 and with_label == with_note, f"step {n}: label on {with_label}, note on {with_note}"
