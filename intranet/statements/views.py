"""The accessibility statement and the statement on the translations (public, every public language), and
the municipality's settings for the accessibility statement (issue 19)."""

from datetime import date

from flask import Blueprint, current_app, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, URLField
from wtforms.validators import Email, Length, Optional, Regexp

from ..extensions import db
from ..forms_support import strip
from ..i18n import all_public_languages
from ..loading import PUBLIC, requires
from ..rendering import render
from ..schools.models import Organisation
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


class AccessibilityForm(FlaskForm):
    accessibility_email = EmailField(
        _l("Address for feedback on accessibility"),
        filters=[strip],
        description=_l("Readers who meet a barrier write to this address. Leave it empty to hide it."),
        validators=[Optional(), Email(_l("Enter a valid email address.")), Length(max=254)],
    )
    uustatus_url = URLField(
        _l("Your accessibility statement on uustatus.no"),
        filters=[strip],
        description=_l(
            "The address of the municipality's statement, e.g. https://uustatus.no/nb/erklaringer/publisert/..."
        ),
        validators=[
            Optional(),
            Length(max=500),
            Regexp(r"^https://uustatus\.no/", message=_l("Enter an address on https://uustatus.no/.")),
        ],
    )


@bp.route("/app/organisations/<org_slug>/accessibility", methods=["GET", "POST"])
@requires("org.manage", on="organisation")
def settings(org_slug):
    organisation = g.organisation
    form = AccessibilityForm(obj=organisation)
    if form.validate_on_submit():
        organisation.accessibility_email = form.accessibility_email.data or None
        organisation.uustatus_url = form.uustatus_url.data or None
        db.session.flush()
        flash(_("The accessibility statement's settings are saved."), "success")
        return redirect(url_for("statements.settings", org_slug=organisation.slug))
    status = 400 if form.is_submitted() else 200
    return render("statements/settings.html", form=form, organisation=organisation, status=status)
