"""The PDF record marks a checklist's text shown in another language than the record's (WCAG 3.1.2): the
HTML WeasyPrint lays out has `lang` on the bokmål title, step, answer and timeline entry of an English
record, and none on the English ones; the access code (Norwegian law's words) is marked in an English
record and not in a bokmål one."""

import flask

from intranet.cases import operations as ops
from intranet.cases.models import Case

from .test_checklist_language_of_parts import marked, open_case


def record_html(app, client, world, db, login, lang) -> str:
    """The HTML of the closed case's record in `lang`, as it goes to WeasyPrint."""
    case, _mixed, _other = open_case(world, db)
    ops.close_case(
        db.session.get(Case, case.id), note="Fulgt opp", user=world.users["staff"]
    )  # a record is of a closed case
    db.session.commit()
    login(world.users["staff"])
    rendered = []

    def keep(sender, template, context, **extra):
        if template.name == "cases/record_pdf.html":
            rendered.append(template.render(context))

    with flask.template_rendered.connected_to(keep, app):
        response = client.get(f"/app/schools/{world.school.slug}/cases/{case.id}/record.pdf?lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    (html,) = rendered
    return html


def test_the_english_record_marks_bokmaal_only_text(app, client, world, login, db):
    html = record_html(app, client, world, db, login, "en")
    for text in ("Oppfølging etter rus", "Varsle politiet", "Møte innen tre dager"):
        assert f"<td>{marked(text)}" in html or f"<h2>{marked(text)}" in html, text
    assert f"<td>{marked('Under atten')}</td>" in html  # the answer
    assert f"answered “Age of the student”: {marked('Under atten')}" in html  # the timeline
    assert "<td>Call the guardians" in html and "<h2>Intoxicated student (" in html
    assert '<p class="meta" lang="nb" dir="ltr">Unntatt offentlighet, offl.' in html  # the law's words


def test_the_access_code_is_not_marked_in_a_bokmaal_record(app, client, world, login, db):
    html = record_html(app, client, world, db, login, "nb")
    assert '<p class="meta">Unntatt offentlighet, offl.' in html
