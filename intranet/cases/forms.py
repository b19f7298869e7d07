"""The WTForms of the case pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from forms.fields import NumberRange

from ..forms_support import ChosenSelect, strip


class OpenCaseForm(FlaskForm):
    checklist = RadioField(_l("What has happened?"), [InputRequired(_l("Choose the situation."))], choices=[])
    label = StringField(
        _l("Short label (optional)"),
        [Length(max=80)],
        filters=[strip],
        description=_l(
            "Something only you and your colleagues recognise, such as “10B, Monday”. Never the student's name."
        ),
    )
    archive_reference = StringField(
        _l("Case number in the school's archive (optional)"),
        [Length(max=80)],
        filters=[strip],
        description=_l("Links this case to the archive without copying anything sensitive here."),
    )


class StartRunForm(FlaskForm):
    checklist = SelectField(_l("Checklist"), [InputRequired()], choices=[], widget=ChosenSelect())


class AddMemberForm(FlaskForm):
    user = SelectField(
        _l("Colleague"), [InputRequired(_l("Choose a colleague."))], choices=[], coerce=int, widget=ChosenSelect()
    )


class CloseForm(FlaskForm):
    note = TextAreaField(
        _l("Closing note"),
        [DataRequired(_l("Write why the case is closed and what happens next.")), Length(max=2000)],
        filters=[strip],
    )


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Note"), [Length(max=2000)], filters=[strip])


class RetentionForm(FlaskForm):
    days = IntegerField(
        _l("Keep closed cases for (days)"),
        [InputRequired(_l("Write a number of days.")), NumberRange(30, 3650, _l("Between 30 and 3650 days."))],
    )
