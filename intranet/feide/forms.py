"""The municipality's Feide settings: sign-in mode, automatic staff membership, schools' organisation numbers."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, FormField, HiddenField, RadioField, StringField
from wtforms.validators import Optional, Regexp

from ..forms_support import choices, strip
from .models import SignInMode

MODE_LABELS = {
    SignInMode.PASSWORD: _l("Passwords only"),
    SignInMode.FEIDE: _l("Feide only (staff passwords stop working, no reset mails)"),
    SignInMode.BOTH: _l("Feide and passwords"),
}


def _digits_only(value):
    return "".join(value.split()) if isinstance(value, str) else value


class SchoolNumberForm(FlaskForm):
    class Meta:
        csrf = False  # part of the settings form, which carries the token

    school_id = HiddenField()
    number = StringField(
        _l("Organisation number"),
        filters=[strip, _digits_only],
        validators=[Optional(), Regexp(r"^\d{9}$", message=_l("An organisation number has nine digits."))],
    )


class FeideSettingsForm(FlaskForm):
    mode = RadioField(
        _l("How staff sign in"), choices=choices((mode.value, label) for mode, label in MODE_LABELS.items())
    )
    auto_staff = BooleanField(
        _l("Employees at our schools who sign in with Feide and have no account get a staff account"),
        description=_l("Administrator rights are only ever given here in the app, never by Feide."),
    )
    schools = FieldList(FormField(SchoolNumberForm))
