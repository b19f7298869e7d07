"""Which interface catalogs a native speaker has reviewed: each catalog's header says so itself.

A catalog's header comment carries a line `Native-speaker review: <state>`, where the state is `reviewed`
or `not reviewed` (the new public languages, drafted without a native speaker). A catalog without the line
(nb, nn, en: written with the service by its developers) has no review on record. The language statement
page lists them; tests/unit/test_public_catalogs.py holds every public-only catalog to having that line."""

from dataclasses import dataclass
from functools import lru_cache

from ..config import PROJECT_ROOT

REVIEW_MARK = "# Native-speaker review:"


@dataclass(frozen=True)
class CatalogReview:
    lang: str
    reviewed: bool | None  # None: no review on record either way
    note: str  # the rest of the header line, in English, for the maintainers


def catalog_path(lang: str):
    return PROJECT_ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=32)
def catalog_review(lang: str) -> CatalogReview:
    """The review state of `lang`'s catalog, read from the comment lines at the top of its .po file."""
    with open(catalog_path(lang), encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            if line.startswith(REVIEW_MARK):
                state = line[len(REVIEW_MARK) :].strip()
                return CatalogReview(lang, state.startswith("reviewed"), state)
    return CatalogReview(lang, None, "")
