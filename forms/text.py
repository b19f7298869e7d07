"""Slugs, language codes and per-language texts (`{"nb": "...", "en": "..."}`)."""

import math
import re
from collections.abc import Mapping
from typing import Any

SLUG = re.compile(r"[a-z][a-z0-9_]{0,49}")
ROLE_KEY = re.compile(r"[a-z][a-z0-9_-]{0,49}")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})?")


def is_slug(value: Any) -> bool:
    """A key: a lower-case letter, then up to 49 lower-case letters, digits or underscores."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def is_role_key(value: Any) -> bool:
    """A function role key: like a slug, but hyphens are allowed too."""
    return isinstance(value, str) and ROLE_KEY.fullmatch(value) is not None


def is_language(value: Any) -> bool:
    """A language code such as "nb", "nn", "en" or "pt-BR"."""
    return isinstance(value, str) and LANGUAGE.fullmatch(value) is not None


def is_texts(value: Any) -> bool:
    """A JSON object mapping language codes to strings."""
    return isinstance(value, dict) and all(is_language(k) and isinstance(v, str) for k, v in value.items())


def has_text(texts: Any, language: Any) -> bool:
    """Whether `texts` holds non-blank text in `language`."""
    return isinstance(texts, dict) and isinstance(texts.get(language), str) and bool(texts[language].strip())


def is_int(value: Any) -> bool:
    """A JSON whole number (booleans are not numbers here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """A finite JSON number (booleans are not numbers here)."""
    return is_int(value) or (isinstance(value, float) and math.isfinite(value))


def text_and_language(
    texts: Mapping[str, str] | None, language: str | None, default_language: str
) -> tuple[str, str | None]:
    """The text in `language`, else in `default_language`, else the first non-blank one, else "";
    with the language it is in when that is not `language` (so a page can say so), else None. A value
    that is not a string (in JSON not yet validated, such as an error message's source) counts as blank."""
    texts = texts or {}
    for lang in (language, default_language):
        if lang is not None and _written(texts.get(lang)):
            return texts[lang], (None if lang == language else lang)
    return next(((text, lang) for lang, text in texts.items() if _written(text)), ("", None))


def _written(text: Any) -> bool:
    return isinstance(text, str) and bool(text.strip())


def localized(texts: Mapping[str, str] | None, language: str | None, default_language: str) -> str:
    """The text in `language`, else in `default_language`, else the first non-blank one, else ""."""
    return text_and_language(texts, language, default_language)[0]
