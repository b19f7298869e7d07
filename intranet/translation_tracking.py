"""Which source text each translation translates, and whether it still does.

A translatable text is stored as `{lang: text}`. Beside it, `sources` maps each translated language to
the text it was made from, as `"<language>:<fingerprint>"` (the fingerprint of that language's text when
the translation was saved). The source language is the owner's default language (the school's, or the
template's). A translation is current when the text it was made from is unchanged and is itself current
(a nynorsk school's English text may translate the template's bokmål, which is current while the school
has not rewritten its nynorsk). Nothing here names a language: every rule works for any language codes.

Texts written before tracking existed have no record: they count as translated of the source as it is
(the lazy upgrade rule). The first change of the source stamps them with the source they were read
against, so from then on they are outdated like any other translation.

Plain values in and out (no Flask, no database), so the rule is tested on its own.
"""

import hashlib
import unicodedata
from collections.abc import Mapping

SOURCE, TRANSLATED, OUTDATED, MISSING, EMPTY = "source", "translated", "outdated", "missing", "empty"
#: Statuses a reader must never be shown as current: they get the source text with a note.
STALE = frozenset({OUTDATED, MISSING})


def fingerprint(text: str | None) -> str:
    """A short digest of `text`; texts that differ only in spacing or Unicode form share one."""
    normal = " ".join(unicodedata.normalize("NFC", text or "").split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def made_from(texts: Mapping[str, str], origin: str) -> str:
    """The record of a translation made from `origin`'s current text."""
    return f"{origin}:{fingerprint(texts.get(origin))}"


def _has(texts: Mapping[str, str], lang: str) -> bool:
    value = texts.get(lang)
    return isinstance(value, str) and bool(value.strip())


def status(texts: Mapping[str, str] | None, sources: Mapping[str, str] | None, lang: str, source_lang: str) -> str:
    """The state of `lang`'s text: SOURCE (it is the source language), TRANSLATED, OUTDATED (the text it
    was made from changed since), MISSING (the source has text, `lang` has none) or EMPTY (neither has)."""
    return _status(texts or {}, sources or {}, lang, source_lang, frozenset())


def _status(texts, sources, lang: str, source_lang: str, seen: frozenset) -> str:
    if lang == source_lang:
        return SOURCE
    if not _has(texts, lang):
        return MISSING if _has(texts, source_lang) else EMPTY
    record = sources.get(lang)
    if not isinstance(record, str):
        return TRANSLATED  # written before tracking: taken as a translation of the source as it is
    origin, _, print_ = record.partition(":")
    if print_ != fingerprint(texts.get(origin)):
        return OUTDATED
    if origin == source_lang:
        return TRANSLATED
    if origin == lang or origin in seen:
        return OUTDATED  # a chain that loops back proves nothing
    if _status(texts, sources, origin, source_lang, seen | {lang}) in (TRANSLATED, SOURCE):
        return TRANSLATED
    return OUTDATED


def after_edit(
    before: Mapping[str, str] | None,
    after: Mapping[str, str] | None,
    sources: Mapping[str, str] | None,
    lang: str,
    source_lang: str,
) -> dict[str, str]:
    """The records once `lang`'s text went from `before[lang]` to `after[lang]` (the other languages as
    they were). A changed translation now translates the current source; a changed source first stamps
    the unrecorded translations with the source they were read against (so they become outdated).
    A save that leaves the text as it was changes nothing: saving does not vouch for a translation."""
    before, after, records = before or {}, after or {}, dict(sources or {})
    if fingerprint(before.get(lang)) == fingerprint(after.get(lang)):
        return records
    if lang == source_lang:
        for other in before:
            if other != lang and _has(before, other) and not isinstance(records.get(other), str):
                records[other] = made_from(before, source_lang)
        records.pop(lang, None)  # the source translates nothing
    elif _has(after, lang):
        records[lang] = made_from(after, source_lang)
    else:
        records.pop(lang, None)
    return records


def confirmed(texts: Mapping[str, str] | None, sources: Mapping[str, str] | None, lang: str, source_lang: str):
    """The records once someone confirms `lang`'s text still translates the current source."""
    records = dict(sources or {})
    if lang != source_lang and _has(texts or {}, lang):
        records[lang] = made_from(texts or {}, source_lang)
    return records


def pick(
    texts: Mapping[str, str] | None, sources: Mapping[str, str] | None, lang: str, source_lang: str
) -> tuple[str, str | None]:
    """The text a reader of `lang` gets, and the language it is in when that is not `lang` (else None).

    A current translation (or the source) is shown as it is; an outdated or missing one never is: the
    reader gets the source language's current text. With no source text, another current translation."""
    texts = texts or {}
    state = status(texts, sources, lang, source_lang)
    if state in (SOURCE, TRANSLATED) and _has(texts, lang):
        return texts[lang], None
    if _has(texts, source_lang):
        return texts[source_lang], source_lang
    if state == EMPTY:
        current = (code for code in texts if code != lang and status(texts, sources, code, source_lang) == TRANSLATED)
        other = next(current, None)
        return (texts[other], other) if other else ("", None)
    return "", None
