"""The public address: every absolute link (mails, QR codes, calendar feeds) is built from it, never from
the Host a request names, and outside debug and testing a request naming another host is refused (400)."""

import os
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, request
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

PUBLIC_BASE_URL_EXAMPLE = "https://rusplan.example.no"
FOREIGN_HOST = "intranet.foreign_host"  # marks a request that named a host the app does not serve


def external_url(endpoint: str, **values) -> str:
    """The absolute address of a page, on the configured public address (PUBLIC_BASE_URL)."""
    parts = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def public_address_problem(address: str) -> str | None:
    """Why `address` cannot be the public address, or None."""
    try:
        parts = urlsplit(address)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises for a port that is no number
    except ValueError:
        return "it is not a valid URL"
    if parts.scheme not in ("http", "https") or not hostname:
        return "it must start with https:// (or http://) followed by the host name"
    if parts.query or parts.fragment or parts.username or parts.password:
        return "it must hold only the scheme, the host name (and port) and an optional path"
    return None


def default_public_address(app: Flask) -> str:
    """In debug and testing: the development server's address (or the tests' SERVER_NAME)."""
    if app.testing and app.config.get("SERVER_NAME"):
        return f"http://{app.config['SERVER_NAME']}"
    return f"http://127.0.0.1:{os.environ.get('PORT') or 5000}"


def configure_public_address(app: Flask, relaxed: bool) -> None:
    """Check PUBLIC_BASE_URL (required outside debug and testing) and trust only its host and TRUSTED_HOSTS."""
    address = app.config.get("PUBLIC_BASE_URL")
    if not address:
        if not relaxed:
            raise RuntimeError(
                "PUBLIC_BASE_URL is not set. Set the PUBLIC_BASE_URL environment variable to the address "
                f"people use to reach the intranet (e.g. {PUBLIC_BASE_URL_EXAMPLE}): links in mails, QR codes "
                "and calendar feeds are built from it, and requests for any other host are refused."
            )
        address = default_public_address(app)
    problem = public_address_problem(address)
    if problem:
        raise RuntimeError(f"PUBLIC_BASE_URL {address!r} cannot be used: {problem} (e.g. {PUBLIC_BASE_URL_EXAMPLE}).")
    app.config["PUBLIC_BASE_URL"] = address.rstrip("/")
    extra = list(app.config.get("TRUSTED_HOSTS") or [])
    if not relaxed or extra:
        hosts = [urlsplit(address).hostname, *extra]
        app.config["TRUSTED_HOSTS"] = list(dict.fromkeys(hosts))


def refuse_foreign_hosts(app: Flask) -> None:
    """Answer a request for a host the app does not trust with 400, in the reader's language.

    The last WSGI layer, so nothing in front of Flask (the public pages' cache) serves such a request.
    Flask's own TRUSTED_HOSTS check would leave the request unable to build any URL, its error page
    included; so the request goes on to Flask under the public host, marked to be refused first thing."""
    trusted = app.config.get("TRUSTED_HOSTS")
    if not trusted:
        return
    public_host = urlsplit(app.config["PUBLIC_BASE_URL"]).netloc
    served = app.wsgi_app

    def checked(environ, start_response):
        try:
            get_host(environ, trusted)
        except SecurityError:
            environ = {**environ, "HTTP_HOST": public_host, FOREIGN_HOST: True}
            return type(app).wsgi_app(app, environ, start_response)
        return served(environ, start_response)

    def refuse_when_foreign():
        if request.environ.get(FOREIGN_HOST):
            abort(400)

    app.wsgi_app = checked
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_when_foreign)
