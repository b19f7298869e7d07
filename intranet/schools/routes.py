"""The schools blueprint with all its views registered."""

from . import language_views, people_views  # noqa: F401  (importing them adds their routes to bp)
from .views import bp

__all__ = ["bp"]
