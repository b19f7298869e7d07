"""Why a Feide sign-in failed, said in the reader's language. Nothing is created when one fails: the
view answers with an error status, so the request's transaction is rolled back (db.finish_request)."""

from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from flask_babel import lazy_gettext as _l
from joserfc.errors import BadSignatureError, ClaimError, InvalidKeyIdError, JoseError
from requests import RequestException, Timeout
from requests.exceptions import ConnectionError as RequestsConnectionError

MESSAGES = {
    "cancelled": _l("You cancelled the sign-in at Feide. Nothing was changed; you can try again."),
    "refused": _l(
        "Feide refused the sign-in. Nothing was changed. If it happens again, tell your school's IT contact."
    ),
    "state": _l(
        "This sign-in was not started here, or it has already been used. Start again with “Sign in with Feide”."
    ),
    "code": _l("The sign-in from Feide has expired or was already used. Start again with “Sign in with Feide”."),
    "issuer": _l("The answer did not come from the Feide this service trusts, so it was refused."),
    "audience": _l("The answer from Feide was meant for another service, so it was refused."),
    "nonce": _l("The answer from Feide does not belong to this sign-in, so it was refused."),
    "expired": _l("The answer from Feide has expired. Start again with “Sign in with Feide”."),
    "key": _l("The answer from Feide was signed with a key Feide does not publish, so it was refused."),
    "token": _l("The answer from Feide could not be verified, so it was refused."),
    "unreachable": _l("Feide did not answer in time. Try again in a few minutes, or sign in with your password."),
    "student": _l("This service is for school staff. Pupils cannot sign in here."),
    "no_school": _l(
        "Your Feide account is not linked to any school in this service. Ask your school's administrator "
        "for an invitation."
    ),
    "no_email": _l(
        "Feide did not give your e-mail address, which an account here needs. Ask your school's IT contact."
    ),
    "not_feide": _l("Your municipality does not use Feide to sign in here. Sign in with your password."),
    "inactive": _l("This account has been deactivated. Ask your administrator."),
    "not_configured": _l("Sign-in with Feide is not set up on this server."),
    "linked_elsewhere": _l("This Feide account is already linked to another account here. Ask an administrator."),
}
STATUS = {"unreachable": 504, "not_configured": 404}


class FeideRefusal(Exception):
    """The sign-in is refused for a reason of this app's own (see MESSAGES)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


CLAIM_KINDS = {"iss": "issuer", "aud": "audience", "azp": "audience", "nonce": "nonce", "exp": "expired"}


def kind_of(error: Exception) -> str | None:
    """The failure an exception from the sign-in stands for, or None when it is no sign-in failure."""
    if isinstance(error, FeideRefusal):
        return error.kind
    if isinstance(error, MismatchingStateError):
        return "state"
    if isinstance(error, OAuthError):
        if error.error == "access_denied":
            return "cancelled"
        return "code" if error.error == "invalid_grant" else "refused"
    if isinstance(error, ClaimError):
        return CLAIM_KINDS.get(getattr(error, "claim", ""), "token")
    if isinstance(error, InvalidKeyIdError | BadSignatureError):
        return "key"
    if isinstance(error, JoseError):
        return "expired" if "expired" in str(error).lower() else "token"
    if isinstance(error, Timeout | RequestsConnectionError):
        return "unreachable"
    if isinstance(error, RequestException):
        return "refused"
    return None
