"""Dates in every language as people in Norway read them: day before month, a 24-hour clock."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel

from intranet.dates import configure_dates, format_datetime, written_date

ROOT = Path(__file__).resolve().parents[2]
MOMENT = datetime(2026, 12, 4, 14, 46, tzinfo=UTC)  # 15:46 in Oslo


@pytest.fixture
def formatting():
    app = Flask(__name__)
    app.config["BABEL_DEFAULT_TIMEZONE"] = "Europe/Oslo"
    Babel(app, locale_selector=lambda: app.config["LANG"])
    configure_dates(app)
    return app


@pytest.mark.parametrize(
    ("lang", "short", "written"),
    [
        ("en", "4 Dec 2026, 15:46", "8 January 2027"),
        ("nb", "4. des. 2026, 15:46", "8. januar 2027"),
        ("nn", "4. des. 2026, 15:46", "8. januar 2027"),
    ],
)
def test_a_moment_and_a_date_answer_read_day_first_with_a_24_hour_clock(formatting, lang, short, written):
    formatting.config["LANG"] = lang
    with formatting.test_request_context():
        shown = formatting.jinja_env.from_string("{{ at | datetimeformat('short') }}").render(at=MOMENT)
        assert shown.replace("\u202f", " ") == format_datetime(MOMENT).replace("\u202f", " ") == short
        assert written_date("2027-01-08") == written
        assert written_date("2027-01-08T09:05").endswith(", 09:05")


def test_no_code_formats_dates_but_through_intranet_dates():
    """Babel's and Flask-Babel's formatters use the language's default territory (US for English)."""
    pattern = re.compile(r"from (flask_babel|babel\.dates) import [^\n]*\bformat_(date|datetime|time|skeleton)\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "intranet").rglob("*.py")
        if path.name != "dates.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
