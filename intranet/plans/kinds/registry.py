"""The base class of every section kind, and the registry of kinds by name.

A section kind is a subclass of `SectionKind` registered with `@register_kind`. It names its items'
fields (`item_fields`, instances of the types in fields.py) and the template that shows its items to
readers (`template`, a macro file defining `items(items, lang, fallback)`). From those it builds the
editor's item form, reads a submitted item, writes an item as a line of a diff and starts a new row.
Adding a kind means adding one class and its template; nothing else dispatches on kind names.
"""

from typing import Any, ClassVar

from wtforms import Form, HiddenField

from ...contacts.roles import RoleCatalogue
from .fields import ItemField

#: Kind name → the kind; filled by `register_kind`, in the order the editor offers kinds.
KINDS: dict[str, "SectionKind"] = {}


class UnknownSectionKind(LookupError):
    """A section names a kind that is not registered (e.g. one removed from the code)."""

    def __init__(self, name: str):
        self.name = name
        known = ", ".join(KINDS) or "none"
        super().__init__(f"Unknown section kind {name!r}: no class registers it (registered kinds: {known}).")


class SectionKind:
    """A kind of plan section; see the module docstring. One instance per registered class."""

    name: ClassVar[str] = ""
    label: ClassVar[Any] = None
    description: ClassVar[Any] = None
    item_label: ClassVar[Any] = None  # what one item is called ("measure"); None when the kind has no items
    item_fields: ClassVar[tuple[ItemField, ...]] = ()
    template: ClassVar[str] = ""
    editor_note: ClassVar[Any] = None  # said above the items in the editor: what readers see besides them

    def __init__(self):
        self._form_classes: dict[bool, type[Form]] = {}

    @property
    def has_items(self) -> bool:
        return bool(self.item_fields)

    def empty_data(self) -> dict:
        """The `data` of a new, empty section of this kind."""
        return {"items": []} if self.has_items else {}

    def item_form_class(self, in_default_language: bool) -> type[Form]:
        """A WTForms form for one item; required fields bind only in the default language."""
        if in_default_language not in self._form_classes:
            attrs = {"id": HiddenField()}
            attrs.update((spec.name, spec.wtforms_field(in_default_language)) for spec in self.item_fields)
            form_name = f"{self.name.title()}ItemForm"
            self._form_classes[in_default_language] = type(form_name, (Form,), attrs)
        return self._form_classes[in_default_language]

    def form_values(self, item: dict, lang: str) -> dict:
        """A stored item as the editor's data in `lang`."""
        values = {"id": item.get("id")}
        values.update((spec.name, spec.form_value(item.get(spec.name), lang)) for spec in self.item_fields)
        return values

    def bind(self, entry, *, lang: str, default_language: str, roles: RoleCatalogue) -> None:
        """Give a bound item form what is only known per request (the school's roles)."""
        for spec in self.item_fields:
            spec.bind(entry[spec.name], lang=lang, default_language=default_language, roles=roles)

    def item_from_form(self, values: dict, stored: dict, lang: str) -> dict:
        """A submitted item (the item form's data) merged into `stored`, a copy of the item before."""
        item = dict(stored)
        for spec in self.item_fields:
            item[spec.name] = spec.stored_value(values[spec.name], item.get(spec.name), lang)
        return item

    def new_row(self) -> list[tuple[str, str]]:
        """The (field, value) pairs a row added in the editor starts with, besides its id."""
        return [(spec.name, spec.new_row_value) for spec in self.item_fields if spec.new_row_value is not None]

    def diff_line(self, item: dict, lang: str, fallback: str, roles: RoleCatalogue) -> str:
        """An item as one line of a diff: its non-empty fields in order."""
        parts = (spec.diff_text(item.get(spec.name), lang, fallback, roles) for spec in self.item_fields)
        return "• " + " — ".join(part for part in parts if part)


def missing_parts(cls: type[SectionKind]) -> list[str]:
    """What `cls` lacks of the interface every kind implements (empty when it is complete)."""
    missing = [attr for attr in ("name", "label", "description", "template") if not getattr(cls, attr)]
    if cls.item_fields and not cls.item_label:
        missing.append("item_label")
    if not all(isinstance(spec, ItemField) for spec in cls.item_fields):
        missing.append("item_fields of the types in fields.py")
    names = [spec.name for spec in cls.item_fields]
    if len(set(names)) != len(names) or "id" in names:
        missing.append("item_fields with distinct names other than id")
    return missing


def register_kind(cls: type[SectionKind]) -> type[SectionKind]:
    """Class decorator: register `cls` as the kind of its `name`, refusing an incomplete or repeated kind."""
    missing = missing_parts(cls)
    if missing:
        raise TypeError(f"section kind {cls.__name__} is incomplete: set {', '.join(missing)}")
    if cls.name in KINDS:
        raise ValueError(f"section kind {cls.name!r} is registered twice")
    KINDS[cls.name] = cls()
    return cls


def kind_for(name: str) -> SectionKind:
    """The registered kind called `name`; UnknownSectionKind if there is none."""
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownSectionKind(name) from None
