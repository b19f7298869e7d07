"""/static/ served by WhiteNoise, compressed: the gzip copies are made when the app starts, for every
file that has none or whose copy is older than the file (WhiteNoise gives a copy the file's mtime)."""

import os
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

from .security import security_headers

YEAR = 365 * 24 * 3600


def compress_changed_files(root: Path) -> list[str]:
    """Write `<file>.gz` next to each compressible file under `root` that lacks an up-to-date one;
    returns what was written. A read-only install simply serves the files uncompressed."""
    compressor = Compressor(use_brotli=False, quiet=True)
    written = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith(".gz") or not compressor.should_compress(name):
                continue
            try:
                copy = os.stat(path + ".gz")
                if copy.st_mtime == os.stat(path).st_mtime:
                    continue
            except FileNotFoundError:
                pass
            try:
                written += compressor.compress(path)
            except OSError:
                continue
    return written


def configure_static_serving(app: Flask, root: Path) -> None:
    """Outside debug mode WhiteNoise answers /static/ in front of everything else. Every URL we make
    for a static file carries its content hash (assets.py), so browsers may keep it for a year.
    In debug mode Flask serves the files as they are being edited."""
    if app.debug:
        return
    compress_changed_files(root)
    security = security_headers(app)

    def add_security_headers(headers, path, url):
        for name, value in security.items():
            headers[name] = value

    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(root),
        prefix="static/",
        max_age=YEAR,
        immutable_file_test=lambda path, url: True,
        add_headers_function=add_security_headers,
    )
