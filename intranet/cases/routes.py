"""The cases blueprint with all its views registered."""

from . import record  # noqa: F401  (importing it adds its route to bp)
from .views import bp

__all__ = ["bp"]
