"""The builder's blueprint with all its views registered (they live in three modules)."""

from . import field_views, preview  # noqa: F401  (importing them adds their routes to bp)
from .views import bp

__all__ = ["bp"]
