"""Forms for contact persons, roles and services. Texts per language get one field per language."""

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, StringField, URLField
from wtforms.validators import URL, DataRequired, Email, Length, Optional, ValidationError

from ..forms_support import CheckboxListField, strip
from ..i18n import LANGUAGE_NAMES, language_name
from .phones import parse_phone


def valid_phone(form, field):
    if field.data and parse_phone(field.data) is None:
        raise ValidationError(_l("Enter a phone number someone can call, e.g. 98765432, +47 987 65 432 or 02800."))


def language_fields(name: str, label, languages: list[str], required: str | None, max_length: int = 200) -> dict:
    """One text field per language, named `<name>_<lang>`; the `required` language must be filled in."""
    fields = {}
    for lang in languages:
        need = (
            [DataRequired(_l("Fill this in, in %(language)s.", language=LazyString(language_name, lang)))]
            if lang == required
            else [Optional()]
        )
        fields[f"{name}_{lang}"] = StringField(
            _l("%(label)s (%(language)s)", label=label, language=LANGUAGE_NAMES[lang]),
            filters=[strip],
            validators=[*need, Length(max=max_length)],
            render_kw={"lang": lang},
        )
    return fields


def texts(form, name: str, languages: list[str]) -> dict:
    return {lang: form[f"{name}_{lang}"].data for lang in languages if form[f"{name}_{lang}"].data}


def language_data(name: str, values: dict) -> dict:
    """A stored {lang: text} as the form data of `language_fields(name, ...)`: the reverse of `texts`."""
    return {f"{name}_{lang}": text for lang, text in values.items()}


def service_values(form, languages: list[str]) -> dict:
    """What the service form says, as `operations.save_service` takes it."""
    return {
        "name": texts(form, "name", languages),
        "note": texts(form, "note", languages),
        "phone": form.phone.data,
        "url": form.url.data,
        "public": form.public.data,
    }


def service_data(service) -> dict:
    """A stored service as the service form's data."""
    return {
        "phone": service.phone,
        "url": service.url,
        "public": service.public,
        **language_data("name", service.name),
        **language_data("note", service.note),
    }


def contact_form_class(languages: list[str], default: str) -> type[FlaskForm]:
    attrs = {
        "name": StringField(
            _l("Name"), filters=[strip], validators=[DataRequired(_l("Enter the person's name.")), Length(max=200)]
        ),
        **language_fields("title", _l("Title"), languages, None),
        "roles": CheckboxListField(
            _l("Roles"),
            choices=[],
            validate_choice=False,
            description=_l("What the person does in the plan. At least one."),
        ),
        "phone": StringField(
            _l("Phone"),
            filters=[strip],
            validators=[Optional(), Length(max=30), valid_phone],
            render_kw={"type": "tel", "autocomplete": "off"},
        ),
        "email": EmailField(
            _l("Email"),
            filters=[strip],
            validators=[Optional(), Email(_l("Enter a valid email address.")), Length(max=254)],
        ),
        "public": BooleanField(_l("Public: shown to parents on the school's page"), default=True),
    }
    return type("ContactForm", (FlaskForm,), attrs)


def role_form_class(languages: list[str], default: str) -> type[FlaskForm]:
    attrs = {
        **language_fields("name", _l("Name of the role"), languages, default, max_length=100),
        "public": BooleanField(_l("Public: parents may contact this role"), default=True),
    }
    return type("RoleForm", (FlaskForm,), attrs)


def service_form_class(languages: list[str], default: str) -> type[FlaskForm]:
    attrs = {
        **language_fields("name", _l("Name"), languages, default),
        **language_fields("note", _l("When to contact"), languages, None, max_length=300),
        "phone": StringField(
            _l("Phone"),
            filters=[strip],
            validators=[Optional(), Length(max=30), valid_phone],
            render_kw={"type": "tel"},
        ),
        "url": URLField(
            _l("Web address"),
            filters=[strip],
            validators=[Optional(), URL(message=_l("Enter a web address starting with https://.")), Length(max=500)],
        ),
        "public": BooleanField(_l("Public: shown to parents"), default=True),
    }
    return type("ServiceForm", (FlaskForm,), attrs)
