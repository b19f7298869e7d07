"""Keeping a proposal while it is reviewed: one row per upload, for its uploader and school, for an
hour; taken away when it is confirmed or discarded, and expired ones whenever a new one is kept."""

import secrets
from datetime import timedelta

from ..db import utcnow
from ..extensions import db
from .document import Document
from .models import PlanImport

LIFETIME = timedelta(hours=1)


def keep(school, user, filename: str, document: Document, proposal: dict) -> PlanImport:
    """Keep a proposal for review; returns the row (its `token` names it in the review's address)."""
    db.session.execute(db.delete(PlanImport).where(PlanImport.expires_at < utcnow()))
    row = PlanImport(
        token=secrets.token_urlsafe(24),
        school_id=school.id,
        user_id=user.id,
        filename=filename[:255],
        language=proposal["language"],
        blocks=document.as_list(),
        proposal=proposal,
        expires_at=utcnow() + LIFETIME,
    )
    db.session.add(row)
    db.session.flush()
    return row


def find(school, user, token: str) -> PlanImport | None:
    """The user's own proposal for the school, while it has not expired."""
    return db.session.scalar(
        db.select(PlanImport).where(
            PlanImport.token == token,
            PlanImport.school_id == school.id,
            PlanImport.user_id == user.id,
            PlanImport.expires_at >= utcnow(),
        )
    )


def forget(row: PlanImport) -> None:
    db.session.delete(row)
    db.session.flush()
