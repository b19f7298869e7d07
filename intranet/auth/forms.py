from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from ..forms_support import choices, strip
from ..i18n import LANGUAGE_NAMES

_email = [DataRequired(_l("Enter your email address.")), Email(_l("Enter a valid email address.")), Length(max=254)]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=_email, filters=[strip], render_kw={"autocomplete": "username"})
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=_email, filters=[strip], render_kw={"autocomplete": "username"})


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Choose a password."))],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(_l("Repeat the password.")), EqualTo("password", _l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.password.description = _l(
            "At least %(count)d characters. A short sentence is easy to remember and hard to guess.",
            count=current_app.config["PASSWORD_MIN_LENGTH"],
        )


class AcceptInvitationForm(NewPasswordForm):
    name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[DataRequired(_l("Enter your name.")), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )


class ExistingAccountInvitationForm(FlaskForm):
    password = PasswordField(
        _l("Your current password"),
        validators=[DataRequired(_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )


class AccountForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(_l("Enter your name.")), Length(max=200)])
    language = SelectField(
        _l("Preferred language"),
        choices=choices([("", _l("Follow the browser")), *LANGUAGE_NAMES.items()]),
        validators=[Optional()],
    )


class ChangePasswordForm(NewPasswordForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )
