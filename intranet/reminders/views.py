"""Each person's choice of how reminders reach them (My account)."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..loading import SIGNED_IN, requires
from ..rendering import render
from .forms import ReminderSettingForm
from .operations import mode_of, set_mode

bp = Blueprint("reminders", __name__, template_folder="templates")


def setting_form(user, formdata=None) -> ReminderSettingForm:
    """The form as My account shows it, with the person's current choice."""
    form = ReminderSettingForm(formdata=formdata, prefix="reminders")
    if formdata is None:
        form.mode.data = mode_of(user)
    return form


@bp.route("/app/account/reminders", methods=["GET", "POST"])
@requires(SIGNED_IN)
def setting():
    """The setting on a page of its own (where a mail's unsubscribe link leads); saving goes back to My
    account. A choice that is not offered is answered here, with the form again."""
    form = ReminderSettingForm(prefix="reminders")
    if form.validate_on_submit():
        set_mode(current_user, form.mode.data)
        flash(_("Your reminder setting is saved."), "success")
        return redirect(url_for("auth.account") + "#reminders-heading")
    if not form.is_submitted():
        form.mode.data = mode_of(current_user)
    return render("reminders/setting.html", reminder_form=form, status=400 if form.is_submitted() else 200)
