"""The upload form of the plan import."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField
from wtforms.validators import ValidationError

from ..forms_support import choices
from ..i18n import language_name


def a_file(form, field):
    if not field.data or not getattr(field.data, "filename", ""):
        raise ValidationError(_l("Choose the file with your plan."))


class UploadForm(FlaskForm):
    document = FileField(
        _l("Your plan document"),
        description=_l("A Word file (.docx), an OpenDocument file (.odt), a PDF, or text (.txt, .md)."),
        validators=[a_file],
        render_kw={"accept": ".docx,.odt,.pdf,.txt,.md,.markdown"},
    )
    language = SelectField(_l("The document is written in"))

    def offer_languages(self, codes, default: str) -> None:
        self.language.choices = choices((code, language_name(code)) for code in codes)
        if not self.language.data:
            self.language.data = default
