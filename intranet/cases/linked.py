"""A step that starts another checklist ("Start the checklist «Follow-up after intoxication»"): ticking it
starts that checklist in the same case, once, and the step shows the run it started."""

from dataclasses import dataclass

from flask_babel import gettext as _

from ..errors import OperationError
from ..i18n import content_in_page
from . import operations as ops
from .checklists import published_checklists
from .models import ChecklistRun


@dataclass(frozen=True)
class Started:
    run: ChecklistRun
    title: str


def run_of(case, key: str) -> ChecklistRun | None:
    """The case's first run of the checklist with `key` (runs come loaded with the case: no query)."""
    return next((run for run in case.runs if ops.definition_of(run).key == key), None)


def started(case, key: str | None, language: str) -> Started | None:
    """The run of checklist `key` in `case` with its title in `language` (marked with its own language when
    only another has it), or None when it is not started."""
    run = run_of(case, key) if case is not None and key else None
    if run is None:
        return None
    definition = ops.definition_of(run)
    return Started(run, content_in_page(definition.title, language, definition.default_language))


def answer_and_start(run, field, value, *, user, sent=None):
    """Answer `field` of `run`; a tick on a step that starts a checklist starts it in the same case too
    (refused, with nothing saved, when the school has not published that checklist)."""
    key = getattr(field, "starts", None) if value is True else None
    version = None
    if key and run_of(run.case, key) is None:
        version = next((v for v in published_checklists(run.case.school) if v.definition["key"] == key), None)
        if version is None:
            raise OperationError(_("The checklist this step starts is not published at this school yet."))
    answer = ops.answer_field(run, field.key, value, user=user, sent=sent)
    if version is not None:
        ops.start_run(run.case, version, user=user)
    return answer
