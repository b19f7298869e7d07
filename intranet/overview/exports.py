"""The plan-status table as CSV (for spreadsheets) and as a PDF for the municipality's report."""

import csv
import io

from flask import render_template
from flask_babel import gettext as _

from ..dates import format_date
from ..public.documents import pdf_response


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def template_state(row) -> str:
    if row.template_behind is None:
        return _("No plan yet")
    return _("Behind") if row.template_behind else _("Current")


def checklist_text(row, titles: dict[int, str]) -> str:
    """ "Suspicion: version 2 (newest 3); ..." for the municipality's checklists the school has adopted."""
    parts = []
    for adopted in row.adopted:
        title = titles.get(adopted.form_id, "")
        if adopted.current or adopted.number is None:
            parts.append(_("%(title)s: version %(number)s", title=title, number=adopted.number or "–"))
        else:
            parts.append(
                _(
                    "%(title)s: version %(number)d (newest %(latest)d)",
                    title=title,
                    number=adopted.number,
                    latest=adopted.latest or 0,
                )
            )
    return "; ".join(parts)


def checklist_summary(row, titles: dict[int, str]) -> str:
    """ "6 of 8, 2 behind": the adopted checklists in a word, for the one-page PDF."""
    behind = sum(1 for adopted in row.adopted if not adopted.current)
    text = _("%(adopted)d of %(all)d", adopted=len(row.adopted), all=len(titles))
    return _("%(text)s, %(behind)d behind", text=text, behind=behind) if behind else text


def _day(value) -> str:
    return format_date(value, "short") if value else ""


def csv_rows(rows, titles, public_url):
    yield [
        _("School"),
        _("Published"),
        _("Revision"),
        _("Published on"),
        _("Template"),
        _("Last review"),
        _("Next review"),
        _("Contacts complete"),
        _("Checklists adopted"),
        _("Open cases"),
        _("Overdue steps"),
        _("Staff"),
        _("Public page"),
    ]
    for row in rows:
        yield [
            row.school.name,
            yes_no(row.published),
            row.revision or "",
            _day(row.published_at),
            template_state(row),
            _day(row.reviewed_on),
            _day(row.review_by),
            yes_no(row.contacts_complete),
            checklist_text(row, titles),
            row.open_cases,
            row.overdue,
            row.staff,
            public_url(row.school),
        ]


def csv_text(rows, titles, public_url) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in csv_rows(rows, titles, public_url):
        # a cell starting with = + - @ would be a formula in a spreadsheet: quote it as text
        writer.writerow(["'" + v if isinstance(v, str) and v and v[0] in "=+-@" else v for v in line])
    return "\ufeff" + out.getvalue()  # the BOM tells spreadsheet programs it is UTF-8


def pdf(organisation, rows, titles, public_url, today):
    html = render_template(
        "overview/status_pdf.html",
        organisation=organisation,
        rows=rows,
        titles=titles,
        public_url=public_url,
        today=today,
        template_state=template_state,
        checklist_summary=checklist_summary,
        yes_no=yes_no,
    )
    return pdf_response(html, f"{organisation.slug}-plan-status.pdf")
