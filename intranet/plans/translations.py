"""Translation tracking (../translation_tracking.py) applied to plan and template sections.

A section's translatable texts are its title, its body and, per item, the fields that hold text per
language (Line and LongText). Their records are kept in the section's `data`: `data["sources"]` for the
title and body, `item["sources"]` for an item's fields, each `{field: {lang: "<origin>:<fingerprint>"}}`.
So the records travel wherever the content goes: revisions, template versions, a plan made from the
template, a template update taken by a school.
"""

import copy
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask_babel import get_locale

from ..i18n import content_languages
from ..schools.levels import for_school_levels
from ..translation_tracking import EMPTY, SOURCE, STALE, after_edit, confirmed, pick, status
from .kinds import UnknownSectionKind, kind_for
from .kinds.fields import Line

RECORDS = "sources"  # the key of the records in a section's data and in an item


def text_fields(kind_name: str) -> tuple[str, ...]:
    """The names of the item fields of a kind that hold text per language."""
    try:
        kind = kind_for(kind_name)
    except UnknownSectionKind:
        return ()
    return tuple(spec.name for spec in kind.item_fields if isinstance(spec, Line))


@dataclass(frozen=True)
class Part:
    """One translatable text of a section: the title, the body or a field of an item."""

    field: str
    item_id: str | None
    texts: dict
    records: dict


def parts(section: dict) -> list[Part]:
    """Every translatable text of a section (a snapshot dict, or a model's `content()`)."""
    data = section.get("data") or {}
    own = data.get(RECORDS) or {}
    found = [Part(name, None, section.get(name) or {}, own.get(name) or {}) for name in ("title", "body")]
    fields = text_fields(section["kind"])
    for item in data.get("items", []):
        records = item.get(RECORDS) or {}
        found += [Part(name, item.get("id"), item.get(name) or {}, records.get(name) or {}) for name in fields]
    return found


# ---------------------------------------------------------------- readers


def for_reader(sections: Iterable[dict], lang: str, source_lang: str) -> list[dict]:
    """Copies of `sections` as a reader of `lang` sees them: every text that is outdated or missing in
    `lang` holds only the current source text (so `localized`/`text_and_language` show it and name its
    language); `shown_in` lists the languages other than `lang` the section is partly shown in."""
    return [_readable(section, lang, source_lang) for section in sections]


def _readable(section: dict, lang: str, source_lang: str) -> dict:
    shown_in = set()

    def current(texts, records):
        text, used = pick(texts, records, lang, source_lang)
        if used:
            shown_in.add(used)
        return {used or lang: text}

    data = section.get("data") or {}
    own = data.get(RECORDS) or {}
    readable = {
        **section,
        "title": current(section.get("title"), own.get("title")),
        "body": current(section.get("body"), own.get("body")),
    }
    if "items" in data:
        fields = text_fields(section["kind"])
        items = []
        for item in data["items"]:
            records = item.get(RECORDS) or {}
            items.append({**item, **{name: current(item.get(name), records.get(name)) for name in fields}})
        readable["data"] = {**data, "items": items}
    readable["shown_in"] = sorted(shown_in)
    return readable


# ---------------------------------------------------------------- editors


def language_counts(section: dict, languages: Sequence[str], source_lang: str) -> dict[str, Counter]:
    """For each language but the source: how many of the section's texts are translated, outdated, missing."""
    counts = {lang: Counter() for lang in languages if lang != source_lang}
    for part in parts(section):
        for lang, counter in counts.items():
            state = status(part.texts, part.records, lang, source_lang)
            if state not in (EMPTY, SOURCE):
                counter[state] += 1
    return counts


def language_state(counter: Counter) -> str:
    """One word for a language of a section: outdated beats missing beats translated."""
    for state in ("outdated", "missing"):
        if counter[state]:
            return state
    return "translated"


def item_states(section: dict, lang: str, source_lang: str) -> dict[str | None, str]:
    """Per item id (None: the title and body), the worst state of its texts in `lang`."""
    rank = {"translated": 0, "missing": 1, "outdated": 2}
    worst: dict[str | None, str] = {}
    for part in parts(section):
        state = status(part.texts, part.records, lang, source_lang)
        if state in rank and rank[state] >= rank[worst.get(part.item_id, "translated")]:
            worst[part.item_id] = state
    return worst


