"""The words a timeline event needs, in the reader's language, as the staff member saw them then.

An "answered" or "noted" event keeps the run and the field's key; a run keeps the form version it started
with, and a published version never changes, so the label and the answer's words come from that version:
the step's label in the reader's language, a choice's label instead of its key ("Under 18", not
"under_18"), "Yes" for a yes/no question and "Done" for a tick. The label saved with the event is the
fallback for a run that is gone.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from ..i18n import content_in_page
from .operations import definition_of
from .runs import answer_text


@dataclass(frozen=True)
class Words:
    label: str
    value: str = ""


class EventWords:
    """event → its step's `Words` in `language`; built once per page from the case's runs (no query)."""

    def __init__(self, runs, language: str):
        self.language = language
        self._definitions = {run.id: definition_of(run) for run in runs}

    def __call__(self, event) -> Words:
        data = event.data or {}
        definition = self._definitions.get(data.get("run"))
        item = _field(definition, data.get("field"))
        if item is None:
            return Words(data.get("label") or "", _raw_value(data.get("value")))
        value = data.get("value")
        # In the step's words, marked with their language when the page's has none (WCAG 3.1.2).
        shown = answer_text(item, value, self.language, content_in_page) if value is not None else ""
        return Words(content_in_page(item.label, self.language, definition.default_language), shown)


def _field(definition, key):
    try:
        return definition.field(key) if definition is not None else None
    except KeyError:
        return None


def _raw_value(value) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return "" if value is None else str(value)
