"""Phone numbers inside texts schools write ("ring politiet på 02800"), found so they can be tapped.

A number counts when `phones.parse_phone` can call it: Norwegian numbers, +47 numbers, and short numbers
such as 113, 116 117 and 02800. Years, ages and counts ("2026", "18 år", "3 dager") are no numbers
anyone can call, so they stay text.
"""

import re

from markupsafe import Markup, escape

from .phones import Phone, parse_phone

# Digits in groups of at most a space apart, not glued to letters or other digits ("10B" is a class).
CANDIDATE = re.compile(r"(?<![\w+.,:/#&-])(?:\+|00)?\d+(?: \d+)*(?![\w]|[.,:/-]\d)")
TAG = re.compile(r"(<[^>]+>)")


def _found(candidate: str) -> list[tuple[str, Phone]]:
    """(text as written, number) for `candidate` as a whole, else for each of its space-separated parts."""
    whole = parse_phone(candidate)
    if whole is not None:
        return [(candidate, whole)]
    return [(part, phone) for part in candidate.split(" ") if (phone := parse_phone(part)) is not None]


def numbers_in(text: str | None) -> list[Phone]:
    """The numbers one can call in `text`, each once, in order."""
    seen: dict[str, Phone] = {}
    for match in CANDIDATE.finditer(text or ""):
        for _written, phone in _found(match.group(0)):
            seen.setdefault(phone.tel, phone)
    return list(seen.values())


def _link(match: re.Match) -> str:
    candidate = match.group(0)
    found = _found(candidate)
    if not found:
        return candidate
    for written, phone in found:  # the escaped text has no markup: each written number appears as typed
        candidate = candidate.replace(written, f'<a class="tel" href="tel:{phone.tel}">{written}</a>', 1)
    return candidate


def link_phones(text: str | None) -> Markup:
    """Plain `text` as HTML, each number in it a `tel:` link."""
    return Markup(CANDIDATE.sub(_link, str(escape(text or ""))))  # noqa: S704 - escaped just before


def link_phones_in_html(html: str) -> Markup:
    """Safe `html` (sanitised already) with the numbers in its text a `tel:` link, except inside links."""
    parts, inside_link = [], 0
    for part in TAG.split(str(html)):
        if TAG.fullmatch(part):
            inside_link += 1 if part.startswith("<a ") or part == "<a>" else -1 if part == "</a>" else 0
            parts.append(part)
        else:
            parts.append(part if inside_link else CANDIDATE.sub(_link, part))
    return Markup("".join(parts))  # noqa: S704 - only links added to sanitised HTML
