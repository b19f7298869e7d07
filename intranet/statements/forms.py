"""The municipality's settings for the accessibility statement."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, URLField
from wtforms.validators import Email, Length, Optional, Regexp

from ..forms_support import strip


class AccessibilityForm(FlaskForm):
    accessibility_email = EmailField(
        _l("Address for feedback on accessibility"),
        filters=[strip],
        description=_l("Readers who meet a barrier write to this address. Leave it empty to hide it."),
        validators=[Optional(), Email(_l("Enter a valid email address.")), Length(max=254)],
    )
    uustatus_url = URLField(
        _l("Your accessibility statement on uustatus.no"),
        filters=[strip],
        description=_l(
            "The address of the municipality's statement, e.g. https://uustatus.no/nb/erklaringer/publisert/..."
        ),
        validators=[
            Optional(),
            Length(max=500),
            Regexp(r"^https://uustatus\.no/", message=_l("Enter an address on https://uustatus.no/.")),
        ],
    )
