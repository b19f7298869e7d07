"""The most a tick could reach: the intranet itself (its middleware, signed session, sign-in check,
CSRF check and the request's transaction) with one extra route that does nothing more and answers
an empty 200. Served with the same gunicorn settings (`gunicorn bench.ceiling:app`); for the
benchmark only, never part of the product."""

from flask_login import login_required

from wsgi import app


@app.post("/bench/nothing")
@login_required
def nothing():
    return ""
