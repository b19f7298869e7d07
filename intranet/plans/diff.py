"""Readable differences between two plan revisions (or template versions), line by line (difflib)."""

import difflib
from dataclasses import dataclass, field

from flask_babel import gettext as _

from forms.text import localized

from ..contacts.roles import RoleCatalogue
from .kinds import kind_for


@dataclass
class SectionDiff:
    key: str
    title: str
    status: str  # "added", "removed", "changed" or "same"
    lines: list[tuple[str, str]] = field(default_factory=list)  # (" ", "+" or "-", text)


def section_lines(section: dict, lang: str, fallback: str, roles: RoleCatalogue) -> list[str]:
    """A section as plain text lines in one language: title, body, then one line per item."""
    lines = [localized(section["title"], lang, fallback)]
    lines += localized(section["body"], lang, fallback).splitlines()
    kind = kind_for(section["kind"])
    lines += [kind.diff_line(item, lang, fallback, roles) for item in (section.get("data") or {}).get("items", [])]
    lines.append("(" + (_("public") if section.get("public") else _("internal")) + ")")
    return [line for line in lines if line.strip()]


def compare(old: list[dict], new: list[dict], lang: str, fallback: str, roles: RoleCatalogue) -> list[SectionDiff]:
    old_by_key = {s["key"]: s for s in old}
    new_keys = [s["key"] for s in new]
    result = []
    for section in new:
        before = old_by_key.get(section["key"])
        after_lines = section_lines(section, lang, fallback, roles)
        title = after_lines[0] if after_lines else section["key"]
        if before is None:
            result.append(SectionDiff(section["key"], title, "added", [("+", line) for line in after_lines]))
            continue
        before_lines = section_lines(before, lang, fallback, roles)
        if before_lines == after_lines:
            result.append(SectionDiff(section["key"], title, "same"))
            continue
        lines = []
        for op in difflib.ndiff(before_lines, after_lines):
            if op.startswith(("+ ", "- ", "  ")):
                lines.append((op[0], op[2:]))
        result.append(SectionDiff(section["key"], title, "changed", lines))
    for section in old:
        if section["key"] not in new_keys:
            lines = section_lines(section, lang, fallback, roles)
            result.append(
                SectionDiff(
                    section["key"], lines[0] if lines else section["key"], "removed", [("-", line) for line in lines]
                )
            )
    return result
