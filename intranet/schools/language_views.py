"""A school's choice of languages for its public pages (issue 19)."""

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _

from ..errors import OperationError
from ..forms_support import add_error
from ..loading import requires
from ..rendering import render
from .forms import PublicLanguagesForm
from .operations import set_public_languages
from .views import bp


@bp.route("/<slug>/languages", methods=["GET", "POST"])
@requires("school.manage", on="school")
def public_languages(slug):
    school = g.school
    form = PublicLanguagesForm(data={"languages": school.language_list, "default_language": school.default_language})
    if form.validate_on_submit():
        try:
            set_public_languages(school, form.languages.data, form.default_language.data)
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            flash(_("The languages of the public pages are saved."), "success")
            return redirect(url_for("schools.public_languages", slug=school.slug))
    status = 400 if form.is_submitted() else 200
    return render("schools/languages.html", form=form, school=school, status=status)
