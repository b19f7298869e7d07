"""What the service worker's cache names are made of: the release (a hash of the files a page is built from)
and, per signed-in person, a key derived from their id that cannot be turned back into it."""

import hashlib
import hmac
import os
from pathlib import Path

from flask import Flask, current_app

from ..config import PROJECT_ROOT, STATIC_DIR

SOURCES = (STATIC_DIR, PROJECT_ROOT / "intranet")
KINDS = (".js", ".css", ".svg", ".png", ".html")


def files_digest(roots=SOURCES) -> str:
    """A short hash of every static file and template: a new release has another one."""
    digest = hashlib.sha256()
    for root in roots:
        for folder, dirs, files in sorted(os.walk(root)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(KINDS):
                    path = Path(folder) / name
                    digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def configure_release(app: Flask) -> None:
    """RELEASE_ID from the configuration or the environment (a deployment may name its release), else the
    files' hash. Every app server of one release must have the same one."""
    if not app.config.get("RELEASE_ID"):
        app.config["RELEASE_ID"] = os.environ.get("RELEASE_ID") or files_digest()


def user_key(user_id: int) -> str:
    """The person's part of a cache name: keyed with the app's secret, so it says nothing about the id."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret if isinstance(secret, bytes) else secret.encode()
    return hmac.new(secret, f"offline-cache:{user_id}".encode(), hashlib.sha256).hexdigest()[:16]
