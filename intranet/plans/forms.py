"""WTForms for the plan and template editors. A section's form is built from its kind (kinds/)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.fields import FieldList, FormField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from ..forms_support import choices, strip
from .kinds import KINDS, kind_for


def section_form_class(kind_name: str, default_language: bool) -> type[FlaskForm]:
    """The editor form of a section of `kind_name`: title, body, public, and its kind's items if any."""
    kind = kind_for(kind_name)
    attrs = {
        "title": StringField(_l("Title"), filters=[strip], validators=[Length(max=200)]),
        "body": TextAreaField(
            _l("Text"),
            filters=[strip],
            render_kw={"rows": 12},
            description=_l(
                "Markdown: **bold**, *italic*, lists with -, links as [text](https://...), headings with #."
            ),
        ),
        "public": BooleanField(_l("Public: shown to parents and students on the school's page")),
        "version": HiddenField(),
    }
    if kind.has_items:
        attrs["items"] = FieldList(FormField(kind.item_form_class(default_language)), min_entries=0)
    if not default_language:
        attrs["confirm_translation"] = BooleanField(
            _l("The texts in this language still say what the source text says: mark them as up to date")
        )
    return type(f"{kind_name.title()}SectionForm", (FlaskForm,), attrs)


class AddSectionForm(FlaskForm):
    title = StringField(
        _l("Title"), filters=[strip], validators=[DataRequired(_l("Give the section a title.")), Length(max=200)]
    )
    kind = SelectField(_l("Kind of section"), choices=choices((k.name, k.label) for k in KINDS.values()))
    key = StringField(
        _l("Key"),
        filters=[strip, lambda v: v.lower() if isinstance(v, str) else v],
        description=_l("A short name used in links, e.g. our_measures. Lowercase letters, digits and _."),
        validators=[
            DataRequired(_l("Give the section a key.")),
            Regexp(
                r"^[a-z][a-z0-9_]{1,59}$",
                message=_l("Use 2 to 60 lowercase letters, digits and _, starting with a letter."),
            ),
        ],
    )
    public = BooleanField(_l("Public"), default=True)


class PublishForm(FlaskForm):
    note = StringField(
        _l("What changed?"),
        filters=[strip],
        validators=[DataRequired(_l("Say in a few words what changed.")), Length(max=500)],
    )


class PlanReviewForm(FlaskForm):
    reviewed_on = DateField(_l("Last reviewed"), validators=[Optional()], description=_l("Shown on the public page."))
    review_by = DateField(
        _l("Next review by"),
        validators=[Optional()],
        description=_l(
            "The school's administrators are reminded a month before; the municipality sees plans past this date."
        ),
    )

    def validate_review_by(self, field):
        if field.data and self.reviewed_on.data and field.data <= self.reviewed_on.data:
            raise ValidationError(_l("The next review must come after the last one."))
