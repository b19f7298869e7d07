"""Checklist health: for each of the municipality's checklists (shipped or its own), the steps most often
late or skipped at its schools, counted across at least five cases. Two statements."""

from dataclasses import dataclass

from forms.text import localized

from ..db import utcnow
from ..formsadmin.models import FormDocument
from .status import municipal_checklists
from .steps import step_outcomes
from .suppression import K, share

STEPS_SHOWN = 5


@dataclass
class StepHealth:
    label: str
    cases: int
    late: int | None  # whole percentages of the steps done or due, None when too few to show
    skipped: int | None
    rank: float


@dataclass
class ChecklistHealth:
    title: str
    steps: list[StepHealth]


def _labels(form: FormDocument, language: str) -> dict[str, str]:
    default = form.draft.get("default_language", "nb")
    return {f["key"]: localized(f.get("label"), language, default) for f in form.draft.get("fields", [])}


def checklist_health(organisation, language: str) -> list[ChecklistHealth]:
    """Per municipal checklist, its steps with at least K cases, most often late or skipped first."""
    forms = {form.key: form for form in municipal_checklists(organisation)}
    rows = step_outcomes(organisation.id, utcnow(), lambda steps: [FormDocument.key, steps.c.field_key])
    found: dict[str, list[StepHealth]] = {key: [] for key in forms}
    for row in rows:
        form = forms.get(row.key)
        if form is None or row.cases < K:
            continue
        labels = _labels(form, language)
        if row.field_key not in labels:
            continue  # a step the school added itself, or one the municipality removed since
        counted = row.on_time + row.late + row.skipped
        late, skipped = share(row.late, counted), share(row.skipped, counted)
        rank = (row.late + row.skipped) / counted if counted else 0
        found[row.key].append(StepHealth(labels[row.field_key], row.cases, late, skipped, rank))
    result = []
    for key, form in forms.items():
        steps = sorted(found[key], key=lambda s: -s.rank)[:STEPS_SHOWN]
        title = localized(form.draft.get("title"), language, form.draft.get("default_language", "nb"))
        result.append(ChecklistHealth(title, steps))
    return result