@dataclass(frozen=True)
class Stale:
    """A section with texts a language lacks or has outdated, for the publish summary."""

    section: dict
    lang: str
    outdated: int
    missing: int


def stale_summary(sections: Iterable[dict], languages: Sequence[str], source_lang: str) -> list[Stale]:
    """What readers of each language would get in the source language, section by section."""
    found = []
    for section in sections:
        for lang, counter in language_counts(section, languages, source_lang).items():
            if any(counter[state] for state in STALE):
                found.append(Stale(section, lang, counter["outdated"], counter["missing"]))
    return found


def without_records(data: dict | None) -> dict:
    """A section's `data` without the records, for comparing what it says (has the school changed the
    template's text?) apart from what is known about its translations."""
    data = {name: value for name, value in (data or {}).items() if name != RECORDS}
    if "items" in data:
        data["items"] = [{name: value for name, value in item.items() if name != RECORDS} for item in data["items"]]
    return data


def record_edit(section, before: dict, lang: str, source_lang: str, *, confirm: bool = False) -> None:
    """Update the records of a section model after `lang`'s texts were saved (`before`: its content()
    before the save). With `confirm`, the editor vouches that every `lang` text still fits the source."""
    data = copy.deepcopy(section.data or {})
    old = before.get("data") or {}
    own = dict(data.get(RECORDS) or {})
    for name in ("title", "body"):
        own[name] = _updated(before.get(name), getattr(section, name), own.get(name), lang, source_lang, confirm)
    _keep_or_drop(data, own)
    if "items" in data:
        previous = {item.get("id"): item for item in old.get("items", [])}
        fields = text_fields(section.kind)
        for item in data["items"]:
            earlier = previous.get(item.get("id"), {})
            records = dict(item.get(RECORDS) or {})
            for name in fields:
                texts = (earlier.get(name), item.get(name))
                records[name] = _updated(*texts, records.get(name), lang, source_lang, confirm)
            _keep_or_drop(item, records)
    section.data = data


def _keep_or_drop(holder: dict, records: dict) -> None:
    """Keep only the non-empty records in `holder` (a section's data or an item), none at all if none."""
    records = {name: value for name, value in records.items() if value}
    if records:
        holder[RECORDS] = records
    else:
        holder.pop(RECORDS, None)


def _updated(before, after, records, lang: str, source_lang: str, confirm: bool) -> dict:
    records = after_edit(before, after, records, lang, source_lang)
    return confirmed(after, records, lang, source_lang) if confirm else records


def school_reader_sections(sections: Iterable[dict], school, lang: str | None = None) -> list[dict]:
    """`for_reader` for this request's reader (or `lang`) of a school's published sections, without the
    items for year levels the school does not have (schools/levels.py): the one call every page, feed and
    PDF that shows plan content makes before showing it."""
    return for_reader(
        for_school_levels(list(sections), school.kind), lang or str(get_locale()), school.default_language
    )


def section_states(sections, languages: Sequence[str], source_lang: str) -> dict[int, dict[str, str]]:
    """Per section model id, per language but the source: "translated", "outdated" or "missing"."""
    return {
        section.id: {
            lang: language_state(c) for lang, c in language_counts(section.content(), languages, source_lang).items()
        }
        for section in sections
    }


@dataclass(frozen=True)
class EditorReport:
    """What the section editor shows about translations: each language's state, and for the language
    being edited the state of the title and body (key None) and of each item (by id)."""

    languages: dict[str, str]
    parts: dict[str | None, str]


def editor_report(section, languages: Sequence[str], lang: str, source_lang: str) -> EditorReport:
    content = section.content()
    counts = language_counts(content, languages, source_lang)
    parts = item_states(content, lang, source_lang) if lang != source_lang else {}
    return EditorReport({code: language_state(c) for code, c in counts.items()}, parts)


def translation_overview(owner, document, snapshot: list[dict]) -> dict:
    """What an editor's overview shows about translations: per section each language's state
    (`translations`), and what readers would get in the source language if published now (`stale`).
    `document` is a plan (its school's default language is the source) or a template (its own)."""
    if document is None:
        return {"translations": {}, "stale": []}
    languages = content_languages(owner)
    source = getattr(document, "default_language", None) or owner.default_language
    return {
        "translations": section_states(document.sections, languages, source),
        "stale": stale_summary(snapshot, languages, source),
    }
