"""A page's reading direction comes from Babel's locale data, not from a list of our own."""

import pytest
from flask_babel import force_locale

from intranet import create_app
from intranet.i18n import text_direction


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("nb", "ltr"), ("se", "ltr")])
def test_the_direction_of_a_language_is_babels(lang, direction):
    app = create_app({"TESTING": True, "SECRET_KEY": "-", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context("/"), force_locale(lang):
        assert text_direction() == direction
