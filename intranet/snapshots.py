"""Rows that are never changed once written: published snapshots, and append-only logs.

A published snapshot (a form's version, the plan template's version, a school plan's revision) is
what open cases and diffs refer to, so it is never updated. A log (case events, access events) is
the record of what happened, so it is neither updated nor deleted. A model says which it is by
inheriting `ImmutableSnapshot`, with `append_only = True` for a log; the ORM then refuses the change
at flush time with `SnapshotChanged`.

Bulk statements (`session.execute(delete(...))`) do not pass through these ORM events, on purpose:
the purge of expired cases deletes their events that way, and it is the only deletion of a log.
"""

from typing import ClassVar

from sqlalchemy import event
from sqlalchemy.orm import object_session


class SnapshotChanged(RuntimeError):
    """Something tried to update an immutable snapshot, or to delete a row of an append-only log."""


class ImmutableSnapshot:
    """Mixin for a mapped class whose rows are never updated; with `append_only`, never deleted."""

    append_only: ClassVar[bool] = False


@event.listens_for(ImmutableSnapshot, "before_update", propagate=True)
def _refuse_update(mapper, connection, target) -> None:
    # before_update also fires for rows merely marked dirty (a relationship touched): refuse only
    # what would be written, so loading or relating a snapshot never fails.
    if object_session(target).is_modified(target, include_collections=False):
        kind = "append-only" if target.append_only else "an immutable snapshot"
        raise SnapshotChanged(f"{type(target).__name__} is {kind}: it cannot be changed")


@event.listens_for(ImmutableSnapshot, "before_delete", propagate=True)
def _refuse_delete(mapper, connection, target) -> None:
    if target.append_only:
        raise SnapshotChanged(f"{type(target).__name__} is append-only: it cannot be deleted")
