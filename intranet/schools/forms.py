from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from ..auth.models import Role
from ..forms_support import CheckboxListField, ChosenSelect, choices, strip
from ..i18n import LANGUAGE_NAMES, language_direction
from .models import SchoolKind

# The school's own language (its content's source, the staff pages' default): one of the staff languages.
SCHOOL_LANGUAGE_NAMES = {code: LANGUAGE_NAMES[code] for code in ("nb", "nn", "en")}

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$"

KIND_LABELS = {
    SchoolKind.PRIMARY: _l("Primary school (barneskole)"),
    SchoolKind.LOWER_SECONDARY: _l("Lower secondary school (ungdomsskole)"),
    SchoolKind.UPPER_SECONDARY: _l("Upper secondary school (videregående)"),
    SchoolKind.COMBINED: _l("Combined primary and lower secondary school"),
}

ROLE_LABELS = {
    Role.ORG_ADMIN: _l("Municipality administrator"),
    Role.SCHOOL_ADMIN: _l("School administrator"),
    Role.STAFF: _l("Staff"),
}


class SchoolForm(FlaskForm):
    name = StringField(
        _l("School name"), filters=[strip], validators=[DataRequired(_l("Enter the school's name.")), Length(max=200)]
    )
    slug = StringField(
        _l("Short address"),
        filters=[strip, lambda v: v.lower() if isinstance(v, str) else v],
        description=_l(
            "Lowercase letters a-z, digits and hyphens, e.g. fjordvik-us. The public page will "
            "be at /<address>/, and the address is printed on posters."
        ),
        validators=[
            DataRequired(_l("Choose a short address.")),
            Regexp(
                SLUG_PATTERN,
                message=_l(
                    "Use 2 to 40 lowercase letters (a-z), digits and hyphens, not starting or ending with a hyphen."
                ),
            ),
        ],
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    kind = SelectField(
        _l("School type"),
        choices=choices(KIND_LABELS.items()),
        validators=[DataRequired(_l("Choose the kind of school."))],
        widget=ChosenSelect(),
    )
    languages = CheckboxListField(
        _l("Languages"), choices=choices(LANGUAGE_NAMES.items()), default=list(SCHOOL_LANGUAGE_NAMES)
    )
    default_language = SelectField(_l("Default language"), choices=choices(SCHOOL_LANGUAGE_NAMES.items()))
    admin_name = StringField(
        _l("Name of the first school administrator"), filters=[strip], validators=[Optional(), Length(max=200)]
    )
    admin_email = EmailField(
        _l("Email of the first school administrator"),
        filters=[strip],
        description=_l("They get an invitation by email and choose their own password."),
        validators=[
            DataRequired(_l("Enter the school administrator's email address.")),
            Email(_l("Enter a valid email address.")),
            Length(max=254),
        ],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checked here rather than with DataRequired, which would mark every checkbox as required.
        if not self.languages.data:
            self.languages.errors = [*self.languages.errors, _l("Choose at least one language.")]
            valid = False
        elif self.default_language.data not in self.languages.data:
            self.default_language.errors = [
                *self.default_language.errors,
                _l("The default language must be one of the chosen languages."),
            ]
            valid = False
        return valid


class InviteForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[Optional(), Length(max=200)])
    email = EmailField(
        _l("Email"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter an email address.")),
            Email(_l("Enter a valid email address.")),
            Length(max=254),
        ],
    )
    role = SelectField(
        _l("Role"),
        choices=choices(
            [(Role.STAFF.value, ROLE_LABELS[Role.STAFF]), (Role.SCHOOL_ADMIN.value, ROLE_LABELS[Role.SCHOOL_ADMIN])]
        ),
        default=Role.STAFF.value,
    )


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=choices(
            [(Role.STAFF.value, ROLE_LABELS[Role.STAFF]), (Role.SCHOOL_ADMIN.value, ROLE_LABELS[Role.SCHOOL_ADMIN])]
        ),
        validators=[DataRequired()],
        widget=ChosenSelect(),
    )


def _named_in_itself(code: str, name: str) -> Markup:
    """A language's name in itself, marked with its language (and direction) for screen readers."""
    direction = Markup(' dir="rtl"') if language_direction(code) == "rtl" else ""
    return Markup('<span lang="{}"{}>{}</span>').format(code, direction, name)


class PublicLanguagesForm(FlaskForm):
    """The languages a school's public pages offer, and the school's own language (issue 19)."""

    languages = CheckboxListField(
        _l("Languages of the public pages"),
        choices=choices((code, _named_in_itself(code, name)) for code, name in LANGUAGE_NAMES.items()),
        description=_l("Parents choose among these at the top of every public page of the school."),
    )
    default_language = SelectField(
        _l("The school's language"),
        choices=choices(SCHOOL_LANGUAGE_NAMES.items()),
        description=_l("Where a text is missing in the reader's language, it is shown in this language, with a note."),
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.languages.data:
            self.languages.errors = [*self.languages.errors, _l("Choose at least one language.")]
            return False
        if self.default_language.data not in self.languages.data:
            self.default_language.errors = [
                *self.default_language.errors,
                _l("The default language must be one of the chosen languages."),
            ]
            return False
        return valid
