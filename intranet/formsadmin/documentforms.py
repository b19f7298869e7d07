"""The builder's forms about a whole form: add a field, a new form, publish, import, its title and description."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from forms import FIELD_TYPES

from ..forms_support import choices, strip
from .fieldforms import HELP_LENGTH, LABEL_LENGTH, type_label


class AddFieldForm(FlaskForm):
    type = SelectField(_l("Type"), choices=[])
    label = StringField(
        _l("Label"), [DataRequired(_l("Write what the field asks or says.")), Length(max=LABEL_LENGTH)], filters=[strip]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = choices((name, type_label(name)) for name in FIELD_TYPES)


class NewForm(FlaskForm):
    title = StringField(_l("Title"), [DataRequired(_l("Give the form a title.")), Length(max=200)], filters=[strip])
    kind = SelectField(
        _l("Kind"),
        choices=choices(
            [("checklist", _l("Checklist: steps worked through per case")), ("form", _l("Form: filled in once"))]
        ),
    )


class PublishForm(FlaskForm):
    version = HiddenField()
    note = StringField(
        _l("What changed?"),
        [InputRequired(_l("Write a short note about what changed.")), Length(max=500)],
        filters=[strip],
    )


class ImportForm(FlaskForm):
    text = TextAreaField(
        _l("Paste the JSON"), [Optional()], description=_l("Or choose a file exported from this or another intranet.")
    )


def texts_form_class(languages: list[str], default_language: str) -> type[FlaskForm]:
    """Title and description of the form in each language."""

    class TextsForm(FlaskForm):
        version = HiddenField()

    for lang in languages:
        required = (
            [DataRequired(_l("Write the title in the form's main language."))] if lang == default_language else []
        )
        in_lang = {"lang": lang}
        title = StringField(_l("Title"), [*required, Length(max=200)], filters=[strip], render_kw=in_lang)
        setattr(TextsForm, f"title_{lang}", title)
        description = TextAreaField(_l("Description"), [Length(max=HELP_LENGTH)], render_kw=in_lang)
        setattr(TextsForm, f"description_{lang}", description)
    TextsForm.languages = languages
    return TextsForm
