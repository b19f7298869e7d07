"""Month names come from Babel's locale data, capitalised as the annual wheel and the plan show them."""

import pytest
from flask_babel import force_locale

from intranet import create_app
from intranet.plans.months import month_choices, month_name


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "SECRET_KEY": "-", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.mark.parametrize(
    ("lang", "january", "may", "december"),
    [("nb", "Januar", "Mai", "Desember"), ("nn", "Januar", "Mai", "Desember"), ("en", "January", "May", "December")],
)
def test_months_read_as_before_in_the_staff_languages(app, lang, january, may, december):
    with app.test_request_context("/"), force_locale(lang):
        assert (month_name(1), month_name(5), month_name(12)) == (january, may, december)


def test_a_parents_language_without_a_catalog_gets_its_own_month_names_standing_alone(app):
    with app.test_request_context("/"), force_locale("uk"):
        assert month_name(1) == "Січень"  # nominative, not the genitive "січня" of a date


def test_the_month_choices_follow_the_school_year_from_august(app):
    with app.test_request_context("/"), force_locale("en"):
        assert [(c.value, str(c.label)) for c in month_choices()][:2] == [("8", "August"), ("9", "September")]
