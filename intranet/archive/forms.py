"""The WTForms of the archive pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from ..forms_support import strip


class FileCaseForm(FlaskForm):
    archive_reference = StringField(
        _l("Case number in the archive"),
        [DataRequired(_l("Write the case number the archive gave.")), Length(max=80)],
        filters=[strip],
        description=_l("The number the archive (Noark 5 system) gave the case, such as 2026/1234."),
    )


class PurgeSettingForm(FlaskForm):
    purge_unfiled = BooleanField(
        _l("Also delete expired cases that are not filed in the archive"),
        description=_l(
            "Off: a closed case is kept past the retention period until it is filed. "
            "Every change of this choice is kept in the access log."
        ),
    )
