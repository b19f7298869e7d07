"""The public pages' freshness stamp: one row, given a new random value by every transaction that
changes something a public page shows (see freshness.py)."""

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class PublicStamp(db.Model):
    __tablename__ = "public_stamp"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, nullable=False)
