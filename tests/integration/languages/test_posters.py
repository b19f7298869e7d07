"""The poster PDF in every public language, read back with pdftotext: its text is in the reader's language,
phone numbers keep their digit order (right to left too), and Arabic script and Ethiopic are set in the
Noto fonts installed from Debian (pdffonts), never in a font fetched from elsewhere."""

import re
import shutil
import subprocess

import pytest
from flask_babel import force_locale, gettext

PUBLIC_LANGUAGES = ("nb", "nn", "en", "uk", "ar", "pl", "so", "ti", "lt", "fa", "ru", "se")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture
def poster(app, client, world, published_plan, contacts, db, tmp_path):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the PDF does not depend on the database; made once, on SQLite")
    world.school.languages = ",".join(PUBLIC_LANGUAGES)
    db.session.commit()

    def fetch(lang: str):
        response = client.get(f"/{world.school.slug}/poster.pdf?lang={lang}")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        path = tmp_path / f"poster-{lang}.pdf"
        path.write_bytes(response.data)
        return path

    return fetch


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(BIDI_CONTROLS.sub("", text).split())


def translated(app, lang: str, message: str) -> str:
    with app.test_request_context(), force_locale(lang):
        return BIDI_CONTROLS.sub("", gettext(message))


@pytest.mark.parametrize("lang", PUBLIC_LANGUAGES)
def test_poster_text_is_in_the_readers_language(app, world, poster, lang):
    text = pdf_text(poster(lang))
    kicker = translated(app, lang, "Worried about alcohol or drugs?")
    assert kicker in text, f"{lang}: {kicker!r} not in {text[:200]!r}"
    if lang != "en":
        assert "Worried about alcohol" not in text
    assert world.school.name in text
    assert "91 23 45 67" in text and "116 117" in text  # digit groups in their order, right to left too


SCRIPT_FONTS = [("ar", "Noto-Naskh-Arabic"), ("fa", "Noto-Naskh-Arabic"), ("ti", "Noto-Sans-Ethiopic")]


def noto_installed() -> bool:
    return bool(subprocess.run(["fc-list", ":lang=ti"], capture_output=True, text=True).stdout)


@pytest.mark.parametrize(("lang", "font"), SCRIPT_FONTS)
def test_poster_sets_the_script_in_an_installed_noto_font(poster, lang, font):
    if not shutil.which("pdffonts") or not noto_installed():
        pytest.skip("fonts-noto-core is not installed (scripts/setup installs it as root)")
    fonts = subprocess.run(["pdffonts", str(poster(lang))], check=True, capture_output=True, text=True).stdout
    assert font in fonts, fonts
