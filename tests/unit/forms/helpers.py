"""Small builders for definition JSON, and a multidict standing in for a posted form."""

from typing import Any


def field(key: str, type_: str = "text", label: str | None = None, **extra: Any) -> dict[str, Any]:
    """A field object with a bokmål label; `choices` may be given as a list of keys."""
    data: dict[str, Any] = {"key": key, "type": type_, "label": {"nb": label or key.replace("_", " ")}}
    if isinstance(extra.get("choices"), list) and all(isinstance(c, str) for c in extra["choices"]):
        extra["choices"] = [{"key": c, "label": {"nb": c.replace("_", " ")}} for c in extra["choices"]]
    data.update(extra)
    return data


def definition(*fields: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A checklist definition with the given fields (bokmål is the default language)."""
    data: dict[str, Any] = {
        "key": "test_checklist",
        "kind": "checklist",
        "default_language": "nb",
        "title": {"nb": "Testliste"},
        "fields": list(fields),
    }
    data.update(top)
    return data


def when(mode: str, *conditions: tuple[str, str, Any]) -> dict[str, Any]:
    """A show_if object: when("all", ("age", "equals", "under_18"), ...)."""
    return {mode: [{"field": f, "op": op, "value": value} for f, op, value in conditions]}


class FormData(dict):
    """The multidict WTForms expects: key → list of submitted strings."""

    def __init__(self, values: dict[str, Any] | None = None):
        super().__init__()
        for key, value in (values or {}).items():
            self[key] = value if isinstance(value, list) else [value]

    def getlist(self, key: str) -> list[str]:
        return list(self.get(key, []))
