"""The accessibility statement and the statement on the translations (public, every public language), and
the municipality's settings for the accessibility statement (issue 19)."""

from datetime import date

from flask import Blueprint, current_app, flash, g, redirect, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..i18n import all_public_languages
from ..loading import PUBLIC, requires
from ..rendering import render
from ..schools.models import Organisation
from .forms import AccessibilityForm
from .operations import set_accessibility_settings
from .reviews import catalog_review

bp = Blueprint("statements", __name__, template_folder="templates")

# The day this release's browser tests last checked every public page in every public language with
# axe-core at phone and desktop width (tests/e2e/test_public_languages.py). Update it with the release.
CHECKED_ON = date(2026, 12, 5)


@bp.route("/uu-statement")
@requires(PUBLIC)
def accessibility():
    organisations = db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all()
    languages = [catalog_review(lang) for lang in all_public_languages()]
    return render(
        "statements/accessibility.html",
        organisations=organisations,
        checked_on=CHECKED_ON,
        unreviewed=[review.lang for review in languages if review.reviewed is False],
    )


@bp.route("/languages")
@requires(PUBLIC)
def languages():
    reviews = [catalog_review(lang) for lang in all_public_languages()]
    staff = current_app.config["LANGUAGES"]
    return render("statements/languages.html", reviews=reviews, staff_languages=staff)


@bp.route("/app/organisations/<org_slug>/accessibility", methods=["GET", "POST"])
@requires("org.manage", on="organisation")
def settings(org_slug):
    organisation = g.organisation
    form = AccessibilityForm(obj=organisation)
    if form.validate_on_submit():
        set_accessibility_settings(organisation, form.accessibility_email.data, form.uustatus_url.data)
        flash(_("The accessibility statement's settings are saved."), "success")
        return redirect(url_for("statements.settings", org_slug=organisation.slug))
    status = 400 if form.is_submitted() else 200
    return render("statements/settings.html", form=form, organisation=organisation, status=status)
