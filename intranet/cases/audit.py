"""Every response that shows a case leaves a "viewed" event, whatever its status.

Rendering a template with a `case` in its context (the case page, a run fragment, the record, an
error re-render) notes on `g` that the signed-in user saw that case. At the end of the request
(`db.record_anyway`) each noted sight becomes a "viewed" event: in the request's own transaction
when it succeeds, unless the request already logged an event by that user on that case (an
"answered" tick says they saw it); after the rollback of a refused request, in a transaction of its
own, so the refusal writes nothing else. An error page (5xx) records nothing: it shows no case.
"""

from flask import Flask, g, has_request_context, template_rendered
from flask_login import current_user

from ..db import record_anyway
from ..extensions import db
from .models import Case, CaseEvent

_SEEN = "cases_seen"
_LOGGED = "cases_logged"


def logged(case_id: int, user_id: int | None) -> None:
    """An event by `user_id` on the case joins this request's transaction (see `operations.log`)."""
    if has_request_context():
        g.setdefault(_LOGGED, set()).add((case_id, user_id))


def _saw(sender, template, context, **extra) -> None:
    case = context.get("case")
    if not isinstance(case, Case) or not has_request_context() or not current_user.is_authenticated:
        return
    seen = g.get(_SEEN)
    if seen is None:
        seen = g.setdefault(_SEEN, set())
        record_anyway(_record_views)
    seen.add((case.id, current_user.id))


def _record_views(kept: bool) -> None:
    seen = g.pop(_SEEN, set())
    already = g.pop(_LOGGED, set()) if kept else set()  # a refusal's own events were rolled back
    for case_id, user_id in sorted(seen - already):
        db.session.add(CaseEvent(case_id=case_id, user_id=user_id, kind="viewed", data={}))


def configure(app: Flask) -> None:
    template_rendered.connect(_saw, app)
