"""A checklist started twice on one case (a second incident) gives two sections whose headings, and so whose
landmark names, differ by when each was started (axe: landmark-unique), on the case page and in the PDF
record; a checklist started once says nothing more."""

import re

import flask

from intranet.auth.models import User
from intranet.cases import operations as ops
from intranet.db import utcnow

from .test_checklist_language_of_parts import MIXED, publish


def headings(page: str) -> list[str]:
    """The text of each run's heading, tags left out."""
    found = re.findall(r'<h2 id="run-\d+-heading">(.*?)</h2>', page, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", h)).strip() for h in found]


def test_two_runs_of_one_checklist_have_different_headings(app, client, world, login, db):
    form = publish(world, db, MIXED)
    staff = db.session.get(User, world.users["staff"].id)
    case = ops.open_case(world.school, form.latest, user=staff)
    db.session.commit()
    login(world.users["staff"])
    url = f"/app/schools/{world.school.slug}/cases/{case.id}?lang=en"
    assert headings(client.get(url).get_data(as_text=True)) == ["Intoxicated student version 1"]
    ops.start_run(case, form.latest, user=staff)
    case.runs[0].started_at = utcnow().replace(hour=9, minute=5)  # an hour apart, in UTC
    case.runs[1].started_at = utcnow().replace(hour=10, minute=5)
    db.session.commit()
    first, second = headings(client.get(url).get_data(as_text=True))
    assert first.startswith("Intoxicated student version 1 started ") and first.endswith(", 10:05")  # Oslo time
    assert second.endswith(", 11:05") and first != second
    ops.close_case(case, note="Done", user=staff)
    db.session.commit()
    rendered = []

    def keep(sender, template, context, **extra):
        if template.name == "cases/record_pdf.html":
            rendered.append(template.render(context))

    with flask.template_rendered.connected_to(keep, app):
        client.get(f"/app/schools/{world.school.slug}/cases/{case.id}/record.pdf?lang=en")
    titles = re.findall(r"<h2>(.*?)</h2>", rendered[0])
    assert titles[0].startswith("Intoxicated student (version 1, started ") and titles[0].endswith(", 10:05)")
    assert titles[1].endswith(", 11:05)")
