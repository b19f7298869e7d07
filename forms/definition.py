"""A form definition: a checklist run per case or a form filled once, as an ordered list of fields."""

import dataclasses
from functools import cached_property
from typing import Any

from forms.errors import InvalidDefinition
from forms.fields import Field
from forms.text import localized
from forms.validation import validate_definition


@dataclasses.dataclass(frozen=True, kw_only=True)
class Definition:
    """A validated form definition. Build one with `Definition.from_json`.

    The canonical JSON form (what `to_json` returns) leaves out optional properties that are
    empty, false or null: `description`, and on fields `help`, `required`, `choices` (on types
    without choices), `settings`, `role`, `due` and `show_if`. For canonical input,
    `Definition.from_json(data).to_json() == data`.
    """

    key: str
    kind: str
    default_language: str
    title: dict[str, str]
    description: dict[str, str] = dataclasses.field(default_factory=dict)
    fields: tuple[Field, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> "Definition":
        """The definition in `data` (parsed JSON); raises InvalidDefinition listing every problem."""
        errors = validate_definition(data)
        if errors:
            raise InvalidDefinition(errors)
        return cls(
            key=data["key"],
            kind=data["kind"],
            default_language=data["default_language"],
            title=dict(data["title"]),
            description=dict(data.get("description", {})),
            fields=tuple(Field.from_json(field) for field in data["fields"]),
        )

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object for this definition."""
        data: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind,
            "default_language": self.default_language,
            "title": dict(self.title),
        }
        if self.description:
            data["description"] = dict(self.description)
        data["fields"] = [field.to_json() for field in self.fields]
        return data

    @cached_property
    def _by_key(self) -> dict[str, Field]:
        return {field.key: field for field in self.fields}

    def field(self, key: str) -> Field:
        """The field with `key`; raises KeyError."""
        return self._by_key[key]

    def text(self, texts: dict[str, str], language: str | None = None) -> str:
        """`texts` (a label, help, title...) in `language`, falling back to the default language."""
        return localized(texts, language, self.default_language)
