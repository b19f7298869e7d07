"""The nb, nn and en catalogs are complete, match the source, and keep every placeholder."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nb", "nn", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalog(lang):
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


def as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_no_untranslated_or_fuzzy_entry(lang):
    cat = catalog(lang)
    assert not cat.fuzzy, f"{lang}: the header is marked fuzzy, so the catalog would not compile"
    problems = [m.id for m in cat if m.id and (m.fuzzy or not all(as_tuple(m.string)))]
    assert not problems, f"{lang}: untranslated or fuzzy: {problems}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_placeholder(lang):
    for message in catalog(lang):
        if not message.id:
            continue
        wanted = sorted(PLACEHOLDER.findall(as_tuple(message.id)[-1]))
        for text in as_tuple(message.string):
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (lang, message.id, text)


def test_catalogs_contain_every_message_in_the_source(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--no-location",
            "-o",
            str(pot),
            "intranet",
            "forms",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        source_ids = {as_tuple(m.id)[0] for m in read_po(handle) if m.id}
    for lang in LANGUAGES:
        known = {as_tuple(m.id)[0] for m in catalog(lang) if m.id}
        missing = source_ids - known
        assert not missing, f"{lang}: run `flask translate update` and translate: {sorted(missing)}"
