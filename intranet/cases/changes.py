"""What changed on a case since the page last heard from the server, and the poll that asks.

A page knows the newest event it has seen (`seen`, a hidden input). A tick, a note or the poll answer
with the steps that changed after it as htmx out-of-band swaps (cases/_changes.html): the step itself,
steps whose conditions may have changed with it, and what colleagues answered meanwhile. Anything else
that changed what the page shows (a checklist started, the case closed, members) reloads the page.
"""

from dataclasses import dataclass, field

from flask import g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import bindparam, select

from ..contacts.catalogue import people_by_role
from ..contacts.roles import school_catalogue
from ..db import db_int
from ..extensions import db, htmx
from ..loading import case_of, requires
from ..rendering import render
from .live import QUIET_EVENTS, grant
from .models import CaseEvent
from .operations import definition_of
from .runs import contact_choices, run_view
from .views import _language, bp

STEP_EVENTS = frozenset({"answered", "noted"})
MOST_CHANGES = 200  # a page that has slept longer than that reloads instead


@dataclass
class Changes:
    seen: int  # the newest event the page knows once it has these changes
    steps: dict[int, set[str]] = field(default_factory=dict)  # run id → keys of the fields answered or noted
    reload: bool = False  # something besides answers changed: the page loads again


_CHANGES = (  # built once (see loading._case_statement)
    select(CaseEvent.id, CaseEvent.kind, CaseEvent.data)
    .where(
        CaseEvent.case_id == bindparam("case_id"), CaseEvent.id > bindparam("seen"), CaseEvent.kind.not_in(QUIET_EVENTS)
    )
    .order_by(CaseEvent.id)
    .limit(MOST_CHANGES + 1)
)


def changes_since(case_id: int, seen: int) -> Changes | None:
    """The changes after event `seen` (one indexed query on case_event), or None when there are none."""
    rows = db.session.execute(_CHANGES, {"case_id": case_id, "seen": seen}).all()
    if not rows:
        return None
    changes = Changes(seen=rows[-1].id, reload=len(rows) > MOST_CHANGES)
    for row in rows:
        if row.kind in STEP_EVENTS:
            changes.steps.setdefault(row.data.get("run"), set()).add(row.data.get("field"))
        else:
            changes.reload = True
    return changes


def with_dependents(definition, keys: set[str]) -> set[str]:
    """`keys` and every field whose conditions rest on one of them, directly or through another."""
    found = set(keys)
    for item in definition.fields:
        if item.show_if is not None and any(c.field in found for c in item.show_if.conditions):
            found.add(item.key)
    return found


def changed_views(school, case, spread: dict, exact: dict | None = None, before: dict | None = None) -> list:
    """(run view, keys of the fields to send) for each run with changes, each view built once.

    `spread`: run id → keys others changed, sent with the fields whose conditions rest on them;
    `exact`: run id → keys to send as they are; `before`: run id → the keys visible before this
    request's own change, to send the fields that change made appear or disappear.
    """
    exact, before = exact or {}, before or {}
    people = people_by_role(school)
    choices, language = contact_choices(people), _language()
    found = []
    for run in case.runs:
        keys = with_dependents(definition_of(run), spread.get(run.id, set())) | exact.get(run.id, set())
        if keys:
            view = run_view(run, language, people, choices)
            if run.id in before:
                keys |= before[run.id] ^ {step.field.key for step in view.steps}
            found.append((view, keys))
    return found


def seen_param() -> int | None:
    """The newest event id the page has seen, as it sends it; None when missing or not a number."""
    return request.values.get("seen", type=db_int)


@bp.get("/<int:case_id>/changes")
@requires("case.view", on="case_members")
def changes(slug, case_id):
    """The open case page's poll: 304 when nothing changed after `seen` (no event written, one query on
    case_event after the permission check); otherwise the changed steps, which count as a view."""
    school, light = g.school, g.case
    seen = seen_param()
    if not htmx or seen is None:  # not the page's poll: the page itself
        return redirect(url_for("cases.show", slug=slug, case_id=case_id), code=303)
    found = changes_since(light.id, seen)
    # Checked in full: this page's next polls are answered in front of Flask while its session is open (live.py).
    grant(request.environ, current_user.login_session.id)
    if found is None:
        return "", 304
    if found.reload:
        return reload_page()
    case = case_of(school, case_id)
    return render_changes(school, case, changed_views(school, case, found.steps), seen=found.seen)


def reload_page():
    """htmx loads the whole page again: more changed than steps."""
    response = make_response("", 200)
    response.headers["HX-Refresh"] = "true"
    return response


def render_changes(
    school,
    case,
    changed,
    *,
    seen,
    ticked=None,
    error=None,
    error_key=None,
    status=200,
    before=frozenset(),
    conflict=None,
):
    """The changed steps as out-of-band swaps; after a tick or a note on `ticked` (run id, field key), its
    run's message and, for screen readers, what was saved and which steps it made appear (not in `before`,
    the keys visible before)."""
    ticked_run, saved = (ticked[0], "") if ticked else (None, "")
    if ticked and not error:
        view = next(view for view, _keys in changed if view.run.id == ticked_run)
        label = view.definition.text(view.definition.field(ticked[1]).label, view.language)
        saved = _("Saved: %(label)s", label=label)
        new = [view.definition.text(s.field.label, view.language) for s in view.steps if s.field.key not in before]
        if before and new:
            saved += ". " + ngettext(
                "%(num)d new step: %(steps)s", "%(num)d new steps: %(steps)s", len(new), steps="; ".join(new)
            )
    return render(
        "cases/_changes.html",
        school=school,
        case=case,
        changed=changed,
        roles=school_catalogue(school),
        seen=seen,
        ticked_run=ticked_run,
        error=error,
        error_key=error_key,
        conflict=conflict,
        saved=saved,
        status=status,
    )
