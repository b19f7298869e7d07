"""The year levels a school teaches, by its kind, and plan items written for levels it does not have.

The municipality's template serves every kind of school: a measure for "Vg3" or an activity for "8. trinn,
Vg1". A school's readers (parents, staff, the feeds and PDFs) are shown only what concerns its own pupils:
an item whose audience names only other levels is left out, and an audience naming several shows only the
school's own ("8. trinn, Vg1" reads "8. trinn" at a lower secondary school). An audience that names no year
level ("Alle foresatte") is shown as written. The plan itself keeps every item (the editor says which are
not shown), so a template update still finds them.
"""

from ..planimport.recognisers.levels import GRADE, VG
from .models import SchoolKind

#: Year levels as numbers: 1-10 are 1.-10. trinn, 11-13 are Vg1-Vg3.
LEVELS = {
    SchoolKind.PRIMARY: frozenset(range(1, 8)),
    SchoolKind.LOWER_SECONDARY: frozenset(range(8, 11)),
    SchoolKind.UPPER_SECONDARY: frozenset(range(11, 14)),
    SchoolKind.COMBINED: frozenset(range(1, 11)),
}


def levels_named(text: str) -> set[int]:
    """The year levels `text` names ("8.–10. trinn" names 8, 9 and 10; "Vg2" names 12)."""
    found = {10 + int(match.group(1)) for match in VG.finditer(text)}
    for match in GRADE.finditer(VG.sub(" ", text)):  # "Vg 3 og 9. klasse" is Vg3 and 9, not 3.–9.
        first = int(match.group(1))
        last = int(match.group(2) or first)
        found.update(range(min(first, last), max(first, last) + 1))
    return found


def audience_at(audience: str, kind) -> str | None:
    """`audience` as a school of `kind` shows it: only the parts naming its levels or none; None when every
    part names only levels the school does not have (the item is not for it)."""
    levels = LEVELS.get(kind)
    if not audience or levels is None:
        return audience
    parts = [part.strip() for part in audience.replace(";", ",").split(",") if part.strip()]
    kept = [part for part in parts if not (named := levels_named(part)) or named & levels]
    return ", ".join(kept) if kept else None


def for_school_levels(sections: list[dict], kind) -> list[dict]:
    """Copies of `sections` without the items for other year levels, their audiences narrowed to the school's."""
    if kind not in LEVELS:
        return sections
    shown = []
    for section in sections:
        items = (section.get("data") or {}).get("items")
        if items and any(item.get("audience") for item in items):
            narrowed = []
            for item in items:
                audience = audience_at(item.get("audience") or "", kind)
                if audience is not None:
                    narrowed.append({**item, "audience": audience} if "audience" in item else item)
            section = {**section, "data": {**section["data"], "items": narrowed}}
        shown.append(section)
    return shown
