"""The small parts of a field: choices and `show_if` conditions, with their JSON form.

`from_json` here assumes data that `validate_definition` accepted; use `Definition.from_json`.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

OPS = ("equals", "not_equals", "in")
MODES = ("all", "any")


@dataclass(frozen=True)
class Choice:
    """One choice of a choice field: a stable `key` and a `label` per language."""

    key: str
    label: dict[str, str]

    @classmethod
    def from_json(cls, data: dict) -> "Choice":
        """The choice in valid JSON `data`."""
        return cls(data["key"], dict(data["label"]))

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object."""
        return {"key": self.key, "label": dict(self.label)}


@dataclass(frozen=True)
class Condition:
    """`{"field": key, "op": "equals" | "not_equals" | "in", "value": ...}`; `in` takes a list."""

    field: str
    op: str
    value: Any

    @classmethod
    def from_json(cls, data: dict) -> "Condition":
        """The condition in valid JSON `data`."""
        return cls(data["field"], data["op"], copy.deepcopy(data["value"]))

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object."""
        return {"field": self.field, "op": self.op, "value": copy.deepcopy(self.value)}


@dataclass(frozen=True)
class ShowIf:
    """Show a field only when `all` (or `any`) of its conditions hold."""

    mode: str
    conditions: tuple[Condition, ...]

    @classmethod
    def from_json(cls, data: dict) -> "ShowIf":
        """The show_if object in valid JSON `data`."""
        (mode, conditions), *_ = data.items()
        return cls(mode, tuple(Condition.from_json(c) for c in conditions))

    def to_json(self) -> dict[str, Any]:
        """The canonical JSON object."""
        return {self.mode: [c.to_json() for c in self.conditions]}

    def holds(self, test: Callable[[Condition], bool]) -> bool:
        """Whether all (or any) of the conditions pass `test`."""
        combine = all if self.mode == "all" else any
        return combine(test(condition) for condition in self.conditions)
