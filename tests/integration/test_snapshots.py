"""Published snapshots are never updated, and the logs neither updated nor deleted, through the ORM.

Each class that inherits `ImmutableSnapshot` has a row made here the way the product makes it, and
`test_every_snapshot_class_has_a_test_here` fails when a new one is added without one.
"""

import pytest
from sqlalchemy import func, select

from intranet.auth import access
from intranet.auth.access import AccessEvent
from intranet.auth.models import User
from intranet.cases.models import CaseEvent
from intranet.errors import OperationError
from intranet.extensions import db as _db
from intranet.formsadmin import operations as form_ops
from intranet.formsadmin.models import FormDocument, FormVersion
from intranet.plans.models import PlanRevision, TemplateVersion
from intranet.snapshots import ImmutableSnapshot, SnapshotChanged


def _first(db, model):
    return db.session.scalars(select(model).order_by(model.id)).first()


def _access_event(request, db):
    world = request.getfixturevalue("world")
    rector = db.session.get(User, world.users["school_admin"].id)
    access.record("invited", actor=rector, organisation_id=world.org.id, school=world.school, email="ny@example.no")
    db.session.commit()
    return _first(db, AccessEvent)


# The class, how to get one of its rows, and a column to try to change.
ROWS = {
    FormVersion: (lambda request, db: request.getfixturevalue("school_form").latest, "definition"),
    TemplateVersion: (lambda request, db: request.getfixturevalue("template") and _first(db, TemplateVersion), "note"),
    PlanRevision: (lambda request, db: request.getfixturevalue("published_plan") and _first(db, PlanRevision), "note"),
    CaseEvent: (lambda request, db: request.getfixturevalue("cases") and _first(db, CaseEvent), "kind"),
    AccessEvent: (_access_event, "kind"),
}
LOGS = [CaseEvent, AccessEvent]


def _stored(db, row, column):
    """The column's value as the database has it."""
    model = type(row)
    return db.session.execute(select(getattr(model, column)).where(model.id == row.id)).scalar_one()


def test_every_snapshot_class_has_a_test_here(app):
    mapped = {mapper.class_ for mapper in _db.Model.registry.mappers}
    snapshots = {cls for cls in mapped if issubclass(cls, ImmutableSnapshot)}
    assert snapshots == set(ROWS)
    assert {cls for cls in snapshots if cls.append_only} == set(LOGS)


@pytest.mark.parametrize("model", list(ROWS), ids=lambda model: model.__name__)
def test_an_update_through_the_orm_is_refused(request, db, model):
    make, column = ROWS[model]
    row = make(request, db)
    before = _stored(db, row, column)
    setattr(row, column, {"rewritten": "history"} if column == "definition" else "rewritten")
    with pytest.raises(SnapshotChanged, match=model.__name__):
        db.session.flush()
    db.session.rollback()
    assert _stored(db, row, column) == before


@pytest.mark.parametrize("model", list(ROWS), ids=lambda model: model.__name__)
def test_a_row_marked_dirty_without_a_change_is_not_refused(request, db, model):
    make, column = ROWS[model]
    row = make(request, db)
    setattr(row, column, getattr(row, column))  # in the session's dirty list, but nothing to write
    assert row in db.session.dirty
    db.session.flush()


@pytest.mark.parametrize("model", LOGS, ids=lambda model: model.__name__)
def test_deleting_a_log_row_through_the_orm_is_refused(request, db, model):
    make, _column = ROWS[model]
    row = make(request, db)
    db.session.delete(row)
    with pytest.raises(SnapshotChanged, match="append-only"):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(model).where(model.id == row.id)) == 1


def test_a_form_never_published_can_still_be_deleted(world, db):
    rector = db.session.get(User, world.users["school_admin"].id)
    form = form_ops.create_form(world.school, title="Utkast", kind="checklist", language="nb", user=rector)
    form_ops.delete_form(form)
    db.session.commit()
    assert db.session.get(FormDocument, form.id) is None


def test_a_published_form_is_not_deleted(world, db, school_form):
    with pytest.raises(OperationError):
        form_ops.delete_form(school_form)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(FormVersion)) == 1
