"""Section kinds of a plan, and the structured items each kind holds.

A section always has a title and a Markdown body per language. Kinds other than `text` also hold
a list of items whose fields are typed, so a rector edits a measure's months or a routine step's
responsible role in a form field, not in free text, and the public page can show them as tables.
Every kind is a registered class (registry.py; the shipped ones in catalogue.py): the editor, the
diff and the readers' templates all ask the kind, so they cannot drift apart.
"""

from . import catalogue  # noqa: F401  (registers the shipped kinds)
from .registry import KINDS, SectionKind, UnknownSectionKind, kind_for, register_kind

__all__ = ["KINDS", "SectionKind", "UnknownSectionKind", "kind_for", "register_kind"]
