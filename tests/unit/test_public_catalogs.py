"""The public-only catalogs (uk, ar, pl, so, ti, lt, fa, ru, se) translate every message the public pages
use, with no gap and no fallback, keep every placeholder and plural form, and say in their header whether a
native speaker has reviewed them; Babel has the locale data each public language needs."""

import subprocess
import sys
from datetime import date

import pytest
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.messages.pofile import read_po

from intranet.config import DefaultConfig
from intranet.i18n import PUBLIC_MESSAGE_SOURCES
from intranet.statements.reviews import REVIEW_MARK, catalog_review

from .test_catalogs import PLACEHOLDER, ROOT, as_tuple, catalog

STAFF = DefaultConfig.LANGUAGES
PUBLIC_ONLY = tuple(lang for lang in DefaultConfig.PUBLIC_LANGUAGES if lang not in STAFF)


@pytest.fixture(scope="module")
def public_messages(tmp_path_factory) -> set[str]:
    """The msgids of the public pages, extracted afresh from PUBLIC_MESSAGE_SOURCES."""
    pot = tmp_path_factory.mktemp("public") / "public.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l"]
        + ["--no-location", "-o", str(pot), *PUBLIC_MESSAGE_SOURCES],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        return {as_tuple(m.id)[0] for m in read_po(handle) if m.id}


def test_the_public_languages_are_the_staff_ones_and_nine_more():
    assert PUBLIC_ONLY == ("uk", "ar", "pl", "so", "ti", "lt", "fa", "ru", "se")
    assert DefaultConfig.PUBLIC_LANGUAGES[:3] == STAFF


@pytest.mark.parametrize("lang", PUBLIC_ONLY)
def test_public_catalog_translates_every_public_message_and_nothing_else(lang, public_messages):
    cat = catalog(lang)
    known = {as_tuple(m.id)[0] for m in cat if m.id}
    assert known == public_messages, (
        f"{lang}: run `flask translate update`; missing {sorted(public_messages - known)}, "
        f"not public {sorted(known - public_messages)}"
    )
    assert not cat.fuzzy
    gaps = [m.id for m in cat if m.id and (m.fuzzy or not all(s.strip() for s in as_tuple(m.string)))]
    assert not gaps, f"{lang}: untranslated or fuzzy: {gaps}"
    assert not [m.id for m in cat if m.id and as_tuple(m.string)[0] == as_tuple(m.id)[0] and len(m.id) > 12], (
        f"{lang}: copied from English"
    )


@pytest.mark.parametrize("lang", PUBLIC_ONLY)
def test_public_catalog_keeps_placeholders_and_has_every_plural_form(lang):
    cat = catalog(lang)
    for message in cat:
        if not message.id:
            continue
        wanted = sorted(PLACEHOLDER.findall(as_tuple(message.id)[-1]))
        for text in as_tuple(message.string):
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (lang, message.id, text)
        if isinstance(message.id, tuple):
            assert len(message.string) == cat.num_plurals, (lang, message.id)


@pytest.mark.parametrize("lang", STAFF)
def test_staff_catalogs_cover_the_public_messages(lang, public_messages):
    translated = {as_tuple(m.id)[0] for m in catalog(lang) if m.id and all(as_tuple(m.string))}
    assert public_messages <= translated


@pytest.mark.parametrize("lang", PUBLIC_ONLY)
def test_unreviewed_catalog_says_so_in_its_header(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", encoding="utf-8") as handle:
        header = handle.read().split('msgid ""', 1)[0]
    assert REVIEW_MARK in header, f"{lang}: the header must say whether a native speaker reviewed it"
    review = catalog_review(lang)
    assert review.reviewed == review.note.startswith("reviewed")
    assert not review.reviewed, f"{lang}: nobody has reviewed it yet; the header must not claim so"


@pytest.mark.parametrize("lang", PUBLIC_ONLY)
def test_key_terms_are_explained_in_each_catalog(lang):
    """112/113/110, legevakt and barnevern: each catalog explains them (not just a word for them)."""
    texts = {as_tuple(m.id)[0]: as_tuple(m.string)[0] for m in catalog(lang) if m.id}
    legevakt = texts[
        "The municipality's out-of-hours medical service: doctors for urgent illness and injury when "
        "your own doctor is closed. Call 116 117 first."
    ]
    assert "legevakt" in legevakt and "116 117" in legevakt
    assert (
        "barnevernet"
        in texts[
            "The municipality's child welfare service. It helps children and families, most "
            "often with support at home. The school must tell it when it is seriously worried "
            "about a child, and parents can ask it for help themselves."
        ]
    )
    emergency = texts["Emergency: call 112 (police), 113 (ambulance) or 110 (fire)."]
    assert all(number in emergency for number in ("112", "113", "110"))


@pytest.mark.parametrize("lang", DefaultConfig.PUBLIC_LANGUAGES)
def test_babel_has_the_locale_data_for_each_public_language(lang):
    locale = Locale.parse(lang)
    months = get_month_names("wide", "stand-alone", locale)
    assert len(months) == 12 and all(months.values())
    assert "2026" in format_date(date(2026, 12, 5), "long", locale=locale)
    expected = "right-to-left" if lang in ("ar", "fa") else "left-to-right"
    assert locale.character_order == expected
