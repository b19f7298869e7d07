"""The cases blueprint with all its views registered."""

from . import changes, members, offline_opening, record, ticks  # noqa: F401  (importing them adds their routes to bp)
from .views import bp

__all__ = ["bp"]
