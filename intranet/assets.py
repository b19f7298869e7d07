"""Content-hashed URLs for our static files (and the vendor files npm installs at set-up time)."""

import hashlib
import os
from functools import cache

from flask import current_app, url_for


@cache
def _digest(path: str, mtime_ns: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def asset_url(filename: str) -> str:
    path = f"{current_app.static_folder}/{filename}"
    try:
        version = _digest(path, os.stat(path).st_mtime_ns)
    except FileNotFoundError:
        version = "missing"
    return url_for("static", filename=filename, v=version)
