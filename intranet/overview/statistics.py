"""Anonymised statistics: cases opened per situation and term, and the share of steps done on time.

Every table is published through `suppression.suppress` and every share through `suppression.share`,
so no figure shown lets anyone work out a count below five. Schools with fewer than five cases in the
terms shown are one row together. A fixed number of statements, however many schools and cases.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from forms.text import localized

from ..cases.models import Case, ChecklistRun
from ..db import utcnow
from ..extensions import db
from ..formsadmin.models import FormDocument, FormVersion
from ..schools.models import School
from .steps import step_outcomes
from .suppression import K, Published, share, suppress, with_shared_totals
from .terms import term_name, term_of

TERMS_SHOWN = 6  # three school years


@dataclass
class Table:
    """A published two-way table: row names, term columns, the suppressed figures."""

    caption: str
    row_heading: str
    rows: list[str]
    terms: list[int]
    figures: Published

    @property
    def term_names(self) -> list[str]:
        return [term_name(term) for term in self.terms]


@dataclass
class Statistics:
    situations: Table
    schools: Table | None
    on_time: list[int | None]  # per term, a whole percentage or None (hidden)
    school_on_time: dict[str, int | None]  # per shown school row, over the terms shown


def _opened(organisation_id: int, school_id: int | None):
    """(school_id, situation key, term, cases): one statement. A case's situation is the checklist it was
    opened with (its first run)."""
    first = (
        select(ChecklistRun.case_id, func.min(ChecklistRun.id).label("run_id"))
        .join(Case, Case.id == ChecklistRun.case_id)
        .join(School, School.id == Case.school_id)
        .where(School.organisation_id == organisation_id)
        .group_by(ChecklistRun.case_id)
    )
    if school_id is not None:
        first = first.where(Case.school_id == school_id)
    first = first.subquery()
    term = term_of(Case.opened_at).label("term")
    query = (
        select(Case.school_id, FormDocument.key, term, func.count())
        .join(School, School.id == Case.school_id)
        .join(first, first.c.case_id == Case.id)
        .join(ChecklistRun, ChecklistRun.id == first.c.run_id)
        .join(FormVersion, FormVersion.id == ChecklistRun.form_version_id)
        .join(FormDocument, FormDocument.id == FormVersion.form_id)
        .where(School.organisation_id == organisation_id)
        .group_by(Case.school_id, FormDocument.key, term)
    )
    if school_id is not None:
        query = query.where(Case.school_id == school_id)
    return [(s, key, int(t), n) for s, key, t, n in db.session.execute(query)]


def situation_names(organisation_id: int, language: str) -> dict[str, str]:
    """Situation key → its checklist's title: the municipality's checklist of that key, else the first
    school's (one statement)."""
    first = select(func.min(FormDocument.id)).where(FormDocument.organisation_id == organisation_id)
    first = first.group_by(FormDocument.key).scalar_subquery()
    rows = db.session.execute(select(FormDocument.key, FormDocument.draft).where(FormDocument.id.in_(first)))
    return {key: localized(draft.get("title"), language, draft.get("default_language", "nb")) for key, draft in rows}


def _terms(opened) -> list[int]:
    return sorted({row[2] for row in opened})[-TERMS_SHOWN:]


def _situation_table(opened, terms, names) -> Table:
    keys = sorted({row[1] for row in opened if row[2] in terms}, key=lambda k: names.get(k, k))
    cells = [[0] * len(terms) for _ in keys]
    for _school, key, term, count in opened:
        if term in terms:
            cells[keys.index(key)][terms.index(term)] += count
    labels = [names.get(key) or _("Other checklist") for key in keys]
    return Table(_("Cases opened per situation and term"), _("Situation"), labels, terms, suppress(cells))


def _school_table(opened, terms, schools: dict[int, str]) -> tuple[Table, list[int | None]]:
    """Schools with K or more cases in the terms shown by name, the others as one row."""
    per_school: dict[int, list[int]] = {}
    for school_id, _key, term, count in opened:
        if term in terms:
            per_school.setdefault(school_id, [0] * len(terms))[terms.index(term)] += count
    named = sorted((s for s, counts in per_school.items() if sum(counts) >= K), key=lambda s: schools[s])
    grouped = [s for s in per_school if s not in named]
    rows = [per_school[s] for s in named]
    labels = [schools[s] for s in named]
    if grouped:
        rows.append([sum(per_school[s][t] for s in grouped) for t in range(len(terms))])
        labels.append(_("Schools with fewer than %(k)d cases (%(n)d)", k=K, n=len(grouped)))
    table = Table(_("Cases opened per school and term"), _("School"), labels, terms, suppress(rows))
    return table, named + ([None] if grouped else [])


def _shares(outcomes, key_of) -> dict:
    totals: dict = {}
    for row in outcomes:
        on_time, done = totals.get(key_of(row), (0, 0))
        totals[key_of(row)] = (on_time + row.on_time, done + row.on_time + row.late)
    return {key: share(on_time, done) for key, (on_time, done) in totals.items()}


def municipality_statistics(organisation, schools: list[School], language: str) -> Statistics:
    """The municipality's statistics: four statements."""
    opened = _opened(organisation.id, None)
    terms = _terms(opened)
    names = situation_names(organisation.id, language)
    outcomes = step_outcomes(organisation.id, utcnow(), lambda s: [Case.school_id, term_of(Case.opened_at)])
    outcomes = [row for row in outcomes if int(row[1]) in terms]
    by_term = _shares(outcomes, lambda row: int(row[1]))
    table, row_schools = _school_table(opened, terms, {s.id: s.name for s in schools})
    named = [s for s in row_schools if s is not None]
    by_school = _shares(outcomes, lambda row: row.school_id if row.school_id in named else None)
    situations = _situation_table(opened, terms, names)
    situations.figures, table.figures = with_shared_totals(situations.figures, table.figures)
    return Statistics(
        situations,
        table,
        [by_term.get(term) for term in terms],
        {label: by_school.get(s) for label, s in zip(table.rows, row_schools, strict=True)},
    )


def school_statistics(school: School, language: str) -> Statistics:
    """One school's own statistics (for its administrators): three statements."""
    opened = _opened(school.organisation_id, school.id)
    terms = _terms(opened)
    names = situation_names(school.organisation_id, language)
    outcomes = step_outcomes(school.organisation_id, utcnow(), lambda s: [term_of(Case.opened_at)], school_id=school.id)
    by_term = _shares(outcomes, lambda row: int(row[0]))
    return Statistics(_situation_table(opened, terms, names), None, [by_term.get(t) for t in terms], {})
