from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from ..forms_support import choices
from .models import DAILY, DASHBOARD, IMMEDIATELY


class ReminderSettingForm(FlaskForm):
    mode = RadioField(
        _l("How do you want reminders?"),
        [InputRequired(_l("Choose how you want reminders."))],
        choices=choices(
            [
                (IMMEDIATELY, _l("By email at once")),
                (DAILY, _l("By email in a daily digest (steps due within hours still at once)")),
                (DASHBOARD, _l("Only on the dashboard")),
            ]
        ),
        description=_l(
            "Reminders tell you about steps due soon or overdue on cases you work on, and about the plan's "
            "review. They name no pupil: the case's reference, the step, when it is due and a link."
        ),
    )
