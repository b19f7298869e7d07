"""The schools blueprint with all its views registered."""

from . import people_views  # noqa: F401  (importing it adds its routes to bp)
from .views import bp

__all__ = ["bp"]
