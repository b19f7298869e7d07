"""The OpenID Connect client for Feide (Authlib): authorization code flow with PKCE, state and nonce.

Authlib keeps the state, nonce and PKCE verifier in the signed session between the redirect to Feide and
the callback, checks the state, exchanges the code and validates the ID token (signature against the
provider's published keys, issuer, audience, nonce, expiry). Every call to the provider has a timeout.
"""

from dataclasses import dataclass

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app

EXTENSION = "feide_oauth"
DEFAULTS = {
    "FEIDE_CLIENT_ID": None,
    "FEIDE_CLIENT_SECRET": None,
    "FEIDE_ISSUER": "https://auth.dataporten.no",
    "FEIDE_GROUPS_API": "https://groups-api.dataporten.no/groups",
    # Feide's attribute groups: the OpenID basics, the Feide name, name and e-mail, the organisation groups.
    "FEIDE_SCOPES": "openid userid userid-feide profile email groups-org",
    "FEIDE_TIMEOUT_SECONDS": 10.0,
}
ENVIRONMENT = ("FEIDE_CLIENT_ID", "FEIDE_CLIENT_SECRET", "FEIDE_ISSUER", "FEIDE_GROUPS_API", "FEIDE_SCOPES")


@dataclass
class Tokens:
    """What the callback leaves us: the validated ID token's claims and the raw tokens."""

    claims: dict
    id_token: str
    access_token: str
    raw: dict


def configure_feide(app: Flask, environ: dict) -> None:
    """Read the FEIDE_* settings (environment over defaults over the app's config) and register the client."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    for key in ENVIRONMENT:
        if environ.get(key):
            app.config[key] = environ[key]
    if environ.get("FEIDE_TIMEOUT_SECONDS"):
        app.config["FEIDE_TIMEOUT_SECONDS"] = float(environ["FEIDE_TIMEOUT_SECONDS"])
    oauth = OAuth(app)
    app.extensions[EXTENSION] = oauth
    if not app.config["FEIDE_CLIENT_ID"]:
        return
    issuer = app.config["FEIDE_ISSUER"].rstrip("/")
    oauth.register(
        "feide",
        client_id=app.config["FEIDE_CLIENT_ID"],
        client_secret=app.config["FEIDE_CLIENT_SECRET"],
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": app.config["FEIDE_SCOPES"],
            "code_challenge_method": "S256",
            "default_timeout": app.config["FEIDE_TIMEOUT_SECONDS"],
        },
    )


def enabled() -> bool:
    return bool(current_app.config.get("FEIDE_CLIENT_ID"))


def client():
    return current_app.extensions[EXTENSION].feide


def authorize_redirect(redirect_uri: str, ui_locale: str):
    """The redirect to Feide; Authlib adds state, nonce and the PKCE challenge and keeps them in the session."""
    return client().authorize_redirect(redirect_uri, ui_locales=ui_locale)


def finish_authorization() -> Tokens:
    """Check the callback and exchange its code (raises Authlib/joserfc/requests errors; see failures.py)."""
    config = current_app.config
    token = client().authorize_access_token(
        claims_options={
            "iss": {"essential": True, "value": config["FEIDE_ISSUER"].rstrip("/")},
            "aud": {"essential": True, "value": config["FEIDE_CLIENT_ID"]},
        }
    )
    return Tokens(
        claims=dict(token["userinfo"]),
        id_token=token["id_token"],
        access_token=token["access_token"],
        raw=token,
    )


def userinfo(tokens: Tokens) -> dict:
    """Feide's userinfo endpoint: name, e-mail and the Feide identifiers."""
    return dict(client().userinfo(token=tokens.raw))


def my_groups(tokens: Tokens) -> list[dict]:
    """Feide's groups API, `/me/groups`: the person's organisations and schools with their affiliations."""
    url = current_app.config["FEIDE_GROUPS_API"].rstrip("/") + "/me/groups"
    response = client().get(url, token=tokens.raw)
    response.raise_for_status()
    groups = response.json()
    return groups if isinstance(groups, list) else []


def logout_url(id_token: str, post_logout_redirect_uri: str) -> str | None:
    """Feide's end-session address for RP-initiated logout, or None when the provider has none."""
    metadata = client().load_server_metadata()
    if not metadata.get("end_session_endpoint"):
        return None
    return client().create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token, client_id=client().client_id
    )["url"]
