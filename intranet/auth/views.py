import unicodedata
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.urls import iri_to_uri

from ..errors import OperationError
from ..feide.models import SignInMode
from ..feide.modes import mode_of, password_allowed
from ..forms_support import add_error
from ..loading import PUBLIC, SIGNED_IN, requires
from ..reminders.views import setting_form
from ..rendering import render
from . import operations, sessions
from .forms import (
    AcceptInvitationForm,
    AccountForm,
    ChangePasswordForm,
    ExistingAccountInvitationForm,
    ForgotPasswordForm,
    LoginForm,
    NewPasswordForm,
)
from .passwords import verify_password
from .throttle import throttle_sign_in
from .tokens import user_for_reset_token

bp = Blueprint("auth", __name__, template_folder="templates")
throttle_sign_in(bp)  # per address and per account, before the request's transaction begins


def safe_next(target: str | None) -> str:
    """Only paths on this site are followed after login: never another host, never a broken header."""
    if target and _is_site_path(target):
        return iri_to_uri(target)
    return url_for("dashboard.index")


def _is_site_path(target: str) -> bool:
    # Browsers drop tabs and newlines from a URL ("/\t/host" is "//host") and read "/\\host" like "//host";
    # a control character or line break in a Location header would break the response.
    if any(char.isspace() or unicodedata.category(char)[0] in "CZ" for char in target) or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def fresh_session() -> None:
    """A new session when someone signs in or out (nothing of the old one carries over), except the
    language the reader chose: it stays their language on the other side of the door."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def sign_in(user) -> None:
    """Start a server-side session for `user` (sessions.py) and put it in a fresh cookie."""
    fresh_session()
    sessions.start(user)
    login_user(user)
    session.permanent = True


def sign_out(reason: str = "signed_out") -> None:
    if current_user.is_authenticated:
        sessions.end(current_user._get_current_object(), reason)
    logout_user()
    fresh_session()


@bp.route("/auth/login", methods=["GET", "POST"])
@requires(PUBLIC)
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = operations.authenticate(form.email.data, form.password.data)
        except OperationError as error:  # a right password where the municipality uses Feide only
            add_error(form, "password", error.message)  # 401: throttled like any failed sign-in
            return render("auth/login.html", form=form, status=401)
        if user is not None:
            sign_in(user)
            return redirect(safe_next(request.args.get("next")))
        add_error(form, "password", _("The email address or password is wrong."))
        status = 401
    elif form.is_submitted():
        status = 400
    return render("auth/login.html", form=form, status=status)


@bp.route("/auth/logout", methods=["POST"])
@requires(PUBLIC)
def logout():
    from ..feide.views import LOGOUT_OFFER, logout_offer

    feide_logout = logout_offer()  # read before the session is cleared
    sign_out()
    if feide_logout:
        session[LOGOUT_OFFER] = feide_logout
    flash(_("You are signed out."), "success")
    response = redirect(url_for("auth.login"))
    response.headers["Clear-Site-Data"] = '"cache", "storage"'  # what waits on the phone, its cached pages
    return response


@bp.route("/auth/forgot", methods=["GET", "POST"])
@requires(PUBLIC)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        operations.send_password_reset(form.email.data)
        flash(
            _("If the address belongs to an account, a link to set a new password is on its way. Check your email."),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render("auth/forgot.html", form=form, status=400 if form.is_submitted() else 200)


@bp.route("/auth/reset/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def reset_password(token):
    user = user_for_reset_token(token)
    if user is None or not password_allowed(user):  # with Feide only, an older link no longer sets a password
        return render("auth/link_invalid.html", status=410)
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            operations.set_password(user, form.password.data)
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            sign_in(user)
            flash(_("Your new password is saved."), "success")
            return redirect(url_for("dashboard.index"))
    return render("auth/reset.html", form=form, status=400 if form.is_submitted() else 200)


@bp.route("/auth/invitation/<token>", methods=["GET", "POST"])
@requires(PUBLIC)
def accept_invitation(token):
    invitation = operations.find_invitation(token)
    if invitation is None:
        abort(404)
    if not invitation.is_pending:
        return render("auth/link_invalid.html", status=410)
    existing = operations.user_by_email(invitation.email)
    form = ExistingAccountInvitationForm() if existing else AcceptInvitationForm(name=invitation.name or None)
    feide_only = mode_of(invitation.school.organisation_id) == SignInMode.FEIDE
    if feide_only and form.is_submitted():  # the municipality uses Feide only: accepted by signing in with it
        form.form_errors.append(_("Your municipality signs in with Feide only. Use “Sign in with Feide”."))
    elif form.validate_on_submit():
        try:
            user = operations.accept_invitation(
                invitation, getattr(form, "name", None) and form.name.data or "", form.password.data
            )
        except OperationError as error:
            add_error(form, error.field, error.message)
        else:
            sign_in(user)
            flash(_("Welcome to %(school)s.", school=invitation.school.name), "success")
            return redirect(url_for("dashboard.index"))
    return render(
        "auth/accept_invitation.html",
        form=form,
        invitation=invitation,
        existing=existing,
        feide_only=feide_only,
        status=400 if form.is_submitted() else 200,
    )


@bp.route("/app/account", methods=["GET", "POST"])
@requires(SIGNED_IN)
def account():
    form = AccountForm(obj=current_user)
    password_form = ChangePasswordForm(prefix="pw")
    status = 200
    if request.method == "POST" and "pw-current" not in request.form:
        if form.validate_on_submit():
            current_user.name = form.name.data.strip()
            current_user.language = form.language.data or None
            session.pop("lang", None)  # the saved preference now decides
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("auth.account"))
        status = 400
    elif request.method == "POST":
        if password_form.validate_on_submit():
            if not verify_password(current_user.password_hash, password_form.current.data):
                add_error(password_form, "current", _("The current password is wrong."))
            else:
                try:
                    operations.set_password(current_user, password_form.password.data)
                except OperationError as error:
                    add_error(password_form, error.field, error.message)
                else:  # this session stays; every other one has ended
                    flash(_("Your new password is saved."), "success")
                    return redirect(url_for("auth.account"))
        status = 400
    return render(
        "auth/account.html",
        form=form,
        password_form=password_form,
        open_sessions=sessions.open_sessions(current_user),
        reminder_form=setting_form(current_user),
        status=status,
    )


@bp.route("/app/account/sessions", methods=["POST"])
@requires(SIGNED_IN)
def sign_out_everywhere():
    """End every session of this account, on every device and server, this one included."""
    user = current_user._get_current_object()
    sessions.end_all(user, "everywhere")
    logout_user()
    fresh_session()
    flash(_("You are signed out on every device."), "success")
    return redirect(url_for("auth.login"))
