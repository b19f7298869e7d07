"""Type-specific field settings: each field type lists the settings it takes and what each may hold."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forms.text import is_int, is_number, is_role_key, is_slug

PHONE = re.compile(r"\+?[0-9][0-9 ]{1,18}[0-9]")


@dataclass(frozen=True)
class Setting:
    """One setting a field type accepts: `expected` says in English what a valid value is."""

    expected: str
    accepts: Callable[[Any], bool]


def whole_number(low: int, high: int) -> Setting:
    """A whole number from `low` to `high`."""
    return Setting(f"a whole number from {low} to {high}", lambda v: is_int(v) and low <= v <= high)


def number() -> Setting:
    """Any finite number."""
    return Setting("a number", is_number)


def boolean() -> Setting:
    """true or false."""
    return Setting("true or false", lambda v: isinstance(v, bool))


def one_of(*values: str) -> Setting:
    """One of a few fixed strings."""
    return Setting(" or ".join(f'"{v}"' for v in values), lambda v: isinstance(v, str) and v in values)


def role_key() -> Setting:
    """A function role key."""
    return Setting("a function role key (a slug)", is_role_key)


def phone_number() -> Setting:
    """A phone number of digits and spaces, optionally starting with +, e.g. "02800" or "+47 116 117"."""
    expected = 'a phone number such as "02800" or "+47 116 117"'
    return Setting(expected, lambda v: isinstance(v, str) and PHONE.fullmatch(v) is not None)


def form_key() -> Setting:
    """The key of another form definition (a slug), e.g. the checklist a step starts."""
    return Setting("the key of a checklist (a slug)", is_slug)
