"""Sign in with Feide: the start (a redirect to Feide), the callback, and the offer to sign out of Feide."""

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_babel import get_locale

from ..auth.views import safe_next, sign_in
from ..errors import OperationError
from ..loading import PUBLIC, requires
from ..rendering import render
from . import client
from .failures import MESSAGES, STATUS, FeideRefusal, kind_of
from .linking import account_for
from .profile import read_profile

bp = Blueprint("feide", __name__, template_folder="templates")

NEXT = "feide_next"
ID_TOKEN = "feide_id_token"  # noqa: S105 - the session key, not a token
LOGOUT_OFFER = "feide_logout_url"
FAILED = "feide_failed"  # the callback's state and what went wrong, to say it again in another language


def failure(kind: str, detail: str | None = None):
    """The page that says what went wrong; its error status rolls the request back (nothing is created)."""
    message = detail or MESSAGES[kind]
    if request.endpoint == "feide.callback" and request.args.get("state"):
        session[FAILED] = {"state": request.args["state"], "kind": kind}
    return render("feide/failed.html", kind=kind, message=message, status=STATUS.get(kind, 400))


@bp.route("/auth/feide", methods=["GET"])
@requires(PUBLIC)
def start():
    if not client.enabled():
        return failure("not_configured")
    session[NEXT] = request.args.get("next") or ""
    for key in [key for key in session if key.startswith("_state_feide_")]:
        session.pop(key)  # one sign-in at a time: abandoned ones do not pile up in the cookie
    try:
        return client.authorize_redirect(url_for("feide.callback", _external=True), str(get_locale()))
    except Exception as error:  # the provider's discovery document: unreachable, or not an answer
        kind = kind_of(error)
        if kind is None:
            raise
        return failure(kind)


@bp.route("/auth/feide/callback", methods=["GET"])
@requires(PUBLIC)
def callback():
    if not client.enabled():
        return failure("not_configured")
    earlier = session.get(FAILED)
    if earlier and earlier["state"] == request.args.get("state"):
        return failure(earlier["kind"])  # the same answer again, e.g. the language switched on the failure page
    try:
        _check_issuer_parameter()
        tokens = client.finish_authorization()
        userinfo = client.userinfo(tokens)
        if str(userinfo.get("sub")) != str(tokens.claims["sub"]):
            raise FeideRefusal("token")  # userinfo must describe the person the ID token names
        user = account_for(read_profile(tokens.claims, userinfo, client.my_groups(tokens)))
    except OperationError as error:  # an invitation that may no longer be used (auth/people.py)
        return failure("refused", detail=error.message)
    except Exception as error:
        kind = kind_of(error)
        if kind is None:
            raise
        return failure(kind)
    target = safe_next(session.pop(NEXT, None))
    sign_in(user)
    session[ID_TOKEN] = tokens.id_token  # for RP-initiated logout
    return redirect(target)


def _check_issuer_parameter() -> None:
    """RFC 9207: a provider that names itself in the callback must be ours (against mix-up attacks)."""
    named = request.args.get("iss")
    if named is not None and named.rstrip("/") != current_app.config["FEIDE_ISSUER"].rstrip("/"):
        raise FeideRefusal("issuer")


def logout_offer() -> str | None:
    """Before signing out: Feide's end-session address, when this session came from Feide."""
    id_token = session.get(ID_TOKEN)
    if not id_token or not client.enabled():
        return None
    try:
        return client.logout_url(id_token, url_for("auth.login", _external=True))
    except Exception as error:
        if kind_of(error) is None:
            raise
        return None


def pop_logout_offer() -> str | None:
    """For the sign-in page after signing out: the offer to sign out of Feide too (shown once)."""
    return session.pop(LOGOUT_OFFER, None)
